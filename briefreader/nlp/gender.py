"""Grammatical gender of the people a brief names, from its own words.

Used to decide whether "Mrs Grant" may join "Michael Grant", and whom a
"she" may stand for. The evidence is the brief's: a gendered noun in
apposition ("his wife, Sandra Grant") or as a title before the name
("spokeswoman Sandra Grant"), and the first he/she pronoun after a full
name that is a subject, before any other person is named. No list of first names: the brief says it or the
gender stays unknown, and an unknown gender never blocks a join on its own.
"""

from __future__ import annotations

import bisect
from collections import Counter
from typing import Literal, Protocol

from briefreader.nlp.parse import ParsedSentence

Gender = Literal["m", "f"]

HONORIFIC_GENDER: dict[str, Gender] = {
    "mr": "m",
    "sir": "m",
    "lord": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "dame": "f",
    "lady": "f",
}
"""Honorifics that say the person's gender ('Dr', 'Prof' do not)."""
_NOUNS: dict[str, Gender] = {
    **{w: "f" for w in ("wife", "widow", "mother", "daughter", "sister", "grandmother", "aunt", "niece", "queen")},
    **{w: "f" for w in ("princess", "chairwoman", "spokeswoman", "businesswoman", "actress", "girlfriend", "mrs")},
    **{w: "m" for w in ("husband", "widower", "father", "son", "brother", "grandfather", "uncle", "nephew", "king")},
    **{w: "m" for w in ("prince", "chairman", "spokesman", "businessman", "actor", "boyfriend", "mr")},
}
_PRONOUNS: dict[str, Gender] = {
    **dict.fromkeys(("he", "him", "his", "himself"), "m"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "f"),
}


class PersonSpan(Protocol):
    """A mention as the clustering sees it (start, end, label)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...


def gender_hints(mentions: list[PersonSpan], sentences: list[ParsedSentence]) -> dict[int, Gender]:
    """The gender each multi-word PERSON mention's context gives, by mention start."""
    people = sorted((m for m in mentions if m.label == "PERSON"), key=lambda m: m.start)
    starts = [m.start for m in people]
    sent_starts = [s.start for s in sentences]
    out: dict[int, Gender] = {}
    for m in people:
        i = bisect.bisect_right(sent_starts, m.start) - 1
        if i < 0 or not (sentences[i].start <= m.start < sentences[i].end):
            continue
        sent = sentences[i]
        inside = [k for k, t in enumerate(sent.tokens) if m.start <= t.start < m.end]
        if len(inside) < 2:
            continue
        votes: Counter[Gender] = Counter()
        noun = _apposed_noun(sent, inside)
        if noun:
            votes[noun] += 2
        # A pronoun after a name refers back to it reliably only when the name is
        # the subject ("Zhao ... to attend a forum, her office said": 'her' is
        # the subject's, not Zhao's).
        head = next((k for k in inside if sent.tokens[k].head not in inside or sent.tokens[k].head == k), inside[-1])
        if sent.tokens[head].dep in ("nsubj", "nsubjpass"):
            nxt = bisect.bisect_right(starts, m.start)
            limit = people[nxt].start if nxt < len(people) else None
            pron = _next_pronoun(sentences[i : i + 2], m.end, limit)
            if pron:
                votes[pron] += 1
        if votes:
            top = votes.most_common()
            if len(top) == 1 or top[0][1] > top[1][1]:
                out[m.start] = top[0][0]
    return out


def _apposed_noun(sent: ParsedSentence, inside: list[int]) -> Gender | None:
    """'his wife, Sandra Grant' / 'Sandra Grant, his wife' / 'spokeswoman Sandra Grant': the gendered noun."""
    head = next((k for k in inside if sent.tokens[k].head not in inside or sent.tokens[k].head == k), inside[-1])
    tok = sent.tokens[head]
    if tok.dep in ("appos", "compound") and tok.head != head:
        g = _NOUNS.get(sent.tokens[tok.head].lemma.lower())
        if g:
            return g
    for k, t in enumerate(sent.tokens):
        # 'Sandra Grant, his wife' (apposition) and 'spokeswoman Lotte Berg' (a title word before the name).
        if t.head == head and k != head and k not in inside and t.dep in ("appos", "compound", "nmod"):
            g = _NOUNS.get(t.lemma.lower())
            if g:
                return g
    return None


def _next_pronoun(sents: list[ParsedSentence], after: int, limit: int | None) -> Gender | None:
    """The first third-person singular pronoun after a name, unless another person comes first."""
    for s in sents:
        for t in s.tokens:
            if t.start < after:
                continue
            if limit is not None and t.start >= limit:
                return None
            g = _PRONOUNS.get(t.text.lower())
            if g and t.pos == "PRON":
                return g
    return None
