"""The reading screen: composes the panes over one brief session and links them.

State flows down: the screen's reactives (the Document, its revision, the
selected entity, the cursor's sentence, search matches...) are bound into
the panes with ``data_bind``, and each pane redraws itself when they
change. Intents come up: every pane posts its own messages; change requests
all go to ``BriefSession.apply``, whatever pane sent them. Saving, recovery
and opening live in their own small modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from briefreader.model.display import one_line
from briefreader.model.document import Anchor, Document, Note
from briefreader.model.edits import EditError
from briefreader.model.labels import style_for
from briefreader.session import BriefSession, ParseService
from briefreader.session.files import display_name
from briefreader.ui.keys.key_list import KeyRow
from briefreader.ui.messages import ChangeRequested
from briefreader.ui.reader import reader_keys as keys
from briefreader.ui.reader.article import ArticleView, Span
from briefreader.ui.reader.brief_search import SearchFlow, SearchKeys, next_index
from briefreader.ui.reader.legend import Legend, legend_labels
from briefreader.ui.reader.open_brief import choose_brief, confirm_start_fresh
from briefreader.ui.reader.parsing import Parsed, ParseRunner
from briefreader.ui.reader.recovery_keeper import RecoveryKeeper
from briefreader.ui.reader.saving import SaveFlow
from briefreader.ui.reader.source_editor import EditFlow
from briefreader.ui.reader.titlebar import TitleBar
from briefreader.ui.widgets.keybar import KeyBar
from briefreader.ui.widgets.search_field import SearchField

if TYPE_CHECKING:
    from briefreader.session.changes import Change
    from briefreader.ui.commands import PaletteCommand
    from briefreader.ui.dialogs.correction_scope import CorrectionScope
    from briefreader.ui.reader.panes.entities_pane import EntitiesPane
    from briefreader.ui.reader.panes.keypoints_pane import KeyPointsPane
    from briefreader.ui.reader.panes.notes_pane import NotesPane
    from briefreader.ui.reader.panes.timeline_pane import TimelinePane

WARM_UP_DELAY = 1.0
"""Seconds after opening before the note editor's styles are loaded (never in the way of the first frame)."""


