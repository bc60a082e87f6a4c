"""The Timeline pane: the brief's dated events by phase, shown in place of the Key points (``T``).

Its rows are ``model.timeline.timeline(document)``, the list ``briefreader
show`` prints and the report exports, so the three agree. Like the other
side panes it redraws itself from the bound Document, so a parse, a
retitle or an undo shows at once; enter asks the screen to jump the
Article to the event's sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefreader.model import edits
from briefreader.model.display import one_line
from briefreader.model.document import Anchor, KeyPoint
from briefreader.ui.messages import FrameWanted
from briefreader.ui.reader.panes.keypoints_pane import KeyPointsPane
from briefreader.ui.reader.panes.marked_list import MarkedList

if TYPE_CHECKING:
    # The timeline's model loads when the pane is first shown (``T``), not for the first frame.
    from briefreader.model.timeline import TimelineEntry

EMPTY = "No dated events"
"""What the pane says when no event is dated (``model.timeline.why_empty`` says why)."""


def entry_ids(entries: list[TimelineEntry]) -> dict[str, TimelineEntry]:
    """Rows by id: stable across rebuilds, unique even for two events of one sentence."""
    out: dict[str, TimelineEntry] = {}
    for e in entries:
        base = f"{e.key_point}@{e.start}:{e.date}"
        key, n = base, 1
        while key in out:
            n += 1
            key = f"{base}#{n}"
        out[key] = e
    return out


class TimelinePane(MarkedList):
    """Dated events oldest first, under Background, The news and Planned; ▶ marks those at the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "select", "Evidence", tooltip="Jump to the event's sentence and highlight it", id="timeline.select"
        ),
        Binding(
            "f",
            "frame",
            "Frame",
            tooltip="Edit the event's frame: type, actors, targets, place, date, status, negated",
            id="timeline.frame",
        ),
    ]
    NEEDS_ITEM = frozenset({"select", "frame"})

    def __init__(self, *, id: str | None = None, title: str = "") -> None:
        super().__init__(id=id, title=title)
        self.entries: dict[str, TimelineEntry] = {}
        """The rows shown, by option id."""
        self.return_to: Widget | None = None
        """Where the focus was when T showed the timeline: T hands it back there."""
        self._shown: object = None
        """What the list was last built from."""
        self._entries_of: tuple[int, int] | None = None
        """The Document (id, revision) ``entries`` were read from."""

    @dataclass
    class Chosen(Message):
        """Enter on an event: show its sentence in the Article, highlighted."""

        entry: TimelineEntry

    def rebuild(self) -> None:
        """Rebuild from the Document when what it shows has changed; nothing while hidden.

        A hidden timeline would otherwise redraw on every cursor move in the
        Article; ``swap_panes`` brings it up to date when it is shown. Moving
        within one sentence, or between sentences with no event, rebuilds nothing.
        """
        doc = self.doc
        if doc is None or not self.display:
            return
        from briefreader.model.event import PHASES
        from briefreader.model.timeline import phase_name, timeline

        if self._entries_of != (id(doc), self.revision):
            self.entries = entry_ids(timeline(doc))
            self._entries_of = (id(doc), self.revision)
        span = self.cursor_span
        here = frozenset(i for i, e in self.entries.items() if span and e.start < span[1] and span[0] < e.end)
        involved = frozenset(i for i, e in self.entries.items() if self._involved(e))
        state = (id(doc), self.revision, here, involved)
        if state == self._shown:
            return
        self._shown = state
        options: list[Option] = []
        for phase in (*PHASES, None):  # None: the brief has no date to place them against
            group = [(i, e) for i, e in self.entries.items() if e.phase == phase]
            if group:
                heading = phase_name(phase).capitalize()
                options.append(Option(Text(f"{heading} ({len(group)})", style="bold underline"), disabled=True))
            for i, e in group:
                options.append(Option(_entry_line(e, i in here, i in involved), id=i))
        if not options:
            from briefreader.model.timeline import why_empty

            why = "key points carry dates once the brief is parsed" if not doc.parsed else why_empty(doc)
            options.append(Option(Text(f"{EMPTY}: {one_line(why)}.", style="dim italic"), disabled=True))
        self.replace_options(options, follow=next(iter(sorted(here)), None))
        self.border_subtitle = f"{len(self.entries)} dated" if self.entries else ""

    def _involved(self, e: TimelineEntry) -> bool:
        who = self.selected_entity
        return who is not None and (who in e.event.actors or who in e.event.targets or who == e.event.place)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Moving in the list is local to it."""
        event.stop()

    def choose(self, option_id: str) -> None:
        """Enter: jump to the event's sentence."""
        entry = self.entries.get(option_id)
        if entry is not None:
            self.post_message(self.Chosen(entry))

    @property
    def highlighted_entry(self) -> TimelineEntry | None:
        """The event under the list's cursor."""
        return self.entries.get(self.highlighted_id or "")

    def highlighted_point(self) -> KeyPoint | None:
        """The key point the highlighted event comes from."""
        entry = self.highlighted_entry
        if entry is None or entry.key_point is None or self.doc is None:
            return None
        return self.doc.key_point(entry.key_point)

    def action_frame(self) -> None:
        """``f``: the frame editor on the event (a key point's merged frame: the point's first event)."""
        entry = self.highlighted_entry
        if entry is None:
            return
        if entry.event.id and self.doc is not None and self.doc.event(entry.event.id) is entry.event:
            self.post_message(FrameWanted(event_id=entry.event.id))
        elif entry.key_point is not None:
            self.post_message(FrameWanted(kp_id=entry.key_point))

    def note_anchor(self) -> Anchor | None:
        """A note written here is about the highlighted event's key point, or its sentence when it has none."""
        kp, entry = self.highlighted_point(), self.highlighted_entry
        if self.doc is None or entry is None:
            return None
        if kp is None:
            return edits.make_anchor(self.doc, "sentence", start=entry.start, end=entry.end)
        return edits.make_anchor(self.doc, "key_point", ref=kp.id)


