"""Issue 21, item 17: a brief that could not be read is looked at again.

``chmod 000`` a brief, search, ``chmod 644`` it back: the brief stayed an
error, because neither its size nor its mtime changed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefreader.io import decode
from briefreader.library import LibraryIndex
from tests.helpers.library_data import make_library


def status_of(index: LibraryIndex, name: str) -> str:
    return next(b.status for b in index.briefs() if b.rel.endswith(name))


def test_a_brief_readable_again_is_no_longer_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_library(tmp_path / "lib")
    brief = root / "markets" / "fish-market.txt"
    real_open = os.open

    def chmod_000(path: object, *args: object, **kwargs: object) -> int:
        # What the kernel does for anyone but root after chmod 000 (tests run as root in CI).
        if Path(os.fsdecode(path)) == brief:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    stat_before = brief.stat()
    with LibraryIndex.open(root) as index:
        brief.chmod(0o000)
        monkeypatch.setattr(decode.os, "open", chmod_000)
        index.refresh()
        assert status_of(index, brief.name) == "error"
        brief.chmod(0o644)
        monkeypatch.undo()
        assert (brief.stat().st_size, brief.stat().st_mtime_ns) == (stat_before.st_size, stat_before.st_mtime_ns)
        index.refresh()
        assert status_of(index, brief.name) != "error"
