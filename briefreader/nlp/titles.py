"""Key point titles a reader can scan: a headline written from the event frame.

"Anna Berg meets Omar Haddad in Oslo", "Omar Haddad invited to the Nordic
summit (October 2026)", "2017: Chile opposes deployment of foreign
warships". Headline grammar: present tense for what was done, "to"
and the verb for what will be, a past participle when only the one acted
upon is known; the year in front for background, the date in brackets for
what is planned. Participants are named in full ("Mr Haddad" is Omar
Haddad); a participant read through a noun keeps the noun ("Shares in
Lumen rise", "Chile expels Peruvian diplomat"). Where the frame names
nobody, the title is the sentence's main clause, compressed: no
attribution tail ("according to ...", "..., she said"), no opening
adverbial, no relative clause or apposition.
"""

from __future__ import annotations

import re

from briefreader.model.document import Document, Entity
from briefreader.model.headline_words import human_date
from briefreader.nlp import roles
from briefreader.nlp.compress import attached, clause_text, clip, join, short, subtree
from briefreader.nlp.event_time import future_verb
from briefreader.nlp.events import Found
from briefreader.nlp.negation import negation_cue
from briefreader.nlp.people import nationality_of
from briefreader.nlp.resolver import role_family, surface_appositions, the_two

_IRREGULAR_3SG = {"be": "is", "have": "has", "do": "does", "go": "goes"}
_IRREGULAR_PP = {
    "meet": "met", "send": "sent", "hold": "held", "fly": "flown", "strike": "struck", "sell": "sold",
    "buy": "bought", "lend": "lent", "tell": "told", "say": "said", "shoot": "shot", "make": "made",
    "take": "taken", "give": "given", "begin": "begun", "win": "won", "lead": "led", "seek": "sought",
}  # fmt: skip
_MOTION = frozenset({"visit", "travel", "fly", "arrive", "tour", "journey"})
_CLAIMING = frozenset(
    {"say", "tell", "add", "state", "note", "announce", "declare", "indicate", "stress", "emphasise", "emphasize"}
    | {"reiterate", "insist", "argue", "claim", "confirm", "explain", "believe", "think", "write"}
)
"""Saying verbs a headline can put as a colon ("X: the economy is strong"); others keep theirs ("X denies ...")."""
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def headline(doc: Document, found: Found) -> str | None:
    """A headline from the frame, or None when it names neither actor nor target."""
    fr, view, trig = found.frame, found.view, found.trigger
    tok = view.tokens[trig]
    verbal = tok.pos == "VERB"
    actors, targets = found.actors, found.targets
    if found.category.id == "statement" and actors:
        content = [c for c in view.kids(trig, "ccomp") if view.is_verb(c)]
        if content and tok.lemma.lower() in _CLAIMING:
            return clip(f"{_names(actors)}: {clause_text(doc, view, content[0])}")
        if content:
            # "Ethiopia denies its engineers started ...": the verb is the news, not a colon.
            verb = _third_person(tok.lemma.lower()) if len(actors) == 1 else tok.lemma.lower()
            return clip(f"{_names(actors)} {verb} {clause_text(doc, view, content[0])}")
    if not actors and not targets:
        return None
    undone_noun = _undone_noun(view, found)
    if undone_noun is not None:
        return _with_date(doc, undone_noun, found)
    receiver = _receiving_verb(view, trig)
    if receiver is not None and targets:
        # "Mr Haddad has accepted Ms Berg's invitation"
        whose = f"{_names(actors)}'s " if actors else ""
        verb = view.tokens[receiver].lemma.lower() + _particle(view, receiver)
        verb = _third_person(verb) if len(targets) == 1 else verb
        cue = negation_cue(view, trig) if fr.negated else None
        if cue is not None and cue[0] != receiver:
            # "Alemu has not accepted the invitation": the negation is on the receiving verb.
            verb = _negated_verb(view, cue, view.tokens[receiver].lemma.lower(), len(targets) > 1, False)
        return _with_date(doc, f"{_names(targets)} {verb} {whose}{tok.text.lower()}", found)
    support = roles.support_verb(view, trig)
    if support is not None and found.actor_relation != "gov_subj" and not _agentless_passive(view, support):
        support = None  # "X delivered an invitation from Y": Y invites, X only delivers ("a deal was struck": struck)
    # The verb as written ("expelled"), the support verb with its noun ("imposed tariffs"),
    # or the taxonomy's verb for a noun on its own ("X's visit": visit; "travelled": visit).
    lemma = tok.lemma.lower() if support is None and verbal else found.pattern.verb or tok.lemma.lower()
    if support is not None:
        lemma = view.tokens[support].lemma.lower()
    as_written = (verbal and lemma == tok.lemma.lower()) or support is not None
    second = found.target_trigger
    if second is not None and view.tokens[second].dep == "conj" and view.tokens[second].pos == "VERB":
        # "travelled to Santiago and met V": the headline is the meeting.
        lemma, as_written, second = view.tokens[second].lemma.lower(), True, None
    if lemma in _MOTION and targets:
        lemma, as_written = "meet", False  # one visits a place and meets people
    rest = _noun_phrase(doc, view, trig, 5) if support is not None else ""
    place_to = place_in = ""
    if found.place is not None:
        own = lemma == tok.lemma.lower() or support is not None
        if own and found.place_relation in ("to", "at", "near", "over", "off", "around"):
            place_to = f" {found.place_relation} {found.place.name}"
        else:
            place_in = f" in {found.place.name}"
    if lemma in _MOTION and found.place is not None and not targets:
        lemma, place_to, place_in, rest = "visit", "", "", found.place.name
    future = fr.status == "planned" and future_verb(view, support if support is not None else trig)
    if actors:
        subject = _role_phrase(doc, view, found.actor_tokens, actors)
        plural = len(actors) > 1 or _plural(view, found.actor_tokens)
        verb = "to " + lemma if future else (lemma if plural else _third_person(lemma))
        cue = negation_cue(view, trig) if fr.negated else None
        if cue is not None:
            verb = _negated_verb(view, cue, lemma, plural, fr.status == "planned")
        verb += _particle(view, trig) if verbal and lemma == tok.lemma.lower() else ""
        if targets:
            if not rest and found.target_relation not in roles.RELATIONS:
                rest = _complement(doc, view, trig, with_infinitive=False)  # "delivers a letter ... to X"
            partners = _partners(doc, view, found, as_written, second)
            rest = rest if partners.split(" ", 1)[-1] in rest else " ".join(x for x in (rest, partners) if x)
            asked = found.target_relation in ("obj", "addressee") or roles.addressed(view, trig)
            if asked and second is None and not found.category.planned:
                rest += _infinitive(doc, view, trig)  # "urges Indonesia to reconsider the ban", "calls on X to act"
        elif not rest:
            rest = _complement(doc, view, trig)
        # "unable to travel to Quito to meet Y" reads "is unable to meet Y", not "meet to meet Y".
        body = re.sub(r"\b(\w+) to \1\b", r"\1", " ".join(x for x in (subject, verb, rest) if x))
        if not (rest or found.place or plural or fr.negated or _goal_phrase(doc, view, trig, found)):
            return None  # "Google announces": the sentence says more than that ("A and B meet" is news)
    else:
        if verbal and not roles.passive(view, trig):
            return None  # "met at the school": who met is not said, and a passive would misstate it
        participle = _participle(lemma, tok.text if verbal else "")
        body = f"{_role_phrase(doc, view, found.target_tokens, targets)} {'to be ' if future else ''}{participle}"
    goal = _goal_phrase(doc, view, trig, found)
    if goal.startswith(f" to {lemma} "):
        goal = ""  # "flew to Quito to meet X" is already "meets X": not "meets to meet X"
    if found.place is not None and _named_in(found.place, body + goal):
        place_to = place_in = ""
    return _with_date(doc, body + place_to + goal + place_in, found)


