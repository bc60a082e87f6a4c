"""Bring a round-trip tree of ``corrections.yaml`` to a new set of corrections, entry by entry.

What did not change keeps its place, comments and quoting; entries that
went are taken out, new ones are added at the end of their kind (see
``rewrite.append_entry``). Used by ``corrections.apply_changes``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from briefreader.model.corrections import Corrections


def sync(
    tree: Any, c: Corrections, text_of: Callable[[Any], str | None], label_of: Callable[[Any], str | None]
) -> None:
    """Make the round-trip tree of the file hold ``c``, touching only the entries that changed.

    ``text_of`` and ``label_of`` read a value as the file's loader does (a
    year written plain is text; a label is upper-cased).
    """
    _sync_mapping(tree, "relabel", c.relabel, label_of, text_of)
    _sync_sequence(tree, "reject", [(t,) for t in c.reject], lambda item: (text_of(item),), lambda key: key[0])
    _sync_mapping(tree, "alias", c.alias, text_of, text_of)

    def add_key(item: Any) -> tuple[Any, ...]:
        if not isinstance(item, dict):
            return (None,)
        return (text_of(item.get("text")), label_of(item.get("label")))

    def new_add(key: tuple[Any, ...]) -> Any:
        from ruamel.yaml.comments import CommentedMap

        entry = CommentedMap(text=key[0], label=key[1])
        entry.fa.set_flow_style()
        return entry

    _sync_sequence(tree, "add", list(c.add), add_key, new_add)


def _sync_mapping(
    tree: Any,
    key: str,
    want: dict[str, str],
    read: Callable[[Any], str | None],
    text_of: Callable[[Any], str | None],
) -> None:
    from ruamel.yaml.comments import CommentedMap

    from briefreader.io.rewrite import append_entry

    if not want:
        tree.pop(key, None)
        return
    node = tree.get(key)
    if not isinstance(node, dict):
        node = CommentedMap()
        tree[key] = node
    seen: set[str] = set()
    for k in list(node):
        t = text_of(k)
        if t is None or t not in want or t in seen:
            del node[k]
            continue
        seen.add(t)
        if read(node[k]) != want[t]:
            node[k] = want[t]
    for t, v in want.items():
        if t not in seen:
            append_entry(node, t, v)


def _sync_sequence(
    tree: Any,
    key: str,
    want: list[tuple[Any, ...]],
    read: Callable[[Any], tuple[Any, ...]],
    make: Callable[[tuple[Any, ...]], Any],
) -> None:
    from ruamel.yaml.comments import CommentedSeq

    from briefreader.io.rewrite import append_entry

    if not want:
        tree.pop(key, None)
        return
    node = tree.get(key)
    if not isinstance(node, list):
        node = CommentedSeq()
        tree[key] = node
    wanted, seen = set(want), set()
    for i in reversed(range(len(node))):
        k = read(node[i])
        if k not in wanted:
            del node[i]
    for i in range(len(node)):
        seen.add(read(node[i]))
    for k in want:
        if k not in seen:
            append_entry(node, make(k))
            seen.add(k)