class ReaderScreen(SearchKeys, Screen[None]):
    """Article, Entities, Key points (or the Timeline) and Notes over one brief session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        keys.grouped("tab", "app.focus_next", "Next pane", keys.PANE_KEYS, keys.PANES_TIP),
        keys.grouped("shift+tab", "app.focus_previous", "Previous pane", keys.PANE_KEYS, keys.PANES_TIP),
        Binding("slash", "search", "Search", tooltip="Search the brief (case-insensitive)"),
        keys.grouped("n", "next_match(1)", "Next match", keys.MATCHES, keys.MATCHES_TIP),
        keys.grouped("N", "next_match(-1)", "Previous match", keys.MATCHES, keys.MATCHES_TIP),
        keys.grouped("right_square_bracket", "next_mention(1)", "Next mention", keys.MENTIONS, keys.MENTIONS_TIP),
        keys.grouped("left_square_bracket", "next_mention(-1)", "Previous mention", keys.MENTIONS, keys.MENTIONS_TIP),
        Binding("a", "add_note", "Note", tooltip="Add a note to the sentence, or to the entity / key point in focus"),
        *[keys.grouped(str(i), f"toggle_label({i})", f"Label {i}", keys.LABELS, keys.LABEL_TIP) for i in range(1, 10)],
        Binding("T", "timeline", "Timeline", show=False, tooltip=keys.TIMELINE_TIP),
        Binding("y", "copy", "Copy", show=False, tooltip=keys.COPY_TIP),
        Binding("E", "edit_source", "Edit source", show=False, tooltip=keys.EDIT_TIP),
        Binding("escape", "clear", "Clear", show=False, tooltip="Clear search matches and evidence highlights"),
        Binding("ctrl+z", "undo", "Undo", show=False, tooltip="Undo the last edit"),
        Binding("ctrl+y", "redo", "Redo", show=False, tooltip="Redo the last edit undone"),
        Binding("ctrl+s", "save", "Save", tooltip="Save the annotated brief (YAML)"),
        Binding("ctrl+o", "open", "Open", show=False, tooltip="Open another brief, or a folder of them"),
        Binding("question_mark,f1", "help", "Help", tooltip="Every key"),
        Binding("q", "app.quit", "Quit", tooltip="Quit (asks when there are unsaved changes)"),
    ]
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Textual repaints the whole screen when the focus moves; here only the two panes whose border
    changes need it, and they repaint themselves (a whole repaint was ~50 ms per tab at 160x50)."""
    # State bound down into the panes (``data_bind``); the panes' attributes say what each means.
    doc: var[Document | None] = var(None, always_update=True)
    revision: var[int] = var(0)
    dirty: var[bool] = var(False)
    parsing: var[bool] = var(False)
    selected_entity: var[str | None] = var(None)
    cursor_span: var[Span | None] = var(None)
    hidden_labels: var[frozenset[str]] = var(frozenset())
    evidence: var[tuple[Span, ...]] = var(())
    matches: var[tuple[Span, ...]] = var(())
    current_match: var[int | None] = var(None)

    @dataclass
    class OpenRequested(Message):
        """The reader asked to open another brief (the app decides, asking about unsaved work)."""

        path: Path

    def __init__(self, session: BriefSession, parser: ParseService, *, recovery: bool = True) -> None:
        super().__init__()
        self.session = session
        """The brief this screen shows: the one owner of the Document."""
        self.parser = parser
        self.recovery_enabled = recovery
        self.saver = SaveFlow(self, session, self.changed)
        self.recovery = RecoveryKeeper(self, session, self.changed)
        self.parse_runner = ParseRunner(self, session, parser, partial(setattr, self, "parsing"), self.changed)
        self.editor = EditFlow(self, session, self.changed, self.action_reparse)
        self.searching = SearchFlow(
            self, lambda: self.article, lambda: self.session.doc.text, self._show_matches, self.status
        )
        self.mention_pos: int | None = None
        self.set_reactive(ReaderScreen.doc, session.doc)
        self.set_reactive(ReaderScreen.revision, session.doc.revision)
        self.set_reactive(ReaderScreen.dirty, session.dirty)

    @cached_property
    def corrections(self) -> CorrectionScope:
        """Asks whether an entity correction applies to this brief only or to all briefs.

        Made at the first correction: the first frame needs none of its imports (settings, YAML).
        """
        from briefreader.ui.dialogs.correction_scope import CorrectionScope

        return CorrectionScope(self, lambda: self.session.doc, self.apply)

    @classmethod
    def key_rows(cls) -> list[KeyRow]:
        """The help table (and the README's), from the bindings."""
        return keys.help_rows(cls)

    def compose(self) -> ComposeResult:
        """Title bar, legend and Article beside the three lists, status line, key bar."""
        s = ReaderScreen
        yield TitleBar(display_name(self.session.source)).data_bind(s.doc, s.revision, s.dirty)
        with Horizontal(id="panes"):
            with Vertical(id="article-column"):
                yield Legend(id="legend").data_bind(s.doc, s.revision, s.hidden_labels, s.parsing)
                article = ArticleView(id="article").data_bind(
                    s.doc, s.revision, s.selected_entity, s.hidden_labels, s.evidence, s.matches, s.current_match
                )
                article.border_title = "Article"
                yield article
            yield Vertical(id="side")  # its panes come just after the first frame (``side_column``)
        yield Static(id="status")
        yield SearchField()
        yield KeyBar()

    @property
    def article(self) -> ArticleView:
        """The Article pane."""
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        """Show the text now; say what opening found; the side panes and the parse after the first frame."""
        self.article.focus()
        self.call_after_refresh(self._mount_side)
        opening = self.session.opening
        if opening.notice:
            self.status(opening.notice)
        for line in [*self.session.doc.warnings, *opening.problems][:6]:
            self.notify(one_line(line, 300), title="While opening", severity="warning", markup=False, timeout=10)
        if not self.session.doc.parsed:
            self.action_reparse()
        if self.recovery_enabled:
            self.call_after_refresh(self.recovery.offer)  # reads and loads files: after the text is on screen
        self.set_timer(WARM_UP_DELAY, self._warm_up)  # well after the first frame

    def changed(self, message: str = "") -> None:
        """The session changed: push its state down, note it for recovery, say what happened."""
        session = self.session
        self.doc, self.revision, self.dirty = session.doc, session.doc.revision, session.dirty
        if self.recovery_enabled and session.dirty:
            self.recovery.touched()
        if message:
            self.status(message)

    def status(self, message: str | Text) -> None:
        """One line of feedback under the panes (document text goes in as plain text)."""
        line = message if isinstance(message, Text) else Text(message)
        self.query_one("#status", Static).update(line, layout=False)  # one line: no new layout

    @on(ChangeRequested)
    def on_change_requested(self, message: ChangeRequested) -> None:
        """Any pane's change request: applied through the session (an entity correction asks where first)."""
        self.corrections.request(message.change())

    def apply(self, change: Change) -> bool:
        """Make one undoable change, or say why it cannot be made; True when made."""
        try:
            done = self.session.apply(change)
        except EditError as exc:
            self.notify(one_line(str(exc), 200), severity="warning", markup=False)
            return False
        self.changed(done)
        self.status(Text.assemble(done, ("   ctrl+z undoes", "dim")))
        return True

    def action_undo(self) -> None:
        """ctrl+z."""
        label = self.session.undo()
        self.changed(f"Undone: {label}" if label else "Nothing to undo")

    def action_redo(self) -> None:
        """ctrl+y."""
        label = self.session.redo()
        self.changed(f"Redone: {label}" if label else "Nothing to redo")

    def action_reparse(self) -> None:
        """Parse a copy of the text in the background (the text stays readable), keeping corrections and notes."""
        self.parse_runner.start()

    def on_parsed(self, message: Parsed) -> None:
        """The parse worker is done."""
        self.parse_runner.finished(message)

    def action_start_fresh(self) -> None:
        """Set saved annotations aside (after asking) and read the source again."""

        def started(message: str) -> None:
            self.changed(message)
            self.action_reparse()

        confirm_start_fresh(self, self.session, started)

    def on_article_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        """Key points and notes mark the cursor's sentence."""
        self.cursor_span = (message.start, message.end)

    def on_entities_pane_highlighted(self, message: EntitiesPane.Highlighted) -> None:
        """Every mention of the entity under the Entities cursor is highlighted."""
        if message.entity_id == self.selected_entity:
            return
        self.selected_entity = message.entity_id
        self.mention_pos = None
        ent = self.session.doc.entity(message.entity_id) if message.entity_id else None
        if ent is not None:
            from briefreader.ui.reader.panes.entities_pane import entity_summary

            self.status(entity_summary(ent))

    def on_entities_pane_chosen(self, message: EntitiesPane.Chosen) -> None:
        """Enter on an entity: its first mention."""
        self.selected_entity = message.entity_id
        self.mention_pos = -1
        self.action_next_mention(1)

    def action_next_mention(self, step: int) -> None:
        """``]`` / ``[``: the selected entity's next or previous mention, wrapping round."""
        ent = self.session.doc.entity(self.selected_entity) if self.selected_entity else None
        if ent is None or not ent.visible_mentions:
            self.notify("Select an entity in the Entities pane first.", severity="warning", markup=False)
            return
        mentions = ent.visible_mentions
        here = self.article.cursor_span[0] if self.article.cursor_span else 0
        self.mention_pos = next_index([m.start for m in mentions], self.mention_pos, here, step)
        self.evidence = ()
        self.article.move_cursor_to_offset(mentions[self.mention_pos].start)
        where = f": mention {self.mention_pos + 1} of {len(mentions)}"
        self.status(Text.assemble((one_line(ent.name, 60), style_for(ent.label)), where))

    def on_key_points_pane_chosen(self, message: KeyPointsPane.Chosen) -> None:
        """Jump to a key point's evidence and highlight all of it."""
        kp = self.session.doc.key_point(message.kp_id)
        if kp is not None and kp.evidence:
            from briefreader.model.titles import title_of
            from briefreader.ui.reader.panes.keypoints_pane import point_summary

            self.show_evidence(
                tuple((e.start, e.end) for e in kp.evidence), point_summary(kp, title_of(self.session.doc, kp))
            )

    def on_timeline_pane_chosen(self, message: TimelinePane.Chosen) -> None:
        """Jump to an event's sentence and highlight it."""
        e = message.entry
        self.show_evidence(((e.start, e.end),), Text.assemble((e.date, "bold"), "  ", one_line(e.title, 100)))

    def show_evidence(self, spans: tuple[Span, ...], summary: Text) -> None:
        """Highlight spans of the text and put the Article's cursor on the first."""
        self.evidence = spans
        self.article.move_cursor_to_offset(spans[0][0])
        self.status(summary)

    def on_notes_pane_highlighted(self, message: NotesPane.Highlighted) -> None:
        """Moving onto a note shows what it is anchored to."""
        doc = self.session.doc
        note = doc.note(message.note_id)
        if note is None:
            return
        a = note.anchor
        if a.kind == "entity" and a.ref and doc.entity(a.ref):
            self.selected_entity = a.ref
        if a.start is not None and not a.orphaned:
            self.evidence = ((a.start, a.end if a.end is not None else a.start),)
            self.article.move_cursor_to_offset(a.start)
        from briefreader.ui.reader.panes.notes_pane import anchor_label

        self.status(Text("About " + anchor_label(doc, note)))

    async def _mount_side(self) -> None:
        from briefreader.ui.reader.side_column import side_panes

        await self.query_one("#side").mount_all(side_panes(ReaderScreen))  # each list fills once laid out

    @property
    def side_ready(self) -> bool:
        """True once the side panes are mounted and filled (a frame or two after the text)."""
        from briefreader.ui.reader.side_column import side_filled

        return side_filled(self)

    async def _warm_up(self) -> None:
        from briefreader.ui.dialogs.note_editor import warm_up  # not for the first frame

        await warm_up(self)

    def action_add_note(self) -> None:
        """``a``: a note on what has focus: an entity, a key point, or the Article's sentence."""
        from briefreader.ui.dialogs.note_editor import add_note
        from briefreader.ui.reader.panes.notes_pane import anchor_label

        offer = getattr(self.focused, "note_anchor", None)
        anchor = (offer() if callable(offer) else None) or self.article.note_anchor() or Anchor("brief")
        add_note(self.app, anchor_label(self.session.doc, Note("", "", anchor)), anchor, self.apply)

    def action_clear(self) -> None:
        """Escape: clear search matches and evidence highlights."""
        self.matches, self.current_match, self.evidence = (), None, ()
        self.status("")

    def action_toggle_label(self, n: int) -> None:
        """Number keys: hide or show one label's highlights."""
        labels = legend_labels(self.session.doc)
        if 1 <= n <= len(labels):
            label = labels[n - 1]
            self.hidden_labels = self.hidden_labels ^ {label}
            self.status(f"{label} highlights {'hidden' if label in self.hidden_labels else 'shown'}")

    def action_save(self) -> None:
        """ctrl+s."""
        self.saver.save()

    def action_save_as(self) -> None:
        """Save somewhere else."""
        self.saver.save_as()

    def action_open(self) -> None:
        """ctrl+o: choose from this brief's folder, or type a path."""
        source = self.session.source.absolute()

        def chosen(path: Path) -> None:
            self.post_message(self.OpenRequested(path))

        choose_brief(self, source.parent, source, chosen)

    def action_corrections_scope(self) -> None:
        """Palette: where entity corrections apply (ask each time, this brief, all briefs)."""
        self.corrections.choose_default()

    def action_timeline(self) -> None:
        """``T``: the timeline in place of the Key points, or back."""
        from briefreader.ui.reader.side_column import toggle_timeline

        if said := toggle_timeline(self):
            self.status(said)

    def action_copy(self) -> None:
        """``y``: the sentence, key point, event or note in focus, with its citation, to the clipboard."""
        from briefreader.ui.reader.clipboard import copy_focused  # not needed for the first frame

        if said := copy_focused(self.app, self.session.doc, self.focused, self.article):
            self.status(said)

    def action_edit_source(self) -> None:
        """``E``: the source in ``$EDITOR``; read again on return, annotations carried over."""
        self.editor.edit()

    def action_help(self) -> None:
        """``?``: every key."""
        from briefreader.ui.dialogs.help import HelpScreen  # not needed for the first frame

        self.app.push_screen(HelpScreen(self.key_rows()))

    def palette_commands(self) -> list[PaletteCommand]:
        """Every action by the name the help gives it (see ``reader_keys``)."""
        return keys.palette(self, self.session.doc, self.hidden_labels, self.action_toggle_label)
