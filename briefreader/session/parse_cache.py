"""The parse cache: a brief's parse, kept once, for the library, the CLI and the reader alike.

A parse is a pure function of the text, the pipeline (name and version),
the taxonomy, the corrections applied after it (named by the bytes of
``corrections.yaml``, see ``corrections_digest``) and this program's own
version; the key is a hash of all of them, so a cached parse is never
stale, only unused. Entries are the parsed Document as the YAML store
writes it, one file each, under ``<cache dir>/parses/`` (the user cache
folder, or ``$BRIEFREADER_CACHE_DIR``), written atomically: two processes
filling the cache at once each write whole files.

Only the parse of a bare source is cached (no entities, notes or key
points of the analyst's): a brief with annotations is merged with its
parse, which depends on more than the text. The pipeline is identified
without loading spaCy (``pipeline_identity``: the installed package's
version). ``ParseService.parse`` looks here first, so the reader and the
library screen get a cached parse in milliseconds, with no spaCy loaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from importlib.machinery import ModuleSpec
from pathlib import Path

import briefreader
from briefreader.io.cache_folder import cache_root
from briefreader.io.errors import BriefError
from briefreader.model.document import Document

FORMAT = "2"
"""Bump when what a cached entry holds, or what its key is made of, changes (2: corrections by their bytes)."""


def cache_dir() -> Path:
    """Where parses live (``$BRIEFREADER_CACHE_DIR``, else platformdirs' user cache)."""
    return cache_root() / "parses"


def pipeline_identity(requested: str | None) -> tuple[str, str] | None:
    """(name, version) of the pipeline ``load_model(requested)`` would load, found without spaCy; None if none is."""
    from briefreader.nlp.pipeline import candidates

    for name in candidates(requested):
        if os.path.isdir(name):
            import json  # only for a pipeline in a folder: the reader keys a brief before its first frame

            try:
                meta = json.loads((Path(name) / "meta.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
            return f"{meta.get('lang', '')}_{meta.get('name', name)}", str(meta.get("version", "?"))
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is None:
            continue
        version = _dist_info_version(name, spec)
        if version is not None:
            return name, version
        from importlib import metadata  # only when no dist-info folder says it (see _dist_info_version)

        for dist in (name, name.replace("_", "-")):
            try:
                return name, metadata.version(dist)
            except metadata.PackageNotFoundError:
                continue
        return name, "?"
    return None


def _dist_info_version(name: str, spec: ModuleSpec) -> str | None:
    """The version in the name of the one ``NAME-VERSION.dist-info`` folder beside the package, else None.

    What ``importlib.metadata.version`` answers for a wheel, without importing
    it: that import (email parsing and all) was most of the time a reader takes
    to find a cached brief's key, between its first frame and its key points.
    """
    if spec.submodule_search_locations:
        site = os.path.dirname(next(iter(spec.submodule_search_locations)))
    elif spec.origin:
        site = os.path.dirname(spec.origin)
    else:
        return None
    prefix, suffix = f"{name}-", ".dist-info"
    try:
        found = [e[len(prefix) : -len(suffix)] for e in os.listdir(site) if e.startswith(prefix) and e.endswith(suffix)]
    except OSError:
        return None
    # Two (a stale one beside the new) or a name that only starts like this one: ask importlib.metadata.
    return found[0] if len(found) == 1 and found[0] and "-" not in found[0] else None


def _taxonomy_bytes(path: Path | str | None) -> bytes:
    if path is None:
        import briefreader.nlp  # imports nothing of spaCy

        # The file beside the package, as importlib.resources finds it for an installed package,
        # without its import (~3 ms before the reader's first frame); resources for anything else.
        bundled = Path(briefreader.nlp.__file__).with_name("taxonomy.yaml") if briefreader.nlp.__file__ else None
        if bundled is not None and bundled.is_file():
            return bundled.read_bytes()
        from importlib import resources

        return resources.files("briefreader.nlp").joinpath("taxonomy.yaml").read_bytes()
    return Path(path).read_bytes()


def corrections_digest() -> str:
    """The corrections every parse applies, named by the bytes of ``corrections.yaml`` (not by what they say).

    Those bytes decide the corrections (``load_corrections`` reads nothing
    else, and this program's version is in the key), so equal bytes mean
    equal corrections; an edit that changes nothing they say (a comment)
    costs a parse, never a wrong one. Named this way, the key needs no YAML
    read (PyYAML's import alone was 15 ms of the reader's start, where the
    key decides whether to start the parse process at once): a stat, a read
    and a hash. A file that cannot be used applies no corrections.
    """
    from briefreader.io.config_folder import CORRECTIONS_MAX_BYTES, corrections_path
    from briefreader.io.decode import read_bytes

    path = corrections_path()
    if not path.exists():
        return "none"
    try:
        data = read_bytes(path, CORRECTIONS_MAX_BYTES)
    except BriefError:
        return "unusable"  # too large, not a file, unreadable: load_corrections applies none of it
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def key_base(model: str | None, taxonomy: Path | str | None) -> str | None:
    """What every key of one run shares (the pipeline, taxonomy, corrections, this version); None if unknown.

    Computed once per run: ``parse_missing`` keys thousands of briefs with it.
    """
    pipeline = pipeline_identity(model)
    if pipeline is None:
        return None
    try:
        tax = hashlib.blake2b(_taxonomy_bytes(taxonomy), digest_size=16).hexdigest()
    except OSError:
        return None
    return "\0".join((FORMAT, briefreader.__version__, *pipeline, tax, corrections_digest()))


def layout(doc: Document) -> str:
    """What of a brief besides its text its parse depends on: its date and its blocks.

    Relative dates and status are read against the brief's date, which a
    Markdown brief keeps in front matter outside its text; sentences never
    cross a block. Two files with one text and different dates are two parses.
    """
    blocks = ";".join(f"{b.kind}:{b.start}:{b.end}" for b in doc.blocks)
    return f"{doc.meta.date or ''}\0{blocks}"


def key_with(base: str | None, text: str, brief_layout: str = "") -> str | None:
    """The key of ``text``'s parse, laid out as ``brief_layout`` (see ``layout``), under a ``key_base``."""
    if base is None:
        return None
    h = hashlib.blake2b(base.encode("utf-8", "surrogatepass") + b"\0", digest_size=20)
    h.update(brief_layout.encode("utf-8", "surrogatepass") + b"\0")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def cache_key(text: str, model: str | None, taxonomy: Path | str | None, brief_layout: str = "") -> str | None:
    """The key of ``text``'s parse with this pipeline, taxonomy and corrections; None when it cannot be known."""
    return key_with(key_base(model, taxonomy), text, brief_layout)


def entry_path(key: str) -> Path:
    """The file a parse under ``key`` is kept in (whether or not it exists)."""
    return cache_dir() / key[:2] / f"{key}.yaml"


def is_bare(doc: Document) -> bool:
    """True for an unparsed brief with nothing of the analyst's: its parse depends on its text alone."""
    return not (doc.parsed or doc.entities or doc.key_points or doc.notes or doc.events)


def lookup(doc: Document, key: str | None) -> Document | None:
    """The cached parse of ``doc``'s text under ``key``, with ``doc``'s own metadata; None on a miss."""
    path = entry_path(key) if key is not None else None
    if path is None or not path.is_file():
        return None  # the common miss costs a stat: the YAML stack is not imported before the first frame
    from briefreader.io.store import loads

    try:
        cached = loads(path.read_text(encoding="utf-8"), source=str(path))
    except (OSError, UnicodeDecodeError, BriefError):
        return None  # missing, unreadable or damaged: parse again (and write it anew)
    return adopt(cached, doc)


def adopt(cached: Document, doc: Document) -> Document | None:
    """A cached parse given ``doc``'s metadata, blocks and warnings; None if it is of another text."""
    if cached.text != doc.text:
        return None
    cached.meta, cached.blocks = doc.meta, doc.blocks
    cached.warnings = [*doc.warnings]
    return cached


def store(key: str | None, parsed: Document) -> None:
    """Keep a parse under ``key`` (quietly nothing when the cache folder cannot be written)."""
    if key is None or not parsed.parsed:
        return
    from briefreader.io.atomic import atomic_write
    from briefreader.io.store import dumps

    path = entry_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, dumps(parsed))
    except (OSError, BriefError):
        pass  # a cache is an optimisation: a read-only or full cache folder costs a parse, nothing more
