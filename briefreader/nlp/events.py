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

from briefreader.io.dates import wire_dateline
from briefreader.model.document import Document, Entity, Mention
from briefreader.model.event import EventFrame, Trigger
from briefreader.nlp import roles
from briefreader.nlp.event_time import REPORTING, status_of, when_of
from briefreader.nlp.negation import negation
from briefreader.nlp.parse import Analysis
from briefreader.nlp.people import Named, country_of, entity_genders, name_words, named_people, pronoun_referents
from briefreader.nlp.resolver import Resolver, role_family
from briefreader.nlp.taxonomy import Category, Pattern, Taxonomy
from briefreader.nlp.triggers import STATEMENT, Candidate, candidates, demanded, governor, undone


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
    """The main event frame of every body sentence that has one, by sentence index."""
    return {si: found[0] for si, found in find_events(doc, analysis, taxonomy).items()}


def find_events(doc: Document, analysis: Analysis, taxonomy: Taxonomy) -> dict[int, list[Found]]:
    """Every event frame of every body sentence, main event first, by sentence index."""
    mentions = doc.mentions()
    starts = [m.start for m, _e in mentions]
    genders = entity_genders(doc, analysis.sentences)
    by_word, countries = name_words(doc), country_of(doc)
    nationalities = {e.name: e for e in doc.entities if e.label == "NORP" and e.visible_mentions and " " not in e.name}
    out: dict[int, list[Found]] = {}
    seen: list[Named] = []
    """Persons named in the last sentences (of this section: a heading starts afresh)."""
    section = -1
    pairs: list[tuple[int, list[Entity]]] = []
    ties = _role_ties(doc, analysis, mentions, starts)
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
        described = _described(ties, si, section)
        earlier = [two for at, two in pairs if at > section]
        resolver = Resolver(pronouns, by_word, countries, doc.text, pair, people, nationalities, earlier, described)
        frames = _frames(doc, view, si, taxonomy, resolver)
        if frames:
            out[si] = frames
            found = frames[0]
            parties = list({e.id: e for e in found.actors + found.targets}.values())
            if len(parties) == 2:
                pairs.append((si, parties))
        seen = [x for x in seen if x.sentence >= si - 1] + named_people(view, si, pronouns, by_word)
    _place_from_dateline(doc, analysis, out)
    return out


def _role_ties(
    doc: Document, analysis: Analysis, mentions: list[tuple[Mention, Entity]], starts: list[int]
) -> dict[int, list[tuple[str, Entity]]]:
    """For each sentence, the (role family, person) pairs it states.

    "former parliament speaker Park" (a role noun on the name), "Park, the
    envoy" (an apposition either way) and "a delegation led by Park" tie a
    role to a person; a description elsewhere ("a special envoy from
    Seoul") then stands for that person when the tie is the only one of its
    kind nearby.
    """
    out: dict[int, list[tuple[str, Entity]]] = {}
    for si, sent in enumerate(analysis.sentences):
        if doc.blocks[sent.block].kind != "paragraph":
            continue
        lo, hi = bisect.bisect_left(starts, sent.start), bisect.bisect_left(starts, sent.end)
        view = roles.build(sent, [(m.start, m.end, e) for m, e in mentions[lo:hi] if m.end <= sent.end])
        found: list[tuple[str, Entity]] = []
        for tok, ent in view.entity_at.items():
            if ent.label != "PERSON":
                continue
            for c in view.kids(tok, "compound", "appos", "amod"):
                fam = role_family(view.tokens[c].lemma) if c not in view.entity_at else None
                if fam:
                    found.append((fam, ent))
            h = view.head(tok)
            if h is not None and view.tokens[h].lemma.lower() == "by" and tok not in view.kids(h, "compound"):
                v = view.head(h)
                if v is not None and view.tokens[v].lemma.lower() in ("lead", "head"):
                    n = view.head(v)
                    fam = role_family(view.tokens[n].lemma) if n is not None else None
                    if fam:
                        found.append((fam, ent))
            if h is not None and view.tokens[tok].dep == "appos" and h not in view.entity_at:
                fam = role_family(view.tokens[h].lemma)
                if fam:
                    found.append((fam, ent))
        # "a delegation led by former speaker Park": read off the words as well, since the small
        # model often leaves "by" without its object here.
        toks = view.tokens
        for n, t in enumerate(toks[:-3]):
            fam = role_family(t.lemma)
            if fam and toks[n + 1].lemma.lower() in ("lead", "head") and toks[n + 2].text.lower() == "by":
                person = next(
                    (
                        view.entity_at[k]
                        for k in range(n + 3, min(n + 12, len(toks)))
                        if k in view.entity_at and view.entity_at[k].label == "PERSON"
                    ),
                    None,
                )
                if person is not None:
                    found.append((fam, person))
        if found:
            out[si] = found
    return out


