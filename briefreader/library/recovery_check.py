"""Is unsaved work waiting for a brief? The library's "unsaved recovery" status.

The recovery files are the reader's (``briefreader.io.recovery``); the
index asks through a plain callable, so the session code can swap in its
own check when recovery files change shape.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from briefreader.library.scan import fs_name

RecoveryCheck = Callable[[Path], bool]
"""Says whether unsaved work for a brief file is waiting to be restored."""


class RecoveryFiles:
    """The default recovery check: is there a recovery file (``io.recovery``) for this brief?

    The index calls ``look`` once per query and ``waiting`` per row: a table
    asks for thousands of rows at once, and most of the time the recovery
    folder is empty, so no path needs hashing at all.
    """

    def __init__(self) -> None:
        self._seen: tuple[str, int] | None = None
        self._names: set[str] = set()
        """The keys (``io.recovery.recovery_key``) of the briefs with recovery files."""
        self._stems: set[str] = set()
        """Their readable parts: a brief whose stem is not here needs no hashing."""

    def __call__(self, path: Path) -> bool:
        self.look()
        return self.waiting(path)

    def look(self) -> None:
        """Read the recovery folder again if it changed since the last look."""
        from briefreader.io.recovery import recovery_dir

        folder = recovery_dir()
        try:
            key = (str(folder), folder.stat().st_mtime_ns)
        except OSError:
            self._names, self._stems, self._seen = set(), set(), None
            return
        if key != self._seen:
            try:
                # Files are KEY.SESSION.yaml: one brief may have several (one per reading session).
                self._names = {name.split(".", 1)[0] for name in os.listdir(folder)}
            except OSError:
                self._names = set()
            self._stems = {name.rsplit("-", 1)[0] for name in self._names}
            self._seen = key

    def nothing_waiting(self) -> bool:
        """True when the last look found no recovery file at all."""
        return not self._names

    def waiting_under(self, root: Path, rel: str) -> bool:
        """``waiting(root / rel)``, building the path only for a brief whose stem has a recovery file."""
        from briefreader.io.recovery import recovery_stem

        if not self._names or recovery_stem(rel) not in self._stems:
            return False
        return self.waiting(root / fs_name(rel))

    def waiting(self, path: Path) -> bool:
        """Whether the last look found a recovery file for ``path``."""
        from briefreader.io.recovery import recovery_key, recovery_stem

        if not self._names or recovery_stem(path) not in self._stems:
            return False
        return recovery_key(path) in self._names
