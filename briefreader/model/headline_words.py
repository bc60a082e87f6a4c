"""The words an edited frame's title is written with: each type's verb and event nouns, verb forms, dates.

A frame the analyst edited has no parse behind it any more (its type or
roles are theirs), so its title cannot be written from the sentence's
tree as the parser's headlines are (``nlp.titles``). It is written from
its fields with the same headline grammar: the type's verb in the present
("Lula meets Boric"), "to" and the verb for what is planned ("Jonas Berg
to meet union officials (28 February 2025)"), and, when the word the
frame hangs on only carries the event ("talks ... were called off",
"held talks"), the event noun of the sentence ("Turkey and Georgia
talks"). No spaCy here: a few words per type, kept beside the taxonomy's.
"""

from __future__ import annotations

import re

TYPE_VERBS: dict[str, tuple[str, str]] = {
    "visit": ("meet", "visit"),
    "meeting": ("meet", "meet"),
    "invitation": ("invite", "invite"),
    "agreement": ("agree with", "agree"),
    "tension": ("clash with", "protest"),
    "statement": ("tell", "say"),
}
"""A type's headline verb with a target ('meets X'), and without one ('visits Hanoi', the place its
object). Types not listed (economy, security, one of the analyst's own) keep the words of the frame."""

TYPE_NOUNS: dict[str, tuple[str, ...]] = {
    "visit": ("talks", "meeting", "visit", "trip", "summit", "negotiations", "consultations", "tour"),
    "meeting": ("talks", "meeting", "summit", "negotiations", "consultations"),
    "invitation": ("invitation",),
    "agreement": ("agreement", "deal", "treaty", "accord", "pact", "memorandum", "ceasefire"),
    "tension": ("dispute", "row", "sanctions", "tensions", "clash", "protest", "boycott", "standoff"),
    "statement": ("statement", "speech", "letter", "remarks", "message"),
}
"""The nouns that name an event of each type, as a headline says them ('Turkey and Georgia talks')."""

PARTICLES = frozenset({"off", "up", "out", "down", "back", "away", "over"})
"""Words after a verb that make it a particle verb ('called off'): the verb alone says another thing."""

SUPPORT_VERBS = frozenset(
    {"hold", "holds", "held", "holding", "make", "makes", "made", "pay", "pays", "paid", "have", "has", "had"}
    | {"conduct", "conducts", "conducted", "stage", "staged", "open", "opened", "resume", "resumed"}
)
"""Verbs that only carry an event noun ('held talks', 'paid a visit'): the noun says what happened."""

_IRREGULAR_3SG = {"be": "is", "have": "has", "do": "does", "go": "goes"}
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def third_person(verb: str) -> str:
    """'meet' -> 'meets', 'agree with' -> 'agrees with', 'clash with' -> 'clashes with'."""
    head, _, rest = verb.partition(" ")
    if head in _IRREGULAR_3SG:
        head = _IRREGULAR_3SG[head]
    elif head.endswith(("s", "sh", "ch", "x", "z", "o")):
        head += "es"
    elif head.endswith("y") and len(head) > 1 and head[-2] not in "aeiou":
        head = head[:-1] + "ies"
    else:
        head += "s"
    return f"{head} {rest}" if rest else head


def human_date(iso: str) -> str:
    """'2025-10' -> 'October 2025', '2025-10-03' -> '3 October 2025', '2017' -> '2017' (as parsed titles say it)."""
    parts = iso.split("-")
    if len(parts) == 1 or not parts[1].isdigit() or not 1 <= int(parts[1]) <= 12:
        return iso
    month = _MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def carries_only(word: str, after: str) -> bool:
    """True when the trigger ``word`` only carries the event: a support verb, or a particle verb (``after``)."""
    return word.lower() in SUPPORT_VERBS or after.lower() in PARTICLES


def event_noun(kind: str, sentence: str) -> str | None:
    """The first noun of ``kind``'s events in ``sentence``, lower case ('Talks between ...' -> 'talks')."""
    nouns = TYPE_NOUNS.get(kind, ())
    found = [(m.start(), m.group(0).lower()) for n in nouns for m in re.finditer(rf"\b{n}\b", sentence, re.I)]
    return min(found)[1] if found else None
