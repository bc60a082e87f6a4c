"""Blocks and sentences for a ``text:`` edited by hand in a saved YAML.

The reader lays a brief out as blocks separated by one blank line, so a
saved file whose blocks no longer fit that layout had its text changed by
hand. Its offsets cannot be trusted (inserting a word shifts every later
block, a shortened word pushes the last one past the end), so the blocks
are found again from the text itself, keeping each one's kind where the
old layout still says it, and the sentences of changed blocks are cut
again by punctuation. The old layout still tells where each old offset
went, which is how the annotations are found again (``model.reanchor``).
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re

from briefreader.io.headings import is_heading
from briefreader.model.document import Block, BlockKind, Sentence
from briefreader.model.reanchor import OffsetMap

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SEPARATOR = re.compile(r"\n(?:[ \t]*\n)+")
# A sentence ends at . ! ? (and closing quotes) before a space and a capital, digit or opening quote.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def layout_fits(text: str, blocks: list[Block]) -> bool:
    """True when the blocks tile the text as the reader lays it out (blank line between)."""
    if not blocks:
        return True  # nothing to check against (a file written by hand without blocks)
    if blocks[0].start != 0 or blocks[-1].end != len(text):
        return False
    for b, nxt in itertools.pairwise(blocks):
        if not 0 <= b.start < b.end or text[b.end : nxt.start] != "\n\n":
            return False
    last = blocks[-1]
    if not last.start < last.end:
        return False
    return not any(_BLANK_LINE.search(text, b.start, b.end) for b in blocks)


def find_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of the text's paragraph-like chunks: runs of lines between blank lines, trimmed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for sep in [*_SEPARATOR.finditer(text), None]:
        end = sep.start() if sep else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            spans.append((pos + lead, pos + trail))
        if sep:
            pos = sep.end()
    return spans


def _pairs(old: list[Block], new: list[tuple[int, int]]) -> list[tuple[int | None, int]]:
    """(old block index or None, new block index) for every new block.

    Blocks of the same length in the same order are the same block; within
    a changed stretch, blocks pair up by position while both sides last.
    """
    matcher = difflib.SequenceMatcher(None, [b.end - b.start for b in old], [e - s for s, e in new], autojunk=False)
    out: list[tuple[int | None, int]] = []
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(j2 - j1):
            out.append((i1 + k if i1 + k < i2 else None, j1 + k))
    return out


def relayout(
    text: str, old_blocks: list[Block], old_sentences: list[tuple[int, int]]
) -> tuple[list[Block], list[Sentence], OffsetMap]:
    """New blocks and sentences for an edited text, and where each old offset went.

    A block whose length did not change keeps its kind and its sentences
    (shifted); a changed block keeps its old kind when it pairs with one, and
    its sentences are cut by punctuation (approximate until the next parse).
    """
    spans = find_blocks(text)
    pairs = _pairs(old_blocks, spans)
    old_starts = [b.start for b in old_blocks]
    blocks: list[Block] = []
    sentences: list[Sentence] = []
    for old_i, j in pairs:
        start, end = spans[j]
        kind = _kind(text, start, end, j, old_blocks[old_i] if old_i is not None else None)
        blocks.append(Block(kind, start, end))
        if old_i is not None and old_blocks[old_i].end - old_blocks[old_i].start == end - start:
            ob = old_blocks[old_i]
            shift = start - ob.start
            kept = [(s + shift, e + shift) for s, e in old_sentences if ob.start <= s < e <= ob.end]
            if kept:
                sentences += [Sentence(s, e, j) for s, e in kept]
                continue
        sentences += [Sentence(s, e, j) for s, e in split_sentences(text, start, end, kind)]

    # Where an old offset went: into the new block its old block pairs with, same distance in.
    partner: dict[int, int] = {i: j for i, j in pairs if i is not None}

    def where(x: int) -> int:
        i = max(0, bisect.bisect_right(old_starts, x) - 1)
        while i >= 0 and i not in partner:
            i -= 1
        if i < 0:
            return 0
        start, end = spans[partner[i]]
        return min(start + max(0, x - old_blocks[i].start), end)

    return blocks, sentences, where


def _kind(text: str, start: int, end: int, index: int, old: Block | None) -> BlockKind:
    if old is not None:
        return old.kind
    if index == 0:
        return "title"
    return "heading" if is_heading(text[start:end]) else "paragraph"


def split_sentences(text: str, start: int, end: int, kind: BlockKind = "paragraph") -> list[tuple[int, int]]:
    """Sentences of one block by punctuation: a title, dateline or heading is one sentence."""
    if kind != "paragraph":
        return [(start, end)]
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        out.append((pos, m.end()))
        pos = m.end()
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end:
        out.append((pos, end))
    return out
