"""Event frames: for each sentence that reports something done, who did what to whom, where, when.

1. Triggers (``triggers``): words of a taxonomy category's ``patterns``
   (lemma, part of speech and the pattern's conditions). A nominal
   trigger ("talks", "an invitation") counts when the parse ties it to an
   actor or it is the object of a verb like "hold", "extend" or "accept";
   "China valued the visit" is no visit.
2. One trigger per sentence: any category before a statement (so "X
   delivered a letter inviting Z" is an invitation and "X said Y met Z"
   is the meeting, reported), what happened before what did not or is
   only aimed at, an event noun before its support verb ("imposed
   sanctions"), verbs before other nouns, then the one nearest the root.
   What a speaker says is an event of its own only when it names a
   participant and is not a demand of someone.
3. Roles from the pattern's relations (``roles``, ``resolver``); triggers
   of the same category in the chosen one's clause, its infinitive or a
   verb coordinated with it that has no subject of its own add their
   partners ("flew to Paris for talks with ...", "travelled to S and met V").
4. Status and date (``event_time``): a date after the brief's makes an
   event planned; an invitation to something already past happened.

Pronouns stand for whom ``people.pronoun_referents`` says: the nearest
person named before them whom the brief's words allow (subjects first),
by a rule that leaves the role empty rather than guess.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from briefreader.model.document import Document, Entity
from briefreader.model.event import EventFrame, Trigger
from briefreader.nlp import roles
from briefreader.nlp.event_time import status_of, when_of
from briefreader.nlp.parse import Analysis
from briefreader.nlp.people import Named, country_of, entity_genders, name_words, named_people, pronoun_referents
from briefreader.nlp.resolver import Resolver
from briefreader.nlp.taxonomy import Category, Pattern, Taxonomy
from briefreader.nlp.triggers import Candidate, candidates, demanded, governor, undone


@dataclass
class Found:
    """A sentence's frame, with what titles need from the parse."""

    sentence: int
    """Index into ``Analysis.sentences``."""
    frame: EventFrame
    category: Category
    pattern: Pattern
    view: roles.Sentence
    trigger: int
    """Token index of the trigger."""
    actors: list[Entity] = field(default_factory=list)
    targets: list[Entity] = field(default_factory=list)
    place: Entity | None = None
    place_relation: str = ""
    """The relation that found the place ('to', 'in', 'obj'), for the headline's preposition."""
    actor_tokens: list[int] = field(default_factory=list)
    """The tokens the actors were read from (a name, or a noun such as 'Shares in Lumen')."""
    actor_relation: str = ""
    """The relation that found the actors ('subj', 'gov_subj', 'from', ...)."""
    target_tokens: list[int] = field(default_factory=list)
    target_relation: str = ""
    """The relation that found the targets ('obj', 'with', ...), for the headline's preposition."""
    target_trigger: int | None = None
    """A second trigger of the same kind the targets came from ("scrambled to intercept X": 'intercept')."""
    joined_targets: list[Entity] = field(default_factory=list)
    """Targets another trigger of the kind added to the chosen one's ("rejected X's claims and accused Y": Y)."""


def find_frames(doc: Document, analysis: Analysis, taxonomy: Taxonomy) -> dict[int, Found]:
    """The event frame of every body sentence that has one, by sentence index."""
    mentions = doc.mentions()
    starts = [m.start for m, _e in mentions]
    genders = entity_genders(doc, analysis.sentences)
    by_word, countries = name_words(doc), country_of(doc)
    nationalities = {e.name: e for e in doc.entities if e.label == "NORP" and e.visible_mentions and " " not in e.name}
    out: dict[int, Found] = {}
    seen: list[Named] = []
    """Persons named in the last sentences (of this section: a heading starts afresh)."""
    section = -1
    pairs: list[tuple[int, list[Entity]]] = []
    for si, sent in enumerate(analysis.sentences):
        if doc.blocks[sent.block].kind != "paragraph":
            section, seen = si, []
            continue
        lo, hi = bisect.bisect_left(starts, sent.start), bisect.bisect_left(starts, sent.end)
        view = roles.build(sent, [(m.start, m.end, e) for m, e in mentions[lo:hi] if m.end <= sent.end])
        # Wire copy puts one sentence in each paragraph, so a pronoun may look back past
        # a paragraph break, but not past a heading.
        recent = [x for x in seen if max(si - 2, section) <= x.sentence < si]
        pronouns = pronoun_referents(view, si, recent, genders, by_word)
        # "the two leaders", "both sides": the two parties of an event just before.
        pair = pairs[-1][1] if pairs and max(si - 2, section) <= pairs[-1][0] else []
        people = [x.entity for x in recent]
        resolver = Resolver(pronouns, by_word, countries, doc.text, pair, people, nationalities)
        found = _frame(doc, view, si, taxonomy, resolver)
        if found is not None:
            out[si] = found
            parties = list({e.id: e for e in found.actors + found.targets}.values())
            if len(parties) == 2:
                pairs.append((si, parties))
        seen = [x for x in seen if x.sentence >= si - 1] + named_people(view, si, pronouns, by_word)
    return out


