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
from briefreader.nlp.roles import PARTY_LABELS, PLACE_LABELS, Sentence, pobjs

_PERSON_PRONOUNS = frozenset({"he", "him", "she", "her"})
_PLACE_PREPS = frozenset({"in", "at", "to", "from"})
_BODY_PRONOUNS = frozenset({"it", "they"})
_SAYING = frozenset(
    {"say", "announce", "state", "declare", "tell", "warn", "insist", "confirm", "add", "vow", "pledge"}
)
"""Verbs whose 'it'/'they' clause is what the speaking body says of itself."""


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
    pair: list[Entity] = field(default_factory=list)
    """The two parties of the event just before, whom "the two leaders" or "both sides" stand for."""
    people: list[Entity] = field(default_factory=list)
    """Persons named in the sentences just before, oldest first ("the two presidents" when no event paired them)."""
    nationality: dict[str, Entity] = field(default_factory=dict)
    """A nationality as the brief writes it ('Bahraini') -> its entity, for a mention the model did not tag."""
    earlier_pairs: list[list[Entity]] = field(default_factory=list)
    """The two parties of each earlier event of the section, oldest first: "the two presidents"
    further on still means the two presidents who last acted together."""
    described: dict[str, Entity] = field(default_factory=dict)
    """A role (``ROLE_FAMILIES`` value) -> the one person the sentences around tie to it ("a special
    envoy from Seoul" where the next sentence says "a delegation led by Park": Park)."""

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
                # Deeper in the title: "with Ms A and Defence Minister B" comes out as A
                # modifying 'Minister', B's compound. A is a conjunct; its own conjunct
                # ('Defence') is the start of B's title, so it is not followed.
                out += [c for c in _nested_coordinated(s, t) if c not in out]
                # "Leonid Kuchma of Ukraine and Boris Yeltsin of Russia": the model hangs the second
                # person on the first one's country; a person coordinated there is a conjunct.
                if s.entity_at[t].label == "PERSON":
                    stack += [
                        c
                        for p in s.kids(t, "prep")
                        if s.tokens[p].lemma.lower() == "of"
                        for o in pobjs(s, p)
                        for c in s.kids(o, "conj")
                        if c in s.entity_at and s.entity_at[c].label == "PERSON"
                    ]
        return out

    def _one(self, s: Sentence, tok: int, depth: int = 0) -> list[Entity]:
        t = s.tokens[tok]
        if tok in s.entity_at:
            return [s.entity_at[tok]]
        if t.pos == "PROPN" and t.text in self.by_word:
            return [self.by_word[t.text]]
        if t.pos in ("ADJ", "PROPN") and t.text in self.nationality:
            return [self.nationality[t.text]]
        if t.pos == "PRON":
            if t.text.lower() in _PERSON_PRONOUNS and tok in self.pronoun:
                e = self.pronoun[tok]
                return [e] if e is not None else []
            if t.text.lower() in _BODY_PRONOUNS:
                return self._speaking_body(s, tok)
            return []
        if t.pos == "NOUN" and the_two(s, tok):
            two = [e for e in self.pair if _fits(t.lemma.lower(), e.label)]
            if len(two) < 2 and t.lemma.lower() in _PEOPLE_NOUNS:
                two = list({e.id: e for e in reversed(self.people)}.values())[:2][::-1]
            for earlier in reversed(self.earlier_pairs if len(two) < 2 else []):
                fitting = [e for e in earlier if _fits(t.lemma.lower(), e.label)]
                if len(fitting) == 2:
                    two = fitting
                    break
            return two if len(two) == 2 else []
        if depth > 2 or t.pos not in ("NOUN", "PROPN", "NUM", "ADJ"):
            return []
        # A common noun stands for the name beside it: its apposition first
        # ("their counterparts, A and B"), then what qualifies it ("US
        # officials", "China's foreign minister", "a letter from Y").
        for c in s.kids(tok, "appos") + surface_appositions(s, tok):
            found = [e for k in self._with_conjuncts(s, [c]) for e in self._one(s, k, depth + 1)]
            if found:
                return found
        role = role_family(t.lemma)
        if role in self.described and t.pos == "NOUN" and not self._named_by(s, tok):
            # The model hangs "and B" on the description's own qualifier ("an envoy from Seoul and
            # China's minister, B"): B is still a partner.
            more = [
                e
                for p in s.kids(tok, "prep")
                for o in pobjs(s, p)
                for c in s.kids(o, "conj")
                for e in self._one(s, c, depth + 1)
            ]
            return list({e.id: e for e in [self.described[role], *more]}.values())
        if t.pos != "NOUN" and not t.text.islower():
            # A title ('Trade Minister') is not qualified by its department; a lowercase
            # word is a common noun whatever the tagger said ("Qatar's foreign ministry").
            return []
        for deps in (("compound", "amod", "nmod"), ("poss",)):
            quals = [c for c in s.kids(tok, *deps) if c in s.entity_at or s.tokens[c].text in self.nationality]
            if quals:
                # One qualifier ("US State Department officials": US), with its conjuncts
                # ("Greek and Turkish diplomats": both).
                both = self._with_conjuncts(s, quals[:1])
                return list({e.id: e for c in both for e in self._one(s, c, depth + 1)}.values())
        # The doer before the thing done: "the seizure of a tanker by coastguards" is the coastguards'.
        preps = sorted(s.kids(tok, "prep"), key=lambda p: s.tokens[p].lemma.lower() != "by")
        envoy = t.lemma.lower() in _ENVOYS
        if envoy and tok + 1 < len(s.tokens) and s.tokens[tok + 1].text.lower() == "to" and tok + 1 not in preps:
            preps.append(tok + 1)  # "recalled its ambassador to X", 'to' hung on the verb
        for p in preps:
            word = s.tokens[p].lemma.lower()
            # "its ambassador to Montenegro": an envoy stands for where they are sent.
            if word in ("by", "of", "from", "between", "in") or (word == "to" and envoy):
                objs = self._with_conjuncts(s, pobjs(s, p))
                found = [e for o in objs for e in self._one(s, o, depth + 1)]
                # 'in' only for a company ("shares in Lumen"), not a place ("officials in Quito").
                found = [e for e in found if word != "in" or e.label == "ORG"]
                if found:
                    return found
        for k in s.kids(tok, "poss"):
            if s.tokens[k].text.lower() in ("its", "their"):
                # "Moscow denied that its troops attacked": the body the clause is about.
                return self._owning_body(s, k)
        return []

    def _speaking_body(self, s: Sentence, tok: int) -> list[Entity]:
        """'it' or 'they' in what a body says of itself: "The Security Council said it will not lift ...".

        The subject of the clause that a saying verb's subject is a named
        organisation or state: that body, the only reading wire copy uses.
        """
        v = s.clause_of(tok)
        if s.tokens[tok].dep not in ("nsubj", "nsubjpass") or s.tokens[v].dep != "ccomp":
            return []
        say = s.head(v)
        if say is None or s.tokens[say].lemma.lower() not in _SAYING:
            return []
        subj = [e for k in s.kids(say, "nsubj") for e in self._one(s, k, 3)]
        return [e for e in subj[:1] if e.label in ("ORG", "GPE", "NORP")]

    def _owning_body(self, s: Sentence, tok: int) -> list[Entity]:
        """Whose 'its'/'their' is: the named organisation or state that is the subject of the sentence's main verb.

        "Moscow denied that its troops attacked", "The ministry said its
        envoy would travel": the main subject, when it is a body (never a
        person: "his"/"her" are the pronoun resolver's) and not the noun
        the pronoun qualifies itself.
        """
        v = s.clause_of(tok)
        while s.tokens[v].dep in ("ccomp", "xcomp", "conj", "advcl") and s.head(v) is not None:
            v = s.clause_of(s.head(v))  # type: ignore[arg-type]
        owner = s.head(tok)
        subj = [e for k in s.kids(v, "nsubj") if k != owner for e in self._one(s, k, 3)]
        return [e for e in subj[:1] if e.label in ("ORG", "GPE", "NORP")]

    def _named_by(self, s: Sentence, tok: int) -> bool:
        """A person's name qualifies the noun itself ("Park's delegation", "the Lee envoy")."""
        return any(
            c in s.entity_at and s.entity_at[c].label == "PERSON" for c in s.kids(tok, "compound", "poss", "nmod")
        )


