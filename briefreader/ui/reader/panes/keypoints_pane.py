"""The Key points pane: titles, categories and scores, in score or document order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import var
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefreader.model.display import one_line
from briefreader.model.document import Document, KeyPoint
from briefreader.model.polarity import clipped
from briefreader.model.titles import title_of, title_text
from briefreader.session import changes
from briefreader.ui.messages import ChangeRequested, FrameWanted
from briefreader.ui.reader.panes.marked_list import MarkedList


class KeyPointsPane(MarkedList):
    """The brief's key points; ▶ marks those under the Article cursor, • those of the selected entity."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select",
            "Evidence",
            tooltip="Jump to the key point's evidence and highlight all of it",
            id="key_points.select",
        ),
        Binding(
            "p", "pin", "Pin", tooltip="Pin or unpin (pinned come first and survive a re-parse)", id="key_points.pin"
        ),
        Binding(
            "t",
            "retitle",
            "Retitle",
            tooltip="Give the key point a title of your own (pins it)",
            id="key_points.retitle",
        ),
        Binding(
            "f",
            "frame",
            "Frame",
            tooltip="Edit the key point's frame: type, actors, targets, place, date, status, negated",
            id="key_points.frame",
        ),
        Binding(
            "x",
            "delete",
            "Delete",
            tooltip="Delete the key point (a re-parse does not bring it back)",
            id="key_points.delete",
        ),
        Binding(
            "m",
            "merge",
            "Merge",
            tooltip="Mark the key point; m on another merges that one into it (evidence and events joined)",
            id="key_points.merge",
        ),
        Binding("o", "toggle_order", "Order", tooltip="Order by score or by place in the text", id="key_points.order"),
    ]
    NEEDS_ITEM = frozenset({"select", "pin", "retitle", "frame", "delete", "merge"})
    ANCHOR = "key_point"

    by_score: var[bool] = var(True)
    """Score order (pinned first) or document order."""

    def __init__(self, *, id: str | None = None, title: str = "") -> None:
        super().__init__(id=id, title=title)
        self._shown: object = None
        """What the list was last built from, so moving within one sentence rebuilds nothing."""
        self.marked: str | None = None
        """The key point ``m`` marked: ``m`` on another merges that one into it."""

    @dataclass
    class Chosen(Message):
        """Enter on a key point: jump to and highlight its evidence."""

        kp_id: str

    def watch_by_score(self) -> None:
        """Reorder."""
        self.refresh_list()

    def rebuild(self) -> None:
        """Rebuild from the Document when what it shows has changed."""
        doc = self.doc
        if doc is None:
            return
        here, involved = self.marks(doc.key_points_for_span, doc.key_points_for_entity)
        state = (id(doc), self.revision, here, involved, self.by_score, self.marked)
        if state == self._shown:
            return
        self._shown = state
        points = list(doc.key_points)
        if self.by_score:
            points.sort(key=lambda k: (not k.pinned, -k.score))
        else:
            points.sort(key=lambda k: k.start)
        if self.marked is not None and doc.key_point(self.marked) is None:
            self.marked = None
        options = [
            Option(_point_line(k, k.id in here, k.id in involved, title_of(doc, k), k.id == self.marked), id=k.id)
            for k in points
        ]
        self.replace_options(options, follow=next((k.id for k in points if k.id in here), None))
        self.border_subtitle = "by score" if self.by_score else "in text order"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Moving in the list is local to it."""
        event.stop()

    def choose(self, option_id: str) -> None:
        """Enter: jump to the evidence."""
        self.post_message(self.Chosen(option_id))

    def _point(self) -> KeyPoint | None:
        return self.highlighted_item(Document.key_point, "Move onto a key point first.")

    def action_pin(self) -> None:
        """``p``: pin or unpin."""
        if kp := self._point():
            self.post_message(ChangeRequested(changes.TogglePin(kp.id)))

    def action_retitle(self) -> None:
        """``t``: type a title."""
        from briefreader.ui.dialogs.ask import Ask

        if not (kp := self._point()):
            return
        kp_id = kp.id

        def answered(title: str | None) -> None:
            if title:
                self.post_message(ChangeRequested(changes.Retitle(kp_id, title)))

        self.app.push_screen(Ask("Key point title", title_text(self.doc, kp) if self.doc else kp.title), answered)

    def action_frame(self) -> None:
        """``f``: the frame editor on the key point's frame."""
        if kp := self._point():
            self.post_message(FrameWanted(kp_id=kp.id))

    def action_delete(self) -> None:
        """``x``: delete the key point (ctrl+z undoes)."""
        if kp := self._point():
            self.post_message(ChangeRequested(changes.DeleteKeyPoint(kp.id)))

    def action_merge(self) -> None:
        """``m``: mark this key point, or merge it into the one marked."""
        if not (kp := self._point()):
            return
        if self.marked is None or self.marked == kp.id or self.doc is None or self.doc.key_point(self.marked) is None:
            self.marked = None if self.marked == kp.id else kp.id
            said = "Marked: m on another key point merges it into this one" if self.marked else "Unmarked"
            self.notify(said, markup=False)
        else:
            keep, self.marked = self.marked, None
            self.post_message(ChangeRequested(changes.JoinKeyPoints(keep, kp.id)))
        self.refresh_list()

    def action_toggle_order(self) -> None:
        """``o``: score order or document order."""
        self.by_score = not self.by_score


def _point_line(k: KeyPoint, here: bool, involved: bool, title: str, marked: bool = False) -> Text:
    line = Text()
    line.append("▶ " if here else ("• " if involved else "  "), style="bold")
    line.append(clipped(title, 70), style="bold" if here or involved else "")
    meta = f"\n    {one_line(k.category, 30)} · {k.score:.2f}"
    if len(k.evidence) > 1:
        meta += f" · {len(k.evidence)} sentences"
    if k.pinned:
        meta += " · pinned"
    if marked:
        meta += " · marked to merge"
    line.append(meta, style="dim")
    return line


def point_summary(kp: KeyPoint, title: str) -> Text:
    """The status line for a chosen key point: its title and how much evidence it has."""
    n = len(kp.evidence)
    return Text.assemble((clipped(title, 80), "bold"), f" · {n} evidence sentence{'s' if n != 1 else ''}")
