"""``entities`` and ``search`` on a folder nobody opened: parse the briefs that have no parse yet.

The library screen parses its new briefs in the background and feeds the
results to the index; from the command line the same is done here, before
the query: each brief with no annotated YAML and no parse is looked up in
the parse cache (``session.parse_cache``, shared with the reader and the
library screen), and what the cache does not hold is parsed in this
process in one ``nlp.pipe`` stream, then cached and fed to the index
(``LibraryIndex.record_parse``). No YAML is written. A progress bar goes
to stderr when it is a terminal. ``--no-parse`` skips all this.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefreader.io.errors import BriefError
from briefreader.model.display import one_line
from briefreader.model.document import Document

if TYPE_CHECKING:
    from briefreader.library import LibraryIndex
    from briefreader.model.corrections import Corrections
    from briefreader.nlp.pipeline import LoadedModel
    from briefreader.nlp.taxonomy import Taxonomy

BATCH = 32
"""Briefs per ``nlp.pipe`` stream (a failure re-parses only its batch, one brief at a time)."""


@dataclass
class _Todo:
    index: LibraryIndex
    rel: str
    doc: Document
    key: str | None


def parse_missing(
    indexes: list[tuple[LibraryIndex, Path]],
    model: str | None,
    taxonomy: Path | None,
    corrections: Callable[[], Corrections | None],
) -> int:
    """Parse (or take from the cache) every brief that has no parse; how many were fed to the indexes.

    ``corrections`` loads what a parse applies (the command's own loader, which reports problems).
    """
    from briefreader.io.sources import open_any
    from briefreader.session import parse_cache

    todo: list[_Todo] = []
    fed = 0
    base: str | None = None
    known = False
    for index, _shown in indexes:
        for rel in index.unparsed():
            try:
                doc = open_any(index.path_of(rel))
            except BriefError:
                continue  # the index lists it with its reason already
            if not known:  # the pipeline, taxonomy and corrections: looked up once, when a brief needs them
                base, known = parse_cache.key_base(model, taxonomy), True
            key = parse_cache.key_with(base, doc.text, parse_cache.layout(doc))
            hit = parse_cache.lookup(doc, key)
            if hit is not None:
                fed += index.record_parse(rel, hit)
            else:
                todo.append(_Todo(index, rel, doc, key))
    if todo:
        fed += _parse(todo, model, taxonomy, corrections)
    return fed


def _parse(todo: list[_Todo], model: str | None, taxonomy: Path | None, load: Callable[[], Corrections | None]) -> int:
    from briefreader.nlp.annotate import annotate_many
    from briefreader.nlp.pipeline import ModelError, load_model
    from briefreader.nlp.taxonomy import load_taxonomy
    from briefreader.session import parse_cache

    try:
        loaded = load_model(model)
        tax = load_taxonomy(taxonomy) if taxonomy else None
    except (ModelError, BriefError) as exc:
        _say(f"note: {len(todo)} briefs not parsed: {exc}")
        return 0
    corrections = load()
    show = sys.stderr.isatty()
    fed = done = 0
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        try:
            for _doc in annotate_many([t.doc for t in batch], loaded, tax, corrections=corrections):
                pass  # annotate_many fills each Document in place
            parsed = batch
        except Exception:
            parsed = [t for t in batch if _alone(t, loaded, tax, corrections)]  # the one at fault costs only itself
        for item in parsed:
            parse_cache.store(item.key, item.doc)
            fed += item.index.record_parse(item.rel, item.doc)
        done += len(batch)
        if show:
            _bar(done, len(todo))
    return fed


def _alone(item: _Todo, loaded: LoadedModel, tax: Taxonomy | None, corrections: Corrections | None) -> bool:
    from briefreader.nlp.annotate import annotate_many

    try:
        for _doc in annotate_many([item.doc], loaded, tax, corrections=corrections):
            pass
    except Exception as exc:
        _say(f"note: {one_line(item.rel)} not parsed ({type(exc).__name__}: {one_line(str(exc), 200)})")
        return False
    return True


def _bar(done: int, total: int, width: int = 30) -> None:
    filled = width * done // total
    end = "\n" if done == total else ""
    print(f"\rparsing [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end=end, file=sys.stderr, flush=True)


def _say(message: str) -> None:
    print(f"briefreader: {one_line(message, 500)}", file=sys.stderr)
