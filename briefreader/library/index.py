"""The library index: every brief under a folder, kept in SQLite for fast tables and search.

The YAML files (and sources) are the truth; the index is a cache of them,
updated incrementally (a file whose size and mtime are unchanged is not
read; one whose size or mtime changed is hashed, and re-indexed only if
its bytes changed). A missing, stale or damaged index is rebuilt from the
files with a notice in ``notices``, never trusted over them and never an
error. No Textual here: the library screen, search results and entity
index views sit on this API.

Threads: each thread gets its own SQLite connection (WAL mode), so a
screen can read while a worker thread refreshes; the refresh commits in
small batches, so the table fills in as briefs are indexed.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from briefreader.library import listing, schema  # update, search, entity_summary load where used: not at start
from briefreader.library.recovery_check import RecoveryCheck, RecoveryFiles
from briefreader.library.results import BriefInfo, EntityMention, EntitySummary, Progress, RefreshReport, SearchHit
from briefreader.library.scan import FileStat, fs_name, index_name, walk
from briefreader.library.text import fold, like_pattern
from briefreader.model.corrections import Corrections
from briefreader.model.document import Document

SORTS = ("date", "title", "file", "status", "entities", "key_points", "notes")
_T = TypeVar("_T")


def _load_corrections() -> Corrections:
    from briefreader.io.corrections_file import load_corrections

    return load_corrections().corrections


class LibraryIndex:
    """The briefs of one library folder, their entities, key points and notes, searchable."""

    def __init__(
        self,
        root: Path,
        target: str,
        *,
        uri: bool = False,
        fts: bool | None = None,
        recovery_check: RecoveryCheck | None = None,
        corrections: Callable[[], Corrections] | None = None,
        only: Iterable[str] | None = None,
    ) -> None:
        self.root = root
        """The library folder (absolute)."""
        self.fts = schema.has_fts5() if fts is None else fts and schema.has_fts5()
        """True when search uses FTS5 (bm25 ranking); False uses the LIKE fallback."""
        self.notices: list[str] = []
        """Things the user should be told (an index rebuilt after damage); the caller shows and clears them."""
        self.recovery_check: RecoveryCheck = recovery_check or RecoveryFiles()
        self._corrections = corrections or _load_corrections
        self._only = sorted(set(only)) if only is not None else None
        self._skipped: set[str] = set()  # the unreadable folders the last walk met: each is told once
        self._target, self._uri = target, uri
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._lock = threading.RLock()
        self._prepare()

    # Opening -----------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        folder: Path | str,
        *,
        cache: Path | None = None,
        fts: bool | None = None,
        recovery_check: RecoveryCheck | None = None,
        corrections: Callable[[], Corrections] | None = None,
    ) -> LibraryIndex:
        """The index of a library folder (its database in the cache folder; made when missing).

        Fast: it does not look at the files. Call ``refresh`` (in a worker
        thread, for a screen) to bring it up to date with them.
        """
        root = Path(folder).resolve()
        path = schema.index_path(root, cache)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            index = cls.in_memory(root, fts=fts, recovery_check=recovery_check, corrections=corrections)
            index.notices.append(f"cannot keep an index in {path.parent} ({exc.strerror or exc}); working without one")
            return index
        return cls(root, str(path), fts=fts, recovery_check=recovery_check, corrections=corrections)

    @classmethod
    def in_memory(
        cls,
        folder: Path | str,
        *,
        only: Iterable[str] | None = None,
        fts: bool | None = None,
        recovery_check: RecoveryCheck | None = None,
        corrections: Callable[[], Corrections] | None = None,
    ) -> LibraryIndex:
        """An index that lives only as long as this object (for a few files named on the command line).

        ``only``: paths relative to ``folder`` to index instead of walking it.
        """
        root = Path(folder).resolve()
        target = f"file:briefreader-{id(root)}-{time.monotonic_ns()}?mode=memory&cache=shared"
        return cls(root, target, uri=True, fts=fts, recovery_check=recovery_check, corrections=corrections, only=only)

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = schema.connect(self._target, uri=self._uri)
            self._local.conn = conn
            with self._lock:
                self._conns.append(conn)
        return conn

    def _prepare(self) -> None:
        """Check the database and make it when missing; anything wrong means a fresh one."""
        if not self._uri:
            if locked := schema.read_only(Path(self._target)):
                self._in_memory(f"the library index {locked}")
                return
            why = schema.damage(Path(self._target))
            if why:
                self._reset(f"the library index {why}")
                return
        try:
            meta = schema.read_meta(self._conn())
            if not meta:
                schema.create(self._conn(), self.root, self.fts)
        except sqlite3.DatabaseError as exc:
            if schema.busy(exc) and not self._uri:  # another process is making it: never delete it under that one
                self._in_memory("the library index is busy (another process is writing it)")
            else:
                self._reset(f"the library index could not be read ({exc})")
            return
        if not meta:
            return  # just made
        if meta.get("format") != str(schema.FORMAT) or meta.get("root") != str(self.root):
            self._reset(None)  # an older format, or another folder's: nothing to tell
        elif meta.get("fts") != ("1" if self.fts else "0"):
            self._reset(None)

    def _reset(self, reason: str | None) -> None:
        """Throw the database away and start an empty one (the next refresh fills it)."""
        with self._lock:
            self.close()
            if not self._uri:
                try:
                    schema.remove(Path(self._target))
                except OSError as exc:
                    self._in_memory(f"{reason or 'the index is out of date'}, and cannot be replaced ({exc.strerror})")
                    return
            try:
                schema.create(self._conn(), self.root, self.fts)
            except sqlite3.Error:
                # The cache folder itself is unusable: work in memory rather than fail.
                self._target = f"file:briefreader-{id(self)}-{time.monotonic_ns()}?mode=memory&cache=shared"
                self._uri = True
                self.close()
                schema.create(self._conn(), self.root, self.fts)
            if reason:
                self.notices.append(f"{reason}; rebuilt from the files")

    def _in_memory(self, reason: str) -> None:
        """Leave the database file as it is and work on an index in memory (the next refresh fills it)."""
        with self._lock:
            self.close()
            self._target = f"file:briefreader-{id(self)}-{time.monotonic_ns()}?mode=memory&cache=shared"
            self._uri = True
            schema.create(self._conn(), self.root, self.fts)
            self.notices.append(f"{reason}; working with an index in memory (nothing is kept)")

    def close(self) -> None:
        """Close every connection (the index can be used again: connections reopen on demand)."""
        with self._lock:
            for conn in self._conns:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._conns.clear()
            self._local = threading.local()

    def __enter__(self) -> LibraryIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _guard(self, fn: Callable[[], _T], *, rebuild: bool = True) -> _T:
        """Run a query; if the database turns out damaged, rebuild it from the files and run it again."""
        try:
            return fn()
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as exc:
            if schema.busy(exc) and self._uri:
                raise
            if schema.busy(exc) or "readonly" in str(exc):
                return self._without_file(fn, exc, rebuild)
            self._reset(f"the library index is damaged ({exc})")
            if rebuild:
                self._refresh(None, None)
            return fn()

    def _without_file(self, fn: Callable[[], _T], exc: sqlite3.Error, rebuild: bool) -> _T:
        """Busy past the timeout (then tried once more) or read-only (not damage): work in memory, the file kept."""
        if busy := schema.busy(exc):
            try:
                return fn()
            except sqlite3.OperationalError as again:
                if not schema.busy(again):
                    raise
        self._in_memory(f"the library index is {'busy (another process is writing it)' if busy else 'read-only'}")
        if rebuild:
            self._refresh(None, None)
        return fn()

    # Refreshing ----------------------------------------------------------------------------

    def refresh(
        self, progress: Callable[[Progress], None] | None = None, cancel: threading.Event | None = None
    ) -> RefreshReport:
        """Bring the index up to date with the files: new, edited, renamed and deleted briefs.

        ``progress`` is called after each brief indexed (from this thread);
        ``cancel`` stops between briefs, keeping what was done.
        """
        return self._guard(lambda: self._refresh(progress, cancel), rebuild=False)

    def _stat_all(self) -> list[FileStat]:
        if self._only is None:
            skipped: list[str] = []
            found = walk(self.root, skipped)
            self.notices += [s for s in skipped if s not in self._skipped]
            self._skipped = set(skipped)
            return found
        out = []
        for rel in self._only:
            try:
                st = (self.root / rel).stat()
            except OSError:
                continue
            out.append(FileStat(index_name(rel), st.st_size, st.st_mtime_ns))
        return out

    def _refresh(self, progress: Callable[[Progress], None] | None, cancel: threading.Event | None) -> RefreshReport:
        t0 = time.perf_counter()
        files = self._stat_all()
        with self._lock:
            digest, whole = listing.vouched(self._conn(), files)
            if whole is not None:  # nothing changed since a whole refresh: update (and the YAML reader) not imported
                report = RefreshReport(unchanged=whole, total=whole)
            else:
                from briefreader.library import update

                report = update.refresh(self._conn(), self.root, files, self.fts, progress, cancel, digest)
        report.seconds = time.perf_counter() - t0
        report.notices = list(self.notices)
        return report

    def record_parse(self, path: Path | str, doc: Document) -> bool:
        """Keep a background parse of a brief that has no annotated YAML (the screen's parse, fed back).

        Taken only when ``doc`` is the brief's text as the index last read
        it; a later edit of the file replaces it at the next refresh.
        Returns False (and keeps nothing) otherwise.
        """
        from briefreader.library import update

        def run() -> bool:
            with self._lock:
                return update.record_parse(self._conn(), self._rel(path), doc, self.fts)

        return self._guard(run)

    def path_of(self, rel: str) -> Path:
        """The file of a path the index stores (relative, with undecodable name bytes kept as ``scan.index_name``)."""
        return self.root / fs_name(rel)

    def _rel(self, path: Path | str) -> str:
        p = Path(path)
        if p.is_absolute():
            try:
                return index_name(p.resolve().relative_to(self.root).as_posix())
            except ValueError:
                return index_name(p.as_posix())
        return index_name(p.as_posix())

    # Reading -------------------------------------------------------------------------------

    _COLUMNS = "id, path, source, yaml, title, date, tags, status, error, parsed, entities, key_points, notes, mtime_ns"

    def _look(self) -> None:
        if isinstance(self.recovery_check, RecoveryFiles):
            self.recovery_check.look()

    def _info(self, r: Any) -> BriefInfo:
        status = r[7]
        check: Callable[[str], bool] | None
        files = self.recovery_check
        if isinstance(files, RecoveryFiles):  # looked once per query; most briefs need no path built
            check = None if files.nothing_waiting() else (lambda rel: files.waiting_under(self.root, rel))
        else:
            check = lambda rel: files(self.root / rel)  # noqa: E731
        if status != "error" and check is not None:
            source = r[2]
            if check(r[1]) or (source and check(source)):
                status = "recovery"
        rel, source, yaml, tags = r[1], r[2], r[3], r[6]
        return BriefInfo(
            root=self.root, rel=rel, title=r[4], date=r[5], status=status, entities=r[10], key_points=r[11],
            notes=r[12], parsed=bool(r[9]),
            # One string for a path the row names twice (a brief is its YAML or its source), one tuple for no tags.
            source_rel=rel if source == rel else source, yaml_rel=rel if yaml == rel else yaml,
            tags=() if tags == "[]" else tuple(json.loads(tags)), error=r[8], mtime_ns=r[13],
        )  # fmt: skip

    def newest(self, limit: int) -> list[BriefInfo]:
        """The first ``limit`` rows of ``briefs()`` (newest first), from one query that sorts in SQLite.

        What a screen paints first: the rows on screen cost a few
        milliseconds, where the 20,000 rows of a large library cost a
        seventh of a second. The order is ``briefs()``'s for the date sort:
        dated before undated, newest date, newest file time, then path.
        """

        def run() -> list[BriefInfo]:
            self._look()
            rows = self._conn().execute(
                f"SELECT {self._COLUMNS} FROM briefs"
                " ORDER BY date IS NOT NULL DESC, coalesce(date, '') DESC, mtime_ns DESC, path LIMIT ?",
                (max(0, limit),),
            )
            return [self._info(r) for r in rows]

        return self._guard(run)

    def counts(self) -> tuple[int, int]:
        """How many briefs, and how many of them are new (as ``briefs()`` would count them), cheaply."""

        def run() -> tuple[int, int]:
            self._look()
            files = self.recovery_check
            if isinstance(files, RecoveryFiles) and files.nothing_waiting():
                total, new = self._conn().execute("SELECT count(*), sum(status = 'new') FROM briefs").fetchone()
                return int(total), int(new or 0)
            everything = self.briefs()  # a recovery file waiting turns a brief's status: ask each row
            return len(everything), sum(b.status == "new" for b in everything)

        return self._guard(run)

    def briefs(self, sort: str = "date", descending: bool | None = None, filter: str = "") -> list[BriefInfo]:
        """The library table: every brief, sorted, filtered by words of title, entity, tag or note.

        ``sort`` is one of SORTS; ``descending`` defaults to newest first
        for dates and largest first for counts, A-Z otherwise. Briefs
        without a date come after the dated ones (newest first), by file time.
        """
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}")
        words = fold(filter).split()
        where = " AND ".join("filter LIKE ? ESCAPE '\\'" for _ in words) or "1"

        def run() -> list[BriefInfo]:
            self._look()
            rows = self._conn().execute(
                f"SELECT {self._COLUMNS} FROM briefs WHERE {where}", [like_pattern(w) for w in words]
            )
            return [self._info(r) for r in rows]

        infos = self._guard(run)
        desc = descending if descending is not None else sort in ("date", "entities", "key_points", "notes")
        infos.sort(key=lambda b: b.rel)
        infos.sort(key=lambda b: _sort_key(b, sort), reverse=desc)
        return infos

    def unparsed(self) -> list[str]:
        """The briefs a parse would add to (a source, no YAML, no parse fed back), by path: one cheap query."""

        def run() -> list[str]:
            self._look()
            query = "SELECT path FROM briefs WHERE status = 'new' AND parsed = 0 ORDER BY path"
            return [r[0] for r in self._conn().execute(query)]

        return self._guard(run)

    def count_unparsed(self) -> int:
        """How many briefs have no entities or key points yet (neither annotated nor parsed): one count query."""
        return int(
            self._guard(lambda: self._conn().execute("SELECT count(*) FROM briefs WHERE parsed = 0").fetchone()[0])
        )

    def brief(self, path: Path | str) -> BriefInfo | None:
        """One brief by the path of either of its files."""
        rel = self._rel(path)

        def run() -> BriefInfo | None:
            self._look()
            r = (
                self._conn()
                .execute(
                    f"SELECT {self._COLUMNS} FROM briefs WHERE path = ? OR source = ? OR yaml = ?", (rel, rel, rel)
                )
                .fetchone()
            )
            return self._info(r) if r else None

        return self._guard(run)

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Sentences, key points and notes of every brief that match ``query``, best first.

        Words must all match (in any order), ``"quoted words"`` as a phrase,
        ``word*`` as a prefix; case and accents are ignored.
        """
        from briefreader.library import search

        return self._guard(lambda: search.run(self._conn(), self.root, query, limit, fts=self.fts))

    def entities(
        self, filter: str = "", labels: Iterable[str] | None = None, limit: int | None = None
    ) -> list[EntitySummary]:
        """Entities across the library, most widely mentioned first, filtered by words of name or alias."""
        from briefreader.library import entity_summary

        return self._guard(lambda: entity_summary.summaries(self._grouped(), filter, labels, limit))

    def briefs_mentioning(self, key: str) -> list[EntityMention]:
        """The briefs that mention an entity (``EntitySummary.key``), newest first, with the first mention."""
        from briefreader.library import entity_summary

        def run() -> list[EntityMention]:
            self._look()
            conn = self._grouped()
            rows = entity_summary.mentions(conn, key, self._COLUMNS)
            return [EntityMention(self._info(r[:14]), r[14], r[15], r[16], r[17]) for r in rows]

        return self._guard(run)

    def entity_paths(self) -> dict[str, list[str]]:
        """For every entity (``EntitySummary.key``), the briefs that mention it (paths relative to the library)."""
        from briefreader.library import entity_summary

        return self._guard(lambda: entity_summary.brief_paths(self._grouped()))

    def _grouped(self) -> sqlite3.Connection:
        """This thread's connection, with the cross-brief entity groups brought up to date first."""
        from briefreader.library import entity_summary

        conn = self._conn()
        corrections = self._corrections()
        with self._lock:
            entity_summary.ensure_groups(conn, corrections)
        return conn


def _sort_key(b: BriefInfo, sort: str) -> Any:
    if sort == "date":
        return (b.date is not None, b.date or "", b.mtime_ns)
    if sort == "title":
        return fold(b.title)
    if sort == "file":
        return b.rel
    if sort == "status":
        return b.status_text
    return getattr(b, sort)
