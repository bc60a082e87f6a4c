"""The Article pane: the brief's text, drawn one visible line at a time.

A ``ScrollView`` with ``render_line`` (Textual's line API, as ``Log`` uses):
the text is wrapped into offsets once per width, and each visible line is
styled from the Document's spans when it is drawn. Nothing here edits the
Document; the cursor position goes up as a message. What it shows comes
down from the screen through reactives (bound with ``data_bind``), and each
watcher repaints: no caller asks for a redraw.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefreader.model import edits
from briefreader.model.display import one_line, visible
from briefreader.model.document import Anchor, Document
from briefreader.model.labels import style_for
from briefreader.ui.messages import ChangeRequested
from briefreader.ui.reader.choices import label_items
from briefreader.ui.reader.layout import Line, line_of, wrap_document
from briefreader.ui.widgets.moves import moves

Span = tuple[int, int]


class ArticleView(ScrollView, can_focus=True):
    """The brief's text with headings, highlights, a sentence cursor and search matches."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *moves(
            "article",
            ("cursor(1)", "cursor(-1)", "cursor_to(0)", "cursor_to(-1)", "page(1)", "page(-1)"),
            ("Next sentence", "Previous sentence", "First sentence", "Last sentence", "A page down", "A page up"),
            names=("Next sentence", "Previous sentence", "Top", "Bottom", "Page down", "Page up"),
            page_up="pageup,b",
        ),
        Binding(
            "plus",
            "mark",
            "Mark entity",
            tooltip=(
                "Mark words of the cursor's sentence as an entity the model missed (replacing mentions they overlap)"
            ),
            id="article.mark",
        ),
        Binding(
            "P",
            "key_point",
            "Key point",
            tooltip="Make the cursor's sentence a key point, framed by its events (f in Key points edits the frame)",
            id="article.key_point",
        ),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article--title",
        "article--heading",
        "article--dateline",
        "article--cursor",
        "article--selected",
        "article--match",
        "article--match-current",
        "article--evidence",
    }

    doc: var[Document | None] = var(None, always_update=True)
    """Bound: the Document shown."""
    revision: var[int] = var(0)
    """Bound: the Document's revision; a new one re-reads the highlight spans."""
    selected_entity: var[str | None] = var(None)
    """Bound: the entity whose mentions are reversed."""
    hidden_labels: var[frozenset[str]] = var(frozenset())
    """Bound: labels whose highlights are hidden (number keys)."""
    evidence: var[tuple[Span, ...]] = var(())
    """Bound: spans tinted as evidence (a key point's sentences, a note's anchor)."""
    matches: var[tuple[Span, ...]] = var(())
    """Bound: search matches, in text order."""
    current_match: var[int | None] = var(None)
    """Bound: the index of the current search match."""

    @dataclass
    class CursorMoved(Message):
        """The cursor is on a new sentence (or paragraph before a parse)."""

        start: int
        end: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[Line] = []
        self._starts: list[int] = []
        self._width = 0
        self._cache: LRUCache[int, Strip] = LRUCache(2048)
        self._style_key: tuple[Style, ...] = ()
        """The styles the cached lines were drawn with."""
        self._mentions: list[tuple[int, int, str, str]] = []
        """(start, end, label, entity id) of every visible mention, by start."""
        self._mention_starts: list[int] = []
        self._longest = 0
        self._laid_out: Document | None = None
        """The Document the lines were wrapped for (edits never change the text)."""
        self.cursor = 0
        """Index into ``units``: the sentence (or paragraph, before a parse) under the cursor."""
        self.units: list[Span] = []
        self._unit_starts: list[int] = []

    # State from the screen ------------------------------------------------------

    def watch_doc(self) -> None:
        """A new Document: lay it out, keeping the cursor where it was in the text."""
        self.set_units()

    def watch_revision(self) -> None:
        """An edit or a parse: re-read sentences and highlight spans."""
        self.set_units()

    def on_mount(self) -> None:
        """Highlight state from the screen repaints the lines; it never changes the layout."""
        for name in ("selected_entity", "hidden_labels", "evidence", "matches", "current_match"):
            self.watch(self, name, lambda _value: self.redraw(), init=False)

    def set_units(self) -> None:
        """Sentences (or paragraphs, before a parse) and spans from the Document; re-wrap if the text changed."""
        doc = self.doc
        if doc is None:
            return
        at = self.units[self.cursor][0] if self.units else 0
        units = (
            [(s.start, s.end) for s in doc.sentences]
            or [(b.start, b.end) for b in doc.blocks if b.kind != "title"]
            or [(0, len(doc.text))]
        )
        relayout = doc is not self._laid_out
        if units != self.units:
            self.units = units
            self._unit_starts = [u[0] for u in units]
            self.cursor = max(0, bisect.bisect_right(self._unit_starts, at) - 1)
            self.post_message(self.CursorMoved(*units[self.cursor]))  # sentences now, not paragraphs
        self.refresh_spans()
        if relayout:
            self._laid_out = doc
            self._rewrap(force=True)

    def refresh_spans(self) -> None:
        """Recompute highlight spans from the Document's entities, then redraw."""
        if self.doc is None:
            return
        self._mentions = [(m.start, m.end, e.label, e.id) for m, e in self.doc.mentions()]
        self._mention_starts = [m[0] for m in self._mentions]
        self._longest = max((m[1] - m[0] for m in self._mentions), default=0)
        self.redraw()

    def redraw(self) -> None:
        """Drop cached lines and repaint (highlight state changed)."""
        self._cache.clear()
        self.refresh()

    def _rewrap(self, force: bool = False) -> None:
        # The width with the scrollbar's column kept free whether it shows or not, so the
        # scrollbar appearing (once the lines are known) does not wrap everything again.
        region = self.content_region.width
        if region <= 0:
            return  # not laid out yet: the first frame wraps (wrapping at 8 cells would be wasted work)
        width = max(8, region - 1)
        if self.doc is None or (width == self._width and not force):
            return
        self._width = width
        self.lines = wrap_document(self.doc, width)
        self._starts = [ln.start for ln in self.lines]
        self.virtual_size = Size(width, len(self.lines))
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        """Theme or CSS changed: cached lines carry old colours (a focus change alone keeps them)."""
        super().notify_style_update()
        try:
            key = (self.rich_style, *(self._component(n) for n in sorted(self.COMPONENT_CLASSES)))
        except KeyError:  # being registered: component styles are not there yet
            key = ()
        if not key or key != self._style_key:
            self._style_key = key
            self._cache.clear()

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap to the new width, keeping the cursor on screen."""
        self._rewrap()
        self.scroll_to_cursor(center=False)

    # Drawing ----------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """Wrap for the width being drawn first: the first frame is drawn before the first Resize arrives."""
        self._rewrap()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """One screen line, from the cache or styled afresh."""
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.lines):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            try:
                strip = self._style_line(index, base)
            except Exception as exc:
                # A bad span must not blank the brief: show the line unstyled.
                self.log.error("styling line failed", exc)
                line = self.lines[index]
                plain = visible(self.doc.text[line.start : line.end]) if self.doc else ""
                strip = Strip(list(Text(plain, style=base, end="").render(self.app.console)))
            self._cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _component(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _style_line(self, index: int, base: Style) -> Strip:
        assert self.doc is not None
        line = self.lines[index]
        if line.block == -1:
            return Strip([Segment(" ", base)], 1)
        a, b = line.start, line.end
        text = Text(visible(self.doc.text[a:b]), no_wrap=True, end="")
        text.stylize(base)
        kind = self.doc.blocks[line.block].kind
        if kind != "paragraph":
            text.stylize(self._component(f"article--{kind}"))

        def paint(style: Style | str, s: int, e: int) -> None:
            if s < b and a < e:
                text.stylize(style, max(s, a) - a, min(e, b) - a)

        if self.units:
            cs, ce = self.units[self.cursor]
            if cs < b and a < ce:
                paint(self._component("article--cursor"), cs, ce)
        for s, e in self.evidence:
            paint(self._component("article--evidence"), s, e)
        lo = bisect.bisect_left(self._mention_starts, a - self._longest)
        hi = bisect.bisect_left(self._mention_starts, b)
        for s, e, label, eid in self._mentions[lo:hi]:
            if label in self.hidden_labels and eid != self.selected_entity:
                continue
            paint(style_for(label), s, e)
            if eid == self.selected_entity:
                paint(self._component("article--selected"), s, e)
        if self.matches:
            lo = bisect.bisect_left(self.matches, (a - 200, 0))
            for i in range(lo, len(self.matches)):
                s, e = self.matches[i]
                if s >= b:
                    break
                name = "article--match-current" if i == self.current_match else "article--match"
                paint(self._component(name), s, e)
        segments = list(text.render(self.app.console))
        return Strip(segments)

    # Cursor and scrolling -----------------------------------------------------------

    def line_of(self, offset: int) -> int:
        """The screen line that shows a text offset."""
        return line_of(self.lines, self._starts, offset)

    def scroll_to_span(self, start: int, end: int, center: bool = True) -> None:
        """Bring a span into view (centred when it is off screen)."""
        if not self.lines:
            return
        first, last = self.line_of(start), self.line_of(max(start, end - 1))
        top, height = self.scroll_offset.y, max(1, self.scrollable_content_region.height)
        if first >= top and last < top + height:
            return
        if center:
            target = max(0, first - height // 3)
        elif first < top:
            target = first
        else:
            target = max(0, last - height + 1)
        self.scroll_to(y=target, animate=False, immediate=True)

    def scroll_to_cursor(self, center: bool = True) -> None:
        """Keep the cursor's sentence on screen."""
        if self.units:
            self.scroll_to_span(*self.units[self.cursor], center=center)

    def move_cursor_to_offset(self, offset: int, center: bool = True) -> None:
        """Put the cursor on the unit holding ``offset`` and show it."""
        if not self.units:
            return
        self._set_cursor(max(0, bisect.bisect_right(self._unit_starts, offset) - 1), center=center)

    def _set_cursor(self, index: int, center: bool = False) -> None:
        if not self.units:
            return
        index = max(0, min(len(self.units) - 1, index))
        old = self.units[self.cursor] if self.cursor < len(self.units) else None
        self.cursor = index
        new = self.units[index]
        for span in (old, new):
            if span is not None:
                for y in range(self.line_of(span[0]), self.line_of(max(span[0], span[1] - 1)) + 1):
                    self._cache.discard(y)
        self.scroll_to_cursor(center=center)
        self.refresh()
        self.post_message(self.CursorMoved(*new))

    def action_cursor(self, delta: int) -> None:
        """Move the cursor by sentences."""
        self._set_cursor(self.cursor + delta)

    def action_cursor_to(self, index: int) -> None:
        """Jump to the first or (-1) last sentence."""
        self._set_cursor(len(self.units) - 1 if index < 0 else index, center=False)

    def action_page(self, direction: int) -> None:
        """Scroll a page and put the cursor on the first sentence in view."""
        height = max(1, self.scrollable_content_region.height - 1)
        y = max(0, min(len(self.lines) - 1, self.scroll_offset.y + direction * height))
        self.scroll_to(y=y, animate=False, immediate=True)
        if self.lines:
            top = self.lines[min(len(self.lines) - 1, y)]
            i = max(0, bisect.bisect_left(self._unit_starts, top.start))
            self.cursor = min(i, len(self.units) - 1)
            self._cache.clear()
            self.refresh()
            self.post_message(self.CursorMoved(*self.units[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the sentence under the pointer."""
        y = self.scroll_offset.y + event.y
        if 0 <= y < len(self.lines) and self.lines[y].block != -1:
            line = self.lines[y]
            self.move_cursor_to_offset(min(line.end, line.start + max(0, event.x)), center=False)

    # Notes and marking --------------------------------------------------------------

    @property
    def cursor_span(self) -> Span | None:
        """The sentence (or paragraph) under the cursor."""
        return self.units[self.cursor] if self.units else None

    def note_anchor(self) -> Anchor | None:
        """A note written here is about the cursor's sentence."""
        doc, span = self.doc, self.cursor_span
        if doc is None or span is None:
            return None
        return edits.make_anchor(doc, "sentence" if doc.sentences else "span", start=span[0], end=span[1])

    def action_key_point(self) -> None:
        """``P``: the cursor's sentence as a key point of the analyst's."""
        from briefreader.session.changes import AddKeyPoint  # with the first edit, not the first frame

        span = self.cursor_span
        if self.doc is None or span is None:
            return
        if not self.doc.sentences:
            self.notify("Wait for the parse: key points are made of sentences.", severity="warning", markup=False)
            return
        self.post_message(ChangeRequested(AddKeyPoint(*span)))

    def action_mark(self) -> None:
        """``+``: type words of the cursor's sentence (shown in the dialog), then choose their label."""
        from briefreader.ui.dialogs.ask import Ask
        from briefreader.ui.dialogs.choose import Choose

        doc, span = self.doc, self.cursor_span
        if doc is None or span is None:
            return
        start, end = span

        def check(words: str) -> str | None:
            # Refused here, before the label and the "This brief / All briefs" question, never after.
            at = doc.text.find(words, start, end)
            if at < 0:
                return f"“{one_line(words, 60)}” is not in this sentence: copy the words exactly."
            problem = edits.mark_problem(doc, at, at + len(words))
            return f"Cannot mark “{one_line(words, 40)}”: {problem}." if problem else None

        def marked(words: str | None) -> None:
            if not words:
                return
            at = doc.text.find(words, start, end)

            def labelled(label: str | None) -> None:
                if label:
                    from briefreader.session.changes import MarkEntity  # with the first edit, not the first frame

                    self.post_message(ChangeRequested(MarkEntity(at, at + len(words), label)))

            chooser = Choose(f"Label for “{one_line(words, 40)}”", label_items(doc), allow_new=True)
            self.app.push_screen(chooser, labelled)

        sentence = Text(visible(doc.text[start:end]))
        hint = "Type the words exactly as they stand in the sentence above."
        self.app.push_screen(Ask("Mark as an entity", "", hint, context=sentence, check=check), marked)
