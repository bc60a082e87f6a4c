"""A long library table makes the cells of the rows it draws, not of every brief, and paints the newest first."""

from __future__ import annotations

from pathlib import Path

from pytest import MonkeyPatch

from briefreader.library import LibraryIndex
from briefreader.ui.library import library_screen
from tests.helpers.app import started
from tests.helpers.library_app import library, library_app, ready
from tests.helpers.library_data import MARKET, write


def long_library(root: Path, n: int = 150) -> Path:
    for i in range(n):
        write(root / f"m{i % 3}" / f"b{i:03}.txt", f"{1 + i % 28} March, 2026\n" + MARKET.split("\n", 1)[1])
    return root


async def test_only_the_rows_drawn_are_made_and_the_rest_when_scrolled_to(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    made: list[str] = []
    real = library_screen.cells
    monkeypatch.setattr(library_screen, "cells", lambda b, cols: made.append(b.rel) or real(b, cols))
    app = library_app(long_library(tmp_path / "lib"))
    async with started(app, size=(100, 30)) as pilot:
        screen = await ready(pilot, app)
        assert screen.table.row_count == 150
        assert 0 < len(set(made)) < 60  # a screenful (and a reload's), not 150 rows
        last = screen.rows[-1].rel
        assert last not in made
        await pilot.press("G")
        await pilot.pause()
        assert last in made
        assert screen.current is not None and screen.current.rel == last


async def test_the_first_frame_is_painted_from_the_newest_rows_then_every_row(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    root = long_library(tmp_path / "lib")
    with LibraryIndex.open(root) as index:
        index.refresh()
        order = [b.rel for b in index.briefs()]
    asked: list[str] = []
    real_newest, real_briefs = LibraryIndex.newest, LibraryIndex.briefs

    def newest(self: LibraryIndex, limit: int) -> object:
        asked.append(f"newest {limit}")
        return real_newest(self, limit)

    def briefs(self: LibraryIndex, *args: object, **kwargs: object) -> object:
        asked.append("briefs")
        return real_briefs(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(LibraryIndex, "newest", newest)
    monkeypatch.setattr(LibraryIndex, "briefs", briefs)
    app = library_app(root)
    async with started(app, size=(100, 30)) as pilot:
        screen = await ready(pilot, app)
        assert asked[:2] == ["newest 30", "briefs"]  # a screenful first, every row after that frame
        assert [b.rel for b in library(app).rows] == order == [b.rel for b in screen.rows]
        assert screen.counts.total == 150
