"""The reading screen: owns the Document, applies every edit, links the panes.

Panes post messages up; this screen changes the Document through
``briefreader.model.edits`` and pushes the new state down. Parsing and
saving run in thread workers and report back by message.
"""

from __future__ import annotations

import bisect
import copy
import re
import threading
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Static

from briefreader.io.errors import BriefError
from briefreader.io.store import save_document
from briefreader.labels import label_rank, style_for
from briefreader.model import edits
from briefreader.model.display import one_line
from briefreader.model.document import Anchor, Document, Entity, KeyPoint, Note
from briefreader.nlp.child import parse_copy
from briefreader.ui.article import ArticleView
from briefreader.ui.dialogs import Ask, Choose, Confirm, SearchBar
from briefreader.ui.entities_pane import EntitiesPane
from briefreader.ui.keybar import KeyBar
from briefreader.ui.keypoints_pane import KeyPointsPane
from briefreader.ui.legend import Legend, legend_labels
from briefreader.ui.messages import (
    CursorMoved,
    EditRequested,
    EntityChosen,
    EntityHighlighted,
    KeyPointChosen,
    NoteChosen,
    NoteHighlighted,
    ParseDone,
    ParseFailed,
    SaveDone,
    SaveFailed,
)
from briefreader.ui.note_editor import NoteDraft, NoteEditor
from briefreader.ui.notes_pane import NotesPane, anchor_label
from briefreader.ui.session import Session

if TYPE_CHECKING:
    from briefreader.ui.app import BriefReaderApp

KNOWN_LABELS = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "PRODUCT",
    "LAW",
    "WORK_OF_ART",
    "LANGUAGE",
    "DATE",
    "TIME",
    "MONEY",
    "PERCENT",
)
_Snapshot = tuple[list[Entity], list[KeyPoint], list[Note]]


