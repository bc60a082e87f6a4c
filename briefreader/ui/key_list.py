"""One list of keys, read from the real bindings: for the help screen, the palette and the README.

Keys are declared once, as ``Binding``s on the widget or screen where they
act (``description``: the action's short name, ``tooltip``: what it does,
``id``: the name a user's ``keys.yaml`` remaps it by). Everything that
lists keys reads them from there through ``key_rows``, with the keymap in
force, so the key bar, the help screen, the command palette and the README
table cannot drift apart (``python -m briefreader.ui.keys.readme`` prints
the README's tables; a test checks the README holds them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding
from textual.keys import key_to_character

_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "plus": "+",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "pagedown": "pgdn",
    "pageup": "pgup",
    "escape": "esc",
    "delete": "del",
}


@dataclass(frozen=True)
class KeyAction:
    """One bound action: where it acts, its key(s), its name and what it does."""

    where: str
    keys: str
    name: str
    what: str
    action: str
    """The action string, run on an instance of ``owner``."""
    owner: type
    """The class of the widget or screen the binding is declared on."""
    group: str | None = None
    """The ``Binding.Group`` it is listed under in help (j / k: "Move down / up")."""
    id: str = ""
    """The binding's id (what ``keys.yaml`` names)."""


@dataclass(frozen=True)
class KeyRow:
    """One row of the help table: a binding, or a group of them (j / k) shown as one."""

    where: str
    keys: str
    name: str
    what: str
    markdown_keys: str = ""
    """The keys as the README writes them (each in backticks)."""
    ids: str = ""
    """The bindings' ids, as the README writes them."""


def _one_key(key: str) -> str:
    if key in _NAMES:
        return _NAMES[key]
    char = key_to_character(key) if len(key) > 1 else None  # a keymap's ``exclamation_mark``: ``!``
    return char if char and char.isprintable() and not char.isspace() else key


def key_display(key: str) -> str:
    """How a binding's key list reads: ``j,down`` -> ``j ↓`` (``exclamation_mark`` -> ``!``)."""
    return " ".join(_one_key(k.strip()) for k in key.split(","))


def key_actions(sections: Iterable[tuple[str, type]], keymap: Mapping[str, str] | None = None) -> list[KeyAction]:
    """Every binding of the given classes, in the order declared, one entry per action.

    A binding whose id ``keymap`` names (``App.set_keymap``'s) is listed with the keys it maps to.
    """
    keymap = keymap or {}
    out: list[KeyAction] = []
    for where, owner in sections:
        seen: set[str] = set()
        for binding in getattr(owner, "BINDINGS", []):
            if not isinstance(binding, Binding) or binding.action in seen:
                continue
            seen.add(binding.action)
            name = binding.description or binding.action
            group = binding.group.description if binding.group else None
            keys = keymap.get(binding.id or "", binding.key)
            what = binding.tooltip or name
            out.append(KeyAction(where, key_display(keys), name, what, binding.action, owner, group, binding.id or ""))
    return out


def key_rows(actions: list[KeyAction]) -> list[KeyRow]:
    """Help rows: actions in one group become one row (``j ↓ / k ↑ · Move down / up``)."""
    order: list[KeyAction | tuple[str, str]] = []
    groups: dict[tuple[str, str], list[KeyAction]] = {}
    for act in actions:
        if act.group is None:
            order.append(act)
            continue
        slot = (act.where, act.group)
        if slot not in groups:
            groups[slot] = []
            order.append(slot)
        groups[slot].append(act)
    out = []
    for item in order:
        if isinstance(item, KeyAction):
            out.append(KeyRow(item.where, item.keys, item.name, item.what, _md(item.keys), f"`{item.id}`"))
            continue
        acts = groups[item]
        keys = [a.keys for a in acts]
        if len(keys) > 2 and all(re.fullmatch(r"\d", k) for k in keys):
            shown, md = f"{keys[0]} … {keys[-1]}", f"{_md(keys[0])} … {_md(keys[-1])}"
        else:
            shown, md = " / ".join(keys), " / ".join(_md(k) for k in keys)
        whats = list(dict.fromkeys(a.what for a in acts if a.what != a.name))
        what = " / ".join(whats) if len(whats) <= 2 else acts[0].what
        ids = [a.id for a in acts]
        shown_ids = f"`{ids[0]}` … `{ids[-1]}`" if len(ids) > 2 else " / ".join(f"`{i}`" for i in ids)
        out.append(KeyRow(item[0], shown, item[1], what, md, shown_ids))
    return out


def _md(keys: str) -> str:
    return " ".join(f"`{k}`" for k in keys.split(" "))


def markdown_table(rows: list[KeyRow]) -> str:
    """The README's keys table (the id column: what ``keys.yaml`` names)."""
    lines = ["| where | key | action | what it does | id |", "| --- | --- | --- | --- | --- |"]
    last = ""
    for r in rows:
        keys = r.markdown_keys or "(palette)"
        what = r.what if r.what != r.name else ""
        lines.append(f"| {r.where if r.where != last else ''} | {keys} | {r.name} | {what} | {r.ids} |")
        last = r.where
    return "\n".join(lines)
