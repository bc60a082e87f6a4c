"""Parse a Document: sentences, entities and key points, keeping user corrections.

The one entry point the CLI and the app use; it runs wherever it is called
(the app calls it from a worker thread).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from briefreader import __version__
from briefreader.model.corrections import Corrections
from briefreader.model.document import Document, ParserInfo
from briefreader.model.edits import without_rejected
from briefreader.model.entity_ids import referenced, repoint_notes
from briefreader.model.frames import carry_events, gather
from briefreader.model.parse_merge import carry_entities, merge_key_points
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
    doc.entities = carry_entities(doc.entities, fresh, referenced(doc))[0]
    repoint_notes(doc)
    taxonomy = taxonomy or load_taxonomy()
    gather(doc)
    old_events = doc.events
    points = extract(doc, analysis, taxonomy, events=read_events(doc, analysis, taxonomy))
    attach_templates(doc, doc.events, points)  # titles are views: the names in them follow the entities
    before = doc.key_points
    doc.key_points = merge_key_points(before, without_rejected(doc, points))  # deleted points stay deleted
    # The points that survived as they were (pinned) name the fresh frames of the same words.
    kept = [k for k in doc.key_points if any(k is old for old in before)]
    doc.events = carry_events(old_events, doc.events, kept)
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
