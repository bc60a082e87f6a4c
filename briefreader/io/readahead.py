"""The helper process that reads an annotated YAML ahead of the reader (``session.prefetch`` starts it).

It runs ``python -P -c HELPER FILE PACKAGE_FOLDER``: it imports only this
module and what reading a YAML needs (not the session, not Textual), reads
the file with its stamp (``stamp.read_annotated``) and writes the outcome,
pickled, to its standard output: ``("ok", (Document, FileStamp))``,
``("error", (path, reason))`` for a file that cannot be read, or
``("retry", None)`` when something unexpected happened (the reader then
reads the file itself and shows what happens as it always did).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from pathlib import Path

from briefreader.io.errors import BriefError

HELPER = (
    "import sys; sys.path.append(sys.argv[2]); from briefreader.io.readahead import serve; "
    "serve(sys.argv[1], *sys.argv[3:])"
)
"""What the helper runs: ``serve`` on the file's name (and ``BACKGROUND``, or not), this package found where the
reader found it.

Run with ``-P`` (the current folder is not searched first: a folder of briefs named
``briefreader`` is not this package), and the package's folder appended, not put first
(an installed package's folder holds other packages that must not shadow the standard library).
"""


BACKGROUND = "background"
"""Run on CPU nobody else wants: for a file the reader needs only after its first frame."""


def serve(name: str, priority: str = "") -> None:
    """In the helper: read the file, write the pickled outcome to standard output.

    ``BACKGROUND``: at the lowest priority (nice 19) first. A parse cache
    entry is wanted only after the reader's first frame; read at full
    priority on a machine whose other core was busy, the helper took CPU
    from that frame (+15-80 ms to the first paint under load 2-3); at nice
    19 it gets only what the reader and everyone else leave.
    """
    if priority == BACKGROUND:
        with contextlib.suppress(AttributeError, OSError):  # no such thing here: the usual priority
            os.nice(19)
    from briefreader.io.stamp import read_annotated

    message: tuple[str, object]
    try:
        message = ("ok", read_annotated(Path(name)))
    except BriefError as exc:
        message = ("error", (exc.path, exc.reason))
    except Exception:  # the reader reads the file again and shows what happens
        message = ("retry", None)
    sys.stdout.buffer.write(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
