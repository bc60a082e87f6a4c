"""The SQLite file of a library index: where it lives, its tables, and telling a bad one.

One database per library folder, in the user cache folder: it is a cache,
so anything wrong with it (missing, truncated, not a database, another
format version, made for another folder) means "rebuild from the files",
never an error for the user. FTS5 is used when SQLite was built with it;
without it, search falls back to LIKE (see ``search``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
from pathlib import Path

FORMAT = 4
"""Bump when the tables or what is extracted into them change: older indexes are rebuilt.

4: chunks reach FTS5 by one INSERT ... SELECT per brief (``update.insert_rows``), no trigger per row.
"""

TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    rel TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, hash TEXT NOT NULL,
    annotated INTEGER NOT NULL DEFAULT 0  -- a YAML that is a brief; a source that is an export's report
);
CREATE TABLE briefs (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, source TEXT, yaml TEXT,
    title TEXT NOT NULL, date TEXT, tags TEXT NOT NULL, status TEXT NOT NULL, error TEXT,
    parsed INTEGER NOT NULL, fed INTEGER NOT NULL DEFAULT 0, text_hash TEXT, chars INTEGER NOT NULL,
    entities INTEGER NOT NULL, key_points INTEGER NOT NULL, notes INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, filter TEXT NOT NULL
);
CREATE TABLE entities (
    id INTEGER PRIMARY KEY, brief INTEGER NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL,
    aliases TEXT NOT NULL, mentions INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    grp INTEGER
);
CREATE INDEX entities_brief ON entities (brief);
CREATE INDEX entities_grp ON entities (grp);
CREATE TABLE events (brief INTEGER NOT NULL, type TEXT NOT NULL, date TEXT);
CREATE INDEX events_brief ON events (brief);
CREATE TABLE chunks (
    id INTEGER PRIMARY KEY, brief INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
    span_start INTEGER, span_end INTEGER, quote TEXT, fold TEXT
);
CREATE INDEX chunks_brief ON chunks (brief);
CREATE TABLE groups (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, label TEXT NOT NULL,
    aliases TEXT NOT NULL, briefs INTEGER NOT NULL, mentions INTEGER NOT NULL, fold TEXT NOT NULL
);
"""

FTS_TABLES = """
CREATE VIRTUAL TABLE chunks_fts USING fts5 (
    fold, content='chunks', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, fold) VALUES ('delete', old.id, old.fold);
END;
"""


def cache_dir() -> Path:
    """Where indexes live (``$BRIEFREADER_CACHE_DIR``, else platformdirs' user cache: honours ``$XDG_CACHE_HOME``)."""
    env = os.environ.get("BRIEFREADER_CACHE_DIR")
    if env:
        return Path(env) / "library"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefreader", appauthor=False)) / "library"


def index_path(root: Path, folder: Path | None = None) -> Path:
    """The database of one library folder: its name (for a person looking) and a hash of its path."""
    digest = hashlib.sha256(str(root).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", root.name)[:40] or "root"
    return (folder or cache_dir()) / f"{name}-{digest}.sqlite3"


_fts: bool | None = None


def has_fts5() -> bool:
    """True when this Python's SQLite has FTS5 (checked once)."""
    global _fts
    if _fts is None:
        try:
            with contextlib.closing(sqlite3.connect(":memory:")) as c:
                c.execute("CREATE VIRTUAL TABLE t USING fts5 (x)")
            _fts = True
        except sqlite3.Error:
            _fts = False
    return _fts


def damage(path: Path) -> str | None:
    """Why a database file cannot be trusted, from its header alone (None when it looks whole).

    Reads 100 bytes: the magic string, the page size and the page count,
    which is enough to catch a truncated or overwritten file before SQLite
    reads a page that is not there.
    """
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            header = fh.read(100)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if size == 0:
        return "is empty"
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return "is not an SQLite database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count is trusted only while the "valid-for" number equals the change counter.
    if header[24:28] == header[92:96] and pages and size < pages * page_size:
        return f"is truncated ({size} of {pages * page_size} bytes)"
    return None


def read_only(path: Path) -> str | None:
    """Why the database at ``path`` cannot be written (None when it can), without touching it.

    A file or folder without write permission is kept as it is: a person
    made it so (the mode counts too, as root may write anything).
    """
    import stat

    for p, what in ((path, "file"), (path.parent, "folder")):
        try:
            mode = p.stat().st_mode
        except OSError:
            continue
        if not (mode & stat.S_IWUSR and os.access(p, os.W_OK)):
            return f"{what} {p} is read-only" if what == "folder" else "is read-only"
    return None


def busy(exc: sqlite3.Error) -> bool:
    """True for SQLite's "database is locked" / "busy": another connection holds what this one needs."""
    return "locked" in str(exc) or "busy" in str(exc)


def remove(path: Path) -> None:
    """Delete a database with its WAL and shared-memory files."""
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


BUSY_SECONDS = 10.0
"""How long a write waits for another process's (then it is tried once more, then the index is left alone)."""


def connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    """A connection set up for the index: WAL (readers never wait on the refresh), a busy timeout."""
    conn = sqlite3.connect(target, uri=uri, timeout=BUSY_SECONDS, check_same_thread=False, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
    if not uri:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def create(conn: sqlite3.Connection, root: Path, fts: bool) -> None:
    """Make the tables of an empty database (once, when two processes open a new library together)."""
    conn.execute("BEGIN IMMEDIATE")
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
        conn.execute("COMMIT")  # the other process made them first
        return
    for statement in _statements(TABLES + (FTS_TABLES if fts else "")):
        conn.execute(statement)
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [("format", str(FORMAT)), ("root", str(root)), ("fts", "1" if fts else "0"), ("groups_dirty", "1")],
    )
    conn.execute("COMMIT")


def _statements(script: str) -> list[str]:
    """Split a script into statements (triggers hold ';' inside BEGIN ... END)."""
    out: list[str] = []
    current = ""
    for line in script.strip().splitlines():
        current += line + "\n"
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return out


def read_meta(conn: sqlite3.Connection) -> dict[str, str]:
    """The meta table, or {} when there is none (a new or foreign database)."""
    try:
        return dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.OperationalError:
        return {}