def _described(ties: dict[int, list[tuple[str, Entity]]], si: int, section: int) -> dict[str, Entity]:
    """Roles that one person alone holds in the sentences around ``si`` (two before, two after)."""
    seen: dict[str, dict[str, Entity]] = {}
    for j in range(max(section + 1, si - 2), si + 3):
        for fam, ent in ties.get(j, []):
            seen.setdefault(fam, {})[ent.id] = ent
    return {fam: next(iter(ents.values())) for fam, ents in seen.items() if len(ents) == 1}


def _place_from_dateline(doc: Document, analysis: Analysis, found: dict[int, list[Found]]) -> None:
    """Events of a wire story that name no place of their own happen where it was filed.

    'MOSCOW (AP)_ ...': the story's dateline place is the place of its
    events that say nothing else, as an analyst reads it; not of planned
    ones (a trip still to come goes elsewhere), of background dated in an
    earlier year, nor of events whose participants include that place.
    """
    first = next((s for s in analysis.sentences if doc.blocks[s.block].kind == "paragraph"), None)
    if first is None:
        return
    end = first.start + dateline_end(doc.text[first.start : first.end])
    if end == first.start:
        return
    place = next(
        (
            e
            for e in doc.entities
            if e.label in roles.PLACE_LABELS and any(first.start <= m.start < end for m in e.visible_mentions)
        ),
        None,
    )
    if place is None:
        return
    for frames in found.values():
        for f in frames:
            fr = f.frame
            past = bool(fr.when and fr.when.date and doc.meta.date and fr.when.date[:4] < doc.meta.date[:4])
            if fr.place is None and fr.status != "planned" and not past and place.id not in fr.actors + fr.targets:
                fr.place, f.place, f.place_relation = place.id, place, "in"


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
    out.place, out.place_relation = _place_of(view, c.index, p.place, resolver)
    taken = {e.id for e in out.actors} | ({out.place.id} if out.place else set())
    out.targets = [e for e in out.targets if e.id not in taken]
    return out


def _place_of(view: roles.Sentence, at: int, rels: tuple[str, ...], resolver: Resolver) -> tuple[Entity | None, str]:
    """The place token ``at`` names through the first of ``rels`` that finds one, and that relation."""
    for rel in rels:
        # The place is the object itself ("in Geneva", "the town of Narvik"), never a
        # name qualifying it ("to the Nordic Council meeting").
        toks = _place_tokens(view, roles.relation(view, at, rel, whole_clause=True))
        found = (
            [e for e in resolver.entities(view, toks, _PLACE_OR_NAME) if _placelike(e, rel, resolver.text)]
            if toks
            else []
        )
        if found:
            return found[0], rel
    return None, ""


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


