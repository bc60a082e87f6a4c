"""``corrections.yaml``: entity corrections that apply to every brief.

The file lives in the user's config folder and is meant to be written by
hand as much as by the reader, so reading it never fails: a file that is
not YAML, or an entry that makes no sense, is reported with its line and
left out, and the rest still applies. The reader writes the file only
when it read cleanly, and keeps a copy when rewriting would drop comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefreader.io import corrections_cache
from briefreader.io.config_folder import CORRECTIONS_FILE_NAME, CORRECTIONS_MAX_BYTES, corrections_path
from briefreader.io.decode import decode, read_bytes
from briefreader.io.errors import BriefError
from briefreader.io.safeyaml import FlowDict, FlowList, YamlRefused, safe_dump, safe_load
from briefreader.model.corrections import KINDS, Corrections, alias_key, alias_loops, is_label

FILE_NAME = CORRECTIONS_FILE_NAME
VERSION_KEY = "briefreader-corrections"
VERSION = 1
MAX_BYTES = CORRECTIONS_MAX_BYTES

HEADER = """\
# briefreader corrections: applied after every parse, to every brief.
#   relabel: text as written -> label        reject: text never shown as an entity
#   alias: text -> the entity it belongs to  add: text the model misses, with its label
# Matching ignores case and spacing (add: case counts). A bad line is reported and skipped.
"""


@dataclass
class LoadedCorrections:
    """The corrections read from a file, and what was wrong in it."""

    corrections: Corrections
    path: Path
    problems: list[str] = field(default_factory=list)
    """One line each: the file, the line and why the entry was left out."""
    exists: bool = False


def load_corrections(path: Path | None = None) -> LoadedCorrections:
    """Read ``corrections.yaml`` (a missing file is no corrections, not an error)."""
    p = path or corrections_path()
    if not p.exists():
        return LoadedCorrections(Corrections(), p)

    def unreadable(exc: BriefError) -> LoadedCorrections:
        if "empty" in exc.reason or "white space" in exc.reason:
            return LoadedCorrections(Corrections(), p, exists=True)
        return LoadedCorrections(Corrections(), p, [f"{p}: {exc.reason}; no corrections applied"], True)

    try:
        data = read_bytes(p, MAX_BYTES)
    except BriefError as exc:
        return unreadable(exc)
    # A large file is parsed once per version of its bytes (see corrections_cache): every parse loads it.
    key = corrections_cache.digest(data) if len(data) >= corrections_cache.MIN_BYTES else None
    kept = corrections_cache.read_sidecar(p, key) if key else None
    if kept is not None:
        return LoadedCorrections(kept[0], p, kept[1], exists=True)
    try:
        text = decode(data, p).text
    except BriefError as exc:
        return unreadable(exc)
    loaded = parse_corrections(text, p)
    loaded.exists = True
    if key:
        corrections_cache.write_sidecar(p, key, loaded.corrections, loaded.problems)
    return loaded


def parse_corrections(text: str, path: Path) -> LoadedCorrections:
    """Validate the text of a corrections file entry by entry."""
    out = LoadedCorrections(Corrections(), path)
    try:
        data = safe_load(text)
    except YamlRefused as exc:
        where = f"line {exc.line}: " if exc.line else ""
        out.problems.append(f"{path}: {where}{exc.reason}; no corrections applied")
        return out
    if data is None:
        return out
    if not isinstance(data, dict):
        out.problems.append(
            f"{path}: line 1: should be a mapping (relabel:, reject:, alias:, add:); no corrections applied"
        )
        return out
    # Line numbers only when there is something to say: finding them costs more than the whole load.
    numbered: list[dict[tuple[Any, ...], int]] = []

    def lines() -> dict[tuple[Any, ...], int]:
        if not numbered:
            numbered.append(_line_numbers(text))
        return numbered[0]

    def problem(where: tuple[Any, ...], reason: str) -> None:
        line = lines().get(where) or lines().get(where[:1]) or 1
        out.problems.append(f"{path}: line {line}: {reason}; ignored")

    version = data.get(VERSION_KEY, VERSION)
    if version != VERSION:
        line = lines().get((VERSION_KEY,), 1)
        out.problems.append(
            f"{path}: line {line}: {VERSION_KEY}: {version!r} is not a version this reader knows ({VERSION});"
            " no corrections applied"
        )
        return out
    for key in data:
        if key != VERSION_KEY and key not in KINDS:
            problem((key,), f"{key!r} is not one of {', '.join(KINDS)}")
    c = out.corrections
    for text_key, label in _mapping(data, "relabel", problem).items():
        lab = _label(label)
        if lab is None:
            problem(("relabel", text_key), f"relabel: {text_key!r}: {label!r} is not a label (letters and _ only)")
        else:
            c.relabel[text_key] = lab
    rejected: set[str] = set()  # the duplicate checks by set: a list's `in` made 120,000 entries take 27 s
    for i, item in enumerate(_sequence(data, "reject", problem)):
        t = _text(item)
        if t is None:
            problem(("reject", i), f"reject: {_shown(item)} is not text (put it in quotes)")
        elif t not in rejected:
            rejected.add(t)
            c.reject.append(t)
    for text_key, target in _mapping(data, "alias", problem).items():
        t = _text(target)
        if t is None:
            problem(("alias", text_key), f"alias: {text_key!r}: {target!r} is not a name (put it in quotes)")
        elif alias_key(t) == alias_key(text_key):
            problem(("alias", text_key), f"alias: {text_key!r} is an alias of itself ({t!r})")
        else:
            c.alias[text_key] = t
    for loop in alias_loops(c.alias):
        # Applied, a loop swaps people's mentions: none of it is applied.
        shown = " → ".join(repr(t) for t in [*loop, loop[0]])
        problem(("alias", loop[0]), f"alias: {shown} is a loop, none of it applied")
        for t in loop:
            del c.alias[t]
    added: set[tuple[str, str]] = set()
    for i, item in enumerate(_sequence(data, "add", problem)):
        if not isinstance(item, dict) or not item.keys() <= {"text", "label"}:
            problem(("add", i), "add: each entry is {text: ..., label: ...}")
            continue
        t, lab = _text(item.get("text")), _label(item.get("label"))
        if t is None or lab is None:
            problem(("add", i), f"add: {item!r} needs a text and a label (letters and _ only)")
        elif (t, lab) not in added:
            added.add((t, lab))
            c.add.append((t, lab))
    return out


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _text(value: Any) -> str | None:
    """Text as written: strings, and whole numbers (a year); never a YAML yes/no or null."""
    if type(value) is str:  # nearly every entry: one test, not four (120,000 entries are 0.05 s of checks)
        return value.strip() or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _shown(value: Any) -> str:
    """A value as the user wrote it, near enough: YAML reads 'yes' and 'no' as true and false."""
    return "a yes/no value" if isinstance(value, bool) else "an empty value" if value is None else repr(value)


def _label(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    known = _LABELS.get(value)
    if known is None:
        lab = value.strip().upper()
        known = _LABELS[value] = lab if is_label(lab) else ""
    return known or None


_LABELS: dict[str, str] = {}
"""Labels as written -> as checked ('' for no label): a file names a handful of labels thousands of times."""


def _mapping(data: dict[str, Any], key: str, problem: Any) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        problem((key,), f"{key}: should be a mapping (text: value)")
        return {}
    out: dict[str, Any] = {}
    for k, v in value.items():
        t = _text(k)
        if t is None:
            problem((key, k), f"{key}: {_shown(k)} is not text (put it in quotes)")
        else:
            out[t] = v
    return out


def _sequence(data: dict[str, Any], key: str, problem: Any) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        problem((key,), f"{key}: should be a list")
        return []
    return value


def _line_numbers(text: str) -> dict[tuple[Any, ...], int]:
    """Line of each top-level key, mapping key and list item, for messages.

    Only called once ``safe_load`` accepted the text, so the node tree holds
    no aliases and is shallow; keys are the loaded values, as in the data.
    """
    out: dict[tuple[Any, ...], int] = {}
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return out
    if not isinstance(root, yaml.MappingNode):
        return out
    for knode, vnode in root.value:
        top = knode.value
        out[(top,)] = knode.start_mark.line + 1
        if isinstance(vnode, yaml.MappingNode):
            for k2, _v2 in vnode.value:
                value = safe_load(k2.value) if k2.tag.endswith((":int", ":bool", ":null", ":float")) else k2.value
                out[(top, _text(value) if _text(value) is not None else value)] = k2.start_mark.line + 1
        elif isinstance(vnode, yaml.SequenceNode):
            for i, item in enumerate(vnode.value):
                out[(top, i)] = item.start_mark.line + 1
    return out


# The record a brief keeps of the corrections its parse used -------------------------------


def corrections_to_data(c: Corrections) -> dict[str, Any]:
    """Corrections as YAML data, in the file's own shape (one short line per kind)."""
    out: dict[str, Any] = {}
    if c.relabel:
        out["relabel"] = FlowDict(c.relabel)
    if c.reject:
        out["reject"] = FlowList(c.reject)
    if c.alias:
        out["alias"] = FlowDict(c.alias)
    if c.add:
        out["add"] = [FlowDict(text=t, label=lab) for t, lab in c.add]
    return out


