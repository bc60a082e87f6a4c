"""Document text made literal in Markdown: what a brief says must never become structure.

A brief can hold ``#``, ``*``, ``|``, backticks, ``<script>`` or a line of
``---``; written into a report as is, they would make headings, emphasis,
tables, raw HTML or rules out of the analyst's data. CommonMark lets any
ASCII punctuation be backslash-escaped, so escaping everything would be
safe, but unreadable as plain text (``U\\.S\\.``). These functions escape
only what can start Markdown syntax: characters that act anywhere in a line
(emphasis, code, links, HTML, entities, table pipes, strikethrough) and
those that act only at the start of a line (headings, quotes, lists,
setext underlines). Control characters become visible placeholders first,
so a report printed with ``cat`` cannot drive the terminal.
"""

from __future__ import annotations

import re

from briefreader.model.display import one_line, visible

_ANYWHERE = re.compile(r"[\\`*_\[\]<|~]|&(?=#?\w+;)")
"""Characters that can start syntax mid-line; ``&`` only where it would read as an entity (``&amp;``)."""
_LINE_START = re.compile(r"[#>+=-]|\d{1,9}(?=[.)](?:\s|$))")
"""What starts a block at the beginning of a line: heading, quote, list, setext underline, rule."""


def inline(text: str) -> str:
    """Data text as one literal line, for use inside a line the report writes (a cell, after a label)."""
    return _ANYWHERE.sub(lambda m: "\\" + m.group(0), one_line(text))


def escape_line(line: str) -> str:
    """One line of data text that may begin a Markdown line: leading spaces go (no code block)."""
    s = _ANYWHERE.sub(lambda m: "\\" + m.group(0), visible(line).strip())
    m = _LINE_START.match(s)
    if m is None:
        return s
    if m.group(0)[0].isdigit():  # '1.' or '1)' opens an ordered list: escape the '.' or ')'
        return s[: m.end()] + "\\" + s[m.end() :]
    return "\\" + s


def paragraphs(text: str) -> list[str]:
    """Data text as escaped lines, blank lines kept as '' (paragraph breaks), runs of them as one."""
    out: list[str] = []
    for raw in visible(text).split("\n"):
        line = escape_line(raw)
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def heading(level: int, text: str) -> str:
    """An ATX heading; ``#`` in the text is escaped too, or a trailing one would be eaten as a closing mark."""
    return "#" * level + " " + inline(text).replace("#", "\\#")


def strong(text: str) -> str:
    """Bold data text; empty text gives '' (an empty ``****`` would be a rule)."""
    body = inline(text)
    return f"**{body}**" if body else ""


def quote(text: str) -> list[str]:
    """Data text as a block quote, one ``>`` line per line of text."""
    return [f"> {line}" if line else ">" for line in paragraphs(text)]


def indent(lines: list[str], by: int) -> list[str]:
    """Lines moved right to sit inside a list item (blank lines stay blank)."""
    pad = " " * by
    return [pad + line if line else "" for line in lines]
