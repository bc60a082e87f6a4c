"""Entity corrections an analyst made once, to apply to every brief.

Plain data: the io layer reads and writes them (``corrections.yaml``), the
nlp layer applies them after a parse, and a Document records the ones its
parse used. Keys are the text as written; matching folds case and spacing
the way entity clustering does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KINDS: tuple[str, ...] = ("relabel", "reject", "alias", "add")
"""The four corrections, in the order a file lists them."""
_LABEL = re.compile(r"[A-Z_]{2,20}")
_NOT_IN_KEY = re.compile(r"[\s.\-'’–—]")
"""What ``alias_key`` drops, curly apostrophe and dashes included (compiled once: a large file calls it
for every alias, twice)."""


def is_label(label: str) -> bool:
    """True for an entity label as the reader writes them (``ORG``, ``WORK_OF_ART``)."""
    return bool(_LABEL.fullmatch(label))


@dataclass
class Corrections:
    """A set of corrections: what ``corrections.yaml`` holds, or what one brief used."""

    relabel: dict[str, str] = field(default_factory=dict)
    """Text as written -> the label its entity gets."""
    reject: list[str] = field(default_factory=list)
    """Text never shown as an entity."""
    alias: dict[str, str] = field(default_factory=dict)
    """Text -> the name of the entity it belongs to."""
    add: list[tuple[str, str]] = field(default_factory=list)
    """(text, label) the model misses: every occurrence becomes a mention."""

    def __bool__(self) -> bool:
        return bool(self.relabel or self.reject or self.alias or self.add)

    def __len__(self) -> int:
        return len(self.relabel) + len(self.reject) + len(self.alias) + len(self.add)

    def copy(self) -> Corrections:
        """An independent copy (edits to it leave this one alone)."""
        return Corrections(dict(self.relabel), list(self.reject), dict(self.alias), list(self.add))

    def fingerprint(self) -> str:
        """A stable string that changes when any correction does (for caches)."""
        parts = [
            *(f"relabel\t{k}\t{v}" for k, v in sorted(self.relabel.items())),
            *(f"reject\t{t}" for t in sorted(self.reject)),
            *(f"alias\t{k}\t{v}" for k, v in sorted(self.alias.items())),
            *(f"add\t{t}\t{lab}" for t, lab in sorted(self.add)),
        ]
        return "\n".join(parts)


def alias_key(name: str) -> str:
    """The key two spellings of one name share, as entity clustering folds them (``nlp.entities.compact``).

    Case, curly quotes, dashes, spaces, full stops, hyphens and apostrophes
    do not count: 'Valdivia.' is 'Valdivia', 'U.S.' is 'US'.
    """
    return _NOT_IN_KEY.sub("", name.casefold())


def alias_loops(alias: dict[str, str]) -> list[list[str]]:
    """The loops among aliases (``A -> B`` beside ``B -> A``, or longer), each as its texts in order.

    Compared by ``alias_key``. Applying a loop moves each name's mentions
    to the next name: two people swap. A self-alias (``Valdivia ->
    Valdivia.``) is a loop of one.
    """
    step: dict[str, str] = {}
    text_of: dict[str, str] = {}
    for text, target in alias.items():
        key = alias_key(text)
        if key not in step:
            step[key] = alias_key(target)
            text_of[key] = text
    loops: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path being followed, 2: done
    for start in step:
        path: list[str] = []
        k: str | None = start
        while k is not None and k in step and k not in state:
            state[k] = 1
            path.append(k)
            k = step[k]
        if k is not None and state.get(k) == 1:
            loops.append([text_of[x] for x in path[path.index(k) :]])
        for x in path:
            state[x] = 2
    return loops
