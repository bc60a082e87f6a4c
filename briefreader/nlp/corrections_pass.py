"""Apply ``corrections.yaml`` to a fresh parse: a post-pass over the clustered entities.

Why a post-pass and not a spaCy ``EntityRuler``: three of the four
corrections (relabel, reject, alias) are about our entities, not spaCy's
spans: a ruler can only add spans, and a relabel must reach the whole
cluster ('Nvidia' and 'NVIDIA Corp'), which exists only after clustering.
A post-pass also works with any pipeline the user picks, leaves the model
loaded in the parse process untouched (an edited file applies at the next
parse, without reloading spaCy), and knows exactly which corrections fired,
which the brief's YAML records. Matching folds case and spacing as
clustering does (``compact``); ``add`` matches the text as written, case
included, so adding 'US' never turns the pronoun 'us' into a country.

Entities changed here are not marked ``edited``: they are the parse's, so
the next parse applies the file as it is then, and taking a line out of
the file takes its effect out of briefs parsed afterwards.
"""

from __future__ import annotations

import re

from briefreader.model.corrections import Corrections
from briefreader.model.document import Block, Entity, Mention
from briefreader.nlp.entities import compact


def apply_corrections(
    text: str, blocks: list[Block], entities: list[Entity], corrections: Corrections
) -> tuple[list[Entity], Corrections]:
    """The entities with every correction that matches applied, and those that matched.

    Order: ``add`` (new mentions win over the model's overlapping ones),
    then ``alias`` (mentions move to the entity they belong to), then
    ``relabel``, then ``reject`` (last, so rejected text stays hidden
    whatever else matched it).
    """
    ents = [Entity(e.id, e.name, e.label, list(e.mentions), e.edited) for e in entities]
    used = Corrections()
    for t, label in corrections.add:
        if _add(text, blocks, ents, t, label):
            used.add.append((t, label))
    for t, target in corrections.alias.items():
        if _alias(ents, t, target):
            used.alias[t] = target
    for t, label in corrections.relabel.items():
        k = compact(t)
        hit = [e for e in ents if compact(e.name) == k or any(compact(m.text) == k for m in e.visible_mentions)]
        for e in hit:
            e.label = label
        if hit:
            used.relabel[t] = label
    for t in corrections.reject:
        if _reject(ents, t):
            used.reject.append(t)
    ents = [e for e in ents if e.mentions]
    for e in ents:
        e.mentions.sort(key=lambda m: (m.start, m.end))
    ents.sort(key=lambda e: min(m.start for m in e.mentions))
    for i, e in enumerate(ents, 1):
        e.id = f"e{i}"
    return ents, used


def _entity_named(ents: list[Entity], name: str, label: str) -> Entity:
    """The entity called ``name`` (by clustering's key), made when there is none."""
    k = compact(name)
    for e in ents:
        if compact(e.name) == k:
            return e
    new = Entity(f"c{len(ents) + 1}", name, label)
    ents.append(new)
    return new


def _add(text: str, blocks: list[Block], ents: list[Entity], t: str, label: str) -> bool:
    words = t.split()
    if not words:
        return False
    pattern = re.compile(r"(?<!\w)" + r"(?:[ \t]+|[ \t]*\n[ \t]*)".join(re.escape(w) for w in words) + r"(?!\w)")
    spans = [
        (m.start(), m.end())
        for m in pattern.finditer(text)
        if any(b.start <= m.start() and m.end() <= b.end for b in blocks)
    ]
    if not spans:
        return False
    for e in ents:
        e.mentions = [m for m in e.mentions if not any(m.start < b and a < m.end for a, b in spans)]
    target = _entity_named(ents, t, label)
    target.label = label
    for a, b in spans:
        target.mentions.append(Mention(a, b, text[a:b], "user", label))
    return True


def _alias(ents: list[Entity], t: str, target_name: str) -> bool:
    k, goal = compact(t), compact(target_name)
    moved: list[tuple[Mention, Entity]] = []
    for e in ents:
        if compact(e.name) == goal:
            continue
        mine = [m for m in e.visible_mentions if compact(m.text) == k]
        if mine:
            e.mentions = [m for m in e.mentions if m not in mine]
            moved += [(m, e) for m in mine]
    if not moved:
        return False
    owner = next((e for e in ents if compact(e.name) == goal), None)
    if owner is None:
        owner = _entity_named(ents, target_name, moved[0][1].label)
    owner.mentions += [m for m, _e in moved]
    return True


def _reject(ents: list[Entity], t: str) -> bool:
    k = compact(t)
    hit = False
    for e in ents:
        whole = compact(e.name) == k
        for m in e.mentions:
            if m.visible and (whole or compact(m.text) == k):
                m.origin = "rejected"
                hit = True
    return hit
