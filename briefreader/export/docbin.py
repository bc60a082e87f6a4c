"""Briefs as a spaCy ``DocBin`` (``.spacy``): corrected entities as ``doc.ents``, for ``spacy train``.

Event frames go with them: each trigger as a span of ``doc.spans["events"]``
labelled with the event's type (widened to whole tokens), and every frame's
record (``jsonl.event_record``: roles by entity id, when, status, negated,
cue, source) in ``doc.user_data["briefreader"]["events"]``.

The text is tokenised with a blank pipeline of the brief's language (the
tokenizer a trained pipeline of that language uses), so no model is loaded.
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
from briefreader.export.spans import Span, corrected_spans, resolve_overlaps
from briefreader.model.display import one_line
from briefreader.model.document import Document
from briefreader.model.frames import gathered

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_LANG = "en"
_blanks: dict[str, Language] = {}


def language_of(doc: Document) -> str:
    """The language code of the pipeline that parsed the brief (``en_core_web_sm`` -> ``en``)."""
    if doc.parser is None:
        return DEFAULT_LANG
    code = doc.parser.model.split("_", 1)[0]
    return code if code.isalpha() and 2 <= len(code) <= 3 else DEFAULT_LANG


def blank(lang: str) -> Language:
    """A blank pipeline (tokenizer only), one per language per process."""
    if lang not in _blanks:
        import spacy

        try:
            _blanks[lang] = spacy.blank(lang)
        except (ImportError, ValueError, KeyError):  # spaCy has no such language: English tokenisation
            _blanks[lang] = _blanks.get(DEFAULT_LANG) or spacy.blank(DEFAULT_LANG)
    return _blanks[lang]


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
        sdoc.char_span(ev.trigger.start, ev.trigger.end, label=ev.type, alignment_mode="expand") for ev in frames
    ]
    sdoc.spans["events"] = [t for t in triggers if t is not None and len(t)]
    sdoc.user_data["briefreader"] = {
        "title": doc.meta.title,
        "date": doc.meta.date,
        "source": doc.meta.source,
        "events": [event_record(ev) for ev in frames],
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