ROLE_FAMILIES = {
    **dict.fromkeys(("envoy", "emissary", "delegation", "delegate", "mission", "negotiator"), "envoy"),
    **dict.fromkeys(("minister", "chancellor", "secretary"), "minister"),
    **dict.fromkeys(("president", "premier", "prime", "leader", "king", "queen", "monarch"), "leader"),
    **dict.fromkeys(("spokesman", "spokeswoman", "spokesperson"), "spokesperson"),
    **dict.fromkeys(
        ("ambassador", "commander", "general", "governor", "mayor", "prosecutor", "judge", "speaker"), None
    ),
}
"""Role nouns a description uses for a person the brief names nearby, by family (None: its own word)."""


def role_family(lemma: str) -> str | None:
    """The family of a role noun ('delegation' -> 'envoy'), the noun itself when it has none, or None."""
    lemma = lemma.lower()
    if lemma not in ROLE_FAMILIES:
        return None
    return ROLE_FAMILIES[lemma] or lemma


_ENVOYS = frozenset({"ambassador", "envoy", "consul", "emissary", "representative", "delegation", "embassy", "mission"})
_PEOPLE_NOUNS = frozenset({"leader", "minister", "president", "premier", "counterpart", "envoy", "diplomat", "man"})
_STATE_NOUNS = frozenset({"country", "nation", "neighbour", "neighbor", "government", "state", "capital", "ally"})