@dataclass
class _Roles:
    actors: list[Entity] = field(default_factory=list)
    targets: list[Entity] = field(default_factory=list)
    place: Entity | None = None
    place_relation: str = ""
    actor_tokens: list[int] = field(default_factory=list)
    actor_relation: str = ""
    target_tokens: list[int] = field(default_factory=list)
    target_relation: str = ""
    target_trigger: int | None = None
    joined: list[Entity] = field(default_factory=list)


def _roles(view: roles.Sentence, c: Candidate, resolver: Resolver) -> _Roles:
    p = c.pattern
    actors, actor_toks, actor_rel = _fill(view, c.index, p.actors, p.place, resolver)
    targets, target_toks, target_rel = _fill(view, c.index, p.targets, p.place, resolver)
    out = _Roles(actors, targets, None, "", actor_toks, actor_rel, target_toks, target_rel)
    for rel in p.place:
        # The place is the object itself ("in Geneva", "the town of Narvik"), never a
        # name qualifying it ("to the Nordic Council meeting").
        toks = _place_tokens(view, roles.relation(view, c.index, rel, whole_clause=True))
        found = (
            [e for e in resolver.entities(view, toks, _PLACE_OR_NAME) if _placelike(e, rel, resolver.text)]
            if toks
            else []
        )
        if found:
            out.place, out.place_relation = found[0], rel
            break
    taken = {e.id for e in out.actors} | ({out.place.id} if out.place else set())
    out.targets = [e for e in out.targets if e.id not in taken]
    return out


_PLACE_OR_NAME = roles.PLACE_LABELS | {"PERSON", "ORG"}
_LOCATIVE = frozenset({"in", "at", "to", "near", "purpose"})
_LOCATED = re.compile(r"\b(?:in|at|to|near|from|outside|around|visit|visited|visiting|visits)\s+(?:the\s+)?$", re.I)


def _place_tokens(view: roles.Sentence, toks: list[int]) -> list[int]:
    out = []
    for t in toks:
        if t in view.entity_at:
            out.append(t)
        elif view.tokens[t].pos == "NOUN" or view.tokens[t].dep == "pobj":
            out += [a for a in view.kids(t, "appos") if a in view.entity_at]
            # "in Seoul trading", "at the Geneva talks": the place that names the noun
            # (a gerund too: the model reads "trading" as a verb).
            out += [
                c
                for c in view.kids(t, "compound", "nmod")
                if c in view.entity_at and view.entity_at[c].label in roles.PLACE_LABELS
            ]
            out += [
                o
                for p in view.kids(t, "prep")
                if view.tokens[p].lemma.lower() == "of"
                for o in roles.pobjs(view, p)
                if o in view.entity_at
            ]
    return out


def _placelike(e: Entity, rel: str, text: str) -> bool:
    """A place, or a name the brief only ever writes after 'in', 'to', 'at'... ('met X in Lagos').

    The small model often takes a foreign city for a person or a company;
    a name that is never anything but a location in the brief is a place.
    """
    if e.label in roles.PLACE_LABELS:
        return True
    return rel in _LOCATIVE and all(_LOCATED.search(text, max(0, m.start - 30), m.start) for m in e.visible_mentions)


def _fill(
    view: roles.Sentence, trig: int, rels: tuple[str, ...], place_rels: tuple[str, ...], resolver: Resolver
) -> tuple[list[Entity], list[int], str]:
    """Entities for a role, the tokens and the relation that found them: the first relation that finds any wins."""
    for rel in rels:
        toks = roles.relation(view, trig, rel)
        if not toks:
            continue
        labels = roles.PARTY_LABELS - roles.PLACE_LABELS if rel in place_rels else roles.PARTY_LABELS
        found = resolver.entities(view, toks, labels)
        if found:
            return found, toks, rel
    return [], [], ""


