"""Which file holds a brief's annotations, and whether saving over it is safe.

A brief read from ``NAME.txt`` or ``NAME.md`` keeps its annotations in a
YAML beside it. Reopening the source must find them again, two sources
with one stem must not share one YAML, and no save may replace an
annotated YAML the session did not load, or one that changed on disk since
(another reader, a hand edit): those questions are answered here, with no
UI, so the screen only has to ask the person.
"""

from __future__ import annotations

import enum
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from briefreader.io.atomic import atomic_write
from briefreader.io.errors import BriefError
from briefreader.io.sources import BRIEF_SUFFIXES, YAML_SUFFIXES
from briefreader.io.stamp import FileStamp as FileStamp  # re-exported: the session and its screens use them from here
from briefreader.io.stamp import read_annotated
from briefreader.io.stamp import real_target as real_target
from briefreader.model.display import one_line
from briefreader.model.document import Document

ANNOTATED_HEAD = "briefreader:"
"""How every annotated YAML starts (the schema version key)."""


def display_name(path: Path | str, limit: int = 80) -> str:
    """A file name as it may be shown: no control characters, no undecodable bytes, one line.

    Names come from the file system and can hold escape sequences (``ESC]2;…``
    would set the terminal title) or bytes that are not UTF-8 (Python keeps
    them as surrogates, which a terminal cannot print).
    """
    name = Path(path).name or str(path)
    clean = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return one_line(clean, limit)


def display_path(path: Path | str, limit: int = 120) -> str:
    """A whole path, shown the same careful way as ``display_name``."""
    clean = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return one_line(clean, limit)


@dataclass
class Loaded:
    """An annotated YAML as read: the Document and the stamp of the bytes it came from."""

    doc: Document
    stamp: FileStamp


def load_annotated(path: Path) -> Loaded:
    """Read an annotated YAML once: the Document and its stamp (raises BriefError)."""
    return Loaded(*read_annotated(path))


def is_annotated(path: Path) -> bool:
    """True when ``path`` is a file that starts like a YAML this reader saved."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf").startswith(ANNOTATED_HEAD.encode())


def _siblings(source: Path) -> list[Path]:
    """Other brief sources with the same stem in the same folder (``NAME.md`` beside ``NAME.txt``)."""
    out = []
    for suffix in BRIEF_SUFFIXES:
        if suffix and suffix != source.suffix:
            other = source.with_suffix(suffix)
            if other.is_file():
                out.append(other)
    return out


def belongs_to(saved: Document, source: Path, source_text: str) -> bool:
    """True when an annotated YAML found beside ``source`` holds ``source``'s annotations.

    Its text equal to the source's, or its recorded source name, says so.
    When another source with the same stem sits beside it, the YAML is
    only ours if it says so; alone, a YAML whose text has changed since is
    still ours (the source was edited).
    """
    if saved.text == source_text or saved.meta.source == source.name:
        return True
    siblings = _siblings(source)
    return not siblings


def candidates(source: Path) -> tuple[Path, Path, Path]:
    """Where a source's annotations may live: plain, legacy, qualified.

    ``NAME.yaml`` first; ``NAME.brief.yaml``, where earlier versions saved
    beside an unrelated ``NAME.yaml`` (read, never chosen for a new save);
    ``NAME.txt.yaml``, which no other source can claim.
    """
    return (
        source.with_suffix(".yaml"),
        source.with_name(source.stem + ".brief.yaml"),
        source.with_name(source.name + ".yaml"),
    )


def find_annotations(source: Path, source_text: str) -> tuple[Path, Loaded | None]:
    """The YAML a source saves to, and its annotations when it already holds them.

    Unreadable YAMLs and other sources' annotations are passed over: a new
    save goes to ``NAME.yaml`` if it is free, else to ``NAME.txt.yaml``.
    """
    if source.suffix.lower() in YAML_SUFFIXES:
        return source, None
    plain, legacy, qualified = candidates(source)
    for path in (plain, legacy, qualified):
        if not (path.is_file() and is_annotated(path)):
            continue
        try:
            loaded = load_annotated(path)
        except BriefError:
            continue
        if belongs_to(loaded.doc, source, source_text):
            return path, loaded
    return (plain if not plain.exists() else qualified), None


class SaveRisk(enum.Enum):
    """Why a save must ask first (``NONE``: it need not)."""

    NONE = "none"
    FOREIGN = "foreign"
    """The target exists and this session did not load it (another brief's annotations, a file of yours)."""
    CHANGED = "changed"
    """The target was loaded or saved by this session, and has changed on disk since."""
    READ_ONLY = "read-only"
    """The target is a file without write permission."""


def save_risk(target: Path, known: FileStamp | None) -> SaveRisk:
    """What saving to ``target`` would overwrite that the person may not expect."""
    real = real_target(target)
    if not real.exists():
        return SaveRisk.NONE
    if known is not None and known.path == real:
        if not known.unchanged():
            return SaveRisk.CHANGED
    else:
        return SaveRisk.FOREIGN
    if real.is_file() and not (real.stat().st_mode & stat.S_IWUSR and os.access(real, os.W_OK)):
        return SaveRisk.READ_ONLY  # the mode, too: root may write anything, but 0444 still means "keep"
    return SaveRisk.NONE


def write_annotated(doc: Document, target: Path) -> FileStamp:
    """Save atomically (through a symlink, to its target) and return the new file's stamp."""
    from briefreader.io.store import dumps

    data = dumps(doc)
    written = atomic_write(target, data)
    return FileStamp.of(real_target(target), data.encode("utf-8"), written)
