"""A passage of text in a dialog: it scrolls when long and never takes the focus."""

from __future__ import annotations

from textual.containers import VerticalScroll


class Passage(VerticalScroll, can_focus=False):
    """Text in a dialog that scrolls when long (a question, a sentence), never taking the focus."""
