"""Keep the keys this reader does not know across a re-parse.

A re-parse builds fresh entities, key points and parser info; the ids stay
stable (``nlp.annotate``), so keys a person added to an entity, a key point,
a mention or evidence are put back on the fresh object with the same id or
span; an event frame's (whose ids a parse renumbers) go to the fresh frame
read from the same word. What finds no home is named, so a caller can refuse to save rather
than drop it in silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from briefreader.model.document import Document, Entity, KeyPoint, ParserInfo
from briefreader.model.event import EventFrame


@dataclass
class BeforeParse:
    """What a parse replaces, taken just before it (the objects, not copies)."""

    entities: list[Entity]
    key_points: list[KeyPoint]
    parser: ParserInfo | None
    events: list[EventFrame] = field(default_factory=list)


def before_parse(doc: Document) -> BeforeParse:
    """Hold on to what a parse will replace."""
    return BeforeParse(list(doc.entities), list(doc.key_points), doc.parser, list(doc.events))


def carry_unknown_keys(before: BeforeParse, doc: Document) -> list[str]:
    """Put unknown keys back on the parsed objects; return the ones that found no home."""
    lost: list[str] = []
    entities = {e.id: e for e in doc.entities}
    for old in before.entities:
        new = entities.get(old.id)
        if new is None:
            lost += [f"entities[{old.id}].{k}" for k in old.extra]
            lost += [f"entities[{old.id}].mentions.{k}" for m in old.mentions for k in m.extra]
            continue
        if new is not old:
            new.extra = {**old.extra, **new.extra}
            spans = {(m.start, m.end): m for m in new.mentions}
            for m in old.mentions:
                if not m.extra:
                    continue
                if (m.start, m.end) in spans:
                    spans[(m.start, m.end)].extra = {**m.extra, **spans[(m.start, m.end)].extra}
                else:
                    lost += [f"entities[{old.id}].mentions[{m.start}-{m.end}].{k}" for k in m.extra]
    points = {k.id: k for k in doc.key_points}
    for old_kp in before.key_points:
        new_kp = points.get(old_kp.id)
        if new_kp is None:
            lost += [f"key_points[{old_kp.id}].{k}" for k in old_kp.extra]
            lost += [f"key_points[{old_kp.id}].evidence.{k}" for e in old_kp.evidence for k in e.extra]
            continue
        if new_kp is not old_kp:
            new_kp.extra = {**old_kp.extra, **new_kp.extra}
            extras = {(e.start, e.end): e.extra for e in old_kp.evidence if e.extra}
            new_kp.evidence = [
                replace(e, extra={**extras.pop((e.start, e.end)), **e.extra}) if (e.start, e.end) in extras else e
                for e in new_kp.evidence
            ]
            lost += [f"key_points[{old_kp.id}].evidence[{s}-{e}].{k}" for (s, e), ex in extras.items() for k in ex]
    lost += _carry_event_keys(before.events, doc)
    if before.parser is not None and before.parser.extra and doc.parser is not None and doc.parser is not before.parser:
        doc.parser = replace(doc.parser, extra={**before.parser.extra, **doc.parser.extra})
    return lost


def _carry_event_keys(old: list[EventFrame], doc: Document) -> list[str]:
    """Event frames' unknown keys onto the fresh frame of the same word and type; the rest named."""
    if not any(ev.extra or ev.parts_extra for ev in old):
        return []
    from briefreader.model.frames import gather

    gather(doc)  # a parse that still keeps its frames on the key points
    fresh = {(ev.trigger.start, ev.trigger.end, ev.type): ev for ev in doc.events}
    lost: list[str] = []
    for ev in old:
        if not (ev.extra or ev.parts_extra):
            continue
        new = fresh.get((ev.trigger.start, ev.trigger.end, ev.type))
        if new is None:
            lost += [f"events[{ev.id}].{k}" for k in ev.extra]
            lost += [f"events[{ev.id}].{part}.{k}" for part, ex in ev.parts_extra.items() for k in ex]
            continue
        if new is not ev:
            new.extra = {**ev.extra, **new.extra}
            for part, ex in ev.parts_extra.items():
                new.parts_extra[part] = {**ex, **new.parts_extra.get(part, {})}
    return lost
