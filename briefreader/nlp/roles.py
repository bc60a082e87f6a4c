"""Who did what to whom: the roles of an event trigger, read off the dependency parse.

Word order is never used to decide a role, only the tree: subjects with
their conjuncts, passive agents, objects, prepositional partners,
appositions, participial and relative clauses, and the verb a nominal
trigger hangs on. ``RELATIONS`` names what a taxonomy pattern may ask for;
any other name is a preposition.

The small English model misattaches often, so a preposition it hung on a
nearby noun is looked for in the trigger's whole clause (and, for a noun
under a support verb, on that verb). Which entities the tokens stand for
is ``resolver``'s business.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefreader.model.document import Entity
from briefreader.nlp.parse import ParsedSentence, Token

RELATIONS = frozenset(
    {"subj", "subjpass", "agent", "obj", "addressee", "poss", "gov_subj", "receiver", "compound", "purpose"}
    | {"purpose_subj", "infinitive", "sum"}
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
"""Entities that can take part in an event (not dates, sums or works)."""
LIGHT_VERBS = frozenset(
    {"pay", "make", "hold", "have", "conduct", "begin", "start", "open", "resume", "continue", "extend", "issue"}
    | {"send", "deliver", "sign", "reach", "conclude", "launch", "lodge", "file", "impose", "stage", "carry"}
    | {"lead", "join", "attend", "host", "wrap", "complete", "seal", "strike", "broker", "agree", "renew"}
    | {"lift", "raise", "cut", "slap", "scrap", "introduce", "announce", "order", "stage"}
)
"""Verbs whose subject is the agent of their nominal object ("held talks", "extended an invitation")."""
RECEIVING_VERBS = frozenset({"accept", "decline", "reject", "refuse", "receive", "welcome", "turn", "get", "win"})
"""Verbs whose subject receives their nominal object ("accepted the invitation")."""
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj", "parataxis", "ROOT"})
SUBJ_DEPS = frozenset({"nsubj", "csubj"})
_PURPOSE_PREPS = frozenset({"for", "to", "in", "into", "at"})
SPEECH_VERBS = frozenset(
    {"say", "tell", "speak", "announce", "declare", "warn", "urge", "insist", "add", "state", "stress", "note"}
    | {"argue", "claim", "write", "comment", "remark", "deny", "confirm", "report"}
)
"""Verbs of saying: "said at a summit" is a statement made there, not a meeting held."""
_RELATIVE = frozenset({"who", "which", "that", "whom"})


@dataclass
class Sentence:
    """One parsed sentence with its entity mentions laid over the tokens."""

    sent: ParsedSentence
    entity_at: dict[int, Entity] = field(default_factory=dict)
    """Token index -> the entity whose visible mention covers it."""
    mention_first: dict[int, int] = field(default_factory=dict)
    """Token index -> the first token of the mention covering it."""
    children: list[list[int]] = field(default_factory=list)

    @property
    def tokens(self) -> list[Token]:
        """The sentence's tokens."""
        return self.sent.tokens

    def kids(self, i: int, *deps: str) -> list[int]:
        """Children of token ``i`` (with one of ``deps``, when given)."""
        return [c for c in self.children[i] if not deps or self.tokens[c].dep in deps]

    def head(self, i: int) -> int | None:
        """The head of token ``i``, None at a root."""
        h = self.tokens[i].head
        return None if h == i else h

    def ancestors(self, i: int) -> list[int]:
        """Heads from ``i`` up to the root (``i`` excluded)."""
        out: list[int] = []
        h = self.head(i)
        while h is not None and h not in out and len(out) < 60:
            out.append(h)
            h = self.head(h)
        return out

    def is_verb(self, i: int) -> bool:
        """A verb heading a clause (auxiliaries only when they are the root, 'was' in 'it was')."""
        t = self.tokens[i]
        if t.pos == "VERB":
            # Participles used as adjectives or prepositions ('imported goods', 'starting 25 August') head no clause.
            return t.dep not in ("amod", "prep", "compound")
        return t.pos == "AUX" and t.dep in CLAUSE_DEPS | {"conj"}

    def clause_of(self, i: int) -> int:
        """The verb (or root) whose clause token ``i`` belongs to."""
        j: int | None = i
        while j is not None:
            if j != i and self.is_verb(j):
                return j
            if j != i and self.tokens[j].dep in CLAUSE_DEPS:
                return j
            j = self.head(j)
        return i

    def in_clause(self, v: int) -> list[int]:
        """Tokens whose clause is ``v`` (``v``'s subtree minus embedded clauses)."""
        out, stack = [], list(self.children[v])
        while stack:
            c = stack.pop()
            if self.is_verb(c) and self.tokens[c].dep in CLAUSE_DEPS | {"conj"}:
                continue
            out.append(c)
            stack.extend(self.children[c])
        return sorted(out)


