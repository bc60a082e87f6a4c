"""A user's ``keys.yaml``: binding ids to keys, checked, for ``App.set_keymap``.

``keys.yaml`` sits in the config folder beside ``corrections.yaml``::

    reader.save: ctrl+w          # one key
    article.down: j,down,ctrl+n  # or several, comma-separated

An entry naming no binding, a key Textual has no name for, or a key that
another id already holds where the entry's binding acts is left out with
one line that names it; the default keys stay in force for it. The ids
are the README's key table's last column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from textual.binding import Binding

from briefreader.io.config_folder import config_dir
from briefreader.ui.keys.registry import Scope
from briefreader.ui.textual_private import class_bindings, key_names, normalize_keys

FILE_NAME = "keys.yaml"
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


def keys_path() -> Path:
    """Where a user's keys are kept."""
    return config_dir() / FILE_NAME


@dataclass
class Keymap:
    """The entries in force (id to keys, as Textual normalises them) and one line per entry left out."""

    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def is_key(name: str, known: set[str]) -> bool:
    """True for a key Textual can bind: ``j``, ``?``, ``f5``, ``ctrl+shift+up``, ``question_mark``."""
    *mods, base = name.split("+")
    if any(m not in MODIFIERS for m in mods) or not base:
        return False
    return (len(base) == 1 and base.isprintable() and not base.isspace()) or base in known


def load_keymap(scopes: Sequence[Scope], path: Path | None = None) -> Keymap:
    """Read ``keys.yaml`` (none: no entries) and check it against the bindings of ``scopes``."""
    path = path or keys_path()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Keymap()
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = " ".join(str(exc).split())
        return Keymap(problems=[f"{FILE_NAME} could not be read ({reason}): the default keys are in force"])
    if raw is None:
        return Keymap()
    if not isinstance(raw, dict):
        return Keymap(problems=[f"{FILE_NAME} is not a list of “id: keys” lines: the default keys are in force"])
    return check(raw, scopes)


def check(entries: Mapping[object, object], scopes: Sequence[Scope]) -> Keymap:
    """The entries that can be applied, and why each of the others cannot (its defaults stay in force)."""
    bindings = {where: class_bindings(owner) for where, owner in scopes}
    known_ids = {b.id for found in bindings.values() for b in found if b.id}
    names = key_names()
    out = Keymap()
    for entry_id, value in entries.items():
        keys = ",".join(str(v) for v in value) if isinstance(value, list) else value
        if not isinstance(entry_id, str) or entry_id not in known_ids:
            out.problems.append(f"{FILE_NAME}: {entry_id}: no key has this id (the README's key table lists them)")
        elif not isinstance(keys, str) or not keys.strip():
            out.problems.append(f"{FILE_NAME}: {entry_id}: give its keys as text, e.g. “ctrl+s” or “j,down”")
        elif bad := [k.strip() for k in keys.split(",") if not is_key(k.strip(), names)]:
            out.problems.append(f"{FILE_NAME}: {entry_id}: “{bad[0]}” is not a key name")
        else:
            out.keys[entry_id] = normalize_keys(keys)
    while clash := _clash(out.keys, bindings):
        entry_id, key, other, where = clash
        del out.keys[entry_id]
        out.problems.append(f"{FILE_NAME}: {entry_id}: {key} is already {other} ({where}); its default keys stay")
    return out


def _clash(keymap: Mapping[str, str], bindings: Mapping[str, list[Binding]]) -> tuple[str, str, str, str] | None:
    """The first entry whose key another id holds in one scope: (entry, key, the other id, where); None if none."""
    for where, found in bindings.items():
        defaults: dict[str, list[str]] = {}
        for b in found:
            if b.id:
                defaults.setdefault(b.id, []).append(b.key)
        holder: dict[str, str] = {}
        # The keymap's entries first, in file order, so that a clash names the entry and not a default.
        for i in sorted(defaults, key=lambda i: i not in keymap):
            for key in keymap[i].split(",") if i in keymap else defaults[i]:
                other = holder.setdefault(key, i)
                if other != i:
                    entry = i if i in keymap else other
                    return entry, key, other if entry == i else i, where
    return None
