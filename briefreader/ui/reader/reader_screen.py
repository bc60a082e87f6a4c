"""The reading screen: composes the panes over one brief session and links them.

State flows down: the screen's reactives (the Document, its revision, the
selected entity, the cursor's sentence, search matches...) are bound into
the panes with ``data_bind``, and each pane redraws itself when they
change. Intents come up: every pane posts its own messages, and every edit
is one ``ChangeRequested`` carrying its change, applied through
``BriefSession.apply``. Slow work runs in workers that report by message:
the parse in a thread (``Parsed``), a save's questions and its write
(``Saved``); the dialogs of saving, opening and recovery are functions of
their own modules, awaited here.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import Static

from briefreader.io.errors import BriefError
from briefreader.model.display import one_line
from briefreader.model.document import Anchor, Document, Note
from briefreader.model.edits import EditError
from briefreader.model.labels import style_for
from briefreader.model.polarity import clipped
from briefreader.session import BriefSession, ParseError, ParseService
from briefreader.session.files import display_name, display_path
from briefreader.ui.key_list import KeyRow
from briefreader.ui.messages import ChangeRequested, FrameWanted, Parsed, Saved
from briefreader.ui.reader import reader_keys as keys
from briefreader.ui.reader import recovery_offer
from briefreader.ui.reader.article import ArticleView, Span
from briefreader.ui.reader.brief_search import Search, next_index
from briefreader.ui.reader.legend import Legend, legend_labels
from briefreader.ui.reader.titlebar import TitleBar
from briefreader.ui.textual_private import QuietFocusScreen
from briefreader.ui.widgets.keybar import KeyBar
from briefreader.ui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from briefreader.session.changes import Change
    from briefreader.session.correction_entries import Entry
    from briefreader.session.parse_ahead import ParseAhead
    from briefreader.ui.commands import PaletteCommand
    from briefreader.ui.reader.panes.entities_pane import EntitiesPane
    from briefreader.ui.reader.panes.keypoints_pane import KeyPointsPane
    from briefreader.ui.reader.panes.notes_pane import NotesPane
    from briefreader.ui.reader.panes.timeline_pane import TimelinePane

WARM_UP_DELAY = 1.0
"""Seconds after opening before the note editor's styles are loaded (never in the way of the first frame)."""


@dataclass
class NotCached(Message):
    """The parse cache does not hold the brief: the screen starts a parse of ``snapshot``."""

    snapshot: Document


