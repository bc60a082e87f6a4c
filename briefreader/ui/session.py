"""Where a brief came from and where it saves: no widgets, easy to test."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefreader.io.sources import YAML_SUFFIXES


def default_save_path(source: Path) -> Path:
    """NAME.yaml beside a NAME.txt/.md (never the source); a YAML saves to itself.

    An unrelated NAME.yaml already there is not overwritten: NAME.brief.yaml is used.
    """
    if source.suffix.lower() in YAML_SUFFIXES:
        return source
    target = source.with_suffix(".yaml")
    if target.exists():
        try:
            with open(target, encoding="utf-8", errors="replace") as fh:
                head = fh.read(64)
        except OSError:
            head = ""
        if not head.startswith("briefreader:"):
            target = source.with_name(source.stem + ".brief.yaml")
    return target


@dataclass
class Session:
    """The brief being read: its files and how far its edits have been saved."""

    source: Path
    save_path: Path
    saved_revision: int = 0
    files: list[Path] = field(default_factory=list)
    """The briefs ctrl+o offers (the folder the reader was opened on)."""

    @classmethod
    def for_path(cls, source: Path, save_to: Path | None = None, files: list[Path] | None = None) -> Session:
        """A session on ``source``, saving to ``save_to`` or the default place."""
        return cls(source, save_to or default_save_path(source), 0, list(files or [source]))
