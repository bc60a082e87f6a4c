"""When an event happens and whether it did: the status and date of a frame.

Status: planned (a future or intended verb, 'upcoming', or a kind that
points ahead such as an invitation), reported (inside a reporting verb's
complement, 'according to', 'reportedly'), else happened.

When: the date expression of the trigger's clause or of a clause above
it (for kinds that point ahead, of the clauses describing what is
pointed to: "invited Z to a summit in June", "the summit, which X hosts
in October"), normalised against the brief's date (``dates_rel``). The
date of a saying ("her office said on Tuesday"), of another noun ("a 2016
ruling") or a duration ("for several weeks") is not the event's, nor is
the start of a span ("since 2017", "the first visit since 2017": the
event is not in 2017). An expression anchored on a date the text has
just given ("the next day", "later that year") counts from the last date
written before it; a date in a past-tense clause stays in the past even
when the event is planned ("had invited him on Monday"). A week or a
quarter is saved as its month (``dates_rel.calendar``): a timeline sorts
and phases dates as YYYY[-MM[-DD]].
"""

from __future__ import annotations

import itertools
import re

from briefreader.model.document import Document
from briefreader.model.event import EventStatus, When
from briefreader.nlp import roles
from briefreader.nlp.dates_rel import FIND, Tense, calendar, normalise, previous_dates

FUTURE_AUX = frozenset({"will", "shall", "'ll", "would", "wo"})
INTENT_WORDS = frozenset(
    {"plan", "intend", "expect", "hope", "aim", "schedule", "set", "due", "prepare", "want", "seek", "propose"}
    | {"promise", "vow", "pledge", "threaten", "going", "likely", "poised", "ready", "scheduled", "expected"}
    | {"agree", "decide", "offer", "undertake", "resolve", "commit"}
)
"""Words whose infinitive is not done yet ('plans to visit', 'is due to sign')."""
PLANNED_MODIFIERS = frozenset({"upcoming", "planned", "forthcoming", "next", "future", "proposed", "scheduled"})
REPORTING = frozenset({"say", "tell", "report", "claim", "announce", "confirm", "state", "add", "allege", "insist"})
REPORTED_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "apparently"})
_DURATION_PREPS = frozenset({"for", "over", "within", "throughout"})
_UNITS = frozenset(
    {"minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century", "while", "time"}
)


def status_of(view: roles.Sentence, trig: int, is_statement: bool, planned_kind: bool) -> EventStatus:
    """Planned, reported or happened, from the trigger's clause and the verbs above it.

    ``planned_kind``: the category points ahead (an invitation).
    """
    chain = [trig, *view.ancestors(trig)]
    verbs = [i for i in chain if view.is_verb(i)] or [trig]
    first = verbs[0]
    if planned_kind or future_verb(view, first) or _scheduled(view, trig, first):
        return "planned"
    if view.tokens[trig].pos != "VERB" and any(
        view.tokens[m].lemma.lower() in PLANNED_MODIFIERS for m in view.kids(trig, "amod")
    ):
        return "planned"
    if is_statement:
        return "happened"
    # Inside the complement of a reporting verb: "..., the ministry said", "officials said that ...".
    for x in chain:
        h = view.head(x)
        if h is not None and view.tokens[x].dep in ("ccomp", "parataxis") and view.tokens[h].lemma.lower() in REPORTING:
            return "reported"
    words = [t.text.lower() for t in view.tokens]
    if any(a == "according" and b == "to" for a, b in itertools.pairwise(words)):
        return "reported"
    if any(w in REPORTED_ADVERBS for w in words):
        return "reported"
    return "happened"


def _scheduled(view: roles.Sentence, trig: int, v: int) -> bool:
    """A nominal event said to be set for later: "the meeting is scheduled for October", "talks are due in May"."""
    if view.tokens[trig].pos == "VERB" or view.tokens[trig].dep not in ("nsubj", "nsubjpass") or view.head(trig) != v:
        return False
    words = [v, *view.kids(v, "acomp")] if view.tokens[v].pos == "AUX" else [v]
    return any(view.tokens[w].lemma.lower() in INTENT_WORDS for w in words) and (
        roles.passive(view, v) or view.tokens[v].pos == "AUX"
    )


def future_verb(view: roles.Sentence, v: int) -> bool:
    """'will visit', 'is due to sign', 'plans to travel', 'are expected to meet'."""
    tokens = view.tokens
    if any(tokens[a].text.lower() in FUTURE_AUX or tokens[a].lemma.lower() in FUTURE_AUX for a in view.kids(v, "aux")):
        return True
    purpose = tokens[v].dep == "advcl" and any(tokens[a].text.lower() == "to" for a in view.kids(v, "aux"))
    if purpose:
        # "will visit Baku to sign a deal": the purpose of a trip still to come is still to come.
        gov = view.head(v)
        return gov is not None and future_verb(view, gov)
    if tokens[v].dep == "xcomp":
        gov = view.head(v)
        if gov is not None and (tokens[gov].lemma.lower() in INTENT_WORDS or tokens[gov].text.lower() in INTENT_WORDS):
            return True
        if gov is not None and future_verb(view, gov):
            return True
    return False


