"""A generated title as a template: entity names are placeholders by entity id.

``{e1} meets {e7} in {e3}`` is what the parse wrote ("Ana Ruiz
meets Tomas Vidal in Quito") with each name it used replaced by the id of
the entity it names. Every view fills the placeholders with the names the
entities have now (``model.titles.title_of``), so a rename or a merge
shows in every title at once; nothing but a title the analyst wrote is
kept as frozen text.

Syntax (stdlib only, no ``str.format``: a title may hold any character):

- ``{e7}``: the entity's short name (its name, or its acronym when the
  name is long, as headlines write it);
- ``{e7:name}``: its full name, where the headline wrote the full name
  although a shorter one exists;
- ``{{`` and ``}}``: a literal brace.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z][\w-]*)(:name)?\}")
SHORT_AFTER = 20
"""A name longer than this is written as its acronym in a title, when the brief gives one."""


def escape(text: str) -> str:
    """``text`` as literal template text (braces doubled)."""
    return text.replace("{", "{{").replace("}", "}}")


def fill(template: str, name: Callable[[str, bool], str | None]) -> str | None:
    """The template with every placeholder replaced by ``name(id, full)``; None when an id has no name.

    ``full`` is True for ``{id:name}``. A caller falls back to the text it
    kept when an entity is gone (a hand edit of the file, a dropped entity).
    """
    missing = False

    def one(m: re.Match[str]) -> str:
        nonlocal missing
        if m.group(0) in ("{{", "}}"):
            return m.group(0)[0]
        got = name(m.group(1), m.group(2) is not None)
        if got is None:
            missing = True
            return ""
        return got

    out = _PLACEHOLDER.sub(one, template)
    return None if missing else out


def ids_in(template: str) -> list[str]:
    """The entity ids a template names, in order, once each."""
    return list(dict.fromkeys(m.group(1) for m in _PLACEHOLDER.finditer(template) if m.group(1)))


def retarget(template: str, old: str, new: str) -> str:
    """The template naming ``new`` wherever it named ``old`` (after a merge of the two entities)."""

    def one(m: re.Match[str]) -> str:
        if m.group(1) != old:
            return m.group(0)
        return "{" + new + (m.group(2) or "") + "}"

    return _PLACEHOLDER.sub(one, template)


def make(text: str, names: Sequence[tuple[str, str, str]]) -> str:
    """A template from a title: each whole-word occurrence of a name becomes its entity's placeholder.

    ``names`` are ``(entity id, full name, short name)`` in order of
    preference (the frame's own participants first): when two entities
    share a name, the first one listed takes it. Longer names are matched
    first, so "Ruiz" never replaces part of "Ana Ruiz".
    """
    forms: dict[str, str] = {}
    for ent_id, full, short in names:
        if short and short not in forms:
            forms[short] = "{" + ent_id + "}"
        if full and full not in forms:
            forms[full] = "{" + ent_id + ("}" if full == short else ":name}")
    if not forms:
        return escape(text)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?!\w)"
    )
    out: list[str] = []
    at = 0
    for m in pattern.finditer(text):
        out.append(escape(text[at : m.start()]))
        out.append(forms[m.group(1)])
        at = m.end()
    out.append(escape(text[at:]))
    return "".join(out)


def remap(template: str, ids: dict[str, str]) -> str:
    """The template with every id renamed at once by ``ids`` (ids not in it stay): ``e1->e3, e3->e1`` swaps."""

    def one(m: re.Match[str]) -> str:
        if not m.group(1) or m.group(1) not in ids:
            return m.group(0)
        return "{" + ids[m.group(1)] + (m.group(2) or "") + "}"

    return _PLACEHOLDER.sub(one, template)