def _entry_line(e: TimelineEntry, here: bool, involved: bool) -> Group:
    """``▶ 2026-03-12 · visit`` over the title, indented as it wraps (its own date left out: it leads).

    The date line also says what the title must not be read without (``undated: the brief's date``);
    a negated title says ``✗ ... — did not happen`` itself, wrapped, so it is never cut off.
    """
    from briefreader.model.timeline import undated

    head = Text(no_wrap=True, overflow="ellipsis")
    head.append("▶ " if here else ("• " if involved else "  "), style="bold")
    head.append(e.date, style="bold")
    meta = one_line(e.category, 30) + ("" if e.status in ("happened", e.phase) else f" · {e.status}")
    head.append(f" · {meta}", style="dim")
    for note in e.notes:
        head.append(f" · {note}", style="italic")
    title = Text(one_line(undated(e.title), 200), style="bold" if here or involved else "")
    if e.negated:
        title.stylize("red")
    return Group(head, Padding(title, (0, 0, 0, 4)))


def swap_panes(key_points: KeyPointsPane, events: TimelinePane) -> Text:
    """Show the timeline in place of the Key points (focused, so enter works at once), or back.

    Returns the status line. Hiding it hands the focus back where it was
    when it was shown (a glance from the Article returns to reading), or
    to the Key points when that was the timeline's own place.
    """
    screen = events.screen
    showing = not events.display
    events.display, key_points.display = showing, not showing
    # More room for the timeline: the Entities give some up. An inline height, not a CSS class on
    # the column: a class makes Textual match the stylesheet again for every widget in it (~15 ms).
    for entities in screen.query("#entities"):
        entities.styles.height = "1fr" if showing else None
    if showing:
        events.refresh_list(now=True)  # it was not kept up to date while hidden
        before = screen.focused
        events.return_to = before if before is not key_points else None
        screen.set_focus(events)  # now, not after the keys already typed: "T j" moves in the timeline
        n = len(events.entries)
        if not n and events.loading:
            return Text("Timeline: the parse is still dating the events…   T returns to the key points")
        if not n:
            return Text(f"{EMPTY}   T returns to the key points")
        return Text(f"Timeline: {n} dated event{'s' if n != 1 else ''}; enter shows one in the Article, T goes back")
    back, events.return_to = events.return_to, None
    if screen.focused is None or screen.focused is events:
        screen.set_focus(back if back is not None and back.is_attached and back.display else key_points)
    return Text("Key points   T shows the timeline")
