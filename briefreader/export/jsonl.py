"""One brief as one JSON line in the task format of Prodigy (spans and relations), which doccano reads too.

``{"text", "spans", "tokens", "relations", "meta", "events"}``, field names
as Prodigy's ``ner.manual`` and ``rel.manual`` recipes write them:

- ``text``: the brief's own (control characters included, JSON escapes
  them), so every offset points where the Document's does;
- ``spans``: ``{"start", "end", "label"}``, the analyst's corrected entity
  spans (see ``spans``): what NER training reads;
- ``tokens``: ``{"text", "start", "end", "id", "ws"}`` (spaCy's tokenizer
  for the brief's language), which the relations' indices point at;
- ``relations``: Prodigy's trigger-role links (``roles.relations``):
  ``{"head", "child", "head_span", "child_span", "label", "event"}``, the
  head span the event's trigger labelled with its type, the child span the
  participant's mention labelled with its entity label, the label the role
  (``ACTOR``, ``TARGET``, ``PLACE``, ``SOURCE``); ``event`` names the frame;
- ``events``: every event frame as this reader has it (``event_record``):
  the trigger's span, the type, participants by entity id (the ids of the
  saved YAML) and as spans (``roles``), when, status, whether the text
  says it did not happen (``negated``, ``cue``), and ``edited``: true where
  the analyst changed the frame, so corrected frames can be told from the
  parser's for training.

Readers of the span format ignore keys they do not know.
"""

from __future__ import annotations

import json
from typing import Any

from briefreader.export.roles import relations, role_records
from briefreader.export.spans import corrected_spans
from briefreader.export.tokenizer import tokens_of
from briefreader.model.document import Document
from briefreader.model.event import EventFrame
from briefreader.model.frames import gathered
from briefreader.model.titles import title_text


def brief_record(doc: Document) -> dict[str, Any]:
    """The brief as a Prodigy task (spans, tokens, relations) with its event frames."""
    frames = gathered(doc)[0]
    tokens = tokens_of(doc)
    return {
        "text": doc.text,
        "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in corrected_spans(doc)],
        "tokens": tokens.records(doc.text),
        "relations": relations(doc, frames, tokens),
        "meta": {"title": doc.meta.title, "date": doc.meta.date, "source": doc.meta.source},
        "events": [event_record(doc, ev) for ev in frames],
    }


def event_record(doc: Document, ev: EventFrame) -> dict[str, Any]:
    """One event frame as JSON: its trigger span first, as the entity spans are written."""
    return {
        "id": ev.id,
        "start": ev.trigger.start,
        "end": ev.trigger.end,
        "text": ev.trigger.text,
        "type": ev.type,
        "sentence": list(ev.sentence) if ev.sentence is not None else None,
        "title": title_text(doc, ev) if ev.title is not None or ev.title_template else None,
        "actors": list(ev.actors),
        "targets": list(ev.targets),
        "place": ev.place,
        "roles": role_records(doc, ev),
        "when": None if ev.when is None else {"text": ev.when.text, "date": ev.when.date},
        "status": ev.status,
        "negated": ev.negated,
        "cue": ev.cue,
        "source": ev.source,
        "edited": ev.edited,
    }


def brief_line(doc: Document) -> str:
    """The record as one line of JSON, newline included.

    ``ensure_ascii=False`` keeps names readable (``Lucía``). JSON escapes
    control characters below U+0020 but not the other characters Python's
    ``str.splitlines`` breaks at (NEL, LINE and PARAGRAPH SEPARATOR); those
    are escaped here, so one brief is one line for every reader.
    """
    return json.dumps(brief_record(doc), ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


_LINE_BREAKS = {c: f"\\u{c:04x}" for c in (0x85, 0x2028, 0x2029)}
"""json.dumps writes these only inside strings, where ``\\uXXXX`` stands for the same character."""
