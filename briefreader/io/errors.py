"""Errors a user can cause with a file: each carries a one-line message."""

from __future__ import annotations

from pathlib import Path


class BriefError(Exception):
    """A brief or annotated file that cannot be read or written.

    The message names the file and what is wrong, so the CLI and the app can
    show it as is, without a traceback.
    """

    def __init__(self, path: Path | str | None, reason: str) -> None:
        self.path = Path(path) if path is not None else None
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path is not None else reason)
