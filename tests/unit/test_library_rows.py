"""The library table's cheap reads: the first screenful from one sorted query, and the counts from one count."""

from __future__ import annotations

import os
from pathlib import Path

from briefreader.io.recovery import new_recovery_path, write_recovery
from briefreader.io.sources import read_brief
from briefreader.library import LibraryIndex
from tests.helpers.library_data import MARKET, make_library, write


def many(root: Path) -> Path:
    """Briefs with equal dates, no dates, equal file times: every tie ``briefs()`` breaks."""
    make_library(root)
    for i in range(12):
        date = f"{1 + i % 3} March, 2026\n" if i % 4 else ""
        path = write(root / f"day{i % 2}" / f"b{i:02}.txt", date + MARKET.split("\n", 1)[1])
        os.utime(path, ns=(0, 1_700_000_000_000_000_000 + (i % 5) * 1_000_000_000))
    return root


def test_newest_is_the_head_of_the_date_order(tmp_path: Path) -> None:
    with LibraryIndex.open(many(tmp_path / "lib")) as index:
        index.refresh()
        every = [b.rel for b in index.briefs()]
        assert len(every) == 15
        for n in (0, 1, 5, 15, 40):
            assert [b.rel for b in index.newest(n)] == every[:n]
        assert index.newest(15) == index.briefs()


def test_counts_are_the_rows_counted_with_a_recovery_file_waiting_or_not(tmp_path: Path) -> None:
    root = many(tmp_path / "lib")
    with LibraryIndex.open(root) as index:
        index.refresh()
        every = index.briefs()
        assert index.counts() == (15, sum(b.status == "new" for b in every)) == (15, 14)
        brief = root / "day0" / "b02.txt"
        write_recovery(read_brief(brief), new_recovery_path(brief))
        every = index.briefs()
        assert [b.status for b in every].count("recovery") == 1
        assert index.counts() == (15, 13)
