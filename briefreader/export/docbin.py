"""Briefs as a spaCy ``DocBin`` (``.spacy``): corrected entities as ``doc.ents``, for ``spacy train``.

Event frames go with them:

- each trigger as a span of ``doc.spans["events"]``, labelled with the
  event's type, its ``id`` the frame's id (``v3``);
- each participant the text names as a span of ``doc.spans["event_roles"]``
  (``export.roles``), labelled with its role (``ACTOR``, ``TARGET``,
  ``PLACE``, ``SOURCE``), its ``id`` the frame's id and its ``kb_id`` the
  entity's id, so a role span is tied to its trigger;
- every frame's record (``jsonl.event_record``: roles by entity id and as
  spans, when, status, negated, cue, source, ``edited`` where the analyst
  changed it) in ``doc.user_data["briefreader"]["events"]``.

Spans are widened to whole tokens. The text is tokenised with a blank
pipeline of the brief's language (``tokenizer``), so no model is loaded.
spaCy wants entities on token boundaries and never overlapping: a span that
cuts a token is widened to the tokens it touches (``alignment_mode="expand"``)
and, if that makes it overlap another, the overlap is resolved as
everywhere else (longest first, then earliest). Every such change is
reported, never made in silence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from briefreader.export.jsonl import event_record
from briefreader.export.roles import frame_roles
from briefreader.export.spans import Span, corrected_spans, resolve_overlaps
from briefreader.export.tokenizer import blank, language_of
from briefreader.model.display import one_line
from briefreader.model.document import Document
from briefreader.model.frames import gathered

if TYPE_CHECKING:
    from spacy.tokens import Doc


def spacy_doc(doc: Document) -> tuple[Doc, list[str]]:
    """The brief as a spaCy Doc with its corrected entities, and what had to change to fit spaCy."""
    nlp = blank(language_of(doc))
    sdoc = nlp.make_doc(doc.text)
    changes: list[str] = []
    aligned: dict[Span, Span] = {}
    for s in corrected_spans(doc):
        span = sdoc.char_span(s.start, s.end, label=s.label, alignment_mode="expand")
        if span is None or span.start_char == span.end_char:
            changes.append(f"{_show(doc, s)} dropped: it covers no token")
            continue
        fitted = Span(span.start_char, span.end_char, s.label)
        if fitted in aligned:
            changes.append(f"{_show(doc, s)} dropped: widened to fit spaCy's tokens it repeats {_show(doc, fitted)}")
            continue
        if fitted != s:
            changes.append(f"{_show(doc, s)} widened to {_show(doc, fitted)} to fit spaCy's tokens")
        aligned[fitted] = s
    kept = resolve_overlaps(set(aligned))
    for gone in sorted(set(aligned) - set(kept)):
        changes.append(f"{_show(doc, aligned[gone])} dropped: once widened it overlaps a longer span")
    # Every kept span is on token boundaries now, so char_span finds each one.
    sdoc.ents = [span for s in kept if (span := sdoc.char_span(s.start, s.end, label=s.label)) is not None]
    frames = gathered(doc)[0]
    triggers = [
        sdoc.char_span(ev.trigger.start, ev.trigger.end, label=ev.type, alignment_mode="expand", span_id=ev.id)
        for ev in frames
    ]
    sdoc.spans["events"] = [t for t in triggers if t is not None and len(t)]
    roles = [
        sdoc.char_span(r.start, r.end, label=r.role, kb_id=r.entity, alignment_mode="expand", span_id=ev.id)
        for ev in frames
        for r in frame_roles(doc, ev)
        if r.start is not None and r.end is not None
    ]
    sdoc.spans["event_roles"] = [r for r in roles if r is not None and len(r)]
    sdoc.user_data["briefreader"] = {
        "title": doc.meta.title,
        "date": doc.meta.date,
        "source": doc.meta.source,
        "events": [event_record(doc, ev) for ev in frames],
    }
    return sdoc, changes


def pack(sdocs: Iterable[Doc]) -> bytes:
    """The serialised DocBin (what ``spacy train`` reads from a ``.spacy`` file), user data kept."""
    from spacy.tokens import DocBin

    bin_ = DocBin(store_user_data=True)
    for sdoc in sdocs:
        bin_.add(sdoc)
    data: bytes = bin_.to_bytes()
    return data


def _show(doc: Document, s: Span) -> str:
    return f"{s.label} {one_line(doc.text[s.start : s.end], 40)!r} ({s.start}-{s.end})"