def _choose(view: roles.Sentence, cands: list[Candidate], resolver: Resolver) -> Candidate | None:
    """The sentence's one event: any category before a statement, then the main clause's.

    A noun under a support verb ("imposed a levy", "held talks") stands
    where its verb stands; other nouns come after every verb. What the
    sentence says did not happen ("did not sign", "failed to agree") comes
    after what did.
    """
    ranked = []
    said = {c.index for c in cands if c.is_statement}
    # A verb that is only the support of an event noun ("struck a deal", "launched an attack")
    # gives way to the noun.
    supports = {
        g
        for c in cands
        if not c.is_statement
        and view.tokens[c.index].pos != "VERB"
        and (g := governor(view, c.index, c.pattern)) is not None
    }
    cands = [c for c in cands if c.index not in supports]
    for c in cands:
        at = c.index
        if not c.is_statement and demanded(view, c.index, said):
            continue
        if not c.is_statement and any(a in said for a in view.ancestors(c.index)):
            # What a speaker says is an event of its own only when it names who ("X said Y met Z"),
            # not for "the deficit would fall"; and a noun only under its verb ("X said Y imposed
            # tariffs"), not a thing talked about ("X told reporters that Y's quota was fair").
            if view.tokens[c.index].pos != "VERB" and governor(view, c.index, c.pattern) is None:
                continue
            r = _roles(view, c, resolver)
            if not (r.actors or r.targets):
                continue
        loose = False
        if view.tokens[c.index].pos != "VERB":
            gov = governor(view, c.index, c.pattern)
            # A noun on its own is an event when the parse says whose it is ("X's visit",
            # "talks between A and B"), not merely what it is ("the A-B partnership").
            own = _roles(view, c, resolver) if gov is None else None
            if own is not None and (not own.actors or own.actor_relation == "compound"):
                continue
            at, loose = (gov, False) if gov is not None else (c.index, True)
        # What did not happen ("failed to agree at talks") gives way to what did.
        ranked.append((c.is_statement, undone(view, c.index), loose, len(view.ancestors(at)), c.index, c))
    return min(ranked, key=lambda r: r[:5])[5] if ranked else None


def _frame(doc: Document, view: roles.Sentence, si: int, taxonomy: Taxonomy, resolver: Resolver) -> Found | None:
    cands = candidates(view, taxonomy)
    chosen = _choose(view, cands, resolver)
    if chosen is None:
        return None
    r = _roles(view, chosen, resolver)
    # Triggers of the same kind in the chosen one's clause, or coordinated with it, add their partners.
    for c in cands:
        if c is chosen or c.category is not chosen.category:
            continue
        # ("travelled to S and met V": a second verb with no subject of its own shares the event;
        # "sent an envoy, and the envoy met W" does not).
        tied = (
            (view.tokens[c.index].pos != "VERB" and view.clause_of(c.index) == chosen.index)
            or (
                view.tokens[c.index].dep == "conj"
                and view.head(c.index) == chosen.index
                and not view.kids(c.index, "nsubj", "nsubjpass")
            )
            or c.index in roles.purpose_clauses(view, chosen.index)
        )
        if not tied:
            continue
        more = _roles(view, c, resolver)
        known = {e.id for e in r.actors + r.targets}
        if more.targets and not r.targets:
            r.target_tokens, r.target_relation, r.target_trigger = more.target_tokens, more.target_relation, c.index
        added = [e for e in more.targets if e.id not in known]
        if r.targets and r.target_trigger != c.index:
            r.joined += added
        r.targets += added
        if not r.actors:
            r.actors = [e for e in more.actors if e not in r.targets]
            r.actor_tokens, r.actor_relation = more.actor_tokens, more.actor_relation
        if r.place is None:
            r.place, r.place_relation = more.place, more.place_relation
    if r.place is not None:
        r.targets = [e for e in r.targets if e.id != r.place.id]
    status = status_of(view, chosen.index, chosen.is_statement, chosen.category.planned)
    when = when_of(doc, view, chosen.index, status, chosen.category.planned)
    if when is not None and when.date and doc.meta.date:
        day, brief = when.date, doc.meta.date[: len(when.date)]
        if day > brief and status != "planned":
            status, when = "planned", when_of(doc, view, chosen.index, "planned", chosen.category.planned)
        elif day < brief and status == "planned" and chosen.category.planned:
            status = "happened"  # invited to something already over
    t = view.tokens[chosen.index]
    frame = EventFrame(
        type=chosen.category.id,
        trigger=Trigger(t.start, t.end, t.text),
        actors=[e.id for e in r.actors],
        targets=[e.id for e in r.targets],
        place=r.place.id if r.place else None,
        when=when,
        status=status,
    )
    return Found(
        si,
        frame,
        chosen.category,
        chosen.pattern,
        view,
        chosen.index,
        r.actors,
        r.targets,
        r.place,
        r.place_relation,
        r.actor_tokens,
        r.actor_relation,
        r.target_tokens,
        r.target_relation,
        r.target_trigger,
        [e for e in r.joined if e in r.targets],
    )
