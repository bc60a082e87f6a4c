"""Reading an annotated YAML in a second process while this one starts the reader.

Opening ``NAME.yaml`` cost the first frame ~25 ms of CPU that a source
does not: importing PyYAML (whose pure-Python reader compiles a large
regular expression at import even though the C parser is used) and the
schema, then parsing the file. None of that needs the terminal, and none
of it is needed before the screen's widgets exist, which takes this process
far longer (importing Textual and the reader's modules, ~170 ms). So the
command line starts a helper Python that reads the file (``io.readahead``:
the Document and the file's stamp, importing neither the session nor
Textual) and sends it back pickled on its standard output; this process
takes it when it builds the screen. With a
second core, the YAML costs the first frame the unpickling (under 1 ms for
a page) and starting the helper (~1 ms).

A helper is started, not a fork of this process: a fork shares every page
of this process, and each page this one writes while the child lives (it
is importing Textual meanwhile) is copied, which gave back half of the
gain. With a single usable CPU the helper would compete with this process
for it, so it is not started; nor where it could not be (the file is then
read here, as before).

Nothing changes for the person: a file that cannot be read is the same
one-line BriefError, raised here, and anything unexpected in the helper
(it died, could not import this package, or sent something unreadable)
means the file is read again in this process, where an error shows as it
always did.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefreader.io import readahead
from briefreader.io.errors import BriefError
from briefreader.io.stamp import FileStamp
from briefreader.session.files import Loaded, load_annotated

if TYPE_CHECKING:
    import subprocess


class Prefetch:
    """An annotated YAML being read by a helper process; ``result`` waits for it."""

    def __init__(self, path: Path, proc: subprocess.Popen[bytes]) -> None:
        self.path = path
        self._proc = proc

    def result(self) -> Loaded:
        """The Document and stamp the helper read, or BriefError as ``load_annotated`` raises it."""
        try:
            data, _ = self._proc.communicate()
            kind, value = pickle.loads(data)
        except Exception:  # it died or sent nothing usable: read the file here
            return load_annotated(self.path)
        if kind == "error":
            where, reason = value
            raise BriefError(where, reason)
        if kind == "ok" and isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], FileStamp):
            return Loaded(*value)
        return load_annotated(self.path)  # it met something unexpected: read it here, errors and all

    def close(self) -> None:
        """End a helper whose result nobody will take (it would wait on a full pipe until this process ends)."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.communicate()


def start(path: Path, *, background: bool = False) -> Prefetch | None:
    """Start reading ``path`` in a helper process; None when not (the caller reads it itself).

    ``background``: the file is wanted only after the first frame, so the helper runs at the lowest
    priority (``readahead.BACKGROUND``) and never takes CPU from that frame.
    """
    if _usable_cpus() < 2:
        return None
    import subprocess

    package_folder = os.fsdecode(Path(__file__).resolve().parent.parent.parent)
    try:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-P",
                "-c",
                readahead.HELPER,
                os.fsdecode(path),
                package_folder,
                *([readahead.BACKGROUND] if background else []),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except (OSError, ValueError):
        return None
    return Prefetch(path, proc)


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
