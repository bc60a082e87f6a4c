"""The moving keys every list, table and text shares: j/k, g/G, the page keys (declared once, named per widget)."""

from __future__ import annotations

from textual.binding import Binding

MOVE = Binding.Group("Move down / up")
ENDS = Binding.Group("Top / bottom")
PAGE = Binding.Group("Page down / up")

KEYS = ("j,down", "k,up", "g,home", "G,end", "space,pagedown", "pageup")
"""Down, up, top, bottom, page down, page up."""
IDS = ("down", "up", "top", "bottom", "page_down", "page_up")
"""The last part of each binding's id (``article.down``)."""
GROUPS = (MOVE, MOVE, ENDS, ENDS, PAGE, PAGE)
NAMES = ("Down", "Up", "Top", "Bottom", "Page down", "Page up")


def moves(
    scope: str,
    actions: tuple[str, str, str, str, str, str],
    tips: tuple[str, str, str, str, str, str],
    *,
    names: tuple[str, str, str, str, str, str] = NAMES,
    page_up: str = "pageup",
    show_page: bool = False,
) -> list[Binding]:
    """The six moving bindings of a widget: ids ``scope.down`` …, ``actions`` and ``tips`` in ``KEYS`` order.

    ``page_up``: its keys (the Article and help add ``b``, as ``less`` does); ``show_page``: page
    down is shown in the key bar.
    """
    keys = (*KEYS[:5], page_up)
    return [
        Binding(key, action, name, show=show_page and i == 4, group=group, tooltip=tip, id=f"{scope}.{id_}")
        for i, (key, action, name, group, tip, id_) in enumerate(
            zip(keys, actions, names, GROUPS, tips, IDS, strict=True)
        )
    ]
