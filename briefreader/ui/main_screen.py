"""The reading screen: owns the Document, applies every edit.

Panes post messages up; this screen changes the Document through
``briefreader.model.edits`` and pushes the new state down. Parsing and
saving run in thread workers and report back by message.
"""

from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from briefreader.io.errors import BriefError
from briefreader.io.store import save_document
from briefreader.labels import LABEL_ORDER, label_rank, style_for
from briefreader.model import edits
from briefreader.model.display import one_line
from briefreader.model.document import Anchor, Document, Entity, KeyPoint, Note
from briefreader.ui.dialogs import Ask, Choose, Confirm, SearchBar
from briefreader.ui.entities_pane import EntitiesPane
from briefreader.ui.keypoints_pane import KeyPointsPane
from briefreader.ui.legend import Legend, legend_labels
from briefreader.ui.messages import (
    EditRequested,
    NoteChosen,
    SaveDone,
    SaveFailed,
)
from briefreader.ui.note_editor import NoteDraft, NoteEditor
from briefreader.ui.notes_pane import anchor_label
from briefreader.ui.reader_screen import ReaderScreen
from briefreader.ui.session import Session

_Snapshot = tuple[list[Entity], list[KeyPoint], list[Note]]


class MainScreen(ReaderScreen):
    """The reading screen: the one owner of the Document, applying every edit.

    Panes post messages up; this screen changes the Document through
    ``briefreader.model.edits`` and pushes the new state down.
    """

    def __init__(self, doc: Document, session: Session) -> None:
        super().__init__(doc, session)
        self._undo: list[_Snapshot] = []
        """Entities, key points and notes as they were before each edit (ctrl+z)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", tooltip="Search the brief (n / N: next / previous)"),
        Binding("n", "next_match(1)", "Next match", show=False),
        Binding("N", "next_match(-1)", "Previous match", show=False),
        Binding("right_square_bracket", "next_mention(1)", "Next mention", show=False),
        Binding("left_square_bracket", "next_mention(-1)", "Previous mention", show=False),
        Binding("a", "add_note", "Note", tooltip="Add a note to what is in focus"),
        Binding("plus", "mark_entity", "Mark entity", show=False, tooltip="Mark words the model missed"),
        Binding("escape", "clear", "Clear", show=False),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("ctrl+s", "save", "Save", tooltip="Save the annotated brief as YAML"),
        Binding("ctrl+o", "open", "Open", show=False),
        *[Binding(str(i), f"toggle_label({i})", f"Toggle label {i}", show=False) for i in range(1, 10)],
    ]

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
            self.refresh_all()
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
        elif action == "split":
            self._split(target)
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

    def _label_items(self, current: str | None = None) -> list[tuple[str, Text]]:
        """Every known label and any this brief uses, as chooser items."""
        labels = sorted({*LABEL_ORDER, *(e.label for e in self.doc.entities)}, key=lambda x: (label_rank(x), x))
        return [
            (lab, Text.assemble(("● ", style_for(lab)), lab, (" (now)" if lab == current else "", "dim")))
            for lab in labels
        ]

    def _relabel(self, entity_id: str) -> None:
        ent = self.doc.entity(entity_id)
        if ent is None:
            return
        items = self._label_items(current=ent.label)

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

    def _split(self, entity_id: str) -> None:
        ent = self.doc.entity(entity_id)
        if ent is None:
            return
        spellings = sorted({m.text for m in ent.visible_mentions})
        if len(spellings) < 2:
            self.notify("Every mention is spelled the same: nothing to split off.", severity="warning")
            return
        items = [
            (t, Text.assemble(one_line(t, 50), (f"  ×{sum(m.text == t for m in ent.mentions)}", "dim")))
            for t in spellings
        ]

        def done(text: str) -> None:
            self._apply(
                lambda: edits.split_mentions(self.doc, entity_id, [text]),
                f"“{one_line(text, 40)}” is now an entity of its own",
            )

        self.ask(Choose(f"Split off from {one_line(ent.name, 40)}", items), done)

    def action_mark_entity(self) -> None:
        """``+``: mark words of the cursor's sentence as an entity the model missed."""
        art = self.article
        if not art.units:
            return
        start, end = art.units[art.cursor]

        def marked(words: str) -> None:
            at = self.doc.text.find(words, start, end)
            if at < 0:
                self.notify(f"“{one_line(words, 60)}” is not in this sentence.", severity="warning", markup=False)
                return
            self.ask(
                Choose(f"Label for “{one_line(words, 40)}”", self._label_items(), allow_new=True),
                lambda label: self._apply(
                    lambda: edits.add_mention(self.doc, at, at + len(words), label),
                    f"Marked “{one_line(words, 40)}” as {label.upper()}",
                ),
            )

        self.ask(
            Ask("Mark as an entity", "", "Type the words exactly as they stand in the highlighted sentence."), marked
        )

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
