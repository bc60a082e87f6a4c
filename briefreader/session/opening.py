"""Opening a brief: the source, and the annotations already saved for it.

``briefreader NAME.txt`` with ``NAME.yaml`` beside it opens the saved
annotations, not a blank brief that the next save would write over. If the
source text changed since the save, entities, key points and notes are
carried onto the new text by their quotes; what cannot be found is kept
(orphaned) and reported, never dropped. Reading the source again after the
reader handed it to ``$EDITOR`` (``reload_source``) carries the session's
own annotations, saved or not, the same way.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefreader.io.sources import BRIEF_SUFFIXES, YAML_SUFFIXES, read_brief
from briefreader.model.document import Document
from briefreader.session.brief import BriefSession, Opening
from briefreader.session.files import (
    Loaded,
    display_name,
    find_annotations,
    is_annotated,
    load_annotated,
    real_target,
)

if TYPE_CHECKING:
    from briefreader.model.reanchor import ReanchorReport


def _clean_meta(doc: Document) -> None:
    """A source name that is not valid UTF-8 would make the Document unsavable: show it as read."""
    src = doc.meta.source
    if src is not None:
        clean = src.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if clean != src:
            doc.meta = dataclasses.replace(doc.meta, source=clean)


def open_session(path: Path, save_to: Path | None = None, *, first: Document | Loaded | None = None) -> BriefSession:
    """A session on ``path`` (raises BriefError for a file that cannot be read).

    ``first`` is what the command line already read from ``path`` (a large
    brief is not read twice): its Document, or for a YAML read ahead in a
    child process (``prefetch``) the Document with the file's stamp.
    """
    if path.suffix.lower() in YAML_SUFFIXES:
        return _open_yaml(path, save_to, first)
    if isinstance(first, Loaded):
        first = first.doc
    doc = first if first is not None else read_brief(path)
    _clean_meta(doc)
    target, loaded = find_annotations(path, doc.text) if save_to is None else (save_to, _own(save_to, path, doc))
    if loaded is None:
        return BriefSession(doc, path, target)
    return _with_annotations(doc, path, target, loaded)


def _own(target: Path, source: Path, doc: Document) -> Loaded | None:
    """The annotations in a ``--save-to`` target, when they are this source's."""
    if not (target.is_file() and is_annotated(target)):
        return None
    loaded = load_annotated(target)
    saved = loaded.doc
    # A target named on the command line may hold anything: it is this brief's only if it says so.
    return loaded if saved.text == doc.text or saved.meta.source == source.name else None


def _open_yaml(path: Path, save_to: Path | None, first: Document | Loaded | None) -> BriefSession:
    # A Document read without its stamp cannot be paired with the file now on disk (it may have been
    # replaced since): it is read again, stamp and Document from the same bytes.
    loaded = first if isinstance(first, Loaded) else load_annotated(path)
    _clean_meta(loaded.doc)
    target = save_to or path
    same = real_target(target) == real_target(path)
    return BriefSession(loaded.doc, path, target, stamp=loaded.stamp if same else None)


def _with_annotations(source_doc: Document, path: Path, target: Path, loaded: Loaded) -> BriefSession:
    saved = loaded.doc
    where = display_name(target)
    if saved.text == source_doc.text:
        saved.warnings[:0] = source_doc.warnings
        notes = len(saved.notes)
        opening = Opening(f"Opened your annotations from {where} ({notes} note{'s' if notes != 1 else ''})")
        return BriefSession(saved, path, target, stamp=loaded.stamp, opening=opening)
    report = _carry(saved, source_doc)
    opening = Opening(
        f"{display_name(path)} changed since {where} was saved: annotations carried onto the new text"
        f" ({_counts(report)}); ctrl+s updates {where}",
        list(report.orphans),
    )
    # The Document is not what the file holds: unsaved until the next save.
    return BriefSession(source_doc, path, target, stamp=loaded.stamp, clean=False, opening=opening)


