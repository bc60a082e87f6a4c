"""A checkbox that looks unticked when it is: a blank box, and a tick only when it is on.

Textual's ``Checkbox`` always draws ``▐X▌`` and tells the two states
apart by the X's colour alone; on a theme or a terminal where that colour
does not stand out (and in any text capture) an unticked box reads as
ticked. The mark itself says the state here.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox

TICKED = "✓"
"""The mark inside a ticked box."""
UNTICKED = " "
"""The mark inside an unticked box: none."""


class TickBox(Checkbox):
    """A ``Checkbox`` whose mark is ``✓`` when ticked and blank when not."""

    def render(self) -> Content:
        """The box with the mark its value calls for (read at every paint, so no state can go stale)."""
        self.BUTTON_INNER = TICKED if self.value else UNTICKED
        return super().render()
