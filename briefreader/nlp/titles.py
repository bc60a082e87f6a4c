"""Key point titles a reader can scan: a headline written from the event frame.

"Park Byeong-seug meets Wang Yi in Beijing", "Xi Jinping invited to the
APEC summit (October 2025)", "2017: China opposes deployment of US missile
defence system". Headline grammar: present tense for what happened, "to"
and the verb for what is planned, a past participle when only the one acted
upon is known; a year in front for background, the date in brackets for
what is planned. Where the frame names nobody, the title is the
sentence's main clause, compressed: no attribution tail ("according to
...", "..., she said"), no opening adverbial, no relative clause.
"""

from __future__ import annotations

from briefreader.model.document import Document, Entity
from briefreader.nlp import roles
from briefreader.nlp.dates_rel import MONTHS
from briefreader.nlp.events import Found
from briefreader.nlp.parse import ParsedSentence

MAX_WORDS = 14
"""A title longer than this is cut at a word and ends with an ellipsis."""
_MONTH_NAMES = {n: name.capitalize() for name, n in MONTHS.items() if len(name) > 3 or name == "may"}
_IRREGULAR_3SG = {"be": "is", "have": "has", "do": "does", "go": "goes"}
_IRREGULAR_PP = {
    "meet": "met", "send": "sent", "hold": "held", "fly": "flown", "strike": "struck", "seize": "seized",
    "sell": "sold", "buy": "bought", "lend": "lent", "tell": "told", "say": "said", "shoot": "shot",
    "make": "made", "take": "taken", "give": "given", "begin": "begun", "win": "won", "lead": "led",
}  # fmt: skip
_DROP_DEPS = frozenset({"relcl", "appos", "advcl", "parataxis", "punct", "cc", "preconj", "mark", "dep", "meta"})
_ATTRIBUTION = frozenset({"say", "tell", "report", "add", "claim", "announce", "confirm", "state", "write", "note"})


def headline(doc: Document, found: Found) -> str | None:
    """A headline from the frame, or None when it names neither actor nor target."""
    fr, view, trig = found.frame, found.view, found.trigger
    tok = view.tokens[trig]
    verbal = tok.pos == "VERB"
    lemma = (found.pattern.verb if found.pattern.verb else tok.lemma.lower()) if not verbal else tok.lemma.lower()
    if found.pattern.verb and verbal and found.pattern.verb != lemma:
        lemma = found.pattern.verb
    actors, targets = found.actors, found.targets
    if lemma == "visit" and targets:
        lemma = "meet"  # one visits a place and meets people
    if found.category.id == "statement":
        return _statement(doc, found)
    if not actors and not targets:
        return None
    obj = "" if targets else _object_phrase(doc, view, trig)
    goal = _goal_phrase(doc, view, trig, found)
    place = f" in {found.place.name}" if found.place and not _named_in(found.place, goal) else ""
    if lemma in ("visit", "travel", "fly", "arrive", "tour", "journey") and found.place and not targets:
        lemma, place, obj = "visit", "", found.place.name
    if actors:
        head = _names(actors)
        if fr.status == "planned":
            verb = "to " + lemma
        else:
            verb = _third_person(lemma) if len(actors) == 1 else lemma
        rest = _partners(view, trig, targets, found) or obj
        body = " ".join(x for x in (head, verb, rest) if x) + goal + place
    else:
        verb = ("to be " if fr.status == "planned" else "") + _participle(lemma, tok.text if verbal else "")
        body = f"{_names(targets)} {verb}{goal}{place}"
    return _with_date(doc, body, found)


def _statement(doc: Document, found: Found) -> str | None:
    """'Ed Balls: the deficit will fall' (the speaker, then what was said)."""
    view, trig = found.view, found.trigger
    content = [c for c in view.kids(trig, "ccomp", "xcomp") if view.tokens[c].pos in ("VERB", "AUX")]
    said = _clause_text(doc, view, content[0]) if content else ""
    if not found.actors:
        return None
    speaker = _names(found.actors)
    if said:
        return _clip(f"{speaker}: {said}")
    return None


def _names(ents: list[Entity]) -> str:
    names = [_short(e) for e in ents[:3]]
    if len(ents) > 3:
        names[-1] += " and others"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _short(ent: Entity) -> str:
    """An entity's name, or its acronym when the name is long (titles stay short)."""
    acr = [a for a in ent.aliases if a.isupper() and 2 <= len(a) <= 6]
    return acr[0] if acr and len(ent.name) > 20 else ent.name


def _named_in(ent: Entity, text: str) -> bool:
    return ent.name in text or any(a in text for a in ent.aliases)


def _third_person(lemma: str) -> str:
    if lemma in _IRREGULAR_3SG:
        return _IRREGULAR_3SG[lemma]
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def _participle(lemma: str, written: str) -> str:
    if (written and written.lower().endswith(("ed", "en"))) or lemma in _IRREGULAR_PP:
        return _IRREGULAR_PP.get(lemma, written.lower())
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "i", "o", "u"):
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _partners(view: roles.Sentence, trig: int, targets: list[Entity], found: Found) -> str:
    """'Wang Yi', or 'with Wang Yi' when the parse found them after a preposition."""
    if not targets:
        return ""
    names = _names(targets)
    for rel in found.pattern.targets:
        if rel in roles.RELATIONS:
            continue
        toks = roles.relation(view, trig, rel)
        if any(view.entity_at.get(t) in targets for t in toks):
            return f"{rel} {names}"
    return names


