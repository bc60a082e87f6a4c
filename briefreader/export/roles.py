"""An event frame's participants as spans of the text, for training data.

A frame names its participants by entity id (``EventFrame.actors``,
``targets``, ``place``, ``source``); a model learns from words, so each role
is also given as a span: the entity's visible mention in the frame's own
sentence nearest the trigger, else its mention nearest the trigger anywhere
in the brief (a participant named only earlier), else none (the id alone).

The links are written in Prodigy's relation format (the ``rel.manual``
recipe's task fields, which spaCy's relation-extraction tutorial reads
too): ``{"head": i, "child": j, "head_span": {...}, "child_span": {...},
"label": ...}`` where a span is ``{"start", "end", "token_start",
"token_end", "label"}`` and ``head`` / ``child`` are the token index of the
head and child span's last token. The head is the trigger (labelled with
the event type), the child the participant (labelled with its entity
label), the relation's label the role: ``ACTOR``, ``TARGET``, ``PLACE``,
``SOURCE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefreader.export.tokenizer import Tokens
from briefreader.model.document import Document, Entity
from briefreader.model.event import EventFrame

ROLES = ("ACTOR", "TARGET", "PLACE", "SOURCE")
"""Relation labels, in the order a frame's roles are written."""


@dataclass(frozen=True)
class RoleSpan:
    """One participant of a frame: its role, its entity and (when the text names it) where."""

    role: str
    entity: str
    """The entity id."""
    start: int | None
    end: int | None
    label: str | None
    """The entity's label (None when the id names no entity of the brief)."""


def frame_roles(doc: Document, ev: EventFrame) -> list[RoleSpan]:
    """Every participant of the frame, in role order (actors, targets, place, source)."""
    ids = [("ACTOR", i) for i in ev.actors] + [("TARGET", i) for i in ev.targets]
    ids += [(r, i) for r, i in (("PLACE", ev.place), ("SOURCE", ev.source)) if i]
    out = []
    for role, ent_id in ids:
        ent = doc.entity(ent_id)
        span = _mention(ent, ev) if ent is not None else None
        out.append(
            RoleSpan(role, ent_id, span[0] if span else None, span[1] if span else None, ent.label if ent else None)
        )
    return out


def _mention(ent: Entity, ev: EventFrame) -> tuple[int, int] | None:
    shown = ent.visible_mentions
    if not shown:
        return None
    at = ev.trigger.start
    sentence = ev.sentence
    inside = [m for m in shown if sentence is not None and sentence[0] <= m.start and m.end <= sentence[1]]
    best = min(inside or shown, key=lambda m: abs(m.start - at))
    return best.start, best.end


def role_records(doc: Document, ev: EventFrame) -> list[dict[str, Any]]:
    """The roles as JSON: ``{"role", "entity", "start", "end", "text", "label"}``."""
    return [
        {
            "role": r.role,
            "entity": r.entity,
            "start": r.start,
            "end": r.end,
            "text": doc.text[r.start : r.end] if r.start is not None and r.end is not None else None,
            "label": r.label,
        }
        for r in frame_roles(doc, ev)
    ]


def relations(doc: Document, frames: list[EventFrame], tokens: Tokens) -> list[dict[str, Any]]:
    """Prodigy ``relations``: one per participant the text names, from the trigger to its span."""
    out: list[dict[str, Any]] = []
    for ev in frames:
        head = tokens.span(ev.trigger.start, ev.trigger.end, ev.type)
        if head is None:
            continue
        for r in frame_roles(doc, ev):
            if r.start is None or r.end is None:
                continue
            child = tokens.span(r.start, r.end, r.label)
            if child is None:
                continue
            out.append(
                {
                    "head": head["token_end"],
                    "child": child["token_end"],
                    "head_span": head,
                    "child_span": child,
                    "label": r.role,
                    "event": ev.id,
                }
            )
    return out
