"""Parse a Document: sentences, entities and key points, keeping user corrections.

The one entry point the CLI and the app use; it runs wherever it is called
(the app calls it from a worker thread).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from briefreader import __version__
from briefreader.model.corrections import Corrections
from briefreader.model.document import Document, Entity, KeyPoint, ParserInfo
from briefreader.model.edits import next_id
from briefreader.model.titles import attach_templates
from briefreader.nlp.entities import entities_for
from briefreader.nlp.keypoints import extract, read_events
from briefreader.nlp.parse import Analysis, analyse, collect, piece_limit, units
from briefreader.nlp.pipeline import LoadedModel
from briefreader.nlp.taxonomy import Taxonomy, load_taxonomy


def annotate_document(
    doc: Document, model: LoadedModel, taxonomy: Taxonomy | None = None, corrections: Corrections | None = None
) -> Analysis:
    """Fill a Document's sentences, entities and key points from a parse.

    ``corrections`` (from ``corrections.yaml``) are applied to the fresh
    entities before they meet the analyst's own edits of this brief.
    """
    analysis = analyse(model.nlp, doc)
    finish(doc, analysis, model, taxonomy, corrections)
    return analysis


def finish(
    doc: Document,
    analysis: Analysis,
    model: LoadedModel,
    taxonomy: Taxonomy | None = None,
    corrections: Corrections | None = None,
) -> None:
    """Everything after spaCy: entities, corrections, key points, merging with what the user did."""
    from briefreader.model.document import Sentence

    doc.sentences = [Sentence(s.start, s.end, s.block) for s in analysis.sentences]
    fresh = entities_for(doc, analysis.mentions, analysis.sentences)
    doc.corrections = None
    if corrections:
        from briefreader.nlp.corrections_pass import apply_corrections

        fresh, used = apply_corrections(doc.text, doc.blocks, fresh, corrections)
        doc.corrections = used or None
    doc.entities = carry_corrections(doc.entities, fresh)
    taxonomy = taxonomy or load_taxonomy()
    points = extract(doc, analysis, taxonomy, events=read_events(doc, analysis, taxonomy))
    attach_templates(doc, doc.events, points)  # titles are views: the names in them follow the entities
    doc.key_points = merge_key_points(doc.key_points, points)
    doc.parser = ParserInfo(model.name, model.version, __version__)
    doc.revision += 1


def annotate_many(
    docs: Iterable[Document],
    model: LoadedModel,
    taxonomy: Taxonomy | None = None,
    jobs: int = 1,
    corrections: Corrections | None = None,
) -> Iterator[Document]:
    """Parse many Documents in one ``nlp.pipe`` stream (faster than one call each)."""
    tax = taxonomy or load_taxonomy()
    pending = list(docs)
    limit = piece_limit(model.nlp)
    stream = ((text, (di, ctx)) for di, d in enumerate(pending) for text, ctx in units(d, limit))
    piped = model.nlp.pipe(stream, as_tuples=True, batch_size=64, n_process=jobs)
    current: list[tuple[object, tuple[int, int]]] = []
    at = 0
    for sdoc, (di, ctx) in piped:
        while di > at:
            _finish_one(pending[at], current, model, tax, corrections)
            yield pending[at]
            current, at = [], at + 1
        current.append((sdoc, ctx))
    while at < len(pending):
        _finish_one(pending[at], current, model, tax, corrections)
        yield pending[at]
        current, at = [], at + 1


def _finish_one(
    doc: Document,
    parsed: list[tuple[object, tuple[int, int]]],
    model: LoadedModel,
    tax: Taxonomy,
    corrections: Corrections | None,
) -> None:
    finish(doc, collect(parsed), model, tax, corrections)  # type: ignore[arg-type]


def carry_corrections(old: list[Entity], fresh: list[Entity]) -> list[Entity]:
    """Keep every entity the user corrected; add the model's others around them.

    A model mention that overlaps a mention of a corrected entity (including
    a rejected one) is dropped, so a re-parse never undoes a correction.
    Ids stay stable, because notes point at them: corrected entities keep
    theirs, a fresh entity found where an old one was mentioned takes the old
    id, and any other gets an id no old entity ever had.
    """
    if not old:
        return fresh
    kept = [e for e in old if e.edited]
    taken = sorted((m.start, m.end) for e in kept for m in e.mentions)
    starts = [a for a, _b in taken]
    longest = max((b - a for a, b in taken), default=0)

    def overlaps(start: int, end: int) -> bool:
        lo = bisect.bisect_left(starts, start - longest)
        return any(a < end and start < b for a, b in taken[lo : bisect.bisect_left(starts, end)])

    survivors = []
    for e in fresh:
        e.mentions = [m for m in e.mentions if not overlaps(m.start, m.end)]
        if e.mentions:
            survivors.append(e)
    old_id_at = {(m.start, m.end): e.id for e in old if not e.edited for m in e.mentions}
    placed = _stable_ids(
        survivors, lambda e: [(m.start, m.end) for m in e.mentions], old_id_at, {e.id for e in kept}, old, "e"
    )
    return sorted(kept + placed, key=lambda e: min((m.start for m in e.mentions), default=0))


def merge_key_points(old: list[KeyPoint], fresh: list[KeyPoint]) -> list[KeyPoint]:
    """Pinned key points survive a re-parse; fresh ones that repeat their evidence do not.

    As with entities, ids stay stable for notes: a fresh point whose first
    sentence was an old point's first sentence takes that point's id.
    """
    if not old:
        return fresh
    pinned = [k for k in old if k.pinned]
    spans = {(e.start, e.end) for k in pinned for e in k.evidence}
    survivors = [k for k in fresh if not any((e.start, e.end) in spans for e in k.evidence)]
    old_id_at = {(k.evidence[0].start, k.evidence[0].end): k.id for k in old if not k.pinned and k.evidence}
    placed = _stable_ids(
        survivors,
        lambda k: [(k.evidence[0].start, k.evidence[0].end)] if k.evidence else [],
        old_id_at,
        {k.id for k in pinned},
        old,
        "k",
    )
    return pinned + placed


_Item = TypeVar("_Item", Entity, KeyPoint)


def _stable_ids(
    items: list[_Item],
    spans: Callable[[_Item], list[tuple[int, int]]],
    old_id_at: dict[tuple[int, int], str],
    used: set[str],
    old: list[_Item],
    prefix: str,
) -> list[_Item]:
    """Give each item the id of the old one found at one of its spans, else an id no old one had.

    ``used`` holds the ids already taken (kept items); notes point at ids, so
    an id must never come to mean something else. Returns the items in order.
    """
    unmatched: list[_Item] = []
    for item in items:
        reuse = next((old_id_at[sp] for sp in spans(item) if old_id_at.get(sp) not in (None, *used)), None)
        if reuse is None:
            unmatched.append(item)
            continue
        item.id = reuse
        used.add(reuse)
    every_id = [o.id for o in old] + list(used)
    for item in unmatched:
        item.id = next_id(prefix, every_id)
        every_id.append(item.id)
    return list(items)  # in the order given (key points come ranked)