def _negated_verb(view: roles.Sentence, cue: tuple[int, str], lemma: str, plural: bool, planned: bool) -> str:
    """The headline's verb for what did not or will not happen: 'refuses to attend', 'does not sign'.

    The cue's own verb leads when it has one ('refused to', 'declined
    to', 'called off'); 'unable to' is 'is unable to'; a bare negation
    reads 'will not' for a planned event and 'does not' otherwise.
    """
    tok = view.tokens[cue[0]]
    if tok.dep == "neg" and cue[1].split(" ")[0] in ("has", "have", "had"):
        return f"{'have' if plural else 'has'} not {_participle(lemma, '')}"  # "has not accepted"
    if tok.dep == "neg":
        aux = "will" if planned else ("do" if plural else "does")
        return f"{aux} {'never' if tok.text.lower() == 'never' else 'not'} {lemma}"
    base = tok.lemma.lower()
    if base == "unable":
        return f"{'are' if plural else 'is'} unable to {lemma}"
    verb = base if plural else _third_person(base)
    rest = cue[1].split(" ", 1)[1] if " " in cue[1] else ""
    if rest == "to":
        return f"{verb} to {lemma}"
    return f"{verb} {rest} {lemma}".replace("  ", " ") if rest else f"{verb} {lemma}"


