"""The command palette's reader commands: every action, named as the help names it.

The provider asks the screen under the palette for its commands (any screen
with a ``palette_commands()`` method returning ``PaletteCommand``s: the
reader now, a library later), so
the palette needs no list of its own. Titles are shown as plain text: a
title may name an entity, and a name is not markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from briefreader.ui.key_list import KeyAction


@dataclass(frozen=True)
class PaletteCommand:
    """One palette entry."""

    title: str
    help: str
    run: Callable[[], object]


def key_commands(screen: Screen[Any], actions: Iterable[KeyAction]) -> list[PaletteCommand]:
    """Palette entries for keys: named as the help names them, run where they act."""
    out = []
    for act in actions:
        title = act.name if act.owner is type(screen) or act.where == "Anywhere" else f"{act.where}: {act.name}"
        out.append(PaletteCommand(title, f"{act.what} ({act.keys})", partial(_run_where_bound, screen, act)))
    return out


def _run_where_bound(screen: Screen[Any], act: KeyAction) -> None:
    """Run a key's action on the screen, or on the pane it is bound to (focusing that pane first)."""
    if act.owner is type(screen):
        screen.call_later(screen.run_action, act.action)
        return
    node: Widget = screen.query_one(act.owner)
    if node.focusable:
        node.focus()
    screen.call_after_refresh(node.run_action, act.action)


class ReaderCommands(Provider):
    """Commands of the screen the palette was opened on."""

    def _commands(self) -> list[PaletteCommand]:
        screen = self.screen
        offer = getattr(screen, "palette_commands", None)
        return list(offer()) if callable(offer) else []

    async def discover(self) -> Hits:
        """Every command, when nothing is typed yet."""
        for cmd in self._commands():
            yield DiscoveryHit(Content(cmd.title), cmd.run, text=cmd.title, help=cmd.help)

    async def search(self, query: str) -> Hits:
        """Commands whose title matches what is typed."""
        matcher = self.matcher(query)
        for cmd in self._commands():
            score = matcher.match(cmd.title)
            if score > 0:
                yield Hit(score, Content(cmd.title), cmd.run, text=cmd.title, help=cmd.help)
