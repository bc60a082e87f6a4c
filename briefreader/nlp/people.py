"""Who a word stands for, beyond the entity spans: pronouns, bare names, nationalities.

Three brief-wide look-ups the role finder uses:

- ``pronoun_referents``: he, she, him, her stand for the nearest person
  named before them (earlier in the sentence, else in the two sentences
  before, with no heading between), passing over anyone the brief's words
  give the other gender: a subject the brief gives this gender first, then
  anyone it gives this gender, then a subject it says nothing about (and
  for an object pronoun, never the subject of its own clause); when
  nobody qualifies, nobody (a role left empty is better than a wrong
  speaker).
- ``name_words``: a bare first or last name the model did not tag ("Park
  delivered a letter") is the one person whose name it ends or begins.
- ``country_of``: a nationality ("Russian diplomats") is the country the
  brief names ("Russia"), when it names it.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from briefreader.model.document import Document, Entity
from briefreader.nlp.gender import HONORIFIC_GENDER, Gender, gender_hints
from briefreader.nlp.parse import ParsedSentence
from briefreader.nlp.resolver import surface_appositions
from briefreader.nlp.roles import Sentence, subjects

_HE = frozenset({"he", "him", "his", "himself"})
_PERSONAL = frozenset({"he", "him", "she", "her"})
_DEMONYMS = {
    "french": "france",
    "british": "britain",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "welsh": "wales",
    "scottish": "scotland",
    "irish": "ireland",
    "greek": "greece",
    "thai": "thailand",
    "filipino": "philippines",
    "philippine": "philippines",
    "danish": "denmark",
    "swedish": "sweden",
    "finnish": "finland",
    "polish": "poland",
    "turkish": "turkey",
    "spanish": "spain",
    "american": "united states",
    "emirati": "united arab emirates",
    "saudi": "saudi arabia",
    "norwegian": "norway",
    "afghan": "afghanistan",
}
"""Nationalities not spelled like their country (the rest share a stem: Russian, Russia)."""
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


class _Span(NamedTuple):
    start: int
    end: int
    label: str


def entity_genders(doc: Document, sentences: list[ParsedSentence]) -> dict[str, Gender]:
    """Each person's gender where the brief's own words give it (see ``gender``)."""
    spans, owner = [], {}
    for e in doc.entities:
        if e.label != "PERSON":
            continue
        for m in e.visible_mentions:
            spans.append(_Span(m.start, m.end, "PERSON"))
            owner[m.start] = e.id
    votes: dict[str, Counter[Gender]] = {}
    for start, g in gender_hints(list(spans), sentences).items():
        votes.setdefault(owner[start], Counter())[g] += 1
    for e in doc.entities:
        for m in e.visible_mentions:
            honorific = m.text.split(" ", 1)[0].rstrip(".").lower()
            if honorific in HONORIFIC_GENDER and " " in m.text:
                votes.setdefault(e.id, Counter())[HONORIFIC_GENDER[honorific]] += 2
    out: dict[str, Gender] = {}
    for eid, c in votes.items():
        top = c.most_common(2)
        if len(top) == 1 or top[0][1] > top[1][1]:
            out[eid] = top[0][0]
    return out


class Named(NamedTuple):
    """A person named in a sentence, as a pronoun after it may refer back to them."""

    sentence: int
    start: int
    entity: Entity
    subject: bool
    """Named as the subject of a clause (or as a pronoun subject that was resolved to them)."""


def named_people(
    view: Sentence,
    si: int,
    resolved: dict[int, Entity | None] | None = None,
    by_word: dict[str, Entity] | None = None,
) -> list[Named]:
    """The persons a sentence names, in order, each marked when it is a clause's subject.

    A subject read through its apposition ("the minister, A, said") is A as
    a subject; with ``resolved`` (the sentence's pronouns and whom they
    stand for), a pronoun subject keeps its person a subject for the
    sentences after; with ``by_word`` (``name_words``), a bare surname the
    model did not tag counts too ("Ms Ensler told the BBC").
    """
    subject_names: set[int] = set()
    for i, t in enumerate(view.tokens):
        if t.dep not in ("nsubj", "nsubjpass"):
            continue
        if i in view.entity_at:
            subject_names.add(view.mention_first[i])
        elif t.pos == "NOUN":
            names = view.kids(i, "appos") + surface_appositions(view, i)
            subject_names |= {view.mention_first[a] for a in names if a in view.entity_at}
    out: list[Named] = []
    for i, t in enumerate(view.tokens):
        if i in view.entity_at and view.mention_first.get(i) == i and view.entity_at[i].label == "PERSON":
            out.append(Named(si, t.start, view.entity_at[i], i in subject_names))
        elif resolved and t.dep in ("nsubj", "nsubjpass") and t.pos == "PRON" and (e := resolved.get(i)) is not None:
            out.append(Named(si, t.start, e, True))
        elif by_word and t.pos == "PROPN" and i not in view.entity_at and t.text in by_word:
            out.append(Named(si, t.start, by_word[t.text], t.dep in ("nsubj", "nsubjpass")))
    return out


def pronoun_referents(
    view: Sentence,
    si: int,
    recent: list[Named],
    genders: dict[str, Gender],
    by_word: dict[str, Entity] | None = None,
) -> dict[int, Entity | None]:
    """Who each he/she/him/her of a sentence stands for (the rule in the module docstring).

    ``recent``: persons named in the sentences before that may be referred
    to. Order of preference: a subject the brief gives this gender, anyone
    it gives this gender, a subject it says nothing about, then anyone
    earlier in the same sentence it says nothing about; the nearest within
    each. An object pronoun never stands for the subject of its own clause
    ("A wrote to B, inviting her": not A).
    """
    local = named_people(view, si, None, by_word)
    out: dict[int, Entity | None] = {}
    for i, t in enumerate(view.tokens):
        word = t.text.lower()
        if t.pos != "PRON" or word not in _PERSONAL:
            continue
        want = "m" if word in _HE else "f"
        barred: set[str] = set()
        if t.tag == "PRP" and t.dep not in ("nsubj", "nsubjpass"):
            barred = {view.entity_at[k].id for k in subjects(view, view.clause_of(i)) if k in view.entity_at}
        pool = [x for x in recent + local if x.start < t.start and x.entity.id not in barred]
        sure = [x for x in pool if genders.get(x.entity.id) == want]
        unsure = [x for x in pool if genders.get(x.entity.id) is None]
        tiers = (
            [x for x in sure if x.subject],
            sure,
            [x for x in unsure if x.subject],
            [x for x in unsure if x.sentence == si],
        )
        pick = next((tier for tier in tiers if tier), [])
        out[i] = max(pick, key=lambda x: x.start).entity if pick else None
    return out


def name_words(doc: Document) -> dict[str, Entity]:
    """First and last words of person names that belong to exactly one person of the brief."""
    owners: dict[str, set[str]] = {}
    by_id = {}
    for e in doc.entities:
        if e.label != "PERSON" or not e.visible_mentions:
            continue
        words = [w for w in e.name.replace("-", " ").split() if w.lower().rstrip(".") not in _SUFFIXES]
        if len(words) < 2:
            continue
        by_id[e.id] = e
        for w in {e.name.split()[0], words[-1]}:
            owners.setdefault(w, set()).add(e.id)
    return {w: by_id[next(iter(ids))] for w, ids in owners.items() if len(ids) == 1}


def country_of(doc: Document) -> dict[str, Entity]:
    """Nationality entity id -> the country the brief names ('Russian' -> 'Russia')."""
    # A country the model once called an organisation ('Armenia' as ORG and GPE) is still one.
    places = [e for e in doc.entities if any(m.label == "GPE" for m in e.visible_mentions)]
    out: dict[str, Entity] = {}
    for e in doc.entities:
        if not e.visible_mentions or (" " in e.name and e.label != "NORP"):
            continue
        # A nationality the model took for a name ('Azerbaijani' as PERSON) once at least.
        if e.label != "NORP" and not any(m.label == "NORP" for m in e.visible_mentions):
            continue
        nat = e.name.lower()
        for p in places:
            country = p.name.lower()
            if nationality_of(nat, country):
                out[e.id] = p
                break
    return out


def nationality_of(word: str, country: str) -> bool:
    """'Russian' is of 'Russia', 'Dutch' of 'Netherlands' (either in any case)."""
    word, country = word.lower(), country.lower()
    return _DEMONYMS.get(word) == country or _same_stem(word, country)


def _same_stem(nationality: str, country: str) -> bool:
    """'russian'/'russia', 'chinese'/'china', 'japanese'/'japan', 'south korean'/'south korea'."""
    nw, cw = nationality.split(), country.split()
    if len(nw) != len(cw) or nw[:-1] != cw[:-1]:
        return False
    nationality, country = nw[-1], cw[-1]
    if len(country) < 4:
        return False
    n = 0
    while n < min(len(nationality), len(country)) and nationality[n] == country[n]:
        n += 1
    return n >= 4 and n >= len(country) - 1
