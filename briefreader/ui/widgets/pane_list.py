"""The side panes' common list: document text as plain text, the reader's keys, a kept place.

Each pane declares the reactives it draws from (bound to the screen's by
``data_bind``) and rebuilds itself when they change; nobody calls a redraw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from textual.binding import BindingType
from textual.reactive import var
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from briefreader.model import edits
from briefreader.model.display import one_line
from briefreader.model.document import Anchor, AnchorKind, Document
from briefreader.ui.textual_private import measure_options_again
from briefreader.ui.widgets.moves import moves

T = TypeVar("T")


class PaneList(OptionList):
    """OptionList that never parses markup, moves with j/k/g/G too, and keeps its place on rebuilds."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *moves(
            "list",
            ("cursor_down", "cursor_up", "first", "last", "page_down", "page_up"),
            ("Next item", "Previous item", "First item", "Last item", "A page down", "A page up"),
        ),
    ]

    NEEDS_ITEM: ClassVar[frozenset[str]] = frozenset()
    """Actions that act on the highlighted item: hidden while there is none."""
    ANCHOR: ClassVar[AnchorKind | None] = None
    """What a note written here is anchored to: the highlighted item, as this kind (None: not to it)."""

    doc: var[Document | None] = var(None, always_update=True)
    """The Document shown (bound to the screen's)."""
    revision: var[int] = var(0)
    """The Document's revision (bound): a new one means rebuild."""
    parsing: var[bool] = var(False)
    """Bound where the list comes from a parse: it shows it is loading meanwhile."""

    def __init__(self, *, id: str | None = None, title: str = "") -> None:
        super().__init__(id=id, markup=False)
        self.border_title = title
        self._failed = False
        self._filled = False
        """Rebuilt at least once: until then rebuilds wait for the screen's first frame (``refresh_list``)."""
        self._waiting = False

    def watch_doc(self) -> None:
        """A new Document: rebuild."""
        self.refresh_list()

    def watch_revision(self) -> None:
        """The Document changed: rebuild."""
        self.refresh_list()

    def watch_parsing(self, parsing: bool) -> None:
        """Show that the list is coming."""
        self.loading = parsing

    def refresh_list(self, now: bool = False) -> None:
        """Rebuild; if that fails, say so once and leave the other panes (and the work) alone.

        Until the list is first filled, a rebuild waits for the screen's
        first frame (``now``: a person asked for this list, fill it at once):
        drawing three lists of options cost more than the Article's whole
        first page, and the text is what a reader looks at first.
        """
        if not self._filled and not now:
            if not self._waiting:
                self._waiting = True
                self.call_after_refresh(self._first_fill)
            return
        self._filled = True
        try:
            self.rebuild()
        except Exception as exc:
            self.log.error(f"{self.id} pane failed", exc)
            if not self._failed:
                self._failed = True
                name = self.border_title or self.id or "side"
                self.notify(
                    f"The {name} pane could not be drawn ({type(exc).__name__}: {one_line(str(exc), 120)}); "
                    "the rest of the reader still works.",
                    severity="error",
                    markup=False,
                )

    @property
    def filled(self) -> bool:
        """True once the list shows the Document (its first fill waits for the screen's first frame)."""
        return self._filled

    def _first_fill(self) -> None:
        """The first fill, waiting on: once the list is laid out (filled with no size yet, it
        scrolls to its highlight with no room and stays scrolled wrong). A hidden list, or one
        covered while the brief is parsed (never laid out till then), fills now."""
        if self.display and not self.loading and not self.size:
            self.call_after_refresh(self._first_fill)
        else:
            self.fill_now()

    def fill_now(self) -> None:
        """Fill the list now if its first fill is still waiting for the first frame."""
        if not self._filled:
            self.refresh_list(now=True)

    def rebuild(self) -> None:
        """Rebuild the options from the Document (each pane says how)."""

    def note_anchor(self) -> Anchor | None:
        """A note written here is about the highlighted item (``ANCHOR``), if any."""
        if self.ANCHOR is None or self.doc is None or self.highlighted_id is None:
            return None
        return edits.make_anchor(self.doc, self.ANCHOR, ref=self.highlighted_id)

    def highlighted_item(self, find: Callable[[Document, str], T | None], missing: str) -> T | None:
        """The item under the highlight (``find`` looks it up by id), or None, having said ``missing``."""
        item = find(self.doc, self.highlighted_id) if self.doc and self.highlighted_id else None
        if item is None:
            self.notify(missing, severity="warning", markup=False)
        return item

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an item: the pane ``choose``s it (a list that chooses nothing lets the event bubble up)."""
        if type(self).choose is not PaneList.choose:
            event.stop()
            if event.option_id:
                self.choose(event.option_id)

    def choose(self, option_id: str) -> None:
        """Enter on the item ``option_id`` (each pane says what it does)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that act on an item are hidden while none is highlighted (``NEEDS_ITEM``)."""
        if action in self.NEEDS_ITEM:
            return self.highlighted_id is not None
        return True

    @property
    def highlighted_id(self) -> str | None:
        """The id of the highlighted option, if any."""
        option = self.highlighted_option
        return option.id if option is not None else None

    def highlight_id(self, option_id: str | None) -> bool:
        """Move the highlight onto an option by id; False if it is not there."""
        if option_id is None:
            return False
        self.fill_now()
        try:
            self.highlighted = self.get_option_index(option_id)
        except OptionDoesNotExist:
            return False
        return True

    def replace_options(self, options: list[Option], follow: str | None = None) -> None:
        """Swap in rebuilt options, keeping the highlight and the scroll position.

        The highlight stays on the same id; if that option is gone (an entity
        just rejected), it stays at the same place in the list. When this pane
        is not in use, ``follow`` (the option the Article's cursor is on) wins.
        Rebuilding is not the user moving: no highlight messages are sent.
        """
        keep, index, scroll = self.highlighted_id, self.highlighted, self.scroll_y
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
            if follow is not None and not self.has_focus and self.highlight_id(follow):
                pass
            elif not self.highlight_id(keep) and self.option_count:
                # The highlighted item is gone (rejected, deleted): stay at its place in the list.
                # A list always has an item under its cursor, so its keys act on something at once.
                self._highlight_near(min(index or 0, self.option_count - 1))
            self.scroll_to(y=scroll, animate=False, immediate=True)
            if self.highlighted is not None:
                self.scroll_to_highlight()
        self.refresh_bindings()

    def _highlight_near(self, index: int) -> None:
        """The enabled option at ``index``, or the nearest one before it, or after."""
        order = [*range(index, -1, -1), *range(index + 1, self.option_count)]
        for i in order:
            if not self.get_option_at_index(i).disabled:
                self.highlighted = i
                return

    def watch_show_vertical_scrollbar(self) -> None:
        """The scroll bar took or gave back a column: the options are measured again for the width left."""
        measure_options_again(self)

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Keys shown in the key bar depend on whether anything is highlighted."""
        super().watch_highlighted(highlighted)
        self.refresh_bindings()
