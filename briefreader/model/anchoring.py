"""Finding a note's words again after the text changed: quote with context, as Hypothesis does.

A note's anchor keeps its quote and ``CONTEXT`` characters of text before
and after it (``prefix``, ``suffix``). After an edit the quote is looked
for in three steps, each only if the one before found nothing:

1. the quote exactly, as whole words; of several places, the one whose
   surroundings match the saved context best, then the nearest to where
   it was;
2. the quote approximately: places where a piece of it (its first, middle
   or last words) still stands, and the place it was mapped to, are
   aligned with ``difflib.SequenceMatcher``; a candidate is scored
   ``QUOTE_WEIGHT * similarity(quote) + (1 - QUOTE_WEIGHT) *
   similarity(context)`` and kept when the score is at least
   ``THRESHOLD`` (0.75) and the quote alone at least ``MIN_QUOTE`` (0.6).
   A word changed ("three years" -> "four years") or a sentence split in
   two scores well above it; another sentence that shares a few words
   scores below;
3. nothing close enough: the note is orphaned (kept, never dropped),
   and ``reattach`` (``model.edits.reattach_note``) gives it a sentence.

Similarity is difflib's ratio, 2·matches / (len(a) + len(b)), from 0 to 1.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

CONTEXT = 32
"""Characters of text kept before and after a note's quote."""
THRESHOLD = 0.75
"""Lowest combined score (quote and context) at which an approximate match re-attaches a note."""
MIN_QUOTE = 0.6
"""Lowest similarity of the quote itself, whatever the context says."""
QUOTE_WEIGHT = 0.75
"""Share of the quote's similarity in the score; the context's is the rest."""
_SEED_WORDS = 3
_REFINE = 12
"""How far (characters) the ends of an approximate match are moved to find the best word boundary."""


@dataclass(frozen=True)
class Found:
    """Where a quote was found, and how sure it is (1.0: the exact words)."""

    start: int
    end: int
    score: float

    @property
    def exact(self) -> bool:
        """True for the quote's own words."""
        return self.score >= 1.0


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The ``CONTEXT`` characters before ``start`` and after ``end``."""
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def similarity(a: str, b: str) -> float:
    """difflib's ratio of two strings (1.0 when equal, 0.0 when nothing matches)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _context_score(text: str, start: int, end: int, prefix: str | None, suffix: str | None) -> float | None:
    parts = []
    if prefix:
        parts.append(similarity(prefix, text[max(0, start - len(prefix)) : start]))
    if suffix:
        parts.append(similarity(suffix, text[end : end + len(suffix)]))
    return sum(parts) / len(parts) if parts else None


def _score(text: str, quote: str, start: int, end: int, prefix: str | None, suffix: str | None) -> tuple[float, float]:
    """(combined score, quote similarity) of ``text[start:end]`` as the quote."""
    q = similarity(quote, text[start:end])
    c = _context_score(text, start, end, prefix, suffix)
    return (q if c is None else QUOTE_WEIGHT * q + (1 - QUOTE_WEIGHT) * c), q


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _whole(text: str, start: int, end: int) -> bool:
    if start > 0 and _is_word(text[start]) and _is_word(text[start - 1]):
        return False
    return not (end < len(text) and _is_word(text[end - 1]) and _is_word(text[end]))


def exact(text: str, quote: str, near: int, prefix: str | None = None, suffix: str | None = None) -> int | None:
    """Start of the quote's best whole-word occurrence: best context first, then nearest ``near``."""
    best: tuple[float, int, int] | None = None
    at = text.find(quote)
    while at != -1:
        if at == near or _whole(text, at, at + len(quote)):
            c = _context_score(text, at, at + len(quote), prefix, suffix)
            key = (round(c if c is not None else 0.0, 2), -abs(at - near), at)
            if best is None or key > best:
                best = key
        at = text.find(quote, at + 1)
    return None if best is None else best[2]


def _seeds(text: str, quote: str, near: int) -> list[int]:
    """Where the quote may start now: around each place a few of its words still stand, and ``near``."""
    words = quote.split()
    out = {max(0, min(near, len(text)))}
    if len(words) >= _SEED_WORDS:
        picks = {0, max(0, len(words) // 2 - 1), len(words) - _SEED_WORDS}
        for i in sorted(picks):
            piece = " ".join(words[i : i + _SEED_WORDS])
            offset = quote.find(piece)
            at = text.find(piece)
            while at != -1 and len(out) < 200:
                out.add(max(0, at - max(0, offset)))
                at = text.find(piece, at + 1)
    return sorted(out)


def _aligned(text: str, quote: str, seed: int) -> tuple[int, int] | None:
    """The span of the text around ``seed`` that lines up best with the quote, on word boundaries.

    The pieces of the quote that still stand (``SequenceMatcher`` blocks
    long enough not to be chance: ``the``, ``s a``) give a first span; its
    ends are then moved to the word boundaries nearby that make it most
    like the quote.
    """
    slack = len(quote) // 3 + 16
    lo, hi = max(0, seed - slack), min(len(text), seed + len(quote) + slack)
    window = text[lo:hi]
    least = max(3, min(8, len(quote) // 4))
    matcher = difflib.SequenceMatcher(None, window, quote, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= least]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    # Where the quote's first and last characters fall, by the first and last pieces that line up.
    start, end = lo + first.a - first.b, lo + last.a + len(quote) - last.b
    starts = [i for i in range(max(0, start - _REFINE), min(len(text), start + _REFINE) + 1) if _starts_word(text, i)]
    ends = [i for i in range(max(0, end - _REFINE), min(len(text), end + _REFINE) + 1) if _ends_word(text, i)]
    spans = [(a, b) for a in starts or [max(0, start)] for b in ends or [min(len(text), end)] if b > a]
    if not spans:
        return None
    return max(spans, key=lambda sp: (similarity(quote, text[sp[0] : sp[1]]), -abs(sp[0] - start)))


def _starts_word(text: str, i: int) -> bool:
    return i < len(text) and not text[i].isspace() and (i == 0 or text[i - 1].isspace())


def _ends_word(text: str, i: int) -> bool:
    return i > 0 and not text[i - 1].isspace() and (i == len(text) or text[i].isspace())


def locate(text: str, quote: str, near: int, prefix: str | None = None, suffix: str | None = None) -> Found | None:
    """The quote in ``text``: exactly, else approximately above ``THRESHOLD``; None when nothing is close."""
    if not quote:
        return None
    at = exact(text, quote, near, prefix, suffix)
    if at is not None:
        return Found(at, at + len(quote), 1.0)
    best: Found | None = None
    for seed in _seeds(text, quote, near):
        span = _aligned(text, quote, seed)
        if span is None:
            continue
        score, q = _score(text, quote, *span, prefix, suffix)
        if q >= MIN_QUOTE and score >= THRESHOLD and (best is None or score > best.score):
            best = Found(span[0], span[1], min(score, 0.999))
    return best
