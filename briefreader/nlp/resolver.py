"""Which entities a role's tokens stand for: names, appositions, conjuncts, pronouns.

A role found in the tree is a token; the frame needs entities. A name is
its mention's entity; a common noun is read through the name beside it
(its apposition, "their counterparts, A and B") or what qualifies it ("US
officials", "China's foreign ministry", "a letter from Y", "shares in X");
conjuncts come along; a pronoun is what ``people.pronoun_referents``
decided; a bare name the model missed is the one person it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefreader.model.document import Entity
from briefreader.nlp.roles import PARTY_LABELS, Sentence, pobjs

_PERSON_PRONOUNS = frozenset({"he", "him", "she", "her"})


@dataclass
class Resolver:
    """Turns role tokens into entities: names, appositions, conjuncts, pronouns."""

    pronoun: dict[int, Entity | None] = field(default_factory=dict)
    """Token index -> the person a he/she/him/her stands for (None: unsure), filled by the caller."""
    by_word: dict[str, Entity] = field(default_factory=dict)
    """A bare first or last name the model did not tag -> the one person it belongs to."""
    country_of: dict[str, Entity] = field(default_factory=dict)
    """Nationality (NORP) entity id -> the country the brief names ('Russian' -> Russia)."""
    text: str = ""
    """The brief's text, to see how a name is written elsewhere in it."""

    def entities(self, s: Sentence, toks: list[int], labels: frozenset[str] = PARTY_LABELS) -> list[Entity]:
        """The entities the tokens name, conjuncts included, in order, without repeats."""
        out: dict[str, Entity] = {}
        for tok in self._with_conjuncts(s, toks):
            for e in self._one(s, tok):
                e = self.country_of.get(e.id, e)
                if e.label in labels:
                    out.setdefault(e.id, e)
        return list(out.values())

    def _with_conjuncts(self, s: Sentence, toks: list[int]) -> list[int]:
        out: list[int] = []
        stack = list(toks)
        while stack:
            t = stack.pop(0)
            if t in out:
                continue
            out.append(t)
            stack += [c for c in s.kids(t, "conj") if not s.is_verb(c)]
            # The model sometimes hangs the first of two coordinated names on the
            # second ("A and Minister B" with A as B's modifier): a name with its
            # own 'and' under another name is a conjunct.
            # Likewise "Mali, Burkina Faso and Niger" comes out as Mali with the
            # apposition "Burkina Faso and Niger" (places and organisations only:
            # a person's apposition is who they are).
            if t in s.entity_at:
                stack += [
                    c
                    for c in s.kids(t, "nmod", "compound", "npadvmod", "appos")
                    if c in s.entity_at
                    and s.entity_at[c] is not s.entity_at[t]
                    and (s.kids(c, "cc") or s.kids(c, "conj"))
                    and (s.tokens[c].dep != "appos" or s.entity_at[t].label != "PERSON")
                ]
        return out

    def _one(self, s: Sentence, tok: int, depth: int = 0) -> list[Entity]:
        t = s.tokens[tok]
        if tok in s.entity_at:
            return [s.entity_at[tok]]
        if t.pos == "PROPN" and t.text in self.by_word:
            return [self.by_word[t.text]]
        if t.pos == "PRON":
            if t.text.lower() in _PERSON_PRONOUNS and tok in self.pronoun:
                e = self.pronoun[tok]
                return [e] if e is not None else []
            return []
        if depth > 2 or t.pos not in ("NOUN", "PROPN", "NUM", "ADJ"):
            return []
        # A common noun stands for the name beside it: its apposition first
        # ("their counterparts, A and B"), then what qualifies it ("US
        # officials", "China's foreign minister", "a letter from Y").
        for c in s.kids(tok, "appos") + surface_appositions(s, tok):
            found = [e for k in self._with_conjuncts(s, [c]) for e in self._one(s, k, depth + 1)]
            if found:
                return found
        if t.pos != "NOUN":
            return []  # a title ('Trade Minister') is not qualified by its department
        for deps in (("compound", "amod", "nmod"), ("poss",)):
            found = [e for c in s.kids(tok, *deps) if c in s.entity_at for e in [s.entity_at[c]]]
            if found:
                return found[:1]
        for p in s.kids(tok, "prep"):
            word = s.tokens[p].lemma.lower()
            if word in ("of", "from", "between", "in"):
                objs = self._with_conjuncts(s, pobjs(s, p))
                found = [e for o in objs for e in self._one(s, o, depth + 1)]
                # 'in' only for a company ("shares in Lumen"), not a place ("officials in Quito").
                found = [e for e in found if word != "in" or e.label == "ORG"]
                if found:
                    return found
        return []


def surface_appositions(s: Sentence, tok: int) -> list[int]:
    """A name right after ', ' that follows a common noun's phrase, whatever the parse made of it."""
    right = max([tok] + [d for d in _subtree(s, tok) if d > tok and s.tokens[d].dep not in ("punct", "appos")])
    nxt = right + 1
    if nxt + 1 >= len(s.tokens) or s.tokens[nxt].text != ",":
        return []
    cand = nxt + 1
    if cand not in s.entity_at or s.entity_at[cand].label != "PERSON":
        return []
    # The name's own head, and not the subject of a new clause ('..., Wang said').
    head = cand
    while head + 1 in s.entity_at and s.mention_first.get(head + 1) == s.mention_first[cand]:
        head += 1
    if s.tokens[head].dep in ("nsubj", "nsubjpass"):
        return []
    return [head]


def _subtree(s: Sentence, i: int) -> list[int]:
    out, stack = [], [i]
    while stack:
        j = stack.pop()
        out.append(j)
        stack.extend(s.children[j])
    return out
