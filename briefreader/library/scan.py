"""Find the briefs of a library folder and pair each source with its annotated YAML.

A brief is one or two files in one folder: a source (``NAME.txt``,
``NAME.md``...) and the YAML the reader saves beside it (``NAME.yaml``, or
``NAME.brief.yaml`` when an unrelated ``NAME.yaml`` was there), or a YAML
alone (what ``annotate --out`` writes). YAML files that are not annotated
briefs (no ``briefreader:`` key) are someone else's and are left out.
Hidden files and folders are skipped, as ``annotate`` skips them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from briefreader.io.sources import BRIEF_SUFFIXES, YAML_SUFFIXES

_SOURCE_SUFFIXES = tuple(s for s in BRIEF_SUFFIXES if s)
_BRIEF_KEY = re.compile(rb"(?m)^briefreader:")


_BYTE_MARK = 0x10FF00
"""An undecodable byte 0xNN of a file name is kept in the index as the code point U+10FFNN (private use).

Linux names are bytes; Python holds the ones that are not UTF-8 as lone
surrogates (U+DCNN), which SQLite cannot store: one such name made every
write of the index fail, and the whole library look empty. The private
code points are valid text, and map back to the very same bytes.
"""


def index_name(name: str) -> str:
    """A file name (relative path) as the index stores it: valid text, one-to-one with the name's bytes."""
    if name.isascii():
        return name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(chr(ord(c) - 0xDC00 + _BYTE_MARK) if "\udc80" <= c <= "\udcff" else c for c in name)
    return name


def fs_name(rel: str) -> str:
    """The file system's name (as ``os.fsdecode`` gives it) of a name the index stores: ``index_name`` undone."""
    if rel.isascii() or max(rel) < "\U0010ff80":
        return rel
    return "".join(chr(ord(c) - _BYTE_MARK + 0xDC00) if c >= "\U0010ff80" else c for c in rel)


def shown_name(rel: str) -> str:
    """A name the index stores, fit to print: each byte that is not UTF-8 as ``\\xNN``."""
    if rel.isascii() or max(rel) < "\U0010ff80":
        return rel
    return "".join(f"\\x{ord(c) - _BYTE_MARK:02x}" if c >= "\U0010ff80" else c for c in rel)


@dataclass(frozen=True)
class FileStat:
    """A file of the library as the file system sees it (paths relative to the root, with /)."""

    rel: str
    size: int
    mtime_ns: int


def walk(root: Path, skipped: list[str] | None = None) -> list[FileStat]:
    """Every candidate file under ``root``, hidden ones left out, sorted by path.

    ``os.scandir`` gives the size and mtime with the listing, so a warm
    refresh of thousands of briefs costs one directory read per folder.
    A folder that cannot be read is added to ``skipped`` (a line each,
    saying why), so the briefs left out are not left out without a word.
    """
    out: list[FileStat] = []
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            if skipped is not None:
                where = shown_name(index_name(prefix.rstrip("/"))) or "."
                skipped.append(f"cannot read the folder {where} ({exc.strerror or exc}): its briefs are left out")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((Path(entry.path), f"{prefix}{entry.name}/"))
                    continue
                suffix = os.path.splitext(entry.name)[1].lower()
                if suffix not in _SOURCE_SUFFIXES and suffix not in YAML_SUFFIXES:
                    continue
                if not entry.is_file():
                    continue
                st = entry.stat()
            except OSError:
                continue
            out.append(FileStat(index_name(prefix + entry.name), st.st_size, st.st_mtime_ns))
    out.sort(key=lambda f: f.rel)
    return out


def base_key(rel: str) -> str:
    """The name a source and its YAML share: ``a/b/NAME`` for NAME.txt, NAME.yaml and NAME.brief.yaml."""
    p = PurePosixPath(rel)
    stem = p.stem
    if p.suffix.lower() in YAML_SUFFIXES and stem.lower().endswith(".brief"):
        stem = stem[: -len(".brief")]
    return str(p.with_name(stem))


def is_yaml(rel: str) -> bool:
    """True for ``.yaml`` / ``.yml`` files."""
    return PurePosixPath(rel).suffix.lower() in YAML_SUFFIXES


def looks_annotated(data: bytes) -> bool:
    """True when a YAML file is one the reader wrote (or could read): it has the schema key."""
    return bool(_BRIEF_KEY.search(data))


@dataclass(frozen=True)
class Group:
    """The files of one brief: its source, its annotated YAML, or both."""

    key: str
    source: str | None
    yaml: str | None

    @property
    def path(self) -> str:
        """The file the reader opens: the YAML when there is one (it holds the analyst's work)."""
        return self.yaml or self.source or self.key

    @property
    def files(self) -> tuple[str, ...]:
        """Both files, those that exist."""
        return tuple(f for f in (self.source, self.yaml) if f)


def group(files: list[str], annotated: set[str]) -> list[Group]:
    """Pair sources with YAMLs that share their name (``annotated``: the YAMLs that are briefs).

    Two sources with one name (``x.txt`` and ``x.md``) are two briefs; the
    YAML goes to the first. ``NAME.yaml`` is preferred over
    ``NAME.brief.yaml``; a second YAML of one name is a brief of its own.
    """
    by_key: dict[str, tuple[list[str], list[str]]] = {}
    for rel in files:
        if is_yaml(rel) and rel not in annotated:
            continue
        sources, yamls = by_key.setdefault(base_key(rel), ([], []))
        (yamls if is_yaml(rel) else sources).append(rel)
    out: list[Group] = []
    for key, (sources, yamls) in sorted(by_key.items()):
        yamls.sort(key=lambda r: (r.lower().endswith((".brief.yaml", ".brief.yml")), r))
        sources.sort()
        first_yaml = yamls[0] if yamls else None
        if sources:
            out.append(Group(key, sources[0], first_yaml))
            out += [Group(key, s, None) for s in sources[1:]]
            out += [Group(key, None, y) for y in yamls[1:]]
        else:
            out += [Group(key, None, y) for y in yamls]
    return out
