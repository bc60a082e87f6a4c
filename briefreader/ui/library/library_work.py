"""The library's background work: bring the index up to date, then parse the briefs nobody has parsed.

Both run in thread workers and report by message, so the table stays
responsive and fills in as they go. The refresh reads files and SQLite;
the parses go to the reader's one parse service (its child process keeps
the model loaded) one brief at a time, and each result is fed back to the
index with ``record_parse``: no YAML is written that the analyst did not
ask for. While a reader is open the parsing waits (``pause``), so the
brief being read is parsed first and the keys keep both cores' worth of
attention.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from briefreader.io.errors import BriefError
from briefreader.io.sources import open_any
from briefreader.library import LibraryIndex, Progress, RefreshReport
from briefreader.model.display import one_line
from briefreader.session import ParseError, ParseService

PROGRESS_EVERY = 0.2
"""Seconds between progress messages of a refresh (one per brief would flood the screen's queue)."""


@dataclass
class IndexProgress(Message):
    """The refresh indexed another batch of briefs."""

    progress: Progress


@dataclass
class IndexRefreshed(Message):
    """The refresh is done (``report``), or failed (``error``)."""

    report: RefreshReport | None
    error: str = ""


@dataclass
class BriefParsed(Message):
    """A brief was parsed in the background and its entities and key points indexed (or why not)."""

    rel: str
    ok: bool
    reason: str
    done: int
    total: int
    current: bool = True
    """False for a run that a newer one replaced (its row still counts; its progress does not)."""


class LibraryWork:
    """Refreshes one library's index and parses its new briefs, for one screen."""

    def __init__(self, screen: Screen[Any], index: LibraryIndex, parser: ParseService, *, parse: bool = True) -> None:
        self.screen = screen
        self.index = index
        self.parser = parser
        self.parse_enabled = parse
        """False: new briefs are left unparsed (tests, and ``--no-parse``)."""
        self.refreshing = True
        """True until the first refresh is done, and while any runs (the table is not the whole truth yet)."""
        self.parsing = False
        self.failed: dict[str, str] = {}
        """Briefs whose background parse failed, and why (not tried again this session)."""
        self._run = 0
        """Which parse run is the current one (a refresh starts a new one)."""
        self._held = 0
        self._go = threading.Event()
        self._go.set()

    # Refreshing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Compare the index with the files in a worker thread; ``IndexRefreshed`` says when it is done."""
        self.refreshing = True
        self.screen.run_worker(self._refresh, thread=True, group="library-index", exclusive=True, exit_on_error=False)

    def _refresh(self) -> None:
        worker = get_current_worker()
        stop = threading.Event()
        last = 0.0

        def progress(p: Progress) -> None:
            nonlocal last
            if worker.is_cancelled:
                stop.set()
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY:
                last = now
                self.screen.post_message(IndexProgress(p))

        try:
            report = self.index.refresh(progress=progress, cancel=stop)
        except Exception as exc:  # the files are still there: say why, and the table shows what it has
            self.screen.post_message(IndexRefreshed(None, f"{type(exc).__name__}: {one_line(str(exc), 200)}"))
            return
        self.screen.post_message(IndexRefreshed(report))

    # Parsing new briefs -------------------------------------------------------------------

    def parse(self, rels: list[str]) -> None:
        """Parse these briefs (paths relative to the library), one at a time, in a worker thread."""
        todo = [r for r in rels if r not in self.failed]
        if not self.parse_enabled or not todo:
            return
        self.parsing = True
        self._run += 1
        run = self._run
        self.parser.prepare()  # on the main thread (see ParseService.prepare)
        self.screen.run_worker(
            lambda: self._parse(todo, run), thread=True, group="library-parse", exclusive=True, exit_on_error=False
        )

    def _parse(self, rels: list[str], run: int) -> None:
        worker = get_current_worker()
        for done, rel in enumerate(rels, 1):
            while not self._go.wait(0.2):  # a reader is open: wait, but notice being cancelled
                if worker.is_cancelled:
                    return
            if worker.is_cancelled:
                return
            try:
                ok, reason = self._parse_one(rel)
            except Exception as exc:  # one brief's trouble is one line, never the end of the others
                ok, reason = False, f"{type(exc).__name__}: {one_line(str(exc), 200)}"
            if not ok and reason:
                self.failed[rel] = reason
            self.screen.post_message(BriefParsed(rel, ok, reason, done, len(rels), run == self._run))
        if run == self._run:
            self.parsing = False

    def _parse_one(self, rel: str) -> tuple[bool, str]:
        path = self.index.path_of(rel)
        try:
            doc = open_any(path)
        except BriefError as exc:
            return False, exc.reason
        if doc.parsed:
            return True, ""  # annotated meanwhile (saved from the reader): the next refresh reads it
        for attempt in range(2):
            try:
                parsed = self.parser.parse(doc)
                break
            except ParseError as exc:
                if attempt or "stopped" not in str(exc):
                    return False, str(exc)
                # The service was stopped under us (a reader closed mid-parse): start it again once.
                self.screen.app.call_from_thread(self.parser.prepare)
        # A brief edited since it was listed is refused here and re-read by the next refresh.
        return self.index.record_parse(rel, parsed), ""

    # Pausing while a reader is open ---------------------------------------------------------

    def pause(self) -> None:
        """A reader opened: background parsing waits (calls nest: one ``resume`` per ``pause``)."""
        self._held += 1
        self._go.clear()

    def resume(self) -> None:
        """A reader closed: parsing goes on once no reader holds it."""
        self._held = max(0, self._held - 1)
        if not self._held:
            self._go.set()

    @property
    def paused(self) -> bool:
        """True while a reader holds background parsing."""
        return bool(self._held)
