"""An OptionList with the reader's keys, showing document text as plain text."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist


class PaneList(OptionList):
    """OptionList that never parses markup and moves with j/k/g/G too."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "Top", show=False),
        Binding("G", "last", "Bottom", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the highlighted option, if any."""
        option = self.highlighted_option
        return option.id if option is not None else None

    def highlight_id(self, option_id: str | None) -> None:
        """Move the highlight onto an option by id, if it is there."""
        if option_id is None:
            return
        try:
            self.highlighted = self.get_option_index(option_id)
        except OptionDoesNotExist:  # an id from another brief: leave the highlight alone
            return

    def replace_options(self, options: list[Option], keep: str | None, here: set[str] | None = None) -> None:
        """Swap in rebuilt options, keeping the highlight (or following ``here``).

        Rebuilding is not the user moving, so no highlight messages are sent
        (they would echo back to the screen, which rebuilds again). When this
        pane is not the one in use, its highlight follows the Article: it
        moves onto the first option whose id is in ``here``.
        """
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
            follow = next((o.id for o in options if here and o.id in here), None)
            if follow is not None and not self.has_focus:
                self.highlight_id(follow)
            elif keep:
                self.highlight_id(keep)