def _goal_phrase(doc: Document, view: roles.Sentence, trig: int, found: Found) -> str:
    """' to the APEC summit': where an invitation or trip leads, when it is not a place or partner."""
    named = {e.id for e in found.targets + found.actors} | ({found.place.id} if found.place else set())
    for p in view.kids(trig, "prep"):
        word = view.tokens[p].lemma.lower()
        if word not in ("to", "for"):
            continue
        for o in roles.pobjs(view, p):
            if view.tokens[o].pos not in ("NOUN", "PROPN"):
                continue
            ent = view.entity_at.get(o)
            if ent is not None and (ent.id in named or ent.label in roles.PARTY_LABELS - {"ORG"}):
                continue
            phrase = _noun_phrase(doc, view, o)
            if phrase:
                return f" {word} {phrase}"
    return ""


def _object_phrase(doc: Document, view: roles.Sentence, trig: int) -> str:
    """The trigger's object as a short noun phrase ('deployment of US missile defence system')."""
    objs = view.kids(trig, "dobj")
    return _noun_phrase(doc, view, objs[0], 7) if objs else ""


def _noun_phrase(doc: Document, view: roles.Sentence, head: int, limit: int = 5) -> str:
    """A noun with its compounds, adjectives and 'of' phrase, without articles or clauses."""
    keep: set[int] = set()

    def take(i: int, depth: int) -> None:
        keep.add(i)
        for c in view.children[i]:
            dep = view.tokens[c].dep
            if dep in ("compound", "amod", "nummod", "nmod", "poss", "case") or (
                depth < 2 and dep in ("prep", "pobj") and (dep == "pobj" or view.tokens[c].lemma.lower() == "of")
            ):
                take(c, depth + (dep == "prep"))

    take(head, 0)
    toks = [i for i in sorted(keep) if view.tokens[i].pos != "DET"]
    text = _join(doc, view.sent, toks)
    words = text.split()
    return " ".join(words[:limit]) if len(words) > limit else text


def _with_date(doc: Document, body: str, found: Found) -> str:
    when = found.frame.when
    if when is None or not when.date:
        return _clip(body)
    d, brief = when.date, doc.meta.date
    if brief and d[:4] < brief[:4] and found.frame.status != "planned":
        return _clip(f"{d[:4]}: {body}")
    if found.frame.status == "planned":
        return _clip(body) + f" ({human_date(d)})"
    return _clip(body)


def human_date(iso: str) -> str:
    """'2025-10' -> 'October 2025', '2025-10-03' -> '3 October 2025', '2017' -> '2017'."""
    parts = iso.split("-")
    if len(parts) == 1:
        return iso
    month = _MONTH_NAMES.get(int(parts[1]), parts[1])
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def _clip(text: str, words: int = MAX_WORDS) -> str:
    ws = text.split()
    if len(ws) <= words:
        return text
    return " ".join(ws[:words]).rstrip(",;:–—-") + "…"


def _join(doc: Document, sent: ParsedSentence, toks: list[int]) -> str:
    """The kept tokens as written, with the spacing they had."""
    out: list[str] = []
    prev = None
    for i in toks:
        t = sent.tokens[i]
        if prev is not None:
            gap = doc.text[sent.tokens[prev].end : t.start]
            out.append(" " if (gap or i != prev + 1) else "")
        out.append(t.text)
        prev = i
    return "".join(out).strip(" ,;:")


def _clause_text(doc: Document, view: roles.Sentence, verb: int) -> str:
    """A clause without its relative clauses, appositions, adverbial clauses and attribution."""
    keep: list[int] = []
    stack = [verb]
    while stack:
        i = stack.pop()
        keep.append(i)
        for c in view.children[i]:
            t = view.tokens[c]
            if t.dep in _DROP_DEPS and not (t.dep == "appos" and i not in view.entity_at):
                continue
            if t.dep == "prep" and t.lemma.lower() == "according":
                continue
            if t.dep == "npadvmod" and c in view.entity_at:
                continue
            stack.append(c)
    toks = sorted(keep)
    while toks and view.tokens[toks[0]].dep in ("prep", "advmod") and toks[0] < verb:
        toks = [i for i in toks if i not in _subtree(view, toks[0])]
    return _join(doc, view.sent, toks)


def compressed(doc: Document, sent: ParsedSentence, view: roles.Sentence | None = None) -> str:
    """The sentence's main clause, without attribution tails, cut to ``MAX_WORDS``."""
    view = view or roles.build(sent, [])
    roots = [i for i, t in enumerate(sent.tokens) if t.head == i and t.pos in ("VERB", "AUX")]
    if not roots:
        text = doc.text[sent.start : sent.end].strip()
        return _clip(text.rstrip(".!?"))
    root = roots[0]
    # "X happened, officials said" / "X happened, according to Y": the news is the complement.
    if view.tokens[root].lemma.lower() in _ATTRIBUTION:
        content = [c for c in view.kids(root, "ccomp") if c < root]
        if content:
            root = content[0]
    text = _clause_text(doc, view, root)
    text = text[:1].upper() + text[1:]
    return _clip(text.rstrip(".!?"))


def _subtree(view: roles.Sentence, i: int) -> set[int]:
    out, stack = set(), [i]
    while stack:
        j = stack.pop()
        out.add(j)
        stack.extend(view.children[j])
    return out