def _rank(view: roles.Sentence, cands: list[Candidate], resolver: Resolver) -> list[Candidate]:
    """The sentence's events, best first: any category before a statement, then the main clause's.

    A noun under a support verb ("imposed a levy", "held talks") stands
    where its verb stands; other nouns come after every verb. What the
    sentence says did not happen ("did not sign", "failed to agree") comes
    after what did.
    """
    ranked = []
    said = {c.index for c in cands if c.is_statement}
    # A verb that is only the support of an event noun ("struck a deal", "launched an attack")
    # gives way to the noun.
    # A verb whose pattern names its object ("lifted the sanctions", "cut ties") is the event itself.
    named_objects = {c.index for c in cands if c.pattern.objects}
    supports = {
        g
        for c in cands
        if not c.is_statement
        and view.tokens[c.index].pos != "VERB"
        and (g := governor(view, c.index, c.pattern)) is not None
        and g not in named_objects
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
            # Someone unnamed acting on or for a party is still the event ("police said suspects
            # had been arrested"): a verb with a subject of its own counts, named or not.
            if not (r.actors or r.targets or (c.category.id in _UNNAMED_OK and _has_subject(view, c.index))):
                continue
        loose = False
        if view.tokens[c.index].pos != "VERB":
            gov = governor(view, c.index, c.pattern)
            # A noun on its own is an event when the parse says whose it is ("X's visit",
            # "talks between A and B"), not merely what it is ("the A-B partnership").
            own = _roles(view, c, resolver) if gov is None else None
            if (
                own is not None
                and not (own.actors and own.actor_relation != "compound")
                and not own.targets
                and not _headline_noun(view, c)
            ):
                continue
            at, loose = (gov, False) if gov is not None else (c.index, True)
        # What did not happen ("failed to agree at talks") gives way to what did.
        ranked.append(
            (
                c.is_statement,
                undone(view, c.index) or negation(view, c.index) is not None,
                loose,
                len(view.ancestors(at)),
                c.index,
                c,
            )
        )
    return [r[5] for r in sorted(ranked, key=lambda r: r[:5])]


_UNNAMED_OK = frozenset({"security", "tension"})
"""Kinds of event worth a timeline entry even when the text does not name who (arrests, attacks, protests)."""


def _headline_noun(view: roles.Sentence, c: Candidate) -> bool:
    """An armed or legal action named by a noun that the sentence is about: "A bomb blast shocked the games".

    Such a noun is the news even with no one named (the guideline leaves the
    unnamed parties out, not the event): it is the sentence's root (a
    fragment, "A bomb at an abortion clinic.") or the subject of its main verb.
    """
    if c.category.id != "security":
        return False
    t = view.tokens[c.index]
    if t.dep == "ROOT":
        return True
    head = view.head(c.index)
    return t.dep in ("nsubj", "nsubjpass") and head is not None and view.tokens[head].dep == "ROOT"


def _has_subject(view: roles.Sentence, v: int) -> bool:
    """The verb has a subject of its own, active or passive ("two men were arrested")."""
    return view.tokens[v].pos == "VERB" and bool(view.kids(v, "nsubj", "nsubjpass"))


def _frames(doc: Document, view: roles.Sentence, si: int, taxonomy: Taxonomy, resolver: Resolver) -> list[Found]:
    """Every event of the sentence: the main one, then each other one not part of an event already read.

    A trigger tied to a chosen one of its kind (its noun, a coordinated verb
    with no subject of its own, its purpose clause) adds partners to it
    instead of making an event of its own. A saying whose content holds an
    event is that event, reported ("X said Y did Z"), never a second frame.
    """
    cands = candidates(view, taxonomy)
    ranked = _rank(view, cands, resolver)
    out: list[Found] = []
    taken: list[Candidate] = []
    for c in ranked:
        if any(_tied(view, c, t) or _tied(view, t, c) for t in taken):
            continue
        if c.is_statement and any(
            c.index in view.ancestors(t.index) or t.index in view.ancestors(c.index) for t in taken
        ):
            continue
        if c.is_statement and view.tokens[c.index].lemma.lower() in REPORTING and out:
            continue
        found = _build(doc, view, si, c, cands, resolver)
        if found is None or (out and not (found.actors or found.targets)):
            continue  # a second event must say who: "rose 5 percent in Oslo trading" holds one
        taken.append(c)
        out.append(found)
    if len(out) == 1 and out[0].category.id == STATEMENT:
        relayed = _relayed(doc, view, si, out[0], taxonomy, resolver)
        if relayed is not None:
            return [relayed]
        if _mere_saying(view, out[0]):
            return []
    return out


PLAIN_SAYING = frozenset(
    {"say", "tell", "add", "note", "describe", "argue", "comment", "explain", "state", "think", "believe", "suggest"}
)
"""Verbs of saying that make no speech act of their own: "X said the economy was weak" is a quote, not news."""


_QUOTES = frozenset({'"', "``", "''", "“", "”"})


def _mere_saying(view: roles.Sentence, found: Found) -> bool:
    """A plain saying that is not itself the news: no one is addressed and nothing is asked or warned.

    The guideline codes a statement only when the saying is the news
    (urged, warned, reaffirmed, conveyed to someone); a quote attributed
    with 'said' that holds no event of its own is the article's voice, and
    so is a tail ("..., officials said"): what it relays is the sentence.
    A named speaker who opens with their claim ("X said the economy was
    weak") makes one.
    """
    trig = found.trigger
    if view.tokens[trig].lemma.lower() not in PLAIN_SAYING or found.targets:
        return False
    quoted = any(t.text in _QUOTES for t in view.tokens)
    said = [c for c in view.kids(trig, "ccomp") if c > trig]
    return quoted or not found.actors or not said


def _relayed(
    doc: Document, view: roles.Sentence, si: int, saying: Found, taxonomy: Taxonomy, resolver: Resolver
) -> Found | None:
    """What a saying relays, when it is an event no pattern names: "X did Z, officials said" is Z, reported.

    The content clause's verb is the trigger and its kind is the category
    whose cue verbs and nouns its clause holds most (as ``keypoints``
    sorts sentences); with no such category, or no one named in it, the
    saying stays the event.
    """
    trig = saying.trigger
    if view.tokens[trig].lemma.lower() not in REPORTING:
        return None
    content = [k for k in view.kids(trig, "ccomp", "parataxis") if view.tokens[k].pos == "VERB"]
    h = view.head(trig)
    if not content and h is not None and view.tokens[trig].dep in ("parataxis", "ccomp", "advcl"):
        content = [h] if view.tokens[h].pos == "VERB" else []
    if not content:
        return None
    v = content[0]
    clause = {view.tokens[i].lemma.lower() for i in view.in_clause(v)}
    lemma = view.tokens[v].lemma.lower()
    best, score = None, 0
    for cat in taxonomy.categories:
        if cat.id in (STATEMENT, "history") or cat.planned:
            continue
        n = 2 * (lemma in cat.verbs) + min(2, len(cat.nouns & clause))
        if n > score:
            best, score = cat, n
    if best is None:
        return None
    pattern = Pattern(
        frozenset({lemma}), "VERB", ("subj", "agent"), ("obj", "subjpass", "against", "with", "on"), ("in", "at", "to")
    )
    found = _build(doc, view, si, Candidate(v, best, pattern), [], resolver)
    return found if found is not None and (found.actors or found.targets) else None


def _tied(view: roles.Sentence, c: Candidate, chosen: Candidate) -> bool:
    """``c`` is part of the event ``chosen`` names (its noun, a verb sharing its subject, its purpose)."""
    if view.tokens[c.index].pos != "VERB" and governor(view, c.index, c.pattern) == chosen.index:
        return True
    if chosen.category.planned and chosen.index in view.ancestors(c.index):
        return True  # what an invitation invites to ("declined an invitation to attend a forum") is the invitation
    if c.category is not chosen.category:
        return False
    # ("travelled to S and met V": a second verb with no subject of its own shares the event;
    # "sent an envoy, and the envoy met W" does not).
    return (
        (view.tokens[c.index].pos != "VERB" and view.clause_of(c.index) == chosen.index)
        or (
            view.tokens[c.index].dep == "conj"
            and view.head(c.index) == chosen.index
            and not view.kids(c.index, "nsubj", "nsubjpass")
        )
        or c.index in roles.purpose_clauses(view, chosen.index)
        or (
            view.tokens[c.index].dep in ("xcomp", "advcl")
            and view.head(c.index) == chosen.index
            and not view.kids(c.index, "nsubj", "nsubjpass")
        )
    )


def _build(
    doc: Document, view: roles.Sentence, si: int, chosen: Candidate, cands: list[Candidate], resolver: Resolver
) -> Found | None:
    """The frame of one trigger: its roles, with the partners of the triggers tied to it; status, date, polarity."""
    r = _roles(view, chosen, resolver)
    if r.place is None and _headline_noun(view, chosen) and (head := view.head(chosen.index)) is not None:
        # "A bomb blast shook the stadium in Tirana": where the blast's verb happened.
        r.place, r.place_relation = _place_of(view, head, chosen.pattern.place, resolver)
    for c in cands:
        if c is chosen or c.category is not chosen.category or not _tied(view, c, chosen):
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
    _drop_dateline(doc, view, r)
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
    cue = negation(view, chosen.index)
    source = None if chosen.is_statement else _source(view, chosen.index, resolver)
    t = view.tokens[chosen.index]
    sent = view.sent
    frame = EventFrame(
        type=chosen.category.id,
        trigger=Trigger(t.start, t.end, t.text),
        actors=[e.id for e in r.actors],
        targets=[e.id for e in r.targets] or _host(chosen, r),
        place=r.place.id if r.place else None,
        when=when,
        status=status,
        sentence=(sent.start, sent.end),
        negated=cue is not None,
        cue=cue,
        source=source.id if source is not None and source.id not in {e.id for e in r.actors} else None,
    )
    return Found(
        sentence=si,
        frame=frame,
        category=chosen.category,
        pattern=chosen.pattern,
        view=view,
        trigger=chosen.index,
        actors=r.actors,
        targets=r.targets,
        place=r.place,
        place_relation=r.place_relation,
        actor_tokens=r.actor_tokens,
        actor_relation=r.actor_relation,
        target_tokens=r.target_tokens,
        target_relation=r.target_relation,
        target_trigger=r.target_trigger,
        joined_targets=[e for e in r.joined if e in r.targets],
    )


def _host(chosen: Candidate, r: _Roles) -> list[str]:
    """The state a visit goes to when no one there is named: whom as well as where ("visited Iraq").

    Only in the frame's roles; the headline still says where ("visits Iraq", not "meets Iraq").
    """
    if chosen.category.id == "visit" and r.place is not None and r.place.label == "GPE" and r.place_relation != "in":
        return [r.place.id]
    return []


def dateline_end(text: str) -> int:
    """Where a wire dateline at the start of ``text`` ends (0 when there is none): ``io.dates.wire_dateline``.

    Its place is where the story was filed, not a party to the events:
    'MOSCOW (AP)_ The mayor of Moscow ...' has no actor 'MOSCOW'.
    """
    wire = wire_dateline(text)
    return wire[0] if wire is not None else 0


def _drop_dateline(doc: Document, view: roles.Sentence, r: _Roles) -> None:
    sent = view.sent
    end = sent.start + dateline_end(doc.text[sent.start : sent.end])
    if end == sent.start:
        return

    def in_body(e: Entity) -> bool:
        return any(end <= m.start < sent.end for m in e.visible_mentions)

    r.actors = [e for e in r.actors if in_body(e)]
    r.targets = [e for e in r.targets if in_body(e)]
    if r.place is not None and not in_body(r.place):
        r.place = None


def _source(view: roles.Sentence, trig: int, resolver: Resolver) -> Entity | None:
    """Who relays the event: the subject of a reporting verb above it, or 'according to X'."""
    below = trig
    for a in view.ancestors(trig):
        if view.tokens[a].lemma.lower() in REPORTING and view.tokens[below].dep in ("ccomp", "parataxis", "advcl"):
            found = resolver.entities(view, roles.subjects(view, a), roles.PARTY_LABELS - roles.PLACE_LABELS)
            found = found or resolver.entities(view, roles.subjects(view, a), roles.PARTY_LABELS)
            return found[0] if found else None
        below = a
    # A reporting verb the parse made the head of the sentence while the event hangs beside it.
    for i, t in enumerate(view.tokens):
        if t.text.lower() == "according":
            objs = [o for p in view.kids(i, "prep") for o in roles.pobjs(view, p)]
            found = resolver.entities(view, objs, roles.PARTY_LABELS)
            if found:
                return found[0]
    return None
