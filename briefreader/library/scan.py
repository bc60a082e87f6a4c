"""Find the briefs of a library folder and pair each source with its annotated YAML.

Which files make one brief is ``io.pairing``'s rule (a source and the
annotated YAML beside it, or either alone), the one every command uses;
``update`` imports it where it pairs. Not here: a warm refresh that
finds nothing changed walks and stops, and needs no more than this module.
YAML files that are not annotated briefs (no ``briefreader:`` key) are
someone else's and are left out.
Hidden files and folders are skipped, as ``annotate`` skips them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from briefreader.io.sources import BRIEF_SUFFIXES, YAML_SUFFIXES

_SOURCE_SUFFIXES = tuple(s for s in BRIEF_SUFFIXES if s)
_CANDIDATE_SUFFIXES = frozenset((*_SOURCE_SUFFIXES, *YAML_SUFFIXES))


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


class FileStat(NamedTuple):
    """A file of the library as the file system sees it (paths relative to the root, with /).

    A tuple, not a dataclass: a warm refresh makes one per file (20,000 of
    them in a large library) on every command, and tuples are made, sorted
    and compared several times faster.
    """

    rel: str
    size: int
    mtime_ns: int


def walk(root: Path, skipped: list[str] | None = None) -> list[FileStat]:
    """Every candidate file under ``root``, hidden ones left out, sorted by path.

    ``os.scandir`` gives the size and mtime with the listing, so a warm
    refresh of thousands of briefs costs one directory read per folder and
    one ``stat`` per file, and as little Python around each as can be (no
    ``Path`` per entry): every search and entity listing walks the whole
    library, since a file rewritten in place changes only its own mtime.
    A folder that cannot be read is added to ``skipped`` (a line each,
    saying why), so the briefs left out are not left out without a word.
    """
    out: list[FileStat] = []
    wanted = _CANDIDATE_SUFFIXES
    stack = [(os.fspath(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            # Listed through a descriptor, an entry's stat is an fstatat by name: its path is not looked up again.
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as exc:
            _skip(skipped, prefix, exc)
            continue
        try:
            with os.scandir(fd) as listing:
                entries = list(listing)
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((os.path.join(folder, name), f"{prefix}{name}/"))
                        continue
                    dot = name.rfind(".")  # os.path.splitext's suffix, for a name that does not start with a dot
                    if dot < 0 or name[dot:].lower() not in wanted or not entry.is_file():
                        continue
                    st = entry.stat()
                except OSError:
                    continue
                rel = prefix + name
                out.append(FileStat(rel if rel.isascii() else index_name(rel), st.st_size, st.st_mtime_ns))
        except OSError as exc:
            _skip(skipped, prefix, exc)
        finally:
            os.close(fd)
    out.sort()  # by path: paths are unique, so the tuple order is the path order
    return out


def _skip(skipped: list[str] | None, prefix: str, exc: OSError) -> None:
    if skipped is not None:
        where = shown_name(index_name(prefix.rstrip("/"))) or "."
        skipped.append(f"cannot read the folder {where} ({exc.strerror or exc}): its briefs are left out")
