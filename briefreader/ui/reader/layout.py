"""Wrap a Document's blocks into screen lines: offsets only, no widgets.

The Article pane draws only the lines on screen from this list, so a 1 MB
brief costs one pass here on open and on resize, not a widget per line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rich.cells import cell_len

from briefreader.model.document import Document

_WORD = re.compile(r"\S+\s*")


@dataclass(frozen=True, slots=True)
class Line:
    """One screen line: a span of the text, in block ``block`` (-1 for a gap)."""

    start: int
    end: int
    block: int


def _width(s: str) -> int:
    return len(s) if s.isascii() else cell_len(s)


def wrap_span(text: str, start: int, end: int, width: int, block: int, out: list[Line]) -> None:
    """Greedy word wrap of ``text[start:end]`` (one hard line) into ``out``."""
    if end - start <= width and (text.isascii() or _width(text[start:end]) <= width):
        out.append(Line(start, end, block))
        return
    line_start = start
    used = 0
    for m in _WORD.finditer(text, start, end):
        word_w = _width(m.group().rstrip())
        full_w = _width(m.group())
        if used and used + word_w > width:
            out.append(Line(line_start, m.start(), block))
            line_start, used = m.start(), 0
        while word_w > width:
            # A word wider than the pane: cut it, by cells.
            cut, w = m.start() if line_start < m.start() else line_start, 0
            pos = cut
            while pos < m.end() and w + _width(text[pos]) <= width:
                w += _width(text[pos])
                pos += 1
            out.append(Line(line_start, pos, block))
            line_start = pos
            word_w = _width(text[pos : m.end()].rstrip())
            full_w = _width(text[pos : m.end()])
            used = 0
        used += full_w
    out.append(Line(line_start, end, block))


def wrap_document(doc: Document, width: int) -> list[Line]:
    """Every screen line of the brief at ``width`` cells, a blank line between blocks."""
    width = max(8, width)
    text = doc.text
    out: list[Line] = []
    for i, b in enumerate(doc.blocks):
        if out:
            out.append(Line(b.start, b.start, -1))
        pos = b.start
        while True:
            nl = text.find("\n", pos, b.end)
            stop = b.end if nl == -1 else nl
            wrap_span(text, pos, stop, width, i, out)
            if nl == -1:
                break
            pos = nl + 1
    if not doc.blocks and text:
        wrap_span(text, 0, len(text), width, 0, out)
    return out


def line_of(lines: list[Line], starts: list[int], offset: int) -> int:
    """Index of the screen line showing ``offset`` (``starts`` = each line's start)."""
    i = bisect.bisect_right(starts, offset) - 1
    while i > 0 and lines[i].block == -1:
        i -= 1
    return max(0, i)
