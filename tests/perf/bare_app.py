"""The floor for first paint: a bare Textual app showing one Static, run as the reader is run.

Usage: python tests/perf/bare_app.py TEXT

``bench.py`` starts it in the same terminal size as the reader and waits
for TEXT on screen; everything the reader takes beyond this is its own.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    """One Static with the given text (ctrl+q quits, as in any Textual app)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        """The text, as plain text."""
        yield Static(self.text, markup=False)


if __name__ == "__main__":
    BareApp(" ".join(sys.argv[1:]) or "Hello, world").run()
