"""Issue 21, items 15, 16 and 24 (a read-only index is not "damaged"): the library index when it cannot be written.

15. A read-only cache folder with an existing index ended in
    ``PermissionError`` in ``schema.remove``; the README promises an index
    in memory then.
16. "database is locked" was a traceback after 10 s with exit status 1
    (which a script reads as "no match"), when another connection holds the
    database or three ``search`` processes start 1 s apart on a cold
    5,000-brief library.
24. A read-only index file was called "damaged" (and replaced).
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefreader.cli import main
from briefreader.library import LibraryIndex, schema
from tests.helpers.library_data import make_library, write

ROOT = Path(__file__).resolve().parents[2]


def index_file(root: Path) -> Path:
    return schema.index_path(root.resolve())


def built(root: Path) -> Path:
    """The library's index, made and filled as a first ``search`` leaves it."""
    with LibraryIndex.open(root) as index:
        index.refresh()
    path = index_file(root)
    assert path.is_file()
    return path


@pytest.fixture
def denied_as_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a read-only folder or file denies to anyone but root (tests run as root in CI): simulate it.

    Only where the mode says so, as the kernel would: removing a file from
    a folder without write permission, and SQLite opening a database that
    needs a -wal/-shm file beside it or write access to itself.
    """
    if os.geteuid() != 0:
        return  # a real user: the kernel denies it itself
    import stat

    def writable(p: Path) -> bool:
        return bool(p.stat().st_mode & stat.S_IWUSR)

    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self.parent.exists() and not writable(self.parent):
            raise PermissionError(13, "Permission denied", str(self))
        real_unlink(self, missing_ok)

    real_connect = schema.connect

    def connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
        p = Path(target)
        if not uri and p.exists() and not (writable(p) and writable(p.parent)):
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(target, uri=uri)

    monkeypatch.setattr(Path, "unlink", unlink)
    monkeypatch.setattr(schema, "connect", connect)


# 15 ------------------------------------------------------------------------------------------


def test_a_read_only_cache_folder_with_an_index_works_in_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], denied_as_root: None
) -> None:
    root = make_library(tmp_path / "lib")
    path = built(root)
    before = path.read_bytes()
    write(root / "new-brief.txt", "Harbour pilots strike\n\nHarbour pilots in Corvale went on strike on Monday.\n")
    path.parent.chmod(0o555)
    try:
        assert main(["search", "pilots", str(root)]) == 0
        out = capsys.readouterr()
        assert "new-brief.txt" in out.out and "Traceback" not in out.err
        assert "read-only" in out.err and "in memory" in out.err
        with LibraryIndex.open(root) as index:
            index.refresh()
            assert any("read-only" in n for n in index.notices) and len(index.briefs()) == 4
    finally:
        path.parent.chmod(0o755)
    assert path.read_bytes() == before  # left as it was


def test_a_damaged_index_that_cannot_be_removed_works_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_library(tmp_path / "lib")
    path = built(root)
    path.write_bytes(b"not a database at all" * 10)

    def remove(p: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(schema, "remove", remove)
    with LibraryIndex.open(root) as index:
        index.refresh()
        assert len(index.briefs()) == 3
        assert any("cannot be replaced (Permission denied)" in n for n in index.notices)


# 24: a read-only index file ------------------------------------------------------------------


def test_a_read_only_index_file_is_not_called_damaged_nor_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], denied_as_root: None
) -> None:
    root = make_library(tmp_path / "lib")
    path = built(root)
    write(root / "new-brief.txt", "Harbour pilots strike\n\nHarbour pilots in Corvale went on strike on Monday.\n")
    path.chmod(0o444)
    before = path.read_bytes()
    assert main(["search", "pilots", str(root)]) == 0
    err = capsys.readouterr().err
    assert "damaged" not in err and "is read-only" in err
    assert path.read_bytes() == before and path.stat().st_mode & 0o777 == 0o444


# 16 ------------------------------------------------------------------------------------------

HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
sys.stdin.read()  # until the test closes the pipe
conn.execute("ROLLBACK")
"""


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """The busy timeout is 10 s; a second is as good a test of what happens after it."""
    monkeypatch.setattr(schema, "BUSY_SECONDS", 1.0, raising=False)


@contextlib.contextmanager
def holding(path: Path) -> Iterator[None]:
    """Another process holds the index's write lock (returns once it does)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdin is not None
    assert proc.stdout.readline().strip() == b"held"
    try:
        yield
    finally:
        proc.stdin.close()
        proc.wait(30)


def test_search_while_another_connection_holds_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], short_busy_timeout: None
) -> None:
    root = make_library(tmp_path / "lib")
    path = built(root)
    with holding(path):
        # Nothing changed: the search reads the index and never waits for the lock.
        t0 = time.perf_counter()
        assert main(["search", "harbour", str(root), "--no-parse"]) == 0  # timed: the lock, not a parse
        assert time.perf_counter() - t0 < schema.BUSY_SECONDS
        capsys.readouterr()
        # A new brief to index: the write waits, tries again, then works from an index in memory.
        write(root / "new-brief.txt", "Harbour pilots strike\n\nHarbour pilots in Corvale went on strike on Monday.\n")
        assert main(["search", "pilots", str(root)]) == 0
        out = capsys.readouterr()
        assert "new-brief.txt" in out.out
        assert "busy" in out.err and "Traceback" not in out.err


def test_a_database_error_is_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_library(tmp_path / "lib")
    built(root)

    def broken(*args: object, **kwargs: object) -> object:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(LibraryIndex, "search", broken)
    assert main(["search", "harbour", str(root)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["briefreader: the library index cannot be used: database is locked"]


WORDS = [
    "minister",
    "harbour",
    "talks",
    "summit",
    "river",
    "glacier",
    "election",
    "court",
    "market",
    "price",
    "oil",
    "trade",
    "envoy",
    "visit",
    "agreement",
    "dispute",
    "border",
    "fishing",
    "boats",
    "mayor",
    "council",
    "budget",
    "port",
    "strike",
    "pilots",
]


def test_three_searches_one_second_apart_on_a_cold_library_of_5000_briefs(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    rnd = random.Random(21)
    for i in range(5000):
        paragraphs = [" ".join(rnd.choice(WORDS) for _ in range(40)).capitalize() + "." for _ in range(4)]
        write(root / f"d{i % 50:02d}" / f"brief-{i:05d}.txt", f"Brief {i}\n\n" + "\n\n".join(paragraphs) + "\n")
    write(root / "d00" / "needle.txt", "Needle found\n\nA zeppelin landed in Corvale.\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = []
    for k in range(3):
        if k:
            time.sleep(1)  # the scenario: three users, a second apart (not a wait for a condition)
        cmd = [sys.executable, "-m", "briefreader", "search", "zeppelin", str(root), "--json", "--no-parse"]
        procs.append(subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert "needle.txt" in out and "Traceback" not in err