def _carry(old: Document, new: Document) -> ReanchorReport:
    """Old's entities, key points and notes onto new's text, by their quotes (new's text, blocks and meta win)."""
    from briefreader.model.reanchor import transfer_annotations

    return transfer_annotations(old, new)


def _counts(report: ReanchorReport) -> str:
    return f"{report.moved} moved, {len(report.orphans)} orphaned"


@dataclass
class Reloaded:
    """What reading the source again (after an edit in ``$EDITOR``) found, for the status line."""

    message: str
    """One line: unchanged, or what moved and what was orphaned."""
    problems: list[str] = field(default_factory=list)
    """One line per annotation that could not be carried over, and any warning from reading the file."""
    needs_parse: bool = False
    """The text changed: sentences, entities and key points want a parse of the new text."""
    changed: bool = True
    """False when the file says what the Document already did (nothing was replaced)."""


def source_file(session: BriefSession) -> Path | None:
    """The file that holds the brief's source text, for ``E``: the source it was opened from, or, for a
    brief opened from its YAML, the source beside it that the YAML is paired with (``io.pairing``).

    None for a YAML alone, or one whose neighbour is another brief's source
    (two sources of one name, and the YAML names neither).
    """
    src = session.source
    if src.suffix.lower() not in YAML_SUFFIXES:
        return src
    from briefreader.io.pairing import base_key

    qualified = src.with_suffix("")  # NAME.txt for NAME.txt.yaml
    if qualified.suffix.lower() in BRIEF_SUFFIXES and qualified.suffix and qualified.is_file():
        return qualified
    base = base_key(src.name)
    found = [c for s in BRIEF_SUFFIXES if s and (c := src.with_name(base + s)).is_file()]
    named = [c for c in found if c.name == session.doc.meta.source]
    if named:
        return named[0]
    return found[0] if len(found) == 1 else None


def reload_source(session: BriefSession) -> Reloaded:
    """Read the session's source file again (``source_file``), keeping every annotation, saved or not.

    The same carrying-over as opening a source whose YAML is older: each
    mention, evidence span and note anchor is found again by its quote
    near its old place; a note whose words are gone is kept and marked
    orphaned. Raises BriefError (and changes nothing) when the file can no
    longer be read. Undo starts again: earlier steps point at the old
    text. The brief is unsaved afterwards unless it was clean with no
    annotations file behind it (a source just opened, nothing to save).
    """
    path = source_file(session) or session.source
    fresh = read_brief(path)
    _clean_meta(fresh)
    old, name = session.doc, display_name(path)
    if fresh.text == old.text and fresh.meta == old.meta:
        return Reloaded(f"{name} is unchanged", changed=False)
    clean = not session.dirty and session.stamp is None
    if fresh.text == old.text:
        # Only the front matter changed (title, date, source, tags): everything else stands.
        session.replace(dataclasses.replace(old, meta=fresh.meta, warnings=fresh.warnings), clean=clean)
        return Reloaded(f"Read {name} again: title, date, source or tags changed", list(fresh.warnings))
    report = _carry(old, fresh)
    session.replace(fresh, clean=clean)
    message = f"Read {name} again: annotations carried onto the new text ({_counts(report)})"
    return Reloaded(message, [*report.orphans, *fresh.warnings], needs_parse=True)


def start_fresh(session: BriefSession) -> str:
    """Set the saved annotations aside and read the source again, unannotated (undo starts again).

    The YAML is left as it is, and the session no longer counts it as
    read: the next save asks before replacing it.
    """
    if session.source.suffix.lower() in YAML_SUFFIXES:
        return "This brief was opened from its YAML: there is no source to start from."
    doc = read_brief(session.source)
    _clean_meta(doc)
    session.replace(doc, clean=True)
    session.stamp = None
    return f"Started fresh from {display_name(session.source)}; {display_name(session.save_path)} is left as it was"