def build(sent: ParsedSentence, mentions: list[tuple[int, int, Entity]]) -> Sentence:
    """Lay a sentence's entity mentions (start, end, entity) over its tokens."""
    s = Sentence(sent, children=[[] for _ in sent.tokens])
    for i, t in enumerate(sent.tokens):
        if t.head != i:
            s.children[t.head].append(i)
    for start, end, ent in mentions:
        first = None
        for i, t in enumerate(sent.tokens):
            if start <= t.start < end:
                first = i if first is None else first
                s.entity_at[i] = ent
                s.mention_first[i] = first
    return s


def passive(s: Sentence, v: int) -> bool:
    """A passive verb: it has a passive subject or auxiliary, or is a participle hanging on a noun."""
    t = s.tokens[v]
    if s.kids(v, "nsubjpass", "auxpass"):
        return True
    return t.tag == "VBN" and t.dep == "acl"


def subjects(s: Sentence, v: int, depth: int = 0) -> list[int]:
    """The tokens that are the (active) subject of verb ``v``, inherited when it has none.

    A relative clause's 'who' is the noun it hangs on; a participle ("a
    letter from Y inviting Z", "..., accusing them") takes the noun it
    modifies or its governor's subject; an infinitive takes its governor's
    object when there is one ("invited Z to attend", "called on Z to
    act"), else its subject;
    a second verb of a coordination takes the first one's.
    """
    if depth > 6:
        return []
    own = s.kids(v, *SUBJ_DEPS)
    if own:
        out = []
        for k in own:
            if s.tokens[k].text.lower() in _RELATIVE and s.tokens[v].dep == "relcl":
                h = s.head(v)
                out += [h] if h is not None else []
            else:
                out.append(k)
        return out
    if s.kids(v, "nsubjpass"):
        return []
    t = s.tokens[v]
    h = s.head(v)
    if h is None:
        return []
    if t.dep == "xcomp":
        # "invited Z to attend": the object; "are expected to sign": the passive subject;
        # "is due to hold": the subject of 'is'.
        up = s.head(h)
        if s.tokens[h].pos == "ADJ" and s.tokens[h].dep in ("acomp", "attr", "amod") and up is not None:
            h = up
        return s.kids(h, "dobj") or addressed(s, h) or s.kids(h, "nsubjpass") or subjects(s, h, depth + 1)
    if t.dep in ("conj", "advcl") and s.is_verb(h):
        return subjects(s, h, depth + 1)
    if t.dep in ("acl", "relcl") and not s.is_verb(h):
        return [h]
    if t.dep == "pcomp":
        # "a letter from Y inviting Z": the participle hangs on 'from', whose head is the noun.
        ph = s.head(h)
        if ph is not None and not s.is_verb(ph):
            return [ph]
        if ph is not None:
            return subjects(s, ph, depth + 1)
    return []


def addressed(s: Sentence, v: int) -> list[int]:
    """Who a verb calls on ("called on Peru to lift the ban": Peru)."""
    return [o for p in s.kids(v, "prep") if s.tokens[p].lemma.lower() in ("on", "upon") for o in pobjs(s, p)]


