"""The entity spans of a brief as the analyst left them, for training data.

Both training formats (JSONL for Prodigy and doccano, spaCy's DocBin) take
the same spans: every visible mention, model-found or added by hand, under
its entity's label (which carries the analyst's relabelling); rejected
mentions are left out. Neither format allows two spans to overlap, so
overlaps are resolved one way everywhere: the longest span wins, then the
earliest, then the label in alphabetical order (so the result never
depends on the order entities are stored in).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from briefreader.model.document import Document


@dataclass(frozen=True, order=True)
class Span:
    """A labelled character span of the brief's text."""

    start: int
    end: int
    label: str


def corrected_spans(doc: Document) -> list[Span]:
    """Every visible mention under its entity's label, overlaps resolved, in text order."""
    spans = {Span(m.start, m.end, e.label) for e in doc.entities for m in e.mentions if m.visible and m.end > m.start}
    return resolve_overlaps(spans)


def resolve_overlaps(spans: set[Span] | list[Span]) -> list[Span]:
    """Keep the longest span first, then the earliest; drop any that overlaps one kept.

    Deterministic whatever order ``spans`` come in. Returns the kept spans
    sorted by position.
    """
    kept: list[Span] = []  # disjoint, so ordered by start and by end alike
    starts: list[int] = []
    for s in sorted(set(spans), key=lambda s: (-(s.end - s.start), s.start, s.label)):
        i = bisect.bisect_right(starts, s.start)
        if (i > 0 and kept[i - 1].end > s.start) or (i < len(kept) and kept[i].start < s.end):
            continue
        kept.insert(i, s)
        starts.insert(i, s.start)
    return kept
