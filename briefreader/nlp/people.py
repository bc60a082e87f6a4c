"""Who a word stands for, beyond the entity spans: pronouns, bare names, nationalities.

Three brief-wide look-ups the role finder uses:

- ``pronoun_referents``: he, she, him, her stand for the nearest person
  named as a subject before them (earlier in the sentence, else in the two
  sentences before, same block), passing over anyone the brief's words
  give the other gender and preferring one they give this gender; when
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
from briefreader.nlp.roles import Sentence

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


def pronoun_referents(
    view: Sentence, si: int, recent: list[tuple[int, int, Entity]], genders: dict[str, Gender]
) -> dict[int, Entity | None]:
    """Who each he/she/him/her of a sentence stands for (the rule in the module docstring).

    ``recent``: (sentence, offset, person) of persons named as a subject in
    the sentences before that may be referred to.
    """
    local = [
        (si, t.start, view.entity_at[i])
        for i, t in enumerate(view.tokens)
        if t.dep in ("nsubj", "nsubjpass") and i in view.entity_at and view.entity_at[i].label == "PERSON"
    ]
    out: dict[int, Entity | None] = {}
    for i, t in enumerate(view.tokens):
        word = t.text.lower()
        if t.pos != "PRON" or word not in _PERSONAL:
            continue
        # People the brief says are of the other gender are passed over; one it says
        # is of this gender goes before one it says nothing about.
        want = "m" if word in _HE else "f"
        pool = recent + [x for x in local if x[1] < t.start]
        sure = [x for x in pool if genders.get(x[2].id) == want]
        unsure = [x for x in pool if genders.get(x[2].id) is None]
        pick = sure or unsure
        out[i] = max(pick, key=lambda x: x[1])[2] if pick else None
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
    places = [e for e in doc.entities if e.label == "GPE" and e.visible_mentions]
    out: dict[str, Entity] = {}
    for e in doc.entities:
        if e.label != "NORP" or not e.visible_mentions:
            continue
        nat = e.name.lower()
        for p in places:
            country = p.name.lower()
            if _DEMONYMS.get(nat) == country or _same_stem(nat, country):
                out[e.id] = p
                break
    return out


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
