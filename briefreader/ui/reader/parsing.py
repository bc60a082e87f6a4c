"""Parsing from a screen: a copy of the text to the parse service in a thread worker, the result back.

The first frame is painted before the parse starts; the text, search and
notes work while it runs; the result is merged on the main thread, so
what the person did meanwhile is kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.message import Message
from textual.screen import Screen

from briefreader.model.display import one_line
from briefreader.model.document import Document
from briefreader.session import BriefSession, ParseError, ParseService


@dataclass
class Parsed(Message):
    """The parse worker is done: a parsed copy, or why not; ``thread_id`` is the thread it ran in."""

    parsed: Document | None
    reason: str
    thread_id: int


class ParseRunner:
    """Runs parses for one session on one screen."""

    def __init__(
        self,
        screen: Screen[Any],
        session: BriefSession,
        parser: ParseService,
        busy: Callable[[bool], None],
        changed: Callable[[str], None],
    ) -> None:
        self.screen = screen
        self.session = session
        self.parser = parser
        self.busy = busy
        """Told when a parse starts and ends (panes show it is loading)."""
        self.changed = changed
        """Told the session changed, with a status line."""
        self.running = False

    def start(self) -> None:
        """Parse a copy once the first frame is painted; nothing if one is running."""
        if self.running:
            return
        self.running = True
        self.busy(True)
        self.changed("Parsing with spaCy… (the text is ready to read)")
        self.screen.call_after_refresh(self._begin, self.session.parse_copy())

    def _begin(self, snapshot: Document) -> None:
        self.parser.prepare()  # on the main thread (see ParseService.prepare)
        self.screen.run_worker(partial(self._work, snapshot), thread=True, group="parse", exclusive=True)

    def _work(self, snapshot: Document) -> None:
        try:
            parsed: Document | None = self.parser.parse(snapshot)
            reason = ""
        except ParseError as exc:
            parsed, reason = None, str(exc)
        self.screen.post_message(Parsed(parsed, reason, threading.get_ident()))

    def finished(self, message: Parsed) -> None:
        """Merge the parse (keeping what was done meanwhile), or say why there is none."""
        self.running = False
        self.busy(False)
        if message.parsed is None:
            self.screen.notify(
                one_line(message.reason, 400),
                title="No entities or key points",
                severity="error",
                timeout=15,
                markup=False,
            )
            self.changed("Not parsed: " + one_line(message.reason, 200))
            return
        if not self.session.merge_parse(message.parsed):
            # A parse of a text no longer open: the source was edited (E) while it ran. Parse the new one.
            if not self.session.doc.parsed:
                self.start()
            return
        for warning in message.parsed.warnings:  # e.g. a corrections.yaml line that was skipped
            self.screen.notify(one_line(warning, 300), title="Corrections", severity="warning", markup=False)
        doc = self.session.doc
        model = doc.parser.model if doc.parser else "?"
        self.changed(f"Parsed: {len(doc.visible_entities())} entities, {len(doc.key_points)} key points ({model})")
