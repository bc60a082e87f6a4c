"""A side list whose rows are marked: ▶ those at the Article cursor's sentence, • those of the selected entity."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from textual.reactive import var

from briefreader.model.document import Entity
from briefreader.ui.widgets.pane_list import PaneList


class HasId(Protocol):
    """A row's item: a key point, a note."""

    @property
    def id(self) -> str:
        """Its id (the row's option id)."""
        ...


class MarkedList(PaneList):
    """The Key points, the Timeline and the Notes: their markers follow the cursor and the selected entity."""

    cursor_span: var[tuple[int, int] | None] = var(None)
    """Bound: the Article cursor's sentence; its rows get ▶ and the highlight follows."""
    selected_entity: var[str | None] = var(None)
    """Bound: the selected entity; its rows get •."""

    def watch_cursor_span(self) -> None:
        """Markers follow the Article's cursor."""
        self.refresh_list()

    def watch_selected_entity(self) -> None:
        """Markers follow the selected entity."""
        self.refresh_list()

    def marks(
        self,
        at_span: Callable[[int, int], Iterable[HasId]],
        of_entity: Callable[[Entity], Iterable[HasId]],
    ) -> tuple[set[str], set[str]]:
        """The ids of the items at the cursor's sentence (▶), and of those involving the selected entity (•)."""
        here = {item.id for item in at_span(*self.cursor_span)} if self.cursor_span else set()
        ent = self.doc.entity(self.selected_entity) if self.doc and self.selected_entity else None
        involved = {item.id for item in of_entity(ent)} if ent else set()
        return here, involved
