"""A refresh that finds nothing changed stops after the walk (``library.listing``), and never on a stale index.

The digest of the listing vouches for the index only after a whole
refresh; these tests pin what it must never hide: a file rewritten in
place with the same size, a refresh cancelled half way, a file that
could not be read, and an index another process brought up to date.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from pytest import MonkeyPatch

from briefreader.io.errors import BriefError
from briefreader.library import LibraryIndex, Progress, update
from briefreader.library.scan import walk
from tests.helpers.library_data import MARKET, make_library, write


def vouched(index: LibraryIndex) -> bool:
    """True when a listing digest is stored (a refresh may stop after the walk)."""
    conn: sqlite3.Connection = index._conn()
    return conn.execute("SELECT 1 FROM meta WHERE key = 'listing'").fetchone() is not None


def test_a_whole_refresh_vouches_and_the_next_one_reads_nothing(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    root = make_library(tmp_path / "lib")
    with LibraryIndex.open(root) as index:
        first = index.refresh()
        assert first.added == 3 and vouched(index)

        def no_compare(*args: object, **kwargs: object) -> None:
            raise AssertionError("the files were compared although the listing is the one vouched for")

        monkeypatch.setattr(update, "refresh", no_compare)
        again = index.refresh()
        assert (again.unchanged, again.total, again.changed) == (3, 3, False)


def test_a_file_rewritten_in_place_with_the_same_size_is_seen(tmp_path: Path) -> None:
    root = make_library(tmp_path / "lib")
    brief = root / "markets" / "fish-market.txt"
    with LibraryIndex.open(root) as index:
        index.refresh()
        assert vouched(index)
        folder_mtime = brief.parent.stat().st_mtime_ns
        text = brief.read_text(encoding="utf-8")
        with open(brief, "r+", encoding="utf-8") as fh:  # in place: the folder's mtime does not move
            fh.write(text.replace("Fish prices", "Eels prices", 1))
        st = brief.stat()
        os.utime(brief, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
        assert brief.parent.stat().st_mtime_ns == folder_mtime and brief.stat().st_size == len(text.encode())
        report = index.refresh()
        assert report.updated == 1
        assert [h.rel for h in index.search("eels")] == ["markets/fish-market.txt"]


def test_a_cancelled_refresh_vouches_for_nothing(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    for i in range(30):
        write(root / f"b{i:02}.txt", MARKET.replace("Fish prices", f"Fish prices number{i}"))
    cancel = threading.Event()

    def stop_early(p: Progress) -> None:
        if p.done == 5:
            cancel.set()

    with LibraryIndex.open(root) as index:
        index.refresh()
        assert vouched(index)
        for i in range(30):  # every brief edited: the next refresh has 30 to read
            write(root / f"b{i:02}.txt", MARKET.replace("Fish prices", f"Grain prices lot{i}"))
        index.refresh(progress=stop_early, cancel=cancel)
        assert not vouched(index)
        finished = index.refresh()
        assert finished.updated == 25 and vouched(index)
        assert len({h.rel for h in index.search("grain", 100)}) == 30


def test_an_index_with_an_unreadable_file_is_never_vouched_for(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    root = make_library(tmp_path / "lib")
    write(root / "locked.txt", MARKET)
    real = update.load_file
    # What a chmod 000 file reads as (the tests may run as root, who could read it anyway).
    monkeypatch.setattr(
        update,
        "load_file",
        lambda r, rel: BriefError(rel, "permission denied") if rel == "locked.txt" else real(r, rel),
    )
    with LibraryIndex.open(root) as index:
        index.refresh()
        assert not vouched(index)
        assert {b.rel: b.status for b in index.briefs()}["locked.txt"] == "error"
        monkeypatch.setattr(update, "load_file", real)
        index.refresh()  # readable again, its size and mtime unchanged: read again all the same
        assert {b.rel: b.status for b in index.briefs()}["locked.txt"] == "new"
        assert vouched(index)


def test_another_process_refreshing_leaves_a_digest_that_still_matches_the_files(tmp_path: Path) -> None:
    root = make_library(tmp_path / "lib")
    with LibraryIndex.open(root) as mine, LibraryIndex.open(root) as theirs:
        mine.refresh()
        write(root / "late.txt", MARKET.replace("Fish prices", "Salt prices"))
        theirs.refresh()  # the other process indexes the new brief and vouches for the new listing
        report = mine.refresh()
        assert report.total == 4 and not report.changed
        assert [h.rel for h in mine.search("salt")] == ["late.txt"]


def test_walk_lists_candidates_sorted_and_skips_hidden_and_other_files(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    for rel in ("b/z.TXT", "a.md", "b/a.yaml", "c.markdown", ".hidden/x.txt", ".dot.txt", "notes.pdf", "README"):
        write(root / rel, "x")
    os.mkfifo(root / "pipe.txt")
    assert [f.rel for f in walk(root)] == ["a.md", "b/a.yaml", "b/z.TXT", "c.markdown"]
