"""Safe, bounded YAML: plain data in, plain data out.

Loading builds Python values straight from parser events, so it can refuse
what a brief file never needs and what could hurt: tags beyond the plain
scalar types (``!!python/...``), anchors and aliases (alias bombs), and
nesting deeper than a saved brief ever goes (no RecursionError, no
C-stack overflow). It uses libyaml's C parser when it is installed.

Loading keeps what a round trip needs: a collection written on one line
comes back as ``FlowDict``/``FlowList`` and a date written plain as a
``PlainDate``, so keys the reader does not know are written back as they
were written.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
MAX_DEPTH = 32

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    # Dates stay the string they were written as: the schema keeps ISO strings.
    "tag:yaml.org,2002:timestamp",
}
_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class YamlRefused(ValueError):
    """A YAML file that is malformed or uses something a brief never needs."""

    def __init__(self, line: int | None, reason: str) -> None:
        self.line = line
        self.reason = reason
        super().__init__(f"line {line}: {reason}" if line else reason)


def _line(event: Event) -> int | None:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else None


class _Scalars(SafeConstructor):
    """Turns one resolved scalar into its Python value."""


_resolver = Resolver()
_constructor = _Scalars()
_BUILD = {
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
}


def _scalar(event: ScalarEvent) -> Any:
    tag = event.tag
    if tag in (None, "!"):
        tag = _resolver.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    if tag not in _SCALAR_TAGS:
        raise YamlRefused(_line(event), f"tag {event.tag or tag} is not allowed (only plain values)")
    if tag == "tag:yaml.org,2002:timestamp":
        return PlainDate(event.value)
    build = _BUILD.get(tag)
    if build is None:
        return event.value
    return build(ScalarNode(tag, event.value))


def safe_load(text: str | bytes) -> Any:
    """Parse one YAML document into dicts, lists and scalars, or raise YamlRefused.

    The loop is written for speed (a large ``corrections.yaml`` is 300,000
    events): events are told apart by their exact class, and a scalar goes
    straight into the container on top of the stack.
    """
    stack: list[Any] = []
    keys: list[Any] = []
    root: Any = None
    done = False
    table = _resolver.yaml_implicit_resolvers
    # An untagged scalar is text, with no pattern of the resolver tried, when
    # it is quoted, or plain and no implicit type (number, bool, null, date)
    # starts with its first character: most scalars of a large file (names).
    shortcut = not _resolver.yaml_path_resolvers and None not in table

    def add(value: Any, event: Event) -> None:
        nonlocal root, done
        if not stack:
            if done:
                raise YamlRefused(_line(event), "more than one YAML document")
            root, done = value, True
            return
        top = stack[-1]
        if isinstance(top, list):
            top.append(value)
        elif keys[-1] is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise YamlRefused(_line(event), "a mapping key must be a plain value")
            keys[-1] = value
        else:
            if keys[-1] in top:
                raise YamlRefused(_line(event), f"key {keys[-1]!r} appears twice")
            top[keys[-1]] = value
            keys[-1] = _NO_KEY

    try:
        events: Iterator[Any] = yaml.parse(text, Loader=_Loader)  # Any: told apart by class below, not isinstance
        for event in events:
            cls = type(event)
            if cls is ScalarEvent:
                if event.anchor:
                    raise YamlRefused(_line(event), "anchors and aliases (&, *) are not allowed")
                value = event.value
                if event.tag is not None or not shortcut or (event.implicit[0] and (value == "" or value[0] in table)):
                    value = _scalar(event)
                add(value, event)
            elif cls is AliasEvent or getattr(event, "anchor", None):
                raise YamlRefused(_line(event), "anchors and aliases (&, *) are not allowed")
            elif cls is DocumentStartEvent:
                if done:
                    raise YamlRefused(_line(event), "more than one YAML document")
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                if event.tag not in _COLLECTION_TAGS:
                    raise YamlRefused(_line(event), f"tag {event.tag} is not allowed (only plain values)")
                if len(stack) >= MAX_DEPTH:
                    raise YamlRefused(_line(event), f"nested deeper than {MAX_DEPTH} levels")
                flow = bool(event.flow_style)
                if cls is MappingStartEvent:
                    container: Any = FlowDict() if flow else {}
                else:
                    container = FlowList() if flow else []
                add(container, event)
                stack.append(container)
                keys.append(_NO_KEY)
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                stack.pop()
                keys.pop()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or str(exc)
        if "nesting depth" in problem:  # libyaml's own limit, met before ours on very deep input
            problem = f"nested deeper than {MAX_DEPTH} levels"
        raise YamlRefused(mark.line + 1 if mark else None, problem) from None
    except yaml.YAMLError as exc:
        raise YamlRefused(None, str(exc).splitlines()[0]) from None
    return root


class _NoKey:
    pass


_NO_KEY = _NoKey()


class PlainDate(str):
    """A date or time written plain in the file (``2026-03-14``): kept a string, written back plain."""


class _BriefDumper(_Dumper):  # type: ignore[valid-type,misc]
    """Multi-line strings in block style, so text and notes read as written."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class FlowList(list):  # type: ignore[type-arg]
    """A list written on one line (offset pairs, tags)."""


