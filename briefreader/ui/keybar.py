"""The key bar: the keys that work in the focused pane, on one line.

Textual's ``Footer`` rebuilds a widget per key on every focus change, which
cost about 80 ms per ``tab`` here; this draws the same line as one Text.
"""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """``key description`` pairs for the focused pane, then the command palette key."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        """Follow the screen's bindings as focus moves."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._redraw)

    def on_unmount(self) -> None:
        """Stop following."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self._redraw()

    def _redraw(self) -> None:
        line = Text(no_wrap=True, overflow="ellipsis")
        seen: set[str] = set()
        palette = None
        key_style = self.app.current_theme.accent or "bold"
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if key == self.app.COMMAND_PALETTE_BINDING:
                palette = self.app.get_key_display(binding)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            style = f"bold {key_style}" if enabled else "dim"
            line.append(f" {self.app.get_key_display(binding)} ", style=style)
            line.append(binding.description + " ", style="" if enabled else "dim")
        if palette:
            room = max(1, self.size.width - line.cell_len - len(palette) - 10)
            line.append(" " * room)
            line.append(f" {palette} ", style=f"bold {key_style}")
            line.append("palette ")
        self.update(line)

    def on_resize(self) -> None:
        """Keep the palette hint at the right edge."""
        self._redraw()
