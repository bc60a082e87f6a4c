"""Writing the index: bring it up to date with the files, or take a parse fed back.

Called by ``LibraryIndex`` with its connection and lock held. Every
brief is replaced by its path inside a write transaction (``BEGIN
IMMEDIATE``), so two processes refreshing one library at once (two
terminals) both end with the same, whole index; transactions are short
(a quarter of a second of briefs), so readers see briefs arrive.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from briefreader.io.pairing import Group, group, is_report_data, is_yaml, looks_annotated
from briefreader.library import listing
from briefreader.library.extract import Extract, file_hash, from_document, load_file, read_group, text_hash
from briefreader.library.results import Progress, RefreshReport
from briefreader.library.scan import FileStat
from briefreader.library.text import fold
from briefreader.model.document import Document

BATCH_SECONDS = 0.25
"""How often a refresh commits, so readers in other threads see briefs arrive."""


def refresh(
    conn: sqlite3.Connection,
    root: Path,
    files: list[FileStat],
    fts: bool,
    progress: Callable[[Progress], None] | None,
    cancel: threading.Event | None,
    digest: str | None = None,
) -> RefreshReport:
    """Compare the files with the index and re-index what changed (see the module docstring).

    ``digest``: ``listing.digest(files)``, when the caller has it already.
    """
    report = RefreshReport()
    digest = listing.digest(files) if digest is None else digest
    stats = {f.rel: f for f in files}
    known = {r[0]: r[1:] for r in conn.execute("SELECT rel, size, mtime_ns, hash, annotated FROM files")}
    changed, touched, annotated = _changes(root, stats, known)
    # ``annotated`` flags a YAML that is a brief, and a source that is briefreader's own report (never a brief).
    groups = group(sorted(r for r in stats if r not in annotated or is_yaml(r)), annotated)
    stored = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT path, source, yaml FROM briefs")}
    todo: list[Group] = []
    for g in groups:
        if stored.get(g.path) == (g.source, g.yaml) and not any(r in changed for r in g.files):
            report.unchanged += 1
        else:
            todo.append(g)
    paths = {g.path for g in groups}
    gone = [p for p in stored if p not in paths]
    in_groups = {r for g in groups for r in g.files}
    report.total = len(groups)
    forgotten = [(r,) for r in known if r not in stats]
    foreign = [(r, stats[r].size, stats[r].mtime_ns, d, b) for r, (d, b) in changed.items() if r not in in_groups]
    if not (gone or forgotten or touched or foreign or todo):
        listing.vouch(conn, digest, wait=False)  # nothing else to write: no wait on another process that is writing
        return report
    conn.execute("BEGIN IMMEDIATE")
    try:
        listing.forget(conn)  # until this refresh is whole: a cancel keeps half of it
        report.removed = delete_briefs(conn, gone)
        conn.executemany("DELETE FROM files WHERE rel = ?", forgotten)
        conn.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE rel = ?", touched)
        # Files that are no brief (someone else's YAML, a report): remembered so they are not read again.
        conn.executemany(
            "INSERT OR REPLACE INTO files (rel, size, mtime_ns, hash, annotated) VALUES (?, ?, ?, ?, ?)", foreign
        )
        last = time.perf_counter()
        for i, g in enumerate(todo):
            if cancel is not None and cancel.is_set():
                break
            ex = read_group(root, g, {r: load_file(root, r) for r in g.files})
            # By path, inside the write transaction: another process may have indexed it meanwhile.
            old = delete_briefs(conn, [g.path])
            insert_brief(conn, g, ex, max(stats[r].mtime_ns for r in g.files), fts)
            conn.executemany(
                "INSERT OR REPLACE INTO files (rel, size, mtime_ns, hash, annotated) VALUES (?, ?, ?, ?, ?)",
                [
                    (r, stats[r].size, stats[r].mtime_ns, *(changed.get(r) or (known[r][2], bool(known[r][3]))))
                    for r in g.files
                ],
            )
            if old:
                report.updated += 1
            else:
                report.added += 1
            if time.perf_counter() - last > BATCH_SECONDS:
                conn.execute("COMMIT")
                conn.execute("BEGIN IMMEDIATE")
                last = time.perf_counter()
            if progress is not None:
                progress(Progress(i + 1, len(todo), g.path))
        else:
            listing.vouch(conn, digest)  # in the transaction that makes the index whole
        if report.changed:
            conn.execute("UPDATE meta SET value = '1' WHERE key = 'groups_dirty'")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return report


def _changes(
    root: Path, stats: dict[str, FileStat], known: dict[str, tuple[int, int, str, int]]
) -> tuple[dict[str, tuple[str, bool]], list[tuple[int, int, str]], set[str]]:
    """Files whose bytes changed (rel -> (hash, flag)), files only touched, and the flagged files.

    The flag: a YAML that is a brief (it has the schema key), or a source
    that is a report ``export`` wrote (``io.pairing.is_report_data``).

    A file whose size and mtime match the index is not opened; one whose
    size or mtime differ is hashed, and counts as changed only if its bytes
    did.
    """
    changed: dict[str, tuple[str, bool]] = {}
    touched: list[tuple[int, int, str]] = []
    annotated: set[str] = set()
    for rel, f in stats.items():
        k = known.get(rel)
        # A file that could not be read is looked at again every time: a chmod back changes neither size nor mtime.
        if k is not None and k[0] == f.size and k[1] == f.mtime_ns and not k[2].startswith("unreadable:"):
            if k[3]:
                annotated.add(rel)
            continue
        raw = load_file(root, rel)
        digest = file_hash(raw) if isinstance(raw, bytes) else f"unreadable:{raw.reason}"
        if k is not None and k[2] == digest:
            touched.append((f.size, f.mtime_ns, rel))
            if k[3]:
                annotated.add(rel)
            continue
        is_brief = isinstance(raw, bytes) and (looks_annotated(raw) if is_yaml(rel) else is_report_data(raw))
        changed[rel] = (digest, is_brief)
        if is_brief:
            annotated.add(rel)
    return changed, touched, annotated


def delete_briefs(conn: sqlite3.Connection, paths: list[str]) -> int:
    """Remove briefs and everything indexed of them; how many there were."""
    ids = [(r[0],) for p in paths for r in conn.execute("SELECT id FROM briefs WHERE path = ?", (p,))]
    for table, column in (("chunks", "brief"), ("entities", "brief"), ("events", "brief"), ("briefs", "id")):
        conn.executemany(f"DELETE FROM {table} WHERE {column} = ?", ids)
    return len(ids)


def insert_brief(conn: sqlite3.Connection, g: Group, ex: Extract, mtime: int, fts: bool) -> int:
    """Add one brief's row and everything indexed of it; its id."""
    cur = conn.execute(
        "INSERT INTO briefs (path, source, yaml, title, date, tags, status, error, parsed, text_hash, chars,"
        " entities, key_points, notes, mtime_ns, filter) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            g.path, g.source, g.yaml, ex.title, ex.date, json.dumps(list(ex.tags)), ex.status, ex.error,
            int(ex.parsed), ex.text_hash, ex.chars, len(ex.entities), ex.key_points, ex.notes, mtime, ex.filter_text,
        ),
    )  # fmt: skip
    brief = int(cur.lastrowid or 0)
    insert_rows(conn, brief, ex, fts)
    return brief


