"""The reader opened from the library: q goes back, J / K read the next or previous brief of the list.

Every library view (the table, search results, an entity's briefs) opens
briefs the same way: a ``Trail`` of stops (a brief, and where to open it:
a search hit's sentence, an entity's first mention) and the place in it.
Leaving a brief (q, J, K, ctrl+o) with unsaved changes asks first: save,
leave without saving, or stay. Sessions are not kept behind the analyst's
back: what the library shows is what is on disk (and in recovery files).

The reading screen is the same ``ReaderScreen``; this subclass only swaps
its q and adds J / K (its bindings are the reader's, with q replaced, so
the reader's keys, help and palette carry over, whatever keys the reader
gains).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import App
from textual.binding import Binding, BindingType

from briefreader.io.errors import BriefError
from briefreader.library import LibraryIndex
from briefreader.model.display import one_line
from briefreader.model.document import Entity
from briefreader.model.labels import style_for
from briefreader.session import BriefSession, ParseService, open_session
from briefreader.session.files import display_name
from briefreader.ui.dialogs.confirm import Confirm
from briefreader.ui.library.library_work import LibraryWork
from briefreader.ui.messages import Parsed
from briefreader.ui.reader.open_brief import choose_brief
from briefreader.ui.reader.reader_screen import ReaderScreen

BRIEFS = Binding.Group("Next / previous brief")
BRIEFS_TIP = "Of the list the brief was opened from (the library's rows, search results, an entity's briefs)"


@dataclass(frozen=True)
class Stop:
    """A brief to open, and where."""

    path: Path
    key: str = ""
    """The row it came from (the library table's key: the brief's path in the library)."""
    at: tuple[int, int] | None = None
    """A span to open at and tint (a search hit's sentence, an entity's first mention)."""
    entity: str | None = None
    """The entity's name there, to select it (its mentions light up)."""


@dataclass
class Trail:
    """The briefs J / K walk through, and which one is open."""

    stops: list[Stop]
    position: int = 0
    moved: Callable[[Stop], None] | None = None
    """Told when another brief of the trail is opened (the list it came from follows)."""

    @property
    def stop(self) -> Stop:
        """The brief open now."""
        return self.stops[self.position]


@dataclass
class LibraryLink:
    """What a reader opened from the library shares with it."""

    index: LibraryIndex
    parser: ParseService
    work: LibraryWork
    """Background parsing, held while a reader is open."""
    recovery: bool = True
    opened: list[str] = field(default_factory=list)
    """Library keys of the briefs opened in this session, last last (the table refreshes those rows)."""


def open_stop(app: App[Any], link: LibraryLink, trail: Trail, *, replace: bool = False) -> bool:
    """Open the trail's current brief in a reader (in place of the current screen with ``replace``)."""
    stop = trail.stop
    try:
        session = open_session(stop.path)
    except BriefError as exc:
        app.notify(one_line(str(exc), 300), title="Cannot open", severity="error", markup=False)
        return False
    screen = LibraryReaderScreen(session, link, trail)
    if replace:
        app.switch_screen(screen)
    else:
        app.push_screen(screen)
    if stop.key:
        link.opened.append(stop.key)
    if trail.moved is not None:
        trail.moved(stop)
    return True


def _bindings() -> list[BindingType]:
    out: list[BindingType] = []
    for b in ReaderScreen.BINDINGS:
        if isinstance(b, Binding) and b.key == "q":
            out += [
                Binding("q", "back", "Back", tooltip="Back to the list (asks about unsaved changes)", id="reader.back"),
                Binding(
                    "J",
                    "next_brief(1)",
                    "Next brief",
                    show=False,
                    group=BRIEFS,
                    tooltip=BRIEFS_TIP,
                    id="reader.next_brief",
                ),
                Binding(
                    "K",
                    "next_brief(-1)",
                    "Previous brief",
                    show=False,
                    group=BRIEFS,
                    tooltip=BRIEFS_TIP,
                    id="reader.previous_brief",
                ),
            ]
        else:
            out.append(b)
    return out