def when_of(doc: Document, view: roles.Sentence, trig: int, status: EventStatus, planned_kind: bool) -> When | None:
    """The date expression of the trigger's clause (or of one above it), normalised."""
    sent = view.sent
    text = doc.text[sent.start : sent.end]
    spans: list[tuple[int, int]] = []
    for i, ent in view.entity_at.items():
        if ent.label in ("DATE", "TIME") and view.mention_first[i] == i:
            j = i
            while j + 1 in view.entity_at and view.mention_first.get(j + 1) == i:
                j += 1
            spans.append(_inner_date(doc, view.tokens[i].start, view.tokens[j].end))
    for m in FIND.finditer(text):
        a, b = sent.start + m.start(), sent.start + m.end()
        if not any(x < b and a < y for x, y in spans):
            spans.append((a, b))
    # "..., her office said on Tuesday": the time of the saying is not the event's.
    chain = [trig, *(a for a in view.ancestors(trig) if view.tokens[a].lemma.lower() not in REPORTING)]
    inner = _invited_event_clauses(view, trig) if status == "planned" else []
    tense: Tense = "future" if status == "planned" else "past"
    best: tuple[int, int, int, int, str | None] | None = None
    for a, b in spans:
        toks = [i for i, t in enumerate(view.tokens) if a <= t.start < b]
        if not toks:
            continue
        head = next((i for i in toks if view.head(i) not in toks), toks[0])
        if _not_a_time_of(view, head, trig, toks[0]):
            continue
        if _since(view, doc, head, a):
            continue
        anchor = view.clause_of(head)
        if anchor in chain:
            rank = chain.index(anchor)
        elif anchor in inner or any(anchor in view.ancestors(x) or anchor == x for x in inner):
            rank = len(chain)
        else:
            continue
        own: Tense = tense
        # The model often hangs the invited event's month on the inviting verb ("invited Z to a
        # summit in Buenos Aires in June"): a month or season with "in" stays the invited event's.
        invited_month = planned_kind and anchor == trig and doc.text[max(0, a - 3) : b].lower().startswith("in ")
        if (planned_kind and tense == "future" and _past_perfect(view, trig)) or (
            anchor not in inner and view.tokens[anchor].tag == "VBD" and not invited_month
        ):
            # "had declined an invitation to the inauguration in July", "invited him on Monday to
            # visit in June": the clause the date is in lies in the past.
            own = "past"
        date = calendar(normalise(doc.text[a:b], doc.meta.date, own, previous=_previous_date(doc, a)))
        key = (int(date is None), rank, a, b, date)
        if best is None or key < best:
            best = key
    if best is None:
        return None
    _d, _r, a, b, date = best
    return When(doc.text[a:b], date)


def _since(view: roles.Sentence, doc: Document, head: int, start: int) -> bool:
    """A date after 'since' starts a span the event lies in; it does not date the event.

    "the first visit since 2017", "tensions since 2017": nothing happened
    in 2017 by these words. ``head`` is the date's head token, ``start``
    where its text begins.
    """
    h = view.head(head)
    if h is not None and view.tokens[h].lemma.lower() == "since":
        return True
    before = doc.text[max(0, start - 12) : start]
    return bool(re.search(r"\bsince\s*$", before, re.I) or re.match(r"\s*since\b", doc.text[start : start + 8], re.I))


def _previous_date(doc: Document, before: int) -> str | None:
    """The last date the text gives before ``before``: what 'the next day' or 'that year' count from."""
    texts = [m.group(0) for m in FIND.finditer(doc.text, 0, before)]
    if not texts:
        return None
    return previous_dates([*texts, ""], doc.meta.date)[-1]


def _invited_event_clauses(view: roles.Sentence, trig: int) -> list[int]:
    """Clauses that tell when the event a trigger points to takes place.

    Its infinitive ("invited Z to attend a summit in June") and relative
    clauses on what it leads to ("to the summit, which X hosts in October").
    """
    out = list(roles.purpose_clauses(view, trig))
    goals = [
        o
        for p in view.kids(trig, "prep")
        if view.tokens[p].lemma.lower() in ("to", "for")
        for o in roles.pobjs(view, p)
    ]
    while goals:
        g = goals.pop()
        out += view.kids(g, "relcl", "acl")
        goals += [o for p in view.kids(g, "prep") if view.tokens[p].lemma.lower() == "of" for o in roles.pobjs(view, p)]
    return out


def _past_perfect(view: roles.Sentence, trig: int) -> bool:
    """'had declined', 'had been invited': the trigger's clause is set before a past moment."""
    verbs = [i for i in [trig, *view.ancestors(trig)] if view.is_verb(i)]
    if not verbs:
        return False
    aux = [view.tokens[a] for a in view.kids(verbs[0], "aux")]
    return any(a.lemma.lower() == "have" and a.tag == "VBD" for a in aux)


def _inner_date(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The date inside a model span that swallowed a name ('Montevideo last year' -> 'last year')."""
    m = FIND.search(doc.text, start, end)
    if m and normalise(doc.text[start:end], "2000-01-01", previous="2000-01-01") is None and m.start() > start:
        return m.start(), m.end()
    return start, end


def _not_a_time_of(view: roles.Sentence, head: int, trig: int, first: int) -> bool:
    """A date qualifying another noun ('a 2016 ruling') or a duration ('for several weeks').

    ``first`` is the date's first token.
    """
    t = view.tokens[head]
    h = view.head(head)
    if h is None:
        return False
    before = first - 1
    if before >= 0 and view.tokens[before].pos == "ADP" and not view.kids(before):
        # "In 2019 Argentina recalled ...": the model hung the year on the name after it and
        # left 'In' without an object; the year is the preposition's, a time of the clause.
        return False
    if (
        t.dep in ("compound", "nummod", "amod", "poss", "nmod")
        and h != trig
        and view.tokens[h].pos in ("NOUN", "PROPN")
        and view.tokens[h].ent not in ("DATE", "TIME")  # "Monday evening": the day of the evening
    ):
        return True
    # "for several weeks" is how long; "scheduled for October" is when.
    return (
        t.dep == "pobj"
        and view.tokens[h].lemma.lower() in _DURATION_PREPS
        and (view.tokens[head].lemma.lower() in _UNITS or bool(view.kids(head, "nummod")))
    )
