"""A sentence as a short title: its main clause, without what a headline leaves out.

Used where no event frame names anyone (and for the clauses a headline
quotes): the main clause, or the complement of an attribution ("X
happened, officials said"), without relative clauses, appositions,
adverbial clauses, "according to ..." or an opening adverbial (unless it
dates the event). Names are written as their entity's short name.

A title is never a sentence cut off mid-way ("... during an…"): a clause
longer than ``MAX_WORDS`` loses its optional parts first (modifiers that
name nothing, then every prepositional and adverbial modifier and a
second coordinated clause), and whatever remains is kept whole.
"""

from __future__ import annotations

from briefreader.model.document import Document, Entity
from briefreader.model.titles import short_name
from briefreader.nlp import roles
from briefreader.nlp.parse import ParsedSentence

MAX_WORDS = 16
"""A clause longer than this is made leaner (``LEAN_DEPS``), never cut."""
LEAN_DEPS = frozenset({"prep", "advmod", "npadvmod", "conj", "cc", "acl", "oprd"})
"""Modifiers a clause longer than ``MAX_WORDS`` loses, first those that name nothing, then all."""
_DROP_DEPS = frozenset({"relcl", "appos", "advcl", "parataxis", "preconj", "mark", "dep", "meta", "punct"})
_KEEP_PUNCT = frozenset({"-", "–", "'", "’", "%", "$", "£", "€"})
_NUMERIC = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
_ATTRIBUTION = frozenset({"say", "tell", "report", "add", "claim", "announce", "confirm", "state", "write", "note"})


def attached(doc: Document, view: roles.Sentence, i: int) -> bool:
    """A hyphen, apostrophe or currency sign inside a word ('air-defence'), not a dash between clauses."""
    t = view.tokens[i]
    if t.text not in _KEEP_PUNCT:
        return False
    before = doc.text[t.start - 1 : t.start] if t.start > 0 else " "
    after = doc.text[t.end : t.end + 1] or " "
    return not (before.isspace() and after.isspace())


def clip(text: str) -> str:
    """A title tidied: one space between words, a capital first. Never cut: a cut title misleads."""
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def join(doc: Document, view: roles.Sentence, toks: list[int]) -> str:
    """The kept tokens as written, with the spacing they had; a name is written as its entity's short name."""
    sent: ParsedSentence = view.sent
    out: list[str] = []
    prev: int | None = None
    done: set[str] = set()
    for i in toks:
        t = sent.tokens[i]
        ent = view.entity_at.get(i)
        if ent is not None and ent.label not in _NUMERIC:
            key = f"{ent.id}@{view.mention_first[i]}"
            if key in done:
                prev = i
                continue
            done.add(key)
            word = short(ent)
        else:
            word = t.text
        if prev is not None:
            gap = doc.text[sent.tokens[prev].end : t.start]
            out.append(" " if (gap or i != prev + 1) else "")
        out.append(word)
        prev = i
    return "".join(out).strip(" ,;:")


def clause_text(doc: Document, view: roles.Sentence, verb: int, drop_aux: bool = False) -> str:
    """A clause without its relative clauses, appositions, adverbial clauses and attribution.

    Longer than ``MAX_WORDS``, it loses the modifiers in ``LEAN_DEPS`` that
    name no entity, then all of them; the shortest is kept whole.
    """
    text = _clause(doc, view, verb, drop_aux, 0)
    for lean in (1, 2):
        if len(text.split()) <= MAX_WORDS:
            break
        leaner = _clause(doc, view, verb, drop_aux, lean)
        text = leaner if leaner and len(leaner.split()) >= 2 else text
    return text


def _names_something(view: roles.Sentence, i: int) -> bool:
    """The subtree of ``i`` mentions an entity that is not a date, time or number."""
    return any(j in view.entity_at and view.entity_at[j].label not in _NUMERIC for j in subtree(view, i))


def _optional(view: roles.Sentence, head: int, c: int, lean: int) -> bool:
    """Whether a leaner clause leaves out child ``c``: a second clause ('and ...') only under a verb."""
    if view.tokens[c].dep in ("conj", "cc") and view.tokens[head].pos not in ("VERB", "AUX"):
        return False  # "Park and Wang": both are who met
    if view.tokens[c].dep == "cc":
        # The 'and' goes with its conjunct: "were damaged and Beijing retaliated", never "damaged Beijing retaliated".
        return all(_optional(view, head, k, lean) for k in view.kids(head, "conj"))
    if view.tokens[c].dep == "conj" and view.is_verb(c):
        return True  # a second clause is an event of its own (its frame says it): a leaner headline drops it
    if (view.tokens[c].dep == "advmod" and view.kids(c, "prep")) or (
        view.tokens[head].dep == "advmod" and view.tokens[c].dep == "prep"
    ):
        return False  # "came close to war", "fell short of": the adverb and its complement are the predicate
    return lean > 1 or not _names_something(view, c)


def _clause(doc: Document, view: roles.Sentence, verb: int, drop_aux: bool, lean: int) -> str:
    keep: list[int] = []
    stack = [verb]
    while stack:
        i = stack.pop()
        keep.append(i)
        for c in view.children[i]:
            t = view.tokens[c]
            comparison = t.dep == "mark" and t.lemma.lower() in ("than", "as")  # "stronger than expected"
            if t.dep in _DROP_DEPS and not comparison and not (t.dep == "punct" and attached(doc, view, c)):
                continue
            if (t.dep == "prep" and t.lemma.lower() == "according") or (drop_aux and i == verb and t.dep == "aux"):
                continue
            if t.dep == "npadvmod" and c in view.entity_at:
                continue
            if lean and t.dep in LEAN_DEPS and _optional(view, i, c, lean):
                continue
            stack.append(c)
    toks = sorted(keep)
    # An opening adverbial ("At the close of the conference, ...") goes, unless it dates the event.
    while toks and toks[0] < verb and view.tokens[toks[0]].dep in ("prep", "advmod"):
        lead = subtree(view, toks[0])
        if any(view.tokens[i].ent in ("DATE", "TIME") for i in lead):
            break
        toks = [i for i in toks if i not in lead]
    return join(doc, view, toks)


def compressed(doc: Document, sent: ParsedSentence, view: roles.Sentence | None = None) -> str:
    """The sentence's main clause, without attribution tails, made leaner past ``MAX_WORDS``, never cut."""
    view = view or roles.build(sent, [])
    roots = [i for i, t in enumerate(sent.tokens) if t.head == i and t.pos in ("VERB", "AUX")]
    if not roots:
        return clip(doc.text[sent.start : sent.end].strip().rstrip(".!?"))
    root = roots[0]
    # "X happened, officials said" / "X happened, according to Y": the news is the complement.
    if view.tokens[root].lemma.lower() in _ATTRIBUTION:
        content = [c for c in view.kids(root, "ccomp") if c < root]
        if content:
            root = content[0]
    text = clause_text(doc, view, root).strip(" \"'“”‘’")
    text = text[:1].upper() + text[1:]
    return clip(text.rstrip(".!?"))


def subtree(view: roles.Sentence, i: int) -> set[int]:
    out, stack = set(), [i]
    while stack:
        j = stack.pop()
        out.add(j)
        stack.extend(view.children[j])
    return out


def short(ent: Entity) -> str:
    """An entity's name, or its acronym when the name is long (titles stay short): ``titles.short_name``."""
    return short_name(ent)