class LibraryReaderScreen(ReaderScreen, inherit_bindings=False):
    """The reading screen over one brief of a library: q back to the list, J / K along it."""

    BINDINGS: ClassVar[list[BindingType]] = _bindings()

    def __init__(self, session: BriefSession, link: LibraryLink, trail: Trail) -> None:
        super().__init__(session, link.parser, recovery=link.recovery)
        self.link = link
        self.trail = trail

    def on_mount(self) -> None:
        """Hold background parsing; open at the stop's place once the text is laid out.

        (The reader's own ``on_mount`` runs too: Textual calls each class's handler.)
        """
        self.link.work.pause()
        self.call_after_refresh(self._go_to_stop)

    def on_parsed(self, message: Parsed) -> None:
        """After the first parse of a brief opened at an entity, select it (the reader merges the parse first)."""
        if self.trail.stop.entity is not None and self.selected_entity is None:
            self.call_after_refresh(self._select_entity)

    def _select_entity(self) -> None:
        ent = self._entity_at(self.trail.stop)
        if ent is not None and self.selected_entity is None:
            self.selected_entity = ent.id

    def on_unmount(self) -> None:
        """Let background parsing go on."""
        self.link.work.resume()

    def _go_to_stop(self) -> None:
        stop, trail = self.trail.stop, self.trail
        if stop.at is not None:
            start, end = stop.at
            self.evidence = ((start, end),)
            self.article.move_cursor_to_offset(start)
            self.article.scroll_to_span(start, end)
        ent = self._entity_at(stop)
        if ent is not None:
            self.selected_entity = ent.id
        if self.session.opening.notice:
            return
        line = Text(f"Brief {trail.position + 1} of {len(trail.stops)}")
        if ent is not None:
            line = Text.assemble((one_line(ent.name, 40), style_for(ent.label)), f" · {ent.label}  ·  ", line)
        line.append("   J / K next / previous brief · q back", style="dim")
        self.status(line)

    def _entity_at(self, stop: Stop) -> Entity | None:
        if stop.at is None or stop.entity is None:
            return None
        for ent in self.session.doc.entities:
            if any(m.start == stop.at[0] for m in ent.visible_mentions):
                return ent
        return None

    # Leaving -------------------------------------------------------------------------------

    def leave(self, go: Callable[[], object]) -> None:
        """Leave this brief (asking first when it has unsaved changes), then ``go``."""
        if self.session.dirty:
            self.leave_unsaved(go)
            return
        self.session.clear_recovery()
        go()

    @work(group="leave")
    async def leave_unsaved(self, go: Callable[[], object]) -> None:
        """Save, leave without saving, or stay; then ``go`` unless staying (or the save was not made)."""
        session = self.session
        title = one_line(session.doc.meta.title or display_name(session.source), 60)
        question = Text.assemble("“", title, "” has unsaved changes. Save them before leaving?")
        answers = [("save", "Save"), ("discard", "Leave without saving"), ("cancel", "Stay")]
        choice = await self.app.push_screen_wait(Confirm(question, answers))
        if choice == "save" and await self.save().wait():
            go()
        elif choice == "discard":
            session.clear_recovery()
            go()

    def action_back(self) -> None:
        """``q``: back to the list this brief was opened from."""
        self.leave(lambda: self.app.pop_screen())

    def action_next_brief(self, step: int) -> None:
        """``J`` / ``K``: the next or previous brief of the list."""
        trail = self.trail
        target = trail.position + step
        if not 0 <= target < len(trail.stops):
            where = "last" if step > 0 else "first"
            self.notify(f"This is the {where} brief of the list.", severity="warning", markup=False)
            return
        nxt = Trail(trail.stops, target, trail.moved)
        self.leave(lambda: open_stop(self.app, self.link, nxt, replace=True))

    @work(group="open")
    async def action_open(self) -> None:
        """ctrl+o: another brief (from this brief's folder, or typed); q then comes back to the list."""
        source = self.session.source.absolute()
        if path := await choose_brief(self.app, source.parent, source):
            self.leave(lambda: open_stop(self.app, self.link, Trail([Stop(path)]), replace=True))
