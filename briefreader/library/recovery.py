"""Is unsaved work waiting for a brief? The library's "unsaved recovery" status.

The recovery files are the reader's (``briefreader.io.recovery``); the
index asks through a plain callable, so the session code can swap in its
own check when recovery files change shape.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

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
            self._names, self._seen = set(), None
            return
        if key != self._seen:
            try:
                self._names = set(os.listdir(folder))
            except OSError:
                self._names = set()
            self._seen = key

    def nothing_waiting(self) -> bool:
        """True when the last look found no recovery file at all."""
        return not self._names

    def waiting(self, path: Path) -> bool:
        """Whether the last look found a recovery file for ``path``."""
        from briefreader.io.recovery import recovery_path

        return bool(self._names) and recovery_path(path).name in self._names
