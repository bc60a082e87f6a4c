"""A sentence as a short title: its main clause, without what a headline leaves out.

Used where no event frame names anyone (and for the clauses a headline
quotes): the main clause, or the complement of an attribution ("X
happened, officials said"), without relative clauses, appositions,
adverbial clauses, "according to ..." or an opening adverbial (unless it
dates the event), cut at ``MAX_WORDS``. Names are written as their
entity's short name.
"""

from __future__ import annotations

from briefreader.model.document import Document, Entity
from briefreader.nlp import roles
from briefreader.nlp.parse import ParsedSentence

MAX_WORDS = 16
"""A title longer than this is cut at a word and ends with an ellipsis."""
_DROP_DEPS = frozenset({"relcl", "appos", "advcl", "parataxis", "preconj", "mark", "dep", "meta", "punct"})
_KEEP_PUNCT = frozenset({"-", "–", "'", "’", "%", "$", "£", "€"})
_ATTRIBUTION = frozenset({"say", "tell", "report", "add", "claim", "announce", "confirm", "state", "write", "note"})


def attached(doc: Document, view: roles.Sentence, i: int) -> bool:
    """A hyphen, apostrophe or currency sign inside a word ('air-defence'), not a dash between clauses."""
    t = view.tokens[i]
    if t.text not in _KEEP_PUNCT:
        return False
    before = doc.text[t.start - 1 : t.start] if t.start > 0 else " "
    after = doc.text[t.end : t.end + 1] or " "
    return not (before.isspace() and after.isspace())


def clip(text: str, words: int = MAX_WORDS) -> str:
    text = " ".join(text.split())
    text = text[:1].upper() + text[1:]
    ws = text.split(" ")
    if len(ws) <= words:
        return text
    return " ".join(ws[:words]).rstrip(",;:–—-") + "…"


def join(doc: Document, view: roles.Sentence, toks: list[int]) -> str:
    """The kept tokens as written, with the spacing they had; a name is written as its entity's short name."""
    sent: ParsedSentence = view.sent
    out: list[str] = []
    prev: int | None = None
    done: set[str] = set()
    for i in toks:
        t = sent.tokens[i]
        ent = view.entity_at.get(i)
        if ent is not None and ent.label not in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"):
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
    """A clause without its relative clauses, appositions, adverbial clauses and attribution."""
    keep: list[int] = []
    stack = [verb]
    while stack:
        i = stack.pop()
        keep.append(i)
        for c in view.children[i]:
            t = view.tokens[c]
            if t.dep in _DROP_DEPS and not (t.dep == "punct" and attached(doc, view, c)):
                continue
            if (t.dep == "prep" and t.lemma.lower() == "according") or (drop_aux and i == verb and t.dep == "aux"):
                continue
            if t.dep == "npadvmod" and c in view.entity_at:
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
    """The sentence's main clause, without attribution tails, cut to ``MAX_WORDS``."""
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
    """An entity's name, or its acronym when the name is long (titles stay short)."""
    acr = [a for a in ent.aliases if a.isupper() and 2 <= len(a) <= 6]
    return acr[0] if acr and len(ent.name) > 20 else ent.name