def passive_subjects(s: Sentence, v: int) -> list[int]:
    """The passive subject of ``v`` (a participle on a noun: that noun; a second verb: the first one's)."""
    own = s.kids(v, "nsubjpass")
    if own:
        # "Z, who was invited by X": 'who' is Z.
        h = s.head(v)
        if s.tokens[v].dep == "relcl" and h is not None:
            return [h if s.tokens[k].text.lower() in _RELATIVE else k for k in own]
        return own
    t = s.tokens[v]
    h = s.head(v)
    if h is not None and t.tag == "VBN" and t.dep == "acl":
        return [h]
    if h is not None and t.dep == "conj" and t.tag == "VBN" and not s.kids(v, *SUBJ_DEPS):
        return s.kids(h, "nsubjpass")
    return []


def pobjs(s: Sentence, prep: int) -> list[int]:
    """Objects of a preposition ('with A and B' -> A; conjuncts are added later).

    A preposition the model left without an object right before its verb's
    object is that object's ("call on X" read as a particle and X).
    """
    own = s.kids(prep, "pobj", "pcomp") or s.kids(prep, "dobj")
    if own or s.kids(prep):
        return own
    h = s.head(prep)
    return [o for o in s.kids(h, "dobj") if o > prep] if h is not None and s.is_verb(h) else []


def prep_objects(s: Sentence, v: int, word: str, whole_clause: bool) -> list[int]:
    """Objects of the preposition ``word`` on ``v`` (or on its object nouns, or anywhere in its clause).

    A nominal trigger that is the object of a support verb shares that
    verb's prepositions: the model hangs "in the Baltic Sea" of "began
    naval drills in the Baltic Sea" on 'began'.
    """
    hosts = [v, *s.kids(v, "dobj", "attr")]
    gov = support_verb(s, v)
    if gov is not None:
        hosts.append(gov)
    found = [p for x in hosts for p in s.kids(x, "prep", "agent", "dative") if _is(s, p, word)]
    if not found and whole_clause:
        found = [p for x in hosts for p in s.in_clause(x) if s.tokens[p].dep in ("prep", "agent") and _is(s, p, word)]
    return [o for p in dict.fromkeys(found) for o in pobjs(s, p)]


def _is(s: Sentence, p: int, word: str) -> bool:
    return s.tokens[p].lemma.lower() == word or s.tokens[p].text.lower() == word


PARTITIVES = frozenset(
    {"round", "series", "wave", "set", "package", "batch", "raft", "string", "spate", "part", "rest"}
    | {"last", "first", "second", "third", "final", "latest", "new", "next", "fresh", "another"}
)
"""Nouns that stand for part of an event noun: "joined the next round of talks", "lifted the last of the duties"."""


def stand_in(s: Sentence, n: int) -> int:
    """The word that holds a nominal trigger's place in its clause: 'round' in 'a round of talks', else itself."""
    p = s.head(n)
    if p is None or s.tokens[n].dep != "pobj" or s.tokens[p].lemma.lower() != "of":
        return n
    h = s.head(p)
    if h is None or h in s.entity_at or s.tokens[h].lemma.lower() not in PARTITIVES:
        return n
    return h


def support_verb(s: Sentence, n: int) -> int | None:
    """The verb a nominal trigger is the object of ('held talks', 'imposed sanctions', 'joined a round of talks')."""
    if s.tokens[n].pos not in ("NOUN", "PROPN"):
        return None
    n = stand_in(s, n)
    h = s.head(n)
    if h is None:
        return None
    if s.tokens[n].dep in ("dobj", "nsubjpass", "attr") and s.is_verb(h) and s.tokens[h].lemma.lower() in LIGHT_VERBS:
        return h
    return None