def _flow(dumper: yaml.SafeDumper, value: FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


class FlowDict(dict):  # type: ignore[type-arg]
    """A mapping written on one line (a mention, a block, a span)."""


def _flow_dict(dumper: yaml.SafeDumper, value: FlowDict) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


def _plain_date(dumper: yaml.SafeDumper, value: PlainDate) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", str(value))


_BriefDumper.add_representer(str, _str)
_BriefDumper.add_representer(PlainDate, _plain_date)
_BriefDumper.add_representer(FlowList, _flow)
_BriefDumper.add_representer(FlowDict, _flow_dict)


def safe_dump(data: Any) -> str:
    """Dump plain data readably: key order kept, block-style text, unicode as is.

    libyaml will not write a string holding a tab, an emoji or a space at a
    line end in block style: it makes the whole brief one escaped line. A
    top-level multi-line string is therefore written as a literal block here
    whenever YAML allows it (checked by reading it back).
    """
    import uuid

    needs_own_block, _ = _block_patterns()
    blocks: dict[str, str] = {}
    if isinstance(data, dict):
        data = dict(data)
        for key, value in data.items():
            if isinstance(key, str) and isinstance(value, str) and "\n" in value and needs_own_block.search(value):
                block = literal_block(key, value)
                if block is not None:
                    slot = f"briefreader-slot-{uuid.uuid4().hex}"
                    blocks[f"{key}: {slot}\n"] = block
                    data[key] = slot
    out: str = yaml.dump(
        data,
        Dumper=_BriefDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    for line, block in blocks.items():
        out = out.replace(line, block, 1)
    return out


@functools.cache
def _block_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled at the first save, not at import: their Unicode ranges take ~2 ms to compile,
    and the reader imports this module to open a YAML before its first frame."""
    # What libyaml refuses in a block scalar but YAML allows: tab, a space before a line end, beyond the BMP.
    needs_own_block = re.compile("[\t\U00010000-\U0010ffff]| \n| $")
    # What no block scalar can hold: other controls, and characters YAML reads as line breaks or a BOM.
    not_in_block = re.compile("[^\n\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")
    return needs_own_block, not_in_block


def literal_block(key: str, value: str) -> str | None:
    """``key: |-`` and the value indented two spaces, or None when YAML cannot hold it so."""
    if _block_patterns()[1].search(value):
        return None
    body = value
    if value.endswith("\n"):
        body = value[:-1]
        chomp = "+" if body.endswith("\n") or not body else ""
    else:
        chomp = "-"
    indicator = "2" if value[:1] in (" ", "\t", "\n") else ""
    lines = "".join(f"  {line}\n" if line else "\n" for line in body.split("\n"))
    block = f"{key}: |{indicator}{chomp}\n{lines}"
    try:
        back = safe_load(block)
    except YamlRefused:
        return None
    return block if isinstance(back, dict) and back.get(key) == value else None