def the_two(s: Sentence, tok: int) -> bool:
    """'the two leaders', 'both sides' (two known already: no name or quality of their own)."""
    if s.tokens[tok].tag != "NNS" or any(k in s.entity_at or s.tokens[k].pos == "ADJ" for k in s.children[tok]):
        return False
    words = {s.tokens[k].text.lower() for k in s.kids(tok, "nummod", "det", "predet", "quantmod")}
    # Counted and definite: "two diplomats were expelled" names nobody known.
    return "both" in words or ("two" in words and bool(words & {"the", "these", "those"}))


def _fits(noun: str, label: str) -> bool:
    """People stand for people, countries for countries; 'sides' for either."""
    if noun in _PEOPLE_NOUNS:
        return label == "PERSON"
    if noun in _STATE_NOUNS:
        return label in ("GPE", "NORP", "ORG")
    return noun in ("side", "party")


def _nested_coordinated(s: Sentence, name: int) -> list[int]:
    """Other names with their own 'and' inside the title words of a name ('Ms A and Defence Minister B').

    Only when the words after the 'and' are all a title (capitalised, up
    to the name): in "Richard and Judy executive producer B" the names
    qualify the producer, they are not partners.
    """
    out: list[int] = []
    first = s.mention_first.get(name, name)
    stack = [c for c in s.kids(name, "compound", "nmod") if c not in s.entity_at]
    while stack:
        t = stack.pop()
        for c in s.kids(t, "compound", "nmod", "amod"):
            if c not in s.entity_at:
                stack.append(c)
            elif (
                s.entity_at[c] is not s.entity_at[name]
                and (cc := s.kids(c, "cc"))
                and all(s.tokens[k].pos == "PROPN" for k in range(cc[0] + 1, first))
            ):
                out.append(c)
    return out


def surface_appositions(s: Sentence, tok: int) -> list[int]:
    """A name right after ', ' that follows a common noun's phrase, whatever the parse made of it.

    The phrase ends where its last word does, not counting an apposition
    the model hung inside it, and a place right after it belongs to it
    wherever the model hung it ("the envoy in Tehran, A": A is the envoy's,
    not the city's).
    """
    right = max([tok] + [d for d in _subtree(s, tok, skip=("appos",)) if d > tok and s.tokens[d].dep != "punct"])
    right = _past_place(s, right)
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
    # The apposition of a title inside the phrase is that title's ("an envoy from A and
    # B's Foreign Minister, C": C is the minister); a town has none, so one the model
    # hung on a town is the noun's.
    owner = s.head(head)
    inside = s.tokens[head].dep == "appos" and owner is not None and owner != tok and owner in _subtree(s, tok)
    if inside and (owner not in s.entity_at or s.entity_at[owner].label not in PLACE_LABELS):
        return []
    return [head]


def _past_place(s: Sentence, right: int) -> int:
    """The end of 'in Tehran' when it follows token ``right`` (the preposition and a place name only)."""
    p = right + 1
    if p + 1 >= len(s.tokens) or s.tokens[p].lemma.lower() not in _PLACE_PREPS or s.tokens[p].pos != "ADP":
        return right
    j = p + 1
    if s.tokens[j].text.lower() == "the":
        j += 1
    if j not in s.entity_at or s.entity_at[j].label not in PLACE_LABELS:
        return right
    first = s.mention_first[j]
    while j + 1 in s.entity_at and s.mention_first.get(j + 1) == first:
        j += 1
    return j


def _subtree(s: Sentence, i: int, skip: tuple[str, ...] = ()) -> list[int]:
    """Token ``i`` and its descendants, leaving out the branches whose relation is in ``skip``."""
    out, stack = [], [i]
    while stack:
        j = stack.pop()
        out.append(j)
        stack.extend(c for c in s.children[j] if s.tokens[c].dep not in skip)
    return out
