"""Make document text safe to put on a terminal, one character for one.

A brief can carry escape sequences, C1 controls or bidirectional overrides
(scraped pages, mail). Shown raw they would move the cursor, set the window
title, write the clipboard (OSC 52) or reorder what the analyst reads. Each
such character becomes one visible placeholder, so offsets into the text
stay valid for highlighting; the Document itself keeps the original.
"""

from __future__ import annotations

_BIDI = {0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def _placeholder(code: int) -> str:
    if code == 0x09:
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: NUL -> ␀, ESC -> ␛
    if code == 0x7F:
        return "␡"
    return "�"


_TABLE = {c: _placeholder(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *_BIDI) if c != 0x0A}


def visible(text: str) -> str:
    """``text`` with every control character but the newline replaced by a placeholder."""
    return text.translate(_TABLE)


def one_line(text: str, limit: int | None = None) -> str:
    """Visible text on one line (for titles, list rows), cut at ``limit`` characters."""
    flat = " ".join(visible(text).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(0, limit - 1)] + "…"
    return flat