def _undone_noun(view: roles.Sentence, found: Found) -> str | None:
    """'Turkey–Georgia talks called off': an event noun that the verb undoing it has as passive subject.

    "Talks between A and B were called off" has no one who acted: the
    headline names the happening and what befell it, never "A and B call
    off meet".
    """
    trig = found.trigger
    tok, head = view.tokens[trig], view.head(trig)
    if not found.frame.negated or tok.pos not in ("NOUN", "PROPN") or head is None or tok.dep != "nsubjpass":
        return None
    cue = negation_cue(view, trig)
    if cue is None or cue[0] != head:
        return None
    parties = "–".join(short(e) for e in (found.actors + found.targets)[:3])
    return f"{parties} {tok.text.lower()} {cue[1]}"


def _agentless_passive(view: roles.Sentence, v: int) -> bool:
    """'was struck' with no 'by': nobody else did it, so the parties named in the noun did."""
    return roles.passive(view, v) and not view.kids(v, "agent")


def _receiving_verb(view: roles.Sentence, trig: int) -> int | None:
    """The verb of 'accepted/declined an invitation' when the trigger is its object."""
    h = view.head(trig)
    if view.tokens[trig].pos in ("NOUN", "PROPN") and h is not None and view.tokens[trig].dep == "dobj":
        return h if view.tokens[h].lemma.lower() in roles.RECEIVING_VERBS else None
    return None


def _names(ents: list[Entity]) -> str:
    names = [short(e) for e in ents[:3]]
    if len(ents) > 3:
        names[-1] += " and others"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _named_in(ent: Entity, text: str) -> bool:
    """The entity is named in the text, or its nationality is ("Montenegrin government": Montenegro)."""
    if any(n in text for n in (ent.name, short(ent), *ent.aliases)):
        return True
    return ent.label == "GPE" and any(nationality_of(w, ent.name) for w in text.split() if w[:1].isupper())


def _plural(view: roles.Sentence, toks: list[int]) -> bool:
    return any(view.tokens[t].tag in ("NNS", "NNPS") and t not in view.entity_at for t in toks)


