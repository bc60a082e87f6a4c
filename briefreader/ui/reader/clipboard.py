"""``y``: what has focus, as plain text with its citation, to the terminal's clipboard.

The texts are ``export.clip``'s (a quote never travels without the title,
date and source it came from, and carries no control characters). The
clipboard is written through the terminal with ``App.copy_to_clipboard``
(an OSC 52 sequence): it works over ssh and in most terminals; tmux passes
it on with ``set -g set-clipboard on``, and macOS Terminal ignores it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import App
from textual.widget import Widget

from briefreader.export import clip
from briefreader.model.document import Document
from briefreader.model.polarity import clipped
from briefreader.model.timeline import undated
from briefreader.model.titles import title_of
from briefreader.ui.reader.article import ArticleView
from briefreader.ui.reader.panes.keypoints_pane import KeyPointsPane
from briefreader.ui.reader.panes.notes_pane import NotesPane
from briefreader.ui.reader.panes.timeline_pane import TimelinePane


@dataclass(frozen=True)
class Clip:
    """Text for the clipboard and what it is, for the status line."""

    text: str
    what: str
    """``sentence “…” with citation``, ``key point “…” with evidence and citation``, ..."""

    def said(self) -> Text:
        """The status line after copying (plain text: the quote is the brief's)."""
        return Text.assemble(("Copied: ", "bold"), self.what)


class NothingToCopy(Exception):
    """The focused pane has nothing under its cursor; the message says what to do."""


def _short(text: str) -> str:
    return f"“{clipped(text, 30)}”"


def clip_for(doc: Document, focused: Widget | None, article: ArticleView) -> Clip:
    """What ``y`` copies: the focused key point, timeline event or note, else the Article cursor's sentence.

    The Entities pane has no text of its own to quote, so there (and in the
    Article) it is the cursor's sentence, or its paragraph before the parse
    has found sentences. Raises NothingToCopy when a list has no item under
    its cursor.
    """
    if isinstance(focused, TimelinePane):
        entry = focused.highlighted_entry
        if entry is None:
            raise NothingToCopy("No dated event to copy.")
        return Clip(
            clip.event_text(doc, entry), f"event {_short(f'{entry.date} {undated(entry.title)}')} with citation"
        )
    if isinstance(focused, KeyPointsPane):
        kp = doc.key_point(focused.highlighted_id or "")
        if kp is None:
            raise NothingToCopy("Move onto a key point first.")
        return Clip(clip.key_point_text(doc, kp), f"key point {_short(title_of(doc, kp))} with evidence and citation")
    if isinstance(focused, NotesPane):
        note = doc.note(focused.highlighted_id or "")
        if note is None:
            raise NothingToCopy("No note to copy: press a to write one.")
        return Clip(clip.note_text(doc, note), f"note {_short(note.text)} with citation")
    span = article.cursor_span
    if span is None:
        raise NothingToCopy("Nothing to copy: the brief has no text.")
    index = doc.sentence_at(span[0])
    if index is not None and (doc.sentences[index].start, doc.sentences[index].end) == span:
        return Clip(clip.sentence_text(doc, index), f"sentence {_short(doc.text[span[0] : span[1]])} with citation")
    return Clip(clip.passage_text(doc, *span), f"paragraph {_short(doc.text[span[0] : span[1]])} with citation")


def copy_focused(app: App[Any], doc: Document, focused: Widget | None, article: ArticleView) -> Text | None:
    """Copy what ``y`` means here and return the status line; or say why not and return None."""
    try:
        chosen = clip_for(doc, focused, article)
    except NothingToCopy as exc:
        app.notify(str(exc), severity="warning", markup=False)
        return None
    app.copy_to_clipboard(chosen.text)
    return chosen.said()
