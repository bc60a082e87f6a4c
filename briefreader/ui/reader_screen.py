"""What the reading screen shows: the four panes, kept in step with one Document.

This half draws and links (state down, cursor and selection across panes,
parsing in the background); ``main_screen.MainScreen`` adds everything that
changes the Document (edits, search, files) on top of it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from briefreader.labels import style_for
from briefreader.model.display import one_line
from briefreader.model.document import Document, Note
from briefreader.nlp.child import parse_copy
from briefreader.ui.article import ArticleView
from briefreader.ui.entities_pane import EntitiesPane
from briefreader.ui.keybar import KeyBar
from briefreader.ui.keypoints_pane import KeyPointsPane
from briefreader.ui.legend import Legend, legend_labels
from briefreader.ui.messages import (
    CursorMoved,
    EntityChosen,
    EntityHighlighted,
    KeyPointChosen,
    NoteHighlighted,
    ParseDone,
    ParseFailed,
)
from briefreader.ui.notes_pane import NotesPane, anchor_label
from briefreader.ui.session import Session

if TYPE_CHECKING:
    from briefreader.ui.app import BriefReaderApp


class ReaderScreen(Screen[None]):
    """Article, Entities, Key points and Notes over one Document: drawing and linking."""

    def __init__(self, doc: Document, session: Session) -> None:
        super().__init__()
        self.doc = doc
        """The one Document every pane renders from."""
        self.session = session
        self.selected_entity: str | None = None
        self.mention_pos: int | None = None
        self.search_query = ""
        self._links_state: object = None
        """What the Key points and Notes panes last showed, to skip identical redraws."""
        self.parsing = False

    @property
    def reader(self) -> BriefReaderApp:
        """The app, typed."""
        from briefreader.ui.app import BriefReaderApp

        assert isinstance(self.app, BriefReaderApp)
        return self.app

    # Layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Header, the four panes, search field, status line, footer."""
        yield Header(icon="≡")
        with Horizontal(id="panes"):
            with Vertical(id="article-column"):
                yield Legend(id="legend")
                article = ArticleView(id="article")
                article.border_title = "Article"
                yield article
            with Vertical(id="side"):
                ents = EntitiesPane(id="entities")
                ents.border_title = "Entities"
                yield ents
                kps = KeyPointsPane(id="keypoints")
                kps.border_title = "Key points"
                yield kps
                notes = NotesPane(id="notes")
                notes.border_title = "Notes"
                yield notes
        yield Static(id="status")
        yield KeyBar()

    @property
    def article(self) -> ArticleView:
        """The Article pane."""
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        """Show the text now; parse after the first frame is on screen."""
        self.article.set_document(self.doc)
        self.article.focus()
        self.refresh_all()
        for w in self.doc.warnings:
            self.notify(one_line(w, 300), title="While reading the file", severity="warning", markup=False, timeout=8)
        if not self.doc.parsed:
            self.start_parse()

    # State down to the panes ----------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """True when the Document has changes that are not saved."""
        return self.doc.revision != self.session.saved_revision

    def refresh_all(self) -> None:
        """Push the Document's state into every pane, header and status line."""
        doc = self.doc
        self.title = one_line(doc.meta.title or self.session.source.name, 120)
        parts = [doc.meta.date or "", self.session.source.name, "● modified" if self.dirty else ""]
        self.sub_title = " · ".join(p for p in parts if p)
        self.article.hidden_labels &= set(legend_labels(doc))
        self._guarded(
            "Legend",
            lambda: self.query_one(Legend).show(doc, self.article.hidden_labels, "parsing…" if self.parsing else ""),
        )
        self._guarded("Entities", lambda: self.query_one(EntitiesPane).show(doc))
        self._refresh_links()

    def _guarded(self, pane: str, update: Callable[[], None]) -> None:
        """Update one pane; if it fails, say so and keep the others (and the user's work) going."""
        try:
            update()
        except Exception as exc:
            self.log.error(f"{pane} pane failed", exc)
            self.notify(
                f"The {pane} pane could not be drawn ({type(exc).__name__}: {one_line(str(exc), 120)}); "
                "the rest of the reader still works.",
                severity="error",
                markup=False,
            )

    def _refresh_links(self) -> None:
        """Markers in Key points and Notes for the cursor's sentence and the selected entity."""
        doc = self.doc
        art = self.article
        here_kp: set[str] = set()
        here_notes: set[str] = set()
        if art.units:
            s, e = art.units[art.cursor]
            here_kp = {k.id for k in doc.key_points_for_span(s, e)}
            here_notes = {n.id for n in doc.notes_for_span(s, e)}
        ent = doc.entity(self.selected_entity) if self.selected_entity else None
        inv_kp = {k.id for k in doc.key_points_for_entity(ent)} if ent else set()
        inv_notes = {n.id for n in doc.notes_for_entity(ent)} if ent else set()
        state = (doc.revision, here_kp, inv_kp, here_notes, inv_notes, self.query_one(KeyPointsPane).by_score)
        if state == self._links_state:
            return  # the cursor moved within the same sentence group: nothing to redraw
        self._links_state = state
        self._guarded("Key points", lambda: self.query_one(KeyPointsPane).show(doc, here_kp, inv_kp))
        self._guarded("Notes", lambda: self.query_one(NotesPane).show(doc, here_notes, inv_notes))

    def status(self, message: str | Text) -> None:
        """One line of feedback under the panes (document text goes in as plain text)."""
        self.query_one("#status", Static).update(message if isinstance(message, Text) else Text(message))

    # Parsing ---------------------------------------------------------------------------------

    def start_parse(self) -> None:
        """Show loading indicators and parse in a thread once the text is painted."""
        self.parsing = True
        for pane in (self.query_one(EntitiesPane), self.query_one(KeyPointsPane)):
            pane.loading = True
        self.status("Parsing with spaCy… (the text is ready to read)")
        self.call_after_refresh(self._begin_parse, Document(self.doc.meta, self.doc.text, list(self.doc.blocks)))

    def _begin_parse(self, snapshot: Document) -> None:
        """After the first frame: start the parse process (main thread, see parse_pool) and the worker."""
        if self.reader.parse_in_process:
            self.reader.parse_pool()
        self._parse_worker(snapshot)

    @work(thread=True, exclusive=True, group="parse")
    def _parse_worker(self, snapshot: Document) -> None:
        """Annotate a copy of the text (never the live Document), off the main thread.

        By default the thread hands the work to a child process: importing
        spaCy holds the GIL for seconds, which would freeze the keys; in a
        process it also runs on the other core.
        """
        from briefreader.nlp.pipeline import ModelError

        reader = self.reader
        taxonomy = str(reader.taxonomy_path) if reader.taxonomy_path else None
        try:
            if reader.parse_in_process:
                parsed = reader.parse_pool().submit(parse_copy, snapshot, reader.model_name, taxonomy).result()
            else:
                parsed = parse_copy(snapshot, reader.model_name, taxonomy)
        except ModelError as exc:
            self.post_message(ParseFailed(str(exc)))
        except BrokenProcessPool:
            reader.reset_parse_pool()
            self.post_message(ParseFailed("the parse process stopped unexpectedly (out of memory?); ctrl+p Re-parse"))
        except Exception as exc:
            self.post_message(ParseFailed(f"parsing failed ({type(exc).__name__}: {exc})"))
        else:
            self.post_message(ParseDone(parsed, threading.get_ident()))

    def on_parse_done(self, message: ParseDone) -> None:
        """Merge the parse into the live Document, keeping what the user did meanwhile."""
        from briefreader.nlp.annotate import merge_entities, merge_key_points

        if message.parsed.text != self.doc.text:
            return  # a parse of a brief that is no longer open
        clean = not self.dirty
        doc = self.doc
        doc.sentences = message.parsed.sentences
        doc.entities = merge_entities(doc.entities, message.parsed.entities)
        doc.key_points = merge_key_points(doc.key_points, message.parsed.key_points)
        doc.parser = message.parsed.parser
        doc.corrections = message.parsed.corrections
        for w in message.parsed.warnings:  # e.g. a corrections.yaml line that was skipped
            self.notify(one_line(w, 300), title="Corrections", severity="warning", markup=False, timeout=8)
        doc.revision += 1
        if clean:
            # A parse is not the analyst's work: nothing to lose by quitting.
            self.session.saved_revision = doc.revision
        self._parse_finished()
        self.article.set_document(doc)
        self.refresh_all()
        n_ent, n_kp = len(doc.visible_entities()), len(doc.key_points)
        self.status(f"Parsed: {n_ent} entities, {n_kp} key points ({doc.parser.model if doc.parser else '?'})")

    def on_parse_failed(self, message: ParseFailed) -> None:
        """Say why; the text, notes and search keep working."""
        self._parse_finished()
        self.refresh_all()
        self.notify(
            one_line(message.reason, 400), title="No entities or key points", severity="error", markup=False, timeout=15
        )
        self.status("Not parsed: " + one_line(message.reason, 200))

    def _parse_finished(self) -> None:
        self.parsing = False
        for pane in (self.query_one(EntitiesPane), self.query_one(KeyPointsPane)):
            pane.loading = False

    # Links between panes --------------------------------------------------------------------

    def on_cursor_moved(self, message: CursorMoved) -> None:
        """The Article moved: show that sentence's key points and notes."""
        self._refresh_links()

    def on_entity_highlighted(self, message: EntityHighlighted) -> None:
        """Highlight every mention of the entity under the Entities cursor."""
        if message.entity_id == self.selected_entity:
            return
        self.selected_entity = message.entity_id
        self.mention_pos = None
        self.article.selected_entity = message.entity_id
        self.article.redraw()
        self._refresh_links()
        ent = self.doc.entity(message.entity_id) if message.entity_id else None
        if ent is not None:
            n = len(ent.visible_mentions)
            line = Text.assemble((one_line(ent.name, 60), style_for(ent.label)), f" · {ent.label} · {n} mention")
            line.append("s" if n != 1 else "")
            line.append("   ] / [ next / previous mention", style="dim")
            self.status(line)

    def on_entity_chosen(self, message: EntityChosen) -> None:
        """Enter on an entity: its first mention."""
        self.selected_entity = message.entity_id
        self.article.selected_entity = message.entity_id
        self.mention_pos = -1
        self.action_next_mention(1)

    def action_next_mention(self, step: int) -> None:
        """``]`` / ``[``: the selected entity's next or previous mention, wrapping round."""
        ent = self.doc.entity(self.selected_entity) if self.selected_entity else None
        if ent is None or not ent.visible_mentions:
            self.notify("Select an entity in the Entities pane first.", severity="warning")
            return
        mentions = ent.visible_mentions
        if self.mention_pos is None:
            here = self.article.units[self.article.cursor][0] if self.article.units else 0
            after = [i for i, m in enumerate(mentions) if m.start > here]
            before = [i for i, m in enumerate(mentions) if m.start < here]
            if step > 0:
                self.mention_pos = after[0] if after else 0
            else:
                self.mention_pos = before[-1] if before else len(mentions) - 1
        else:
            self.mention_pos = (self.mention_pos + step) % len(mentions)
        m = mentions[self.mention_pos]
        self.article.evidence = []
        self.article.move_cursor_to_offset(m.start)
        self.article.redraw()
        self.status(
            Text.assemble(
                (one_line(ent.name, 60), style_for(ent.label)), f": mention {self.mention_pos + 1} of {len(mentions)}"
            )
        )

    def on_key_point_chosen(self, message: KeyPointChosen) -> None:
        """Jump to a key point's evidence and highlight all of it."""
        kp = self.doc.key_point(message.kp_id)
        if kp is None or not kp.evidence:
            return
        self.article.evidence = [(e.start, e.end) for e in kp.evidence]
        self.article.move_cursor_to_offset(kp.evidence[0].start)
        self.article.redraw()
        n = len(kp.evidence)
        self.status(Text.assemble((one_line(kp.title, 80), "bold"), f" · {n} evidence sentence{'s' if n != 1 else ''}"))

    def _show_anchor(self, note: Note) -> None:
        a = note.anchor
        if a.kind == "entity" and a.ref and self.doc.entity(a.ref):
            self.selected_entity = a.ref
            self.article.selected_entity = a.ref
        if a.start is not None and not a.orphaned:
            self.article.evidence = [(a.start, a.end if a.end is not None else a.start)]
            self.article.move_cursor_to_offset(a.start)
            self.article.redraw()
        self.status(Text("About " + anchor_label(self.doc, note)))

    def on_note_highlighted(self, message: NoteHighlighted) -> None:
        """Moving onto a note shows its anchor."""
        note = self.doc.note(message.note_id)
        if note is not None:
            self._show_anchor(note)