def relation(s: Sentence, trig: int, name: str, whole_clause: bool = False) -> list[int]:
    """The tokens a relation of the trigger points at (see ``RELATIONS``)."""
    t = s.tokens[trig]
    nominal = t.pos in ("NOUN", "PROPN")
    if name == "subj":
        return [] if nominal or passive(s, trig) else subjects(s, trig)
    if name == "subjpass":
        return [] if nominal else passive_subjects(s, trig)
    if name == "agent":
        if nominal:
            return []
        by = [o for a in s.kids(trig, "agent") for o in pobjs(s, a)]
        if not by and passive(s, trig):
            by = prep_objects(s, trig, "by", True)
        return by
    if name == "obj":
        return s.kids(trig, "dobj", "dative") if not nominal else []
    if name == "addressee":
        # Who is told, urged or warned: a name, a pronoun or a noun with its name beside it
        # ("told the broadcaster NRK"), never the owner of what is said ("Chile's commitment").
        objs = s.kids(trig, "dobj", "dative") if not nominal else []
        return [
            o
            for o in objs
            if o in s.entity_at
            or s.tokens[o].pos in ("PROPN", "PRON")
            or any(a in s.entity_at for a in s.kids(o, "appos"))
        ]
    if name == "poss":
        return s.kids(trig, "poss") if nominal else []
    if name == "compound":
        return [k for k in s.kids(trig, "compound", "amod", "nmod") if k in s.entity_at] if nominal else []
    if name in ("gov_subj", "receiver"):
        return _governor_subjects(s, trig, name == "receiver") if nominal else []
    if name == "purpose":
        return _purpose(s, trig)
    if name == "sum":
        # "pledged 1.2 billion dollars": a sum of money as the object.
        return [o for o in s.kids(trig, "dobj") if s.tokens[o].ent == "MONEY"] if not nominal else []
    if name == "infinitive":
        # "called on X to show restraint": the infinitive itself.
        return purpose_clauses(s, trig)
    if name == "purpose_subj":
        # "an invitation for Z to attend": Z.
        return [k for c in purpose_clauses(s, trig) for k in s.kids(c, "nsubj")]
    return prep_objects(s, trig, name, whole_clause)


def purpose_clauses(s: Sentence, trig: int) -> list[int]:
    """Infinitives the trigger leads to ("invited Z to attend", "an invitation to visit Quito").

    For a nominal trigger, its support verb's too: the model hangs "for Z
    to attend" of "delivered an invitation for Z to attend" on 'delivered'.
    """
    out = []
    gov = support_verb(s, trig)
    for c in s.kids(trig, "xcomp", "acl", "advcl", "relcl") + (
        s.kids(gov, "advcl", "xcomp") if gov is not None else []
    ):
        if s.is_verb(c) and (
            s.tokens[c].dep == "xcomp" or any(s.tokens[a].text.lower() == "to" for a in s.kids(c, "aux"))
        ):
            out.append(c)
    return out


def _purpose(s: Sentence, trig: int) -> list[int]:
    """What the trigger's infinitive visits or where it happens ('to visit Quito', 'a summit in Recife')."""
    out: list[int] = []
    for c in purpose_clauses(s, trig):
        out += s.kids(c, "dobj")
        for word in ("to", "in", "at"):
            out += prep_objects(s, c, word, False)
    return out


def _governor_subjects(s: Sentence, n: int, receiving: bool) -> list[int]:
    """Subjects of the verb a nominal trigger is the object of ('A held talks', 'Z accepted the invitation')."""
    n = stand_in(s, n)
    h = s.head(n)
    dep = s.tokens[n].dep
    if h is not None and dep == "pobj":
        # "flew to Paris for talks with ...", "failed to agree at talks": the subject holds
        # the talks ("during the visit" only says when something else happened; "said at a
        # summit" is a statement made there).
        prep = s.tokens[h].lemma.lower()
        if prep not in _PURPOSE_PREPS:
            return []
        h = s.head(h)
        if prep == "at" and h is not None and s.tokens[h].lemma.lower() in SPEECH_VERBS:
            return []
    if h is None or not s.is_verb(h):
        return []
    lemma = s.tokens[h].lemma.lower()
    if receiving != (lemma in RECEIVING_VERBS):
        return []
    if not receiving and dep != "pobj" and lemma not in LIGHT_VERBS:
        return []
    if not passive(s, h):
        return subjects(s, h)
    # "a deal was struck by A and B": the agent; the trigger itself is no party to it.
    own = [p for p in passive_subjects(s, h) if p != n]
    return own if own else [o for a in s.kids(h, "agent") for o in pobjs(s, a)]