def _role_phrase(doc: Document, view: roles.Sentence, toks: list[int], ents: list[Entity]) -> str:
    """The participants' names, or the nouns they were read through ('Shares in Lumen', 'Peruvian diplomat')."""
    parts: list[str] = []
    named: set[str] = set()
    for t in toks:
        tok = view.tokens[t]
        plain = tok.pos == "NOUN" and t not in view.entity_at and not view.kids(t, "appos")
        # A description that stands for a person named nearby ("a special envoy from Seoul"): the name.
        plain = plain and not (role_family(tok.lemma) and any(e.label == "PERSON" for e in ents))
        if plain and not surface_appositions(view, t) and not the_two(view, t):  # "the two leaders": their names
            parts.append(_noun_phrase(doc, view, t, 6))
            named |= {e.id for e in ents if _named_in(e, parts[-1])}
    rest = [e for e in ents if e.id not in named]
    if not parts:
        return _names(ents)
    link = _linking_preposition(view, toks[0], rest) if rest and len(parts) == 1 else None
    if link:
        # "seizure of Qatari tanker by Bahrain", "its ambassador to Montenegro"
        return f"{parts[0]} {link} {_names(rest)}"
    if rest:
        parts.append(_names(rest))
    return " and ".join(parts)


def _linking_preposition(view: roles.Sentence, noun: int, ents: list[Entity]) -> str | None:
    """The preposition after a noun whose object is one of the entities ('by', 'to'), wherever the model hung it."""
    ids = {e.id for e in ents}
    for p in [*view.kids(noun, "prep"), noun + 1]:
        if p >= len(view.tokens) or view.tokens[p].pos != "ADP":
            continue
        objs = roles.pobjs(view, p)
        words = objs + [q for o in objs for q in view.kids(o, "amod", "compound")]
        if any(
            (w in view.entity_at and view.entity_at[w].id in ids)
            or any(nationality_of(view.tokens[w].text, e.name) for e in ents)
            for w in words
        ):
            return view.tokens[p].text.lower()
    return None


def _partners(doc: Document, view: roles.Sentence, found: Found, as_written: bool, second: int | None) -> str:
    """'Omar Haddad', 'with Peru' when the trigger takes them after a preposition, 'to intercept X'."""
    names = _role_phrase(doc, view, found.target_tokens, [e for e in found.targets if e not in found.joined_targets])
    rel = found.target_relation
    lead = ""
    if second is not None and view.tokens[second].pos == "VERB":
        lead = "to " + view.tokens[second].lemma.lower() + " "
        as_written = True
    elif second is not None and as_written and (p := view.head(second)) is not None and view.tokens[p].pos == "ADP":
        # "In a letter to the UN, X demanded ...": the partner is the letter's.
        lead = f"{view.tokens[p].text.lower()} {view.tokens[second].text.lower()} "
    if rel and rel not in roles.RELATIONS and as_written:
        return f"{lead}{rel} {names}"
    return lead + names


def _particle(view: roles.Sentence, trig: int) -> str:
    return "".join(" " + view.tokens[p].text.lower() for p in view.kids(trig, "prt"))


def _third_person(lemma: str) -> str:
    if lemma in _IRREGULAR_3SG:
        return _IRREGULAR_3SG[lemma]
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def _participle(lemma: str, written: str) -> str:
    if lemma in _IRREGULAR_PP:
        return _IRREGULAR_PP[lemma]
    if written.lower().endswith("ed"):
        return written.lower()
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "i", "o", "u"):
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _infinitive(doc: Document, view: roles.Sentence, trig: int) -> str:
    """' to reconsider the ban': what the trigger urges or agrees to, as its clause."""
    for c in view.kids(trig, "xcomp"):
        if view.is_verb(c):
            return " to " + clause_text(doc, view, c, drop_aux=True)
    return ""


def _complement(doc: Document, view: roles.Sentence, trig: int, with_infinitive: bool = True) -> str:
    """The trigger's object and infinitive ('China's stance', 'to set up a joint commission')."""
    parts = []
    objs = view.kids(trig, "dobj")
    if objs:
        obj = objs[0]
        if view.tokens[obj].text.lower() in ("which", "that", "whom") and view.tokens[trig].dep == "relcl":
            head = view.head(trig)
            obj = head if head is not None else obj
        parts.append(_noun_phrase(doc, view, obj, 7))
    if with_infinitive:
        parts.append(_infinitive(doc, view, trig).strip())
    return " ".join(p for p in parts if p)


