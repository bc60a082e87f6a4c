"""Run spaCy over a Document's blocks and keep what later steps need as plain data.

Blocks are parsed separately (``nlp.pipe``), so no sentence or entity
crosses a block boundary; a block longer than the pipeline accepts is cut
into pieces at line or sentence ends first. Nothing outside this module
sees a spaCy object: tokens become small tuples with global offsets.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefreader.model.document import Document, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIECE_CHARS = 20_000
"""Longest piece handed to spaCy at once: keeps memory flat and a huge token from stalling it."""
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass(frozen=True)
class Token:
    """One token of a parsed sentence, with offsets into the Document text."""

    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    """Index of the head token within the same sentence."""
    start: int
    end: int
    is_stop: bool
    ent: str
    """Entity label from the model, '' outside entities."""


@dataclass
class ParsedSentence:
    """A sentence span and its tokens."""

    start: int
    end: int
    block: int
    tokens: list[Token] = field(default_factory=list)


@dataclass(frozen=True)
class RawMention:
    """An entity span exactly as the model gave it, before any cleaning."""

    start: int
    end: int
    label: str
    block: int


@dataclass
class Analysis:
    """Everything the parse found in one Document."""

    sentences: list[ParsedSentence] = field(default_factory=list)
    mentions: list[RawMention] = field(default_factory=list)


def pieces(text: str, limit: int = PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """Cut a long block at a line end, else a sentence end, else a space, else hard."""
    pos = 0
    while len(text) - pos > limit:
        window = text[pos : pos + limit]
        cut = window.rfind("\n")
        if cut < limit // 2:
            ends = [m.end() - 1 for m in re.finditer(r"[.!?]\s", window)]
            cut = ends[-1] if ends and ends[-1] > limit // 2 else window.rfind(" ")
        if cut < limit // 4:
            cut = limit
        yield pos, text[pos : pos + cut]
        pos += cut
    yield pos, text[pos:]


def units(doc: Document, limit: int = PIECE_CHARS) -> list[tuple[str, tuple[int, int]]]:
    """The (text, (block index, offset)) units to hand to ``nlp.pipe``, none over ``limit``."""
    out: list[tuple[str, tuple[int, int]]] = []
    for i, b in enumerate(doc.blocks):
        for off, piece in pieces(doc.text[b.start : b.end], limit):
            if piece.strip():
                out.append((piece, (i, b.start + off)))
    return out


def collect(parsed: Iterable[tuple[Doc, tuple[int, int]]]) -> Analysis:
    """Turn spaCy Docs (with their block and offset) into an Analysis."""
    analysis = Analysis()
    for sdoc, (block, offset) in parsed:
        spans = _attach_closers(sdoc.text, [(s.start_char, s.end_char) for s in sdoc.sents])
        starts = [t.idx for t in sdoc]
        for sent_start, sent_end in spans:
            for start, end in _split_lines(sdoc.text, sent_start, sent_end):
                lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
                tokens = [t for t in sdoc[lo:hi] if not t.is_space]
                if not tokens:
                    continue
                index = {t.i: k for k, t in enumerate(tokens)}
                ps = ParsedSentence(offset + start, offset + end, block)
                for k, t in enumerate(tokens):
                    # A head outside the sentence (a closing quote moved to the
                    # sentence it closes, a line split) makes the token its own root.
                    ps.tokens.append(
                        Token(
                            t.text,
                            t.lemma_,
                            t.pos_,
                            t.tag_,
                            t.dep_,
                            index.get(t.head.i, k),
                            offset + t.idx,
                            offset + t.idx + len(t.text),
                            t.is_stop,
                            t.ent_type_,
                        )
                    )
                analysis.sentences.append(ps)
        for ent in sdoc.ents:
            analysis.mentions.append(RawMention(offset + ent.start_char, offset + ent.end_char, ent.label_, block))
    return analysis


_CLOSERS = "”’)]»"
_OPENERS = {")": "(", "]": "[", "»": "«"}


def _attach_closers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Give closing quotes and brackets back to the sentence they close.

    The model often ends a sentence before its closing quote, so the next
    one starts with the quote (and, in one-paragraph-per-line copy, the line
    break after it): its evidence began with a stray quote and the cursor
    highlight took the previous line's quote. A straight quote closes when
    its line holds an odd number of them before it and whitespace follows.
    """
    out = [list(sp) for sp in spans]
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        pos = cur[0]
        while pos < cur[1] and _closes(text, pos):
            pos += 1
        if pos > cur[0] and prev[1] == cur[0]:
            prev[1] = pos
            cur[0] = pos
    return [(a, b) for a, b in out if b > a]


def _closes(text: str, pos: int) -> bool:
    """True when ``text[pos]`` closes a quote or bracket opened earlier on its line.

    The line, not the sentence: a quotation often runs over several
    sentences of one paragraph, and a paragraph is one line in wire copy.
    """
    ch = text[pos]
    before = text[text.rfind("\n", 0, pos) + 1 : pos]
    after = text[pos + 1 : pos + 2]
    if ch == '"':
        # A quote never opens at the end of a line, even where the copy has a stray one.
        if not after or after == "\n":
            return True
        return before.count('"') % 2 == 1 and (not after or after.isspace() or after in _CLOSERS + '"')
    if ch == "’" or ch == "”":
        return bool(before.strip())
    if ch in _OPENERS:
        return before.count(_OPENERS[ch]) > before.count(ch)
    return False


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a sentence at line breaks that follow a sentence end.

    Wire copy often puts one sentence per line; the model sometimes runs two
    such lines together. A line break after '.', '!' or '?' is a boundary;
    one inside a hard-wrapped sentence is not.
    """
    spans = []
    s = start
    for m in re.finditer(r"\n", text[start:end]):
        cut = start + m.start()
        if _SENTENCE_END.search(text[s:cut].rstrip()):
            spans.append((s, cut))
            s = cut + 1
    spans.append((s, end))
    out = []
    for a, b in spans:
        seg = text[a:b]
        a2 = a + (len(seg) - len(seg.lstrip()))
        b2 = b - (len(seg) - len(seg.rstrip()))
        if b2 > a2:
            out.append((a2, b2))
    return out


def piece_limit(nlp: Language) -> int:
    """Longest piece this pipeline takes: ours, or spaCy's ``max_length`` when smaller."""
    return max(100, min(PIECE_CHARS, int(nlp.max_length)))


def analyse(nlp: Language, doc: Document) -> Analysis:
    """Parse one Document's blocks and record its sentences on it."""
    analysis = collect(nlp.pipe(units(doc, piece_limit(nlp)), as_tuples=True, batch_size=64))
    doc.sentences = [Sentence(s.start, s.end, s.block) for s in analysis.sentences]
    return analysis
