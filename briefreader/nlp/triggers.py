"""Which word of a sentence names its event: trigger candidates and what does not count.

A word of a taxonomy pattern is a candidate when the pattern's conditions
hold (``requires``, ``unless``, ``objects``). ``events`` picks one per
sentence; the tests here say what a candidate is not: a noun a verb only
supports ("held talks": the talks), a demand ("urged Peru to lift the
ban"), the setting of a saying ("At a conference hosted by X, he said"),
and what did not happen or is only aimed at ("failed to agree", "an
initiative to normalise relations").
"""

from __future__ import annotations

from dataclasses import dataclass

from briefreader.nlp import roles
from briefreader.nlp.taxonomy import Category, Pattern, Taxonomy

STATEMENT = "statement"
"""The category that ranks after every other."""
UNDOING_VERBS = frozenset({"fail", "refuse", "decline"})
NEGATING_PARTICLES = {"call": "off", "rule": "out", "pull": "out", "back": "out"}
"""Particle verbs that undo their object or subject ('called off the talks'): never an event themselves."""
"""Verbs whose infinitive did not happen ('failed to agree', 'refused to meet')."""


@dataclass
class Candidate:
    """A trigger word and the pattern it matched."""

    index: int
    category: Category
    pattern: Pattern

    @property
    def is_statement(self) -> bool:
        """Statements rank after every other kind of event."""
        return self.category.id == STATEMENT


def candidates(view: roles.Sentence, taxonomy: Taxonomy) -> list[Candidate]:
    """Every word of the sentence that a pattern takes as a trigger, with the first category's pattern."""
    out = []
    for i, t in enumerate(view.tokens):
        lemma, word = t.lemma.lower(), t.text.lower()
        verbal = t.pos == "VERB"
        if not (verbal or (t.pos in ("NOUN", "PROPN") and i not in view.entity_at)):
            continue
        if verbal and t.dep == "amod" and not _misread_verb(view, i):
            continue  # a participle as an adjective: "the disputed town", "a banned party"
        particle = NEGATING_PARTICLES.get(lemma)
        if verbal and particle and any(view.tokens[k].text.lower() == particle for k in view.kids(i, "prt")):
            continue  # "talks were called off": the talks are the event, undone
        for cat in taxonomy.categories:
            pat = next(
                (
                    p
                    for p in cat.patterns
                    if (lemma in p.triggers or word in p.triggers)
                    and (p.pos is None or (p.pos == "VERB") == verbal)
                    and (not p.requires or any(names_someone(view, roles.relation(view, i, r)) for r in p.requires))
                    and not any(roles.relation(view, i, r) for r in p.unless)
                    and (not p.objects or object_is(view, i, p.objects))
                    and not (p.not_objects and object_is(view, i, p.not_objects))
                ),
                None,
            )
            if pat is not None:
                out.append(Candidate(i, cat, pat))
                break
    return out


def _misread_verb(view: roles.Sentence, i: int) -> bool:
    """A past-tense verb the parser hung on a name as an adjective: "Iraq alleged Ritter was a spy".

    A participle before its noun is an adjective ("the disputed town"); a
    finite past tense (VBD) between a name and the name it governs is the
    sentence's verb, which the small model misreads when a clause follows.
    """
    t, tokens = view.tokens[i], view.tokens
    return (
        t.tag == "VBD"
        and 0 < i < len(tokens) - 1
        and tokens[i - 1].pos == "PROPN"
        and tokens[i + 1].pos == "PROPN"
        and tokens[i - 1].dep in ("nsubj", "nsubjpass")
    )


def object_is(view: roles.Sentence, i: int, lemmas: frozenset[str]) -> bool:
    """The verb's object, passive subject or means is one of these words ("cut diplomatic ties", "spoke by phone")."""
    objs = view.kids(i, "dobj", "nsubjpass")
    # The means counts as the object: "spoke by telephone", "talked over video link".
    objs += [
        o
        for p in view.kids(i, "prep")
        if view.tokens[p].lemma.lower() in ("by", "over", "via")
        for o in roles.pobjs(view, p)
    ]
    return any(view.tokens[o].lemma.lower() in lemmas or view.tokens[o].text.lower() in lemmas for o in objs)


def names_someone(view: roles.Sentence, toks: list[int]) -> bool:
    """A name among the tokens, or a noun with its name beside it.

    Beside it: in apposition ("call on the minister, A"), or as the noun's
    owner ("Allied Domecq shares", "Japan's economy", "shares in Pernod"),
    which is whose the noun is when it moves ("shares in X rose").
    """

    def owned(t: int) -> bool:
        if any(a in view.entity_at for a in view.kids(t, "appos", "compound", "poss")):
            return True
        objs = [o for p in view.kids(t, "prep") for o in view.kids(p, "pobj")]
        return any(o in view.entity_at or any(a in view.entity_at for a in view.kids(o, "appos")) for o in objs)

    return any(t in view.entity_at or view.tokens[t].pos == "PROPN" or owned(t) for t in toks)


def demanded(view: roles.Sentence, i: int, said: set[int]) -> bool:
    """Token ``i`` is in what a speaker asks of someone, or in where they said it.

    A demand is not an event: the saying is ("urged Peru to lift the ban",
    "called on X to act"; but "X promised to visit Y", where the speaker
    commits to it, is the visit, planned). Nor is the setting of a saying
    ("At a conference hosted by X, he said ...").
    """
    below = i
    for a in view.ancestors(i):
        if a in said:
            if view.tokens[below].dep == "prep":
                return True
            return view.tokens[below].dep == "xcomp" and bool(view.kids(a, "dobj") or roles.addressed(view, a))
        below = a
    return False


def governor(view: roles.Sentence, n: int, pattern: Pattern) -> int | None:
    """The support verb a noun is the object of ('held talks', 'accepted the invitation').

    A verb of receiving supports only a noun whose pattern says who
    receives it ("accepted the invitation"); "welcomed the talks" is a
    reaction to them, not the talks.
    """
    gov = roles.support_verb(view, n)
    if gov is not None:
        return gov
    n = roles.stand_in(view, n)
    h = view.head(n)
    if (
        h is not None
        and view.tokens[n].dep == "dobj"
        and view.is_verb(h)
        and "receiver" in pattern.actors + pattern.targets
    ):
        return h if view.tokens[h].lemma.lower() in roles.RECEIVING_VERBS else None
    return None


def undone(s: roles.Sentence, trig: int) -> bool:
    """The trigger says what did not happen: 'did not sign', 'failed to agree', 'refused to hold talks'.

    Nor what is only aimed at: "an initiative to normalise relations".
    """
    v = roles.support_verb(s, trig) if s.tokens[trig].pos != "VERB" else trig
    if v is None:
        return False
    h = s.head(v)
    if (
        s.tokens[v].dep in ("acl", "relcl")
        and h is not None
        and s.tokens[h].pos == "NOUN"
        and any(s.tokens[a].text.lower() == "to" for a in s.kids(v, "aux"))
    ):
        return True
    if any(s.tokens[n].lemma.lower() in ("not", "never", "n't") for n in s.kids(v, "neg")):
        return True
    h = s.head(v)
    return s.tokens[v].dep == "xcomp" and h is not None and s.tokens[h].lemma.lower() in UNDOING_VERBS