def corrections_from_data(value: Any) -> Corrections | None:
    """Read a brief's ``corrections:`` record back; raises ValueError naming the field."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("corrections should be a mapping")
    loaded = parse_corrections(safe_dump(value), Path("corrections"))
    if loaded.problems:
        # The line numbers are those of a re-dumped copy: the field names say where.
        reason = re.sub(r"^line \d+: ", "", loaded.problems[0].split(": ", 1)[1]).rsplit(";", 1)[0]
        raise ValueError(f"corrections: {reason}")
    return loaded.corrections


# Writing: what the reader does when the analyst says "all briefs" --------------------------


@dataclass
class Written:
    """What a change to ``corrections.yaml`` did."""

    path: Path
    backup: Path | None = None
    """A copy of the previous file (None when there was none)."""
    note: str = ""
    """What the person should know about the rewrite ("" when nothing: comments and encoding were kept)."""


@dataclass(frozen=True)
class CorrectionChange:
    """One change to ``corrections.yaml``: add (or with ``remove``, take out) one entry."""

    kind: str
    text: str
    value: str = ""
    """The label for ``relabel`` and ``add``, the entity name for ``alias``."""
    remove: bool = False


def dumps_corrections(c: Corrections, header: str = HEADER) -> str:
    """The text of a corrections file: header comments, then one entry a line."""
    data: dict[str, Any] = {VERSION_KEY: VERSION}
    if c.relabel:
        data["relabel"] = dict(c.relabel)
    if c.reject:
        data["reject"] = list(c.reject)
    if c.alias:
        data["alias"] = dict(c.alias)
    if c.add:
        data["add"] = [FlowDict(text=t, label=lab) for t, lab in c.add]
    return header + safe_dump(data)


def change_corrections(
    kind: str, text: str, value: str | None = None, *, remove: bool = False, path: Path | None = None
) -> Written:
    """Add (or with ``remove``, take out) one correction and save the file atomically.

    ``value`` is the label for ``relabel`` and ``add``, the entity name for
    ``alias``. A correction replaces the ones for the same text it would
    contradict (relabelling text that was rejected shows it again). Raises
    BriefError, writing nothing, when the file has problems: what the
    analyst wrote by hand is never overwritten with a guess.
    """
    return apply_changes([CorrectionChange(kind, text, value or "", remove)], path)


def apply_changes(changes: list[CorrectionChange], path: Path | None = None) -> Written:
    """Make ``changes`` to ``corrections.yaml`` in one write (see ``change_corrections``; raises BriefError).

    Other readers and batch runs may change the file at the same moment: it
    is read again under its lock, so no one's entry is lost. What the
    person wrote stays as written (comments, order, encoding), and the
    previous version is kept as ``corrections.yaml.bak``.
    """
    from briefreader.io.corrections_sync import sync
    from briefreader.io.rewrite import edit_in_place, locked, read_original, write_back

    p = path or corrections_path()
    for change in changes:  # a change that makes no sense is refused before anything is read or locked
        _apply_change(Corrections(), change.kind, change.text.strip(), change.value.strip(), change.remove)
    with locked(p):
        try:
            original = read_original(p, MAX_BYTES)
        except BriefError as exc:
            raise BriefError(p, f"not changed: fix it first ({exc.reason})") from None
        loaded = parse_corrections(original.text, p)
        if loaded.problems:
            raise BriefError(p, f"not changed: fix it first ({loaded.problems[0]})")
        c = loaded.corrections.copy()
        for change in changes:
            _apply_change(c, change.kind, change.text.strip(), change.value.strip(), change.remove)
        header, dropped = _split_comments(original.text)
        whole: list[bool] = []

        def rewrite_whole() -> str:
            whole.append(True)
            return dumps_corrections(c, header or HEADER)

        text = edit_in_place(original, lambda tree: sync(tree, c, _text, _label), rewrite_whole)
        backup, note = write_back(original, text)
    if whole and dropped and backup is not None:
        note = "; ".join(filter(None, [note, f"comments after the first entry were not kept (see {backup.name})"]))
    return Written(p, backup, note)


def _apply_change(c: Corrections, kind: str, text: str, value: str, remove: bool) -> None:
    if kind not in KINDS:
        raise BriefError(None, f"{kind!r} is not a correction ({', '.join(KINDS)})")
    if not text:
        raise BriefError(None, "a correction needs the text it applies to")
    fold = _fold(text)

    def drop(kinds: tuple[str, ...]) -> None:
        if "relabel" in kinds:
            c.relabel = {k: v for k, v in c.relabel.items() if _fold(k) != fold}
        if "reject" in kinds:
            c.reject = [t for t in c.reject if _fold(t) != fold]
        if "alias" in kinds:
            c.alias = {k: v for k, v in c.alias.items() if _fold(k) != fold}
        if "add" in kinds:
            c.add = [(t, lab) for t, lab in c.add if _fold(t) != fold]

    if remove:
        drop((kind,))
        return
    if kind in ("relabel", "add"):
        label = value.upper()
        if not is_label(label):
            raise BriefError(None, f"{value!r} is not a label (letters and _ only)")
        drop((kind, "reject"))
        if kind == "relabel":
            c.relabel[text] = label
        else:
            c.add.append((text, label))
    elif kind == "alias":
        if not value or alias_key(value) == alias_key(text):
            raise BriefError(None, "an alias needs the name of another entity")
        drop(("alias", "reject"))
        c.alias[text] = value
        # The newest says where the name belongs: an older alias that would make a loop with it goes
        # (a merge, its undo and the reverse merge would otherwise leave A -> B beside B -> A).
        for loop in alias_loops(c.alias):
            for t in loop:
                if t != text and alias_key(c.alias[t]) == alias_key(text):
                    del c.alias[t]
    else:
        drop(KINDS)
        c.reject.append(text)


def _split_comments(text: str) -> tuple[str, bool]:
    """The comment lines that open the file (kept as its header), and whether others would be lost."""
    lines = text.split("\n")
    i = 0
    while i < len(lines) and (not lines[i].strip() or lines[i].lstrip().startswith("#")):
        i += 1
    header = "\n".join(lines[:i]).strip("\n")
    rest = "\n".join(lines[i:])
    dropped = bool(re.search(r"(?m)(^|\s)#", rest))
    return (header + "\n" if header else ""), dropped
