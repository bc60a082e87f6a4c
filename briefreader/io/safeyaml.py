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


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_TAGS: dict[str, str] = {}
"""Tags resolved for plain scalars, by value (a plain scalar's tag depends on its text alone).

A saved brief repeats the same few hundred plain values (offsets,
``model``, ``PERSON``, ``true``) thousands of times; the resolver tries a
list of regular expressions on each. Kept small: cleared when full.
"""
_PLAIN_TAGS_MAX = 8192


def _scalar(event: ScalarEvent) -> Any:
    tag = event.tag
    value: str = event.value
    if tag is None or tag == "!":
        if not event.implicit[0]:
            tag = _STR  # quoted or block: the resolver gives str to anything not plain
        else:
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = _resolver.resolve(ScalarNode, value, event.implicit)  # type: ignore[no-untyped-call]
                if len(_PLAIN_TAGS) >= _PLAIN_TAGS_MAX:
                    _PLAIN_TAGS.clear()
                _PLAIN_TAGS[value] = tag
    if tag == _STR:
        return value
    if tag == _INT and value.isdigit() and value.isascii() and (value[0] != "0" or value == "0"):
        return int(value)  # plain decimal (a leading 0 is octal in YAML 1.1: left to the constructor)
    if tag not in _SCALAR_TAGS:
        raise YamlRefused(_line(event), f"tag {event.tag or tag} is not allowed (only plain values)")
    if tag == _TIMESTAMP:
        return PlainDate(value)
    build = _BUILD.get(tag)
    if build is None:
        return value
    return build(ScalarNode(tag, value))


def safe_load(text: str | bytes) -> Any:
    """Parse one YAML document into dicts, lists and scalars, or raise YamlRefused.

    Reads libyaml's events straight from the parser, dispatched on their
    exact class (the parser makes no subclasses): opening 10,000 saved
    briefs to index them is mostly this loop.
    """
    stack: list[Any] = []
    keys: list[Any] = []
    root: Any = None
    done = False
    container: dict[Any, Any] | list[Any] | None
    loader = None
    try:
        loader = _Loader(text)
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor:
                    raise YamlRefused(_line(event), "anchors and aliases (&, *) are not allowed")
                value = _scalar(event)
                container = None
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor:
                    raise YamlRefused(_line(event), "anchors and aliases (&, *) are not allowed")
                if event.tag not in _COLLECTION_TAGS:
                    raise YamlRefused(_line(event), f"tag {event.tag} is not allowed (only plain values)")
                if len(stack) >= MAX_DEPTH:
                    raise YamlRefused(_line(event), f"nested deeper than {MAX_DEPTH} levels")
                flow = bool(event.flow_style)
                if kind is MappingStartEvent:
                    value = container = FlowDict() if flow else {}
                else:
                    value = container = FlowList() if flow else []
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
                keys.pop()
                continue
            elif kind is AliasEvent:
                raise YamlRefused(_line(event), "anchors and aliases (&, *) are not allowed")
            else:
                if kind is DocumentStartEvent and done:
                    raise YamlRefused(_line(event), "more than one YAML document")
                continue
            # A value: the document itself, an item, a key, or the value of the key before it.
            if not stack:
                if done:
                    raise YamlRefused(_line(event), "more than one YAML document")
                root, done = value, True
            else:
                top = stack[-1]
                if type(top) is list or type(top) is FlowList:
                    top.append(value)
                elif keys[-1] is _NO_KEY:
                    if container is not None:
                        raise YamlRefused(_line(event), "a mapping key must be a plain value")
                    keys[-1] = value
                else:
                    key = keys[-1]
                    if key in top:
                        raise YamlRefused(_line(event), f"key {key!r} appears twice")
                    top[key] = value
                    keys[-1] = _NO_KEY
            if container is not None:
                stack.append(container)
                keys.append(_NO_KEY)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or str(exc)
        if "nesting depth" in problem:  # libyaml's own limit, met before ours on very deep input
            problem = f"nested deeper than {MAX_DEPTH} levels"
        raise YamlRefused(mark.line + 1 if mark else None, problem) from None
    except yaml.YAMLError as exc:
        raise YamlRefused(None, str(exc).splitlines()[0]) from None
    finally:
        if loader is not None:
            loader.dispose()
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
