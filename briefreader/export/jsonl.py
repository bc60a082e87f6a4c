"""One brief as one JSON line in the span format Prodigy and doccano read.

``{"text", "spans": [{"start", "end", "label"}], "meta": {"title", "date", "source"}, "events": [...]}``:
the text is the brief's own (control characters included, JSON escapes
them) so every offset points where the Document's does; the spans are the
analyst's corrected ones (see ``spans``). ``events`` are the brief's event
frames (``event_record``): the trigger's span, the type, participants by
entity id (the ids the spans' entities have in the saved YAML), when,
status, and whether the text says it did not happen (``negated``, ``cue``).
Span-format readers ignore a key they do not know.
"""

from __future__ import annotations

import json
from typing import Any

from briefreader.export.spans import corrected_spans
from briefreader.model.document import Document
from briefreader.model.event import EventFrame
from briefreader.model.frames import gathered


def brief_record(doc: Document) -> dict[str, Any]:
    """The brief as a Prodigy / doccano task."""
    return {
        "text": doc.text,
        "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in corrected_spans(doc)],
        "meta": {"title": doc.meta.title, "date": doc.meta.date, "source": doc.meta.source},
        "events": [event_record(ev) for ev in gathered(doc)[0]],
    }


def event_record(ev: EventFrame) -> dict[str, Any]:
    """One event frame as JSON: its trigger span first, as the entity spans are written."""
    return {
        "id": ev.id,
        "start": ev.trigger.start,
        "end": ev.trigger.end,
        "text": ev.trigger.text,
        "type": ev.type,
        "sentence": list(ev.sentence) if ev.sentence is not None else None,
        "title": ev.title,
        "actors": list(ev.actors),
        "targets": list(ev.targets),
        "place": ev.place,
        "when": None if ev.when is None else {"text": ev.when.text, "date": ev.when.date},
        "status": ev.status,
        "negated": ev.negated,
        "cue": ev.cue,
        "source": ev.source,
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
