"""The key bar: the keys that work where the focus is, on one line, from the real bindings.

Textual's ``Footer`` rebuilds a widget per key on every focus change, which
cost about 80 ms per ``tab`` here; this draws the same line as one Text.
The focused pane's keys come first; when they do not all fit, descriptions
are cut to their first word, then the line ends in "…". Every screen and
dialog has one, so a dialog never shows the keys of the screen under it.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """``key description`` pairs for the focused widget, then the screen's, then the palette key."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, hints: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.hints = hints or []
        """Keys a focused input handles itself (enter, arrows), shown first as (key, description)."""
        self._shown: Text | None = None

    def on_mount(self) -> None:
        """Follow the screen's bindings as focus moves."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.redraw)

    def on_unmount(self) -> None:
        """Stop following."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.redraw()

    def pairs(self) -> list[tuple[str, str, bool]]:
        """(key, description, enabled) for every binding shown here, focused widget first."""
        hints = [*getattr(self.screen.focused, "KEY_HINTS", []), *self.hints]
        out = [(key, what, True) for key, what in hints]
        seen: set[str] = set()
        for _key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if not binding.show or binding.action in seen or binding.key == self.app.COMMAND_PALETTE_BINDING:
                continue
            seen.add(binding.action)
            out.append((self.app.get_key_display(binding), binding.description, enabled))
        return out

    def redraw(self) -> None:
        """Draw the line for the current width."""
        width = self.size.width or self.app.size.width
        key = self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette"))
        palette = f" {key} palette "
        pairs = self.pairs()
        line = self._line(pairs, short=False)
        if line.cell_len + len(palette) > width:
            line = self._line(pairs, short=True)
        if line.cell_len + len(palette) > width:
            line.truncate(max(1, width - len(palette)), overflow="ellipsis")
        line.append(" " * max(0, width - line.cell_len - len(palette)))
        key_style = f"bold {self.app.current_theme.accent or ''}".strip()
        line.append(palette, style=key_style)
        if line != self._shown:
            self._shown = line
            self.update(line, layout=False)  # one line, always: no need to lay the screen out again

    def _line(self, pairs: list[tuple[str, str, bool]], short: bool) -> Text:
        key_style = f"bold {self.app.current_theme.accent or ''}".strip()
        line = Text(no_wrap=True, overflow="ellipsis")
        for key, what, enabled in pairs:
            line.append(f" {key} ", style=key_style if enabled else "dim")
            words = what.split()
            line.append((words[0] if short and words else what) + " ", style="" if enabled else "dim")
        return line

    def on_resize(self) -> None:
        """Keep the palette hint at the right edge."""
        self.redraw()