def insert_rows(conn: sqlite3.Connection, brief: int, ex: Extract, fts: bool) -> None:
    """A brief's entities, event frames and searchable chunks (a folded copy for the search without FTS5)."""
    conn.executemany(
        "INSERT INTO entities (brief, name, label, aliases, mentions, span_start, span_end) VALUES (?,?,?,?,?,?,?)",
        [(brief, e.name, e.label, json.dumps(list(e.aliases)), e.mentions, e.start, e.end) for e in ex.entities],
    )
    conn.executemany("INSERT INTO events (brief, type, date) VALUES (?, ?, ?)", [(brief, *e) for e in ex.events])
    conn.executemany(
        "INSERT INTO chunks (brief, kind, text, span_start, span_end, quote, fold) VALUES (?, ?, ?, ?, ?, ?, ?)",
        # FTS5 indexes the folded copy too: its own folding leaves ß, ø, ł and ligatures as they are.
        [(brief, c.kind, c.text, c.start, c.end, c.quote, fold(c.text)) for c in ex.chunks],
    )
    if fts:
        # A brief's chunks in one statement: a trigger per row took twice as long (a quarter of a cold build).
        conn.execute("INSERT INTO chunks_fts (rowid, fold) SELECT id, fold FROM chunks WHERE brief = ?", (brief,))


def record_parse(conn: sqlite3.Connection, rel: str, doc: Document, fts: bool) -> bool:
    """Replace what is indexed of a new brief (no YAML) by a parse of its text; False when it does not fit."""
    row = conn.execute("SELECT id, text_hash, yaml, status FROM briefs WHERE path = ? OR source = ?", (rel, rel))
    found = row.fetchone()
    if found is None or found[2] is not None or found[3] != "new" or found[1] != text_hash(doc.text):
        return False
    ex = from_document(doc, rel)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in ("chunks", "entities", "events"):
            conn.execute(f"DELETE FROM {table} WHERE brief = ?", (found[0],))
        insert_rows(conn, found[0], ex, fts)
        conn.execute(
            "UPDATE briefs SET parsed = 1, fed = 1, entities = ?, key_points = ?, notes = ?, filter = ? WHERE id = ?",
            (len(ex.entities), ex.key_points, ex.notes, ex.filter_text, found[0]),
        )
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'groups_dirty'")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return True