class ReaderScreen(QuietFocusScreen):
    """Article, Entities, Key points (or the Timeline) and Notes over one brief session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        keys.grouped("tab", "app.focus_next", "Next pane", keys.PANE_KEYS, keys.PANES_TIP, "reader.next_pane"),
        keys.grouped(
            "shift+tab", "app.focus_previous", "Previous pane", keys.PANE_KEYS, keys.PANES_TIP, "reader.previous_pane"
        ),
        keys.grouped(
            "right_square_bracket",
            "next_mention(1)",
            "Next mention",
            keys.MENTIONS,
            keys.MENTIONS_TIP,
            "reader.next_mention",
        ),
        keys.grouped(
            "left_square_bracket",
            "next_mention(-1)",
            "Previous mention",
            keys.MENTIONS,
            keys.MENTIONS_TIP,
            "reader.previous_mention",
        ),
        Binding(
            "a",
            "add_note",
            "Note",
            tooltip="Add a note to the sentence, or to the entity / key point in focus",
            id="reader.add_note",
        ),
        *[
            keys.grouped(str(i), f"toggle_label({i})", f"Label {i}", keys.LABELS, keys.LABEL_TIP, f"reader.label_{i}")
            for i in range(1, 10)
        ],
        Binding("T", "timeline", "Timeline", show=False, tooltip=keys.TIMELINE_TIP, id="reader.timeline"),
        Binding("y", "copy", "Copy", show=False, tooltip=keys.COPY_TIP, id="reader.copy"),
        Binding("E", "edit_source", "Edit source", show=False, tooltip=keys.EDIT_TIP, id="reader.edit_source"),
        Binding(
            "escape",
            "clear",
            "Clear",
            show=False,
            tooltip="Clear search matches and evidence highlights",
            id="reader.clear",
        ),
        Binding("ctrl+z", "undo", "Undo", show=False, tooltip="Undo the last edit", id="reader.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, tooltip="Redo the last edit undone", id="reader.redo"),
        Binding("ctrl+s", "save", "Save", tooltip="Save the annotated brief (YAML)", id="reader.save"),
        Binding(
            "ctrl+o", "open", "Open", show=False, tooltip="Open another brief, or a folder of them", id="reader.open"
        ),
        Binding("question_mark,f1", "help", "Help", tooltip="Every key", id="reader.help"),
        Binding("q", "app.quit", "Quit", tooltip="Quit (asks when there are unsaved changes)", id="reader.quit"),
    ]
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
        """The app's parse service."""
        self.recovery_enabled = recovery
        """Write unsaved work aside, and offer back what earlier sessions left."""
        self.search = Search()
        """The last search: its query, matches and the current one."""
        self.mention_pos: int | None = None
        """Which of the selected entity's mentions ``]`` / ``[`` reached."""
        self._recovery_timer: Timer | None = None
        self._recovery_warned = False
        self._looking_up = False
        """The parse cache is being asked (``look_up``): a second re-parse waits for its answer."""
        self._read_ahead: ParseAhead | None = None
        """The brief's cached parse, being read since the command line began it; merged with the side panes."""
        self._settings_told: set[str] = set()
        """Problems of ``settings.yaml`` already said (once each)."""
        self.set_reactive(ReaderScreen.doc, session.doc)
        self.set_reactive(ReaderScreen.revision, session.doc.revision)
        self.set_reactive(ReaderScreen.dirty, session.dirty)

    @classmethod
    def key_rows(cls, keymap: dict[str, str] | None = None) -> list[KeyRow]:
        """The help table (and the README's), from the bindings, with ``keymap``'s keys in force."""
        return keys.help_rows(cls, keymap or {})

    def compose(self) -> ComposeResult:
        """Title bar; legend and Article beside the three lists, and the status line, in the search bar; key bar."""
        s = ReaderScreen
        yield TitleBar(display_name(self.session.source)).data_bind(s.doc, s.revision, s.dirty)
        with SearchBar():
            with Horizontal(id="panes"):
                with Vertical(id="article-column"):
                    yield Legend(id="legend").data_bind(s.doc, s.revision, s.hidden_labels, s.parsing)
                    article = ArticleView(id="article").data_bind(
                        s.doc, s.revision, s.selected_entity, s.hidden_labels, s.evidence, s.matches, s.current_match
                    )
                    article.border_title = "Article"
                    yield article
                # The column keeps its width from the first frame (the Article wraps once); its panes
                # come just after that frame (``mount_side_panes``).
                yield Vertical(id="side")
            yield Static(id="status")
        yield KeyBar()

    @property
    def article(self) -> ArticleView:
        """The Article pane."""
        return self.query_one(ArticleView)

    async def mount_side_panes(self) -> None:
        """Entities, Key points, the (hidden) Timeline and Notes, bound to the screen's state and filled at
        once: they first appear filled, in the frame after the text's, not one frame later (~25 ms).

        A cached parse the command line had read (``ParseService.begin``) is merged first, so they fill
        once, with its key points. Not ``textual.lazy.Lazy``: it takes the panes built in ``compose``, so
        their modules (~12 ms of imports, 5% of a bare app's first paint) would load before the first frame.
        """
        from briefreader.ui.reader.panes.entities_pane import EntitiesPane
        from briefreader.ui.reader.panes.keypoints_pane import KeyPointsPane
        from briefreader.ui.reader.panes.notes_pane import NotesPane
        from briefreader.ui.reader.panes.timeline_pane import TimelinePane
        from briefreader.ui.widgets.pane_list import PaneList

        if self._read_ahead is not None:
            # The command line had the cached parse read (``ParseService.begin``): merged before the panes
            # exist, they fill once, with it, a frame sooner than a parse arriving after their first fill.
            ahead, self._read_ahead = self._read_ahead, None
            snapshot = self.session.parse_copy()
            hit = await asyncio.to_thread(ahead.cached, snapshot)
            if hit is not None:
                self.take_parse(hit, "")
            else:
                self._looking_up = False
                self.action_reparse()  # it could not be read: the usual way
        s = ReaderScreen  # data_bind binds to the node whose code runs: this screen
        await self.query_one("#side").mount_all(
            [
                EntitiesPane(id="entities", title="Entities").data_bind(
                    s.doc, s.revision, s.parsing, s.selected_entity
                ),
                KeyPointsPane(id="keypoints", title="Key points").data_bind(
                    s.doc, s.revision, s.parsing, s.cursor_span, s.selected_entity
                ),
                TimelinePane(id="timeline", title="Timeline").data_bind(
                    s.doc, s.revision, s.parsing, s.cursor_span, s.selected_entity
                ),
                NotesPane(id="notes", title="Notes").data_bind(s.doc, s.revision, s.cursor_span, s.selected_entity),
            ]
        )
        # Filled now, in the frame that first shows them: waiting for their layout cost a frame (~25 ms).
        for pane in self.query(PaneList):
            pane.fill_now()

    @property
    def side_ready(self) -> bool:
        """True once the side panes are mounted and filled (a frame or two after the text)."""
        from briefreader.ui.widgets.pane_list import PaneList

        lists = self.query(PaneList)
        return bool(lists) and all(pane.filled for pane in lists)

    def on_mount(self) -> None:
        """Show the text now; say what opening found; the parse and the offer of kept work after the first frame.

        What the command line learnt from the parse cache (``ParseService.begin``) decides the order: a
        brief it missed starts its parse first thing after the first frame, one it holds is merged with
        the side panes; with no answer, the cache is asked after the panes mount.
        """
        self.article.focus()
        ahead = None if self.session.doc.parsed else self.parser.ahead(self.session.parse_copy())
        if ahead is not None and ahead.reading is None:
            self._looking_up = True
            self.call_after_refresh(self.start_parse, ahead.snapshot)
        self.call_after_refresh(self.mount_side_panes)
        opening = self.session.opening
        if opening.notice:
            self.status(opening.notice)
        for line in [*self.session.doc.warnings, *opening.problems][:6]:
            self.notify(one_line(line, 300), title="While opening", severity="warning", markup=False, timeout=10)
        if ahead is not None and ahead.reading is not None:
            self._read_ahead = ahead
            self._looking_up = True  # merged with the side panes (``mount_side_panes``)
        elif ahead is None and not self.session.doc.parsed:
            self.action_reparse()
        if self.recovery_enabled:
            self.call_after_refresh(self.offer_recovery)  # reads and loads files: after the text is on screen
        self.set_timer(WARM_UP_DELAY, self._warm_up)  # well after the first frame

    def changed(self, message: str = "") -> None:
        """The session changed: push its state down, note it for recovery, say what happened."""
        session = self.session
        self.doc, self.revision, self.dirty = session.doc, session.doc.revision, session.dirty
        if self.recovery_enabled and session.dirty:
            if self._recovery_timer is not None:
                self._recovery_timer.stop()
            self._recovery_timer = self.set_timer(recovery_offer.RECOVERY_DELAY, self.write_recovery)
        if message:
            self.status(message)

    def status(self, message: str | Text) -> None:
        """One line of feedback under the panes (document text goes in as plain text)."""
        line = message if isinstance(message, Text) else Text(message)
        self.query_one("#status", Static).update(line, layout=False)  # one line: no new layout

    # Edits ------------------------------------------------------------------------------

    @on(ChangeRequested)
    def on_change_requested(self, message: ChangeRequested) -> None:
        """Any pane's change: applied through the session; an entity correction may apply to all briefs."""
        from briefreader.io.settings import load_settings
        from briefreader.session.correction_entries import entries_for

        change = message.change
        entries = entries_for(change, self.session.doc)
        if not entries:
            self.apply(change)
            return
        settings = load_settings()
        for problem in settings.problems:
            if problem not in self._settings_told:
                self._settings_told.add(problem)
                self.notify(one_line(problem, 300), title="Settings", severity="warning", markup=False)
        if settings.corrections_scope == "ask":
            self.ask_correction_scope(change, entries)
        else:
            self.correct(change, entries, settings.corrections_scope)

    @work(group="corrections")
    async def ask_correction_scope(self, change: Change, entries: list[Entry]) -> None:
        """Ask whether a correction applies to this brief only or to all briefs, then make it."""
        from briefreader.ui.dialogs.correction_scope import ask_scope

        scope = await ask_scope(self.app, entries)
        if scope is not None:
            self.correct(change, entries, scope)

    def correct(self, change: Change, entries: list[Entry], scope: str) -> None:
        """Make an entity correction here; with ``scope`` ``all``, write it to ``corrections.yaml`` too."""
        if self.apply(change) and scope == "all":
            from briefreader.ui.dialogs.correction_scope import save_for_all_briefs

            if held := save_for_all_briefs(self.app, entries):
                self.session.kept_outside(held)  # ctrl+z then says the file still holds it

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

    def on_frame_wanted(self, message: FrameWanted) -> None:
        """The frame editor on a key point's or an event's frame; its answer is one ``EditFrame``.

        Entities marked in the editor (``n``) come with it, made in the same
        step; like ``+`` in the Article, they may be saved for all briefs.
        """
        from briefreader.model.edits import FrameFields, mark_problem
        from briefreader.model.titles import title_of
        from briefreader.session.changes import EditFrame
        from briefreader.session.frame_types import frame_types
        from briefreader.ui.dialogs.frame_editor import FrameAnswer, FrameEditor
        from briefreader.ui.reader.choices import entity_items, label_items

        doc = self.session.doc
        kp = doc.key_point(message.kp_id) if message.kp_id else None
        if message.event_id is not None:
            frame = doc.event(message.event_id)
        else:
            frame = next((f for i in kp.events if (f := doc.event(i)) is not None), None) if kp else None
        if frame is None and kp is None:
            return
        if frame is not None:
            fields = FrameFields.of(frame)
            span = frame.sentence or (frame.trigger.start, frame.trigger.end)
            heading = title_of(doc, frame)
        else:
            assert kp is not None
            fields = FrameFields(kp.category)
            first = min(kp.evidence, key=lambda e: e.start) if kp.evidence else None
            span = (first.start, first.end) if first else (0, 0)
            heading = title_of(doc, kp)
        types = frame_types(self.parser.taxonomy, fields.type)
        names = {e.id: e.name for e in doc.entities}
        kp_id, event_id = (None, frame.id) if frame is not None else (kp.id if kp else None, None)

        def done(got: FrameAnswer | None) -> None:
            if got is not None:
                self.post_message(ChangeRequested(EditFrame(got.fields, kp_id, event_id, got.marks)))

        def find(words: str) -> tuple[int, int] | str:
            at = doc.text.find(words, *span) if words else -1
            if at < 0:
                return f"“{one_line(words, 50)}” is not in this sentence: copy the words exactly."
            problem = mark_problem(doc, at, at + len(words))
            return f"Cannot mark “{one_line(words, 40)}”: {problem}." if problem else (at, at + len(words))

        sentence = doc.text[span[0] : span[1]]
        heading = "Frame: " + clipped(heading, 60)
        editor = FrameEditor(heading, sentence, fields, entity_items(doc, ""), names, types, find, label_items(doc))
        self.app.push_screen(editor, done)
        self.status(heading)  # the line under the editor names the frame, not what was last chosen behind it

    def action_undo(self) -> None:
        """ctrl+z."""
        label = self.session.undo()
        self.changed(f"Undone: {label}" if label else "Nothing to undo")

    def action_redo(self) -> None:
        """ctrl+y."""
        label = self.session.redo()
        self.changed(f"Redone: {label}" if label else "Nothing to redo")

    def action_corrections_scope(self) -> None:
        """Palette: where entity corrections apply (ask each time, this brief, all briefs)."""
        from briefreader.ui.dialogs.correction_scope import choose_default_scope

        self.run_worker(choose_default_scope(self.app), group="corrections")

    # Parsing ----------------------------------------------------------------------------

    def action_reparse(self) -> None:
        """Parse a copy of the text in the background (the text stays readable), keeping corrections and notes.

        The parse cache is asked first (``look_up``): a brief it holds shows
        its key points a few frames after the text, with no parse process
        started and no "parsing" shown (issue 21: key points <= first paint +
        100 ms). Only a miss starts the parse process (``NotCached``).
        """
        if self.parsing or self._looking_up:
            return
        self._looking_up = True
        self.call_after_refresh(self.look_up, self.session.parse_copy())

    @work(thread=True, exclusive=True, group="parse")
    def look_up(self, snapshot: Document) -> None:
        """The parse cache's parse of ``snapshot`` (``Parsed``), or ``NotCached`` to parse it."""
        hit = self.parser.cached(snapshot)
        self.post_message(Parsed(hit, "", threading.get_ident()) if hit is not None else NotCached(snapshot))

    def on_not_cached(self, message: NotCached) -> None:
        """A parse to make."""
        self.start_parse(message.snapshot)

    def start_parse(self, snapshot: Document) -> None:
        """Say so, start the parse process (on the main thread, see ParseService.prepare) and parse ``snapshot``."""
        self.parsing = True
        self.changed("Parsing with spaCy… (the text is ready to read)")
        self.parser.prepare()
        self.parse(snapshot)

    @work(thread=True, exclusive=True, group="parse")
    def parse(self, snapshot: Document) -> None:
        """Parse ``snapshot`` in a thread; ``Parsed`` brings the result (or why not) back, before it is cached."""

        def ready(parsed: Document) -> None:
            self.post_message(Parsed(parsed, "", threading.get_ident()))

        try:
            self.parser.parse(snapshot, look_in_cache=False, ready=ready)
        except ParseError as exc:
            self.post_message(Parsed(None, str(exc), threading.get_ident()))

    def on_parsed(self, message: Parsed) -> None:
        """A parse worker is done."""
        self.take_parse(message.parsed, message.reason)

    def take_parse(self, parsed: Document | None, reason: str) -> None:
        """Merge the parse (keeping what was done meanwhile), or say why there is none."""
        self.parsing = False
        self._looking_up = False
        if parsed is None:
            self.notify(
                one_line(reason, 400),
                title="No entities or key points",
                severity="error",
                timeout=15,
                markup=False,
            )
            self.changed("Not parsed: " + one_line(reason, 200))
            return
        if not self.session.merge_parse(parsed):
            # A parse of a text no longer open: the source was edited (E) while it ran. Parse the new one.
            if not self.session.doc.parsed:
                self.action_reparse()
            return
        for warning in parsed.warnings:  # e.g. a corrections.yaml line that was skipped
            self.notify(one_line(warning, 300), title="Corrections", severity="warning", markup=False)
        for orphan in self.session.orphans[:6]:  # what names an entity the parse no longer finds
            self.notify(one_line(orphan, 300), title="Orphaned after the parse", severity="warning", markup=False)
        doc = self.session.doc
        model = doc.parser.model if doc.parser else "?"
        self.changed(f"Parsed: {len(doc.visible_entities())} entities, {len(doc.key_points)} key points ({model})")

    # Saving -----------------------------------------------------------------------------

    def action_save(self) -> None:
        """ctrl+s."""
        self.save()

    def action_save_as(self) -> None:
        """Save somewhere else."""
        self.save(ask=True)

    @work(group="save")
    async def save(self, target: Path | None = None, *, ask: bool = False) -> bool:
        """Save (``ask``: where, first), asking before replacing what risks someone's work; True once saved.

        The write runs in a thread on a snapshot, so the Document stays as
        it is whatever happens; each write is reported with ``Saved``. A
        caller that must wait (quit, leave) waits on the worker.
        """
        from briefreader.ui.reader import saving

        session = self.session
        path: Path | None = target or session.save_path
        if ask and path is not None:
            path = await saving.ask_path(self.app, "Save as", path, "Escape keeps reading, unsaved.")
        while path is not None:
            chosen = await saving.confirm_target(self.app, session, path)
            if chosen.merged:
                self.changed(chosen.merged)
            if chosen.path is None:
                return False
            snapshot, position = session.snapshot()
            self.changed(f"Saving to {display_path(chosen.path)}…")
            written = await asyncio.to_thread(saving.write, snapshot, chosen.path)
            if not isinstance(written, str):
                session.mark_saved(chosen.path, written, position)
                self.changed()
                self.post_message(Saved(chosen.path))
                return True
            self.post_message(Saved(chosen.path, written))
            path = await saving.another_place(self.app, chosen.path)
        return False

    def on_saved(self, message: Saved) -> None:
        """Say where the brief was saved, or that it was not (the work is still here)."""
        where = display_path(message.target)
        if message.ok:
            self.notify(f"Saved to {where}", markup=False)
            self.status(f"Saved to {where}")
            return
        self.notify(
            f"Could not save to {where}: {one_line(message.reason, 200)}",
            title="Not saved",
            severity="error",
            markup=False,
            timeout=15,
        )
        self.status("Not saved: your work is still here")

    # Unsaved work kept aside --------------------------------------------------------------

    def write_recovery(self) -> None:
        """Write unsaved work aside now; a failure is said once and never interrupts reading."""
        try:
            self.session.write_recovery()
        except BriefError as exc:
            if not self._recovery_warned:
                self._recovery_warned = True
                self.notify(
                    f"Could not write the recovery file: {one_line(exc.reason, 200)}", severity="warning", markup=False
                )

    @work(group="recovery")
    async def offer_recovery(self) -> None:
        """Offer back what earlier sessions left on this brief, newest first."""
        if said := await recovery_offer.offer_recovery(self.app, self.session):
            self.changed(said)

    # Opening ------------------------------------------------------------------------------

    @work(group="open")
    async def action_open(self) -> None:
        """ctrl+o: choose from this brief's folder, or type a path."""
        from briefreader.ui.reader.open_brief import choose_brief

        source = self.session.source.absolute()
        if path := await choose_brief(self.app, source.parent, source):
            self.post_message(self.OpenRequested(path))

    @work(group="open")
    async def action_start_fresh(self) -> None:
        """Set saved annotations aside (after asking) and read the source again."""
        from briefreader.ui.reader.open_brief import confirm_start_fresh

        if said := await confirm_start_fresh(self.app, self.session):
            self.changed(said)
            self.action_reparse()

    def action_edit_source(self) -> None:
        """``E``: the source in ``$EDITOR``; read again on return, annotations carried over."""
        from briefreader.ui.reader.source_editor import edit_source

        edited = edit_source(self.app, self.session)
        if edited is not None:
            if edited.needs_parse:
                self.action_reparse()
            self.changed(edited.message)

    # Search -------------------------------------------------------------------------------

    def on_search_bar_submitted(self, message: SearchBar.Submitted) -> None:
        """Enter in the search field: every match, the first after the cursor current."""
        span = self.article.cursor_span
        self.search.find(self.session.doc.text, message.query, span[0] if span else 0)
        self._show_search()

    def on_search_bar_stepped(self, message: SearchBar.Stepped) -> None:
        """``n`` / ``N``: the next or previous match, or say there is no search."""
        if not self.search.step(message.step):
            self.notify("No search: press / to search.", severity="warning", markup=False)
            return
        self._show_search()

    def _show_search(self) -> None:
        search = self.search
        self.matches, self.current_match = search.matches, search.current
        if search.current is not None:
            start, end = search.matches[search.current]
            self.article.scroll_to_span(start, end)
            self.article.move_cursor_to_offset(start)
        self.status(search.describe())

    # Selections from the panes ------------------------------------------------------------

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
        self.show_evidence(((e.start, e.end),), Text.assemble((e.date, "bold"), "  ", clipped(e.title, 100)))

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

    # Keys -----------------------------------------------------------------------------------

    async def _warm_up(self) -> None:
        from briefreader.ui.dialogs.note_editor import warm_up  # not for the first frame

        await warm_up(self)

    def action_add_note(self) -> None:
        """``a``: a note on what has focus: an entity, a key point, or the Article's sentence."""
        from briefreader.session.changes import AddNote
        from briefreader.ui.dialogs.note_editor import NoteDraft, open_note_editor
        from briefreader.ui.reader.panes.notes_pane import anchor_label

        offer = getattr(self.focused, "note_anchor", None)
        anchor = (offer() if callable(offer) else None) or self.article.note_anchor() or Anchor("brief")

        def done(draft: NoteDraft | None) -> None:
            if draft is not None:
                self.post_message(ChangeRequested(AddNote(draft.text, anchor, tuple(draft.tags))))

        open_note_editor(self.app, done, anchor_label(self.session.doc, Note("", "", anchor)))

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

    def action_timeline(self) -> None:
        """``T``: the timeline in place of the Key points, or back (nothing before the side panes are up)."""
        from briefreader.ui.reader.panes.keypoints_pane import KeyPointsPane
        from briefreader.ui.reader.panes.timeline_pane import TimelinePane, swap_panes

        timeline = self.query(TimelinePane)
        if timeline:
            self.status(swap_panes(self.query_one(KeyPointsPane), timeline.first()))

    def action_copy(self) -> None:
        """``y``: the sentence, key point, event or note in focus, with its citation, to the clipboard."""
        from briefreader.ui.reader.clipboard import copy_focused  # not needed for the first frame

        if said := copy_focused(self.app, self.session.doc, self.focused, self.article):
            self.status(said)

    def action_help(self) -> None:
        """``?``: every key, as the keymap has them."""
        from briefreader.ui.dialogs.help import HelpScreen  # not needed for the first frame
        from briefreader.ui.textual_private import keymap_in_force

        self.app.push_screen(HelpScreen(self.key_rows(dict(keymap_in_force(self.app)))))

    def palette_commands(self) -> list[PaletteCommand]:
        """Every action by the name the help gives it (see ``reader_keys``)."""
        return keys.palette(self, self.session.doc, self.hidden_labels, self.action_toggle_label)
