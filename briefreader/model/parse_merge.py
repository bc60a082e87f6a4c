"""A fresh parse merged into the analyst's Document: corrected entities and pinned key points kept, ids stable.

Plain model work on entities and key points (no spaCy): the reader merges
a parse on its main thread (``BriefSession.merge_parse``), and a parse the
cache gave it must reach the screen without importing the NLP stack
(``nlp.annotate`` compiles the event and date patterns on import, tens of
milliseconds). ``nlp.annotate`` uses the same functions after a parse.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import TypeVar

from briefreader.model.document import Entity, KeyPoint
from briefreader.model.edits import next_id


def carry_corrections(old: list[Entity], fresh: list[Entity]) -> list[Entity]:
    """``carry_entities`` without the id map (for callers whose fresh entities nothing points at yet)."""
    return carry_entities(old, fresh)[0]


def carry_entities(
    old: list[Entity], fresh: list[Entity], reserved: Iterable[str] = ()
) -> tuple[list[Entity], dict[str, str]]:
    """Keep every entity the user corrected; add the model's others around them, under stable ids.

    A model mention that overlaps a mention of a corrected entity (including
    a rejected one) is dropped, so a re-parse never undoes a correction.
    Ids stay put, because frames, key points and notes point at them:

    - corrected entities keep theirs;
    - a fresh entity takes the id of the old one it is: one of its
      mentions is at an old mention's place, else (the text moved under
      it, a mention grew or shrank) it has the old one's name or one of its
      mentions' words, with the same label. Never by place in the list;
    - any other gets an id no old entity ever had, nor any id in
      ``reserved`` (ids frames or notes still name), so an id never comes to
      mean something else.

    Returns the entities, and for each fresh entity's id the id it has now:
    a fresh entity whose mentions all went to a corrected one maps to that
    one, so what the fresh parse said of it is said of the corrected entity.
    """
    if not old:
        return fresh, {e.id: e.id for e in fresh}
    kept = [e for e in old if e.edited]
    taken = sorted((m.start, m.end, e.id) for e in kept for m in e.mentions)
    starts = [a for a, _b, _i in taken]
    longest = max((b - a for a, b, _i in taken), default=0)

    def overlapping(start: int, end: int) -> list[str]:
        lo = bisect.bisect_left(starts, start - longest)
        return [i for a, b, i in taken[lo : bisect.bisect_left(starts, end)] if a < end and start < b]

    mapping: dict[str, str] = {}
    survivors = []
    for e in fresh:
        under = [i for m in e.mentions for i in overlapping(m.start, m.end)]
        e.mentions = [m for m in e.mentions if not overlapping(m.start, m.end)]
        if e.mentions:
            survivors.append(e)
        elif under:
            mapping[e.id] = max(set(under), key=under.count)
    fresh_ids = {id(e): e.id for e in survivors}
    open_old = [e for e in old if not e.edited]
    old_id_at = {(m.start, m.end): e.id for e in open_old for m in e.mentions}
    used = {e.id for e in kept}
    unmatched: list[Entity] = []
    for e in survivors:
        reuse = next(
            (old_id_at[(m.start, m.end)] for m in e.mentions if old_id_at.get((m.start, m.end)) not in (None, *used)),
            None,
        )
        if reuse is None:
            unmatched.append(e)
            continue
        e.id = reuse
        used.add(reuse)
    for e in list(unmatched):
        same = _same_words(e, [o for o in open_old if o.id not in used])
        if same is not None:
            e.id = same.id
            used.add(same.id)
            unmatched.remove(e)
    every_id = [o.id for o in old] + list(used) + list(reserved)
    for e in unmatched:
        e.id = next_id("e", every_id)
        every_id.append(e.id)
    for e in survivors:
        mapping[fresh_ids[id(e)]] = e.id
    entities = sorted(kept + survivors, key=lambda e: min((m.start for m in e.mentions), default=0))
    return entities, mapping


def _same_words(ent: Entity, candidates: list[Entity]) -> Entity | None:
    """The old entity a fresh one is by its words: the same name, else a mention spelled the same; same label."""
    for c in candidates:
        if c.label == ent.label and c.name == ent.name:
            return c
    words = {m.text for m in ent.mentions}
    for c in candidates:
        if c.label == ent.label and words & {m.text for m in c.mentions if m.visible}:
            return c
    return None


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
