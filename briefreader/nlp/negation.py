"""Whether the text says an event did not or will not take place, and the words that say so.

Kept apart from status (happened, planned, reported): "refused to
attend" is an attendance that did not happen, "will not lift" a lifting
that will not. Read off the dependency tree of one sentence: a negation
on the trigger's verb, a verb above it that undoes it, the verb an event
noun belongs to, a subject that says no one did it, "no" on the event or
its object, or a saying that is denied or negated. The event reader
(``events``) marks frames with it and the headlines (``titles``) word
them by it.
"""

from __future__ import annotations

from briefreader.nlp import roles
from briefreader.nlp.event_time import REPORTING
from briefreader.nlp.triggers import NEGATING_PARTICLES

NEGATING_GOVERNORS = frozenset(
    {"fail", "refuse", "decline", "reject", "deny", "cancel", "scrap", "abandon", "postpone", "shelve", "drop"}
    | {"avoid", "halt", "stop", "block", "veto", "unable", "boycott", "skip", "forgo", "rule", "suspend", "stall"}
)
"""Verbs (and 'unable') under which an event does not or will not take place
('refused to attend', 'declined an invitation', 'called off the talks', 'unable to travel')."""


def negation(view: roles.Sentence, trig: int) -> str | None:
    """The words saying the trigger's event did not or will not take place, or None."""
    found = negation_cue(view, trig)
    return found[1] if found is not None else None


def negation_cue(view: roles.Sentence, trig: int) -> tuple[int, str] | None:
    """The token that undoes the trigger's event and the cue's words ('refused to'), or None.

    Read off the tree: a negation on the trigger's verb ('did not sign',
    'never met'), a verb above it that undoes it ('refused to attend',
    'unable to travel', 'failed to agree'), or the verb whose object an
    event noun is ('declined the invitation', 'called off the talks').
    Only the verbs between the trigger and its clause's head count, so
    "X said Y did not attend" negates the attending, not the saying.
    """
    tokens = view.tokens
    chain = [trig]
    v = trig
    if tokens[trig].pos != "VERB":
        # "stalled ratification of the treaty": the noun the event noun belongs to stands for it.
        prep = view.head(trig)
        owner = view.head(prep) if prep is not None and tokens[prep].lemma.lower() == "of" else None
        if tokens[trig].dep == "pobj" and owner is not None and tokens[owner].pos == "NOUN":
            chain.append(owner)
            trig = owner
        gov = roles.support_verb(view, trig)
        h = view.head(trig)
        gov = (
            gov
            if gov is not None
            else (h if h is not None and view.is_verb(h) and tokens[trig].dep in ("dobj", "nsubjpass") else None)
        )
        if gov is not None:
            chain.append(gov)
            v = gov
    # Up through infinitives and adjective complements: 'refused to attend', 'unable to travel'.
    # A purpose infinitive goes with its verb: "unable to travel to Quito to meet Y" does not meet Y either.
    while (
        tokens[v].dep == "xcomp"
        or (tokens[v].dep == "acomp" and tokens[v].lemma.lower() in NEGATING_GOVERNORS)
        or (tokens[v].dep == "advcl" and any(tokens[a].text.lower() == "to" for a in view.kids(v, "aux")))
    ):
        h = view.head(v)
        if h is None:
            break
        chain.append(h)
        v = h
    # What a speaker denies or no one says is not claimed: "X denied (that) Y attacked", "neither said he would go".
    h = view.head(v)
    if tokens[v].dep == "ccomp" and h is not None and tokens[h].lemma.lower() in REPORTING | {"deny"}:
        if tokens[h].lemma.lower() == "deny":
            return h, tokens[h].text
        nobody = _nobody(view, h)
        if nobody is not None:
            return nobody, tokens[nobody].text.lower()
        for n in view.kids(h, "neg"):
            aux = next((tokens[a].text for a in view.kids(h, "aux") if a < n), "")
            return n, f"{aux} {tokens[n].text.lower()} {tokens[h].text}".strip()
    for x in chain:
        nobody = _nobody(view, x)
        if nobody is not None:
            return nobody, tokens[nobody].text.lower()  # "neither X nor Y said", "no one attended"
        # "reached no agreement", "no talks were held": the event's own word says none took place.
        for o in [x, *view.kids(x, "dobj", "nsubjpass")]:
            if tokens[o].pos == "NOUN":
                no = next((k for k in view.kids(o, "det") if tokens[k].text.lower() == "no"), None)
                if no is not None:
                    return no, "no"
        for n in view.kids(x, "neg"):
            word = tokens[n].text.lower()
            aux = next((tokens[a].text for a in view.kids(x, "aux") if a < n), "")
            return n, (f"{aux} {word}".strip() if word in ("not", "n't", "never") else word)
        lemma = tokens[x].lemma.lower()
        yet = any(tokens[k].text.lower() == "yet" for k in view.kids(x, "advmod"))
        if x != trig and lemma in ("have", "be") and yet:
            return x, f"{tokens[x].text} yet to"  # "has yet to contact", "is yet to sign": not done
        if x != trig and lemma in NEGATING_GOVERNORS:
            return x, tokens[x].text + (" to" if any(tokens[k].dep == "xcomp" for k in view.kids(x)) else "")
        particle = NEGATING_PARTICLES.get(lemma)
        if particle and any(tokens[k].text.lower() == particle for k in view.kids(x, "prt")):
            return x, f"{tokens[x].text} {particle}"
    return None


def _nobody(view: roles.Sentence, v: int) -> int | None:
    """The word that says no one did it: a subject 'neither ... nor', 'nobody', 'no one', 'none'."""
    for subj in view.kids(v, "nsubj", "nsubjpass"):
        word = view.tokens[subj].text.lower()
        if word in ("nobody", "none", "neither"):
            return subj
        for k in view.kids(subj, "preconj", "det"):
            if view.tokens[k].text.lower() in ("neither", "no") and (
                view.tokens[k].text.lower() == "neither" or view.tokens[subj].lemma.lower() in ("one", "body")
            ):
                return k
    return None