def _goal_phrase(doc: Document, view: roles.Sentence, trig: int, found: Found) -> str:
    """' to the Nordic summit': where an invitation or trip leads, when it is not a place or partner."""
    named = {e.id for e in found.targets + found.actors} | ({found.place.id} if found.place else set())
    triggers = {w for p in found.category.patterns for w in p.triggers}
    for p in view.kids(trig, "prep"):
        word = view.tokens[p].lemma.lower()
        if word not in ("to", "for"):
            continue
        for o in roles.pobjs(view, p):
            t = view.tokens[o]
            ent = view.entity_at.get(o)
            if t.pos not in ("NOUN", "PROPN") or t.lemma.lower() in triggers:
                continue
            if ent is not None and (ent.id in named or ent.label in roles.PARTY_LABELS - {"ORG"}):
                continue
            phrase = _noun_phrase(doc, view, o)
            if phrase:
                return f" {word} {phrase}"
    if found.category.planned:
        # "invited Z to attend the Southern Water Summit", "invited Z to visit Manila"
        parties = {e.id for e in found.targets + found.actors}
        for c in roles.purpose_clauses(view, trig):
            objs = view.kids(c, "dobj")
            if objs and not any(o in view.entity_at and view.entity_at[o].id in parties for o in objs):
                verb = view.tokens[c].lemma.lower() + _particle(view, c)
                return f" to {verb} {_noun_phrase(doc, view, objs[0])}"
    return ""


def _noun_phrase(doc: Document, view: roles.Sentence, head: int, limit: int = 6) -> str:
    """A noun with its compounds, adjectives and 'of'/'in' phrase, without articles or clauses.

    Names in it are written as the entity's short name ('NATO summit').
    """
    keep: set[int] = set()

    def take(i: int, depth: int) -> None:
        keep.add(i)
        for c in view.children[i]:
            dep = view.tokens[c].dep
            word = view.tokens[c].lemma.lower()
            coordinated = dep in ("conj", "cc") and view.tokens[i].dep in ("amod", "compound")
            if (
                coordinated
                or dep in ("compound", "amod", "nummod", "nmod", "poss", "case", "quantmod")
                or (
                    depth < 2
                    and (
                        dep == "pobj"
                        or (dep == "prep" and word in ("of", "in", "for", "on", "from") and _names_a_thing(view, c))
                    )
                )
            ):
                take(c, depth + (dep == "prep"))
            elif dep == "punct" and attached(doc, view, c):
                keep.add(c)

    take(head, 0)
    toks = [i for i in sorted(keep) if view.tokens[i].pos != "DET"]
    text = join(doc, view, toks)
    if len(text.split()) > limit:
        # Too long with its 'of'/'in' phrase: the noun and its modifiers alone.
        preps = {i for p in keep if view.tokens[p].dep == "prep" and p > head for i in subtree(view, p)}
        text = join(doc, view, [i for i in toks if i not in preps])
    words = text.split()
    return " ".join(words[:limit]) if len(words) > limit else text


def _names_a_thing(view: roles.Sentence, prep: int) -> bool:
    """A preposition whose object is a thing or a place, not a date ('in June' is said by the date)."""
    objs = view.kids(prep, "pobj")
    return bool(objs) and all(view.tokens[o].ent not in ("DATE", "TIME") for o in objs)


def _with_date(doc: Document, body: str, found: Found) -> str:
    when = found.frame.when
    if when is None or not when.date:
        return clip(body)
    d, year = when.date, _brief_year(doc)
    if year and int(d[:4]) < year and found.frame.status != "planned":
        return clip(f"{d[:4]}: {body}")
    if found.frame.status == "planned":
        return clip(body) + f" ({human_date(d)})"
    return clip(body)


def _brief_year(doc: Document) -> int | None:
    if doc.meta.date:
        return int(doc.meta.date[:4])
    years = [int(y) for y in _YEAR.findall(doc.text)]
    return max(years) if years else None