class MainScreen(Screen[None]):
    """Article, Entities, Key points and Notes over one Document."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", tooltip="Search the brief (n / N: next / previous)"),
        Binding("n", "next_match(1)", "Next match", show=False),
        Binding("N", "next_match(-1)", "Previous match", show=False),
        Binding("right_square_bracket", "next_mention(1)", "Next mention", show=False),
        Binding("left_square_bracket", "next_mention(-1)", "Previous mention", show=False),
        Binding("a", "add_note", "Note", tooltip="Add a note to what is in focus"),
        Binding("escape", "clear", "Clear", show=False),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("ctrl+s", "save", "Save", tooltip="Save the annotated brief as YAML"),
        Binding("ctrl+o", "open", "Open", show=False),
        *[Binding(str(i), f"toggle_label({i})", f"Toggle label {i}", show=False) for i in range(1, 10)],
    ]

    def __init__(self, doc: Document, session: Session) -> None:
        super().__init__()
        self.doc = doc
        """The one Document every pane renders from."""
        self.session = session
        self.selected_entity: str | None = None
        self.mention_pos: int | None = None
        self.search_query = ""
        self._undo: list[_Snapshot] = []
        self._parse_thread: int | None = None
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

    def refresh_all(self) -> None:
        """Push the Document's state into every pane, header and status line."""
        doc = self.doc
        self.title = one_line(doc.meta.title or self.session.source.name, 120)
        dirty = doc.revision != self.session.saved_revision
        parts = [doc.meta.date or "", self.session.source.name, "● modified" if dirty else ""]
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
        self._parse_thread = message.thread_id
        clean = self.doc.revision == self.session.saved_revision
        doc = self.doc
        doc.sentences = message.parsed.sentences
        doc.entities = merge_entities(doc.entities, message.parsed.entities)
        doc.key_points = merge_key_points(doc.key_points, message.parsed.key_points)
        doc.parser = message.parsed.parser
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

    def on_note_chosen(self, message: NoteChosen) -> None:
        """Enter on a note: show its anchor and open it for editing."""
        note = self.doc.note(message.note_id)
        if note is None:
            return
        self._show_anchor(note)

        def done(draft: NoteDraft | None) -> None:
            if draft is not None:
                self._apply(lambda: edits.edit_note(self.doc, note.id, draft.text, draft.tags), "Note updated")

        self.app.push_screen(NoteEditor(anchor_label(self.doc, note), note.text, note.tags, "Edit note"), done)

    # Edits ------------------------------------------------------------------------------------

    def _snapshot(self) -> _Snapshot:
        return copy.deepcopy((self.doc.entities, self.doc.key_points, self.doc.notes))

    def _apply(self, change: Callable[[], object], done: str = "") -> bool:
        """Run one edit on the Document (undoable); report an EditError instead of raising."""
        before = self._snapshot()
        try:
            change()
        except edits.EditError as exc:
            self.notify(one_line(str(exc), 200), severity="warning", markup=False)
            return False
        self._undo.append(before)
        del self._undo[:-50]
        self.article.refresh_spans()
        self.refresh_all()
        self.reader.changed(self)
        if done:
            self.status(done)
        return True

    def action_undo(self) -> None:
        """Put entities, key points and notes back as they were before the last edit."""
        if not self._undo:
            self.notify("Nothing to undo.")
            return
        self.doc.entities, self.doc.key_points, self.doc.notes = self._undo.pop()
        self.doc.revision += 1
        self.article.refresh_spans()
        self.refresh_all()
        self.reader.changed(self)
        self.status("Undone")

    def on_edit_requested(self, message: EditRequested) -> None:
        """Carry out an edit a pane asked for."""
        action, target = message.action, message.target or ""
        doc = self.doc
        if action == "refresh":
            self._refresh_links()
        elif action == "reject":
            ent = doc.entity(target)
            if ent is not None:
                self._apply(
                    lambda: edits.reject_entity(doc, target), f"Rejected {one_line(ent.name, 60)} (ctrl+z undoes)"
                )
        elif action == "restore":
            self._apply(lambda: edits.restore_entity(doc, target), "Restored")
        elif action == "relabel":
            self._relabel(target)
        elif action == "merge":
            self._merge(target)
        elif action == "rename":
            ent = doc.entity(target)
            if ent is not None:
                self.ask(
                    Ask("Rename entity", ent.name),
                    lambda name: self._apply(lambda: edits.rename_entity(doc, target, name), "Renamed"),
                )
        elif action == "pin":
            self._apply(lambda: edits.toggle_pin(doc, target))
        elif action == "retitle":
            kp = doc.key_point(target)
            if kp is not None:
                self.ask(
                    Ask("Key point title", kp.title),
                    lambda title: self._apply(
                        lambda: edits.retitle_key_point(doc, target, title), "Retitled (and pinned)"
                    ),
                )
        elif action == "delete":
            note = doc.note(target)
            if note is not None:
                self.ask(
                    Confirm(
                        f"Delete this note?\n\n{one_line(note.text, 200)}", [("delete", "Delete"), ("keep", "Keep")]
                    ),
                    lambda answer: (
                        answer == "delete"
                        and self._apply(lambda: edits.delete_note(doc, target), "Note deleted (ctrl+z undoes)")
                    ),
                )

    def _relabel(self, entity_id: str) -> None:
        ent = self.doc.entity(entity_id)
        if ent is None:
            return
        labels = sorted({*KNOWN_LABELS, *(e.label for e in self.doc.entities)}, key=lambda x: (label_rank(x), x))
        items = [
            (lab, Text.assemble(("● ", style_for(lab)), lab, (" (now)" if lab == ent.label else "", "dim")))
            for lab in labels
        ]

        def done(label: str | None) -> None:
            if label:
                self._apply(lambda: edits.relabel_entity(self.doc, entity_id, label), f"Relabelled as {label.upper()}")

        self.app.push_screen(Choose(f"Relabel {one_line(ent.name, 40)}", items, allow_new=True), done)

    def _merge(self, entity_id: str) -> None:
        ent = self.doc.entity(entity_id)
        if ent is None:
            return
        others = [e for e in self.doc.visible_entities() if e.id != entity_id]
        items = [
            (
                e.id,
                Text.assemble(
                    ("● ", style_for(e.label)), one_line(e.name, 50), (f"  {e.label} ×{len(e.visible_mentions)}", "dim")
                ),
            )
            for e in others
        ]

        def done(keep: str | None) -> None:
            if keep:
                target = self.doc.entity(keep)
                name = one_line(target.name, 40) if target else keep
                if self._apply(lambda: edits.merge_entities(self.doc, keep, entity_id), f"Merged into {name}"):
                    self.selected_entity = keep
                    self.article.selected_entity = keep
                    self.query_one(EntitiesPane).highlight_id(keep)

        self.app.push_screen(Choose(f"Merge {one_line(ent.name, 40)} into…", items), done)

    def action_add_note(self) -> None:
        """Anchor a new note to what has focus: entity, key point, or the Article's sentence."""
        doc = self.doc
        focused = self.focused
        anchor: Anchor
        if isinstance(focused, EntitiesPane) and focused.highlighted_id:
            anchor = edits.make_anchor(doc, "entity", ref=focused.highlighted_id)
        elif isinstance(focused, KeyPointsPane) and focused.highlighted_id:
            anchor = edits.make_anchor(doc, "key_point", ref=focused.highlighted_id)
        elif self.article.units:
            s, e = self.article.units[self.article.cursor]
            anchor = edits.make_anchor(doc, "sentence" if doc.sentences else "span", start=s, end=e)
        else:
            anchor = Anchor("brief")
        probe = Note("", "", anchor)

        def done(draft: NoteDraft | None) -> None:
            if draft is not None:
                self._apply(lambda: edits.add_note(doc, draft.text, anchor, draft.tags), "Note added")

        self.app.push_screen(NoteEditor(anchor_label(doc, probe)), done)

    # Search ------------------------------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search field."""

        def done(query: str | None) -> None:
            if query is not None:
                self.run_search(query)

        self.app.push_screen(SearchBar(self.search_query), done)

    def run_search(self, query: str) -> None:
        """Find every match (case-insensitive) and go to the first one after the cursor."""
        self.search_query = query
        art = self.article
        if not query.strip():
            art.matches, art.current_match = [], None
            art.redraw()
            self.status("")
            return
        art.matches = [(m.start(), m.end()) for m in re.finditer(re.escape(query), self.doc.text, re.IGNORECASE)]
        if not art.matches:
            art.current_match = None
            art.redraw()
            self.status(Text.assemble("No match for “", one_line(query, 60), "”"))
            return
        here = art.units[art.cursor][0] if art.units else 0
        starts = [s for s, _e in art.matches]
        art.current_match = bisect.bisect_left(starts, here) % len(art.matches)
        self._show_match()

    def _show_match(self) -> None:
        art = self.article
        if art.current_match is None:
            return
        s, e = art.matches[art.current_match]
        art.scroll_to_span(s, e)
        art.move_cursor_to_offset(s)
        art.redraw()
        self.status(
            Text.assemble(
                f"match {art.current_match + 1} of {len(art.matches)} for “",
                one_line(self.search_query, 60),
                "”   n / N next / previous",
            )
        )

    def action_next_match(self, step: int) -> None:
        """``n`` / ``N``."""
        art = self.article
        if not art.matches:
            self.notify("No search: press / to search.", severity="warning")
            return
        art.current_match = ((art.current_match or 0) + step) % len(art.matches)
        self._show_match()

    def action_clear(self) -> None:
        """Escape: clear search matches and evidence highlights."""
        art = self.article
        art.matches, art.current_match, art.evidence = [], None, []
        art.redraw()
        self.status("")

    def action_toggle_label(self, n: int) -> None:
        """Number keys: hide or show one label's highlights."""
        labels = legend_labels(self.doc)
        if not 1 <= n <= len(labels):
            return
        label = labels[n - 1]
        hidden = self.article.hidden_labels
        hidden.symmetric_difference_update({label})
        self.article.redraw()
        self.query_one(Legend).show(self.doc, hidden)
        self.status(f"{label} highlights {'hidden' if label in hidden else 'shown'}")

    # Files -----------------------------------------------------------------------------------------

    def action_save(self, path: str | None = None) -> None:
        """Save in a thread; the Document stays as it is whatever happens."""
        target = Path(path) if path else self.session.save_path
        self.status(f"Saving to {target}…")
        self._save_worker(copy.deepcopy(self.doc), target)

    @work(thread=True, exclusive=True, group="save")
    def _save_worker(self, doc: Document, target: Path) -> None:
        try:
            save_document(doc, target)
        except BriefError as exc:
            self.post_message(SaveFailed(str(target), exc.reason))
        except Exception as exc:
            self.post_message(SaveFailed(str(target), f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(SaveDone(str(target), doc.revision))

    def on_save_done(self, message: SaveDone) -> None:
        """Mark saved (if nothing changed meanwhile) and say where."""
        self.session.save_path = Path(message.path)
        self.session.saved_revision = message.revision
        self.refresh_all()
        self.reader.saved(self)
        self.notify(f"Saved to {one_line(message.path, 200)}", markup=False)
        self.status(f"Saved to {message.path}")
        if self.reader.quit_after_save:
            self.app.exit()

    def on_save_failed(self, message: SaveFailed) -> None:
        """Keep the work, say why, and offer another place."""
        self.reader.quit_after_save = False
        self.notify(
            f"Could not save to {one_line(message.path, 120)}: {one_line(message.reason, 200)}",
            title="Not saved",
            severity="error",
            markup=False,
            timeout=15,
        )
        suggestion = str(Path.home() / Path(message.path).name)
        self.ask(
            Ask("Save to another place", suggestion, "Your work is still here, unsaved. Escape to keep reading."),
            self.action_save,
        )

    def action_open(self) -> None:
        """Choose another brief (from the folder opened, or any path typed)."""
        items = [(str(p), Text(p.name)) for p in self.session.files]
        self.ask(
            Choose("Open a brief (or type a path)", items, allow_new=True),
            lambda choice: self.reader.open_path(Path(choice)),
        )

    def ask(self, dialog: ModalScreen[str | None], then: Callable[[str], object]) -> None:
        """Show a dialog; call ``then`` with its answer unless it was cancelled."""

        def answered(value: str | None) -> None:
            if value:
                then(value)

        self.app.push_screen(dialog, answered)
