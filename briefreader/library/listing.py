"""The digest of a library's listing, which lets a refresh that finds nothing changed stop after the walk.

A refresh that finds nothing to do is what almost every command meets
(``search`` and ``entities`` refresh first, so does the library screen),
and comparing 20,000 files with their rows, then pairing them again,
cost three times the walk. So a refresh that leaves the index whole
stores a digest of the listing it brought the index to (every file's
path, size and mtime) in ``meta``; when the next walk's listing has the
same digest, nothing was added, removed, renamed or rewritten since, as
far as size and mtime tell, which is all the comparison file by file
trusts too. The walk itself, a ``stat`` of every file, is never
skipped: a file edited in place changes no folder's mtime, only its own.

Nothing vouches for an index with an unreadable file in it (every
refresh reads it again: a ``chmod`` back changes neither size nor
mtime), nor for one a refresh left half done (cancelled, or failed):
the digest is removed when a refresh starts writing and stored again in
the transaction that makes the index whole.
"""

from __future__ import annotations

import hashlib
import sqlite3

from briefreader.library import schema
from briefreader.library.scan import FileStat


def digest(files: list[FileStat]) -> str:
    """A digest of a listing (every file's path, size and mtime, in path order): equal digests, same listing."""
    text = "\n".join(f"{f.rel}\0{f.size}\0{f.mtime_ns}" for f in files)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def vouched(conn: sqlite3.Connection, files: list[FileStat]) -> tuple[str, int | None]:
    """The listing's digest, and how many briefs the index holds when it is whole for that listing (else None)."""
    mine = digest(files)
    row = conn.execute("SELECT value FROM meta WHERE key = 'listing'").fetchone()
    if row is None or row[0] != mine:
        return mine, None
    return mine, int(conn.execute("SELECT count(*) FROM briefs").fetchone()[0])


def forget(conn: sqlite3.Connection) -> None:
    """No listing vouches for the index any more (a refresh is writing; call inside its transaction)."""
    conn.execute("DELETE FROM meta WHERE key = 'listing'")


def vouch(conn: sqlite3.Connection, listing: str, *, wait: bool = True) -> None:
    """Record that the index is whole for the listing with digest ``listing``, unless a file is unreadable.

    ``wait=False`` (nothing else to write, outside a transaction): when
    another process is writing, leave it; the next refresh records it.
    """
    if conn.execute("SELECT 1 FROM files WHERE hash LIKE 'unreadable:%' LIMIT 1").fetchone():
        return
    if not wait:
        conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('listing', ?)", (listing,))
    except sqlite3.OperationalError as exc:
        if wait or not schema.busy(exc):
            raise
    finally:
        if not wait:
            conn.execute(f"PRAGMA busy_timeout = {int(schema.BUSY_SECONDS * 1000)}")
