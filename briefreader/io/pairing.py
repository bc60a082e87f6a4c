"""A source and its annotated YAML are one brief: which files pair, and what the pair reads as.

The one rule, used by the library index, ``annotate``, ``export``,
``search`` and ``entities`` (the last two through the library): a brief is
one or two files in one folder, a source (``NAME.txt``, ``NAME.md``...)
and the YAML the reader saves beside it (``NAME.yaml``; ``NAME.brief.yaml``
from earlier versions; ``NAME.txt.yaml`` when another file held
``NAME.yaml``), or a YAML alone (what ``annotate --out`` writes). YAML
files that are not annotated briefs (no ``briefreader:`` key) are someone
else's and never pair.

What a pair reads as (``reconcile``): the analyst's YAML wins. The source
is read only to see whether its text changed since; when it did, the
YAML's entities, key points, frames and notes are carried onto the new
text by their quotes (``model.reanchor``), and what cannot be found is
reported, never dropped.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from briefreader.io.sources import BRIEF_SUFFIXES, YAML_SUFFIXES
from briefreader.model.document import Document

_SOURCE_SUFFIXES = tuple(s for s in BRIEF_SUFFIXES if s)
_BRIEF_KEY = re.compile(rb"(?m)^briefreader:")

REPORT_MARKER = "<!-- briefreader report: exporting again replaces this file -->"
"""First line of every Markdown report ``export`` writes: its own output, never read as a brief."""
_REPORT_HEAD = REPORT_MARKER.encode()


def is_report_data(data: bytes) -> bool:
    """True for the bytes of a report ``export --to md`` wrote (its first line is the marker)."""
    return data.lstrip(b"\xef\xbb\xbf").startswith(_REPORT_HEAD)


def is_report_file(path: Path) -> bool:
    """True for a Markdown file ``export --to md`` wrote: the first line says so (not the name:
    a brief may be called ``q3.report.md``)."""
    if path.suffix.lower() not in (".md", ".markdown"):
        return False
    try:
        with path.open("rb") as fh:
            return is_report_data(fh.read(len(_REPORT_HEAD) + 3))
    except OSError:
        return False


def _suffix(name: str) -> str:
    """``os.path.splitext``'s suffix, lower case (string work: a library pairs tens of thousands of names)."""
    return os.path.splitext(name)[1].lower()


def is_yaml(rel: str) -> bool:
    """True for ``.yaml`` / ``.yml`` files."""
    return _suffix(rel) in YAML_SUFFIXES


def looks_annotated(data: bytes) -> bool:
    """True when a YAML file is one the reader wrote (or could read): it has the schema key."""
    return bool(_BRIEF_KEY.search(data))


def base_key(rel: str) -> str:
    """The name a source and its YAML share: ``a/b/NAME`` for NAME.txt, NAME.yaml, NAME.brief.yaml, NAME.txt.yaml."""
    stem, suffix = os.path.splitext(rel)
    if suffix.lower() in YAML_SUFFIXES:
        inner_stem, inner = os.path.splitext(stem)
        if inner.lower() == ".brief" or inner.lower() in _SOURCE_SUFFIXES:
            return inner_stem
    return stem


def _qualified_for(yaml: str) -> str | None:
    """The source a qualified YAML names (``NAME.txt`` for ``NAME.txt.yaml``), else None."""
    stem = os.path.splitext(yaml)[0]
    return stem if _suffix(stem) in _SOURCE_SUFFIXES else None


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

    ``NAME.txt.yaml`` goes to ``NAME.txt``; otherwise two sources with one
    name (``x.txt`` and ``x.md``) are two briefs and the YAML goes to the
    first. ``NAME.yaml`` is preferred over ``NAME.brief.yaml``; a second
    YAML of one name is a brief of its own.
    """
    by_key: dict[str, tuple[list[str], list[str]]] = {}
    for rel in files:
        stem, suffix = os.path.splitext(rel)
        yaml = suffix.lower() in YAML_SUFFIXES
        if yaml and rel not in annotated:
            continue
        sources, yamls = by_key.setdefault(base_key(rel) if yaml else stem, ([], []))
        (yamls if yaml else sources).append(rel)
    out: list[Group] = []
    for key, (sources, yamls) in sorted(by_key.items()):
        yamls.sort(key=lambda r: (_qualified_for(r) is not None, r.lower().endswith((".brief.yaml", ".brief.yml")), r))
        sources.sort()
        taken = {q: y for y in yamls if (q := _qualified_for(y)) in sources}
        plain = [y for y in yamls if y not in taken.values()]
        free = True  # the plain YAML goes to the first source that has no qualified one
        for s in sources:
            mine = taken.get(s)
            if mine is None and free and plain:
                mine, free = plain.pop(0), False
            out.append(Group(key, s, mine))
        out += [Group(key, None, y) for y in plain]
    return out


@dataclass(frozen=True)
class Paired:
    """One brief among a command's inputs: its files, and the subfolder it keeps under the output."""

    source: Path | None
    yaml: Path | None
    sub: Path

    @property
    def path(self) -> Path:
        """The file that names the brief (the YAML when there is one)."""
        path = self.yaml or self.source
        assert path is not None
        return path


def _is_brief_yaml(path: Path) -> bool:
    try:
        return looks_annotated(path.read_bytes())
    except OSError:
        return True  # it pairs, and says why it cannot be read where it is opened


def pair_inputs(files: list[tuple[Path, Path]]) -> list[Paired]:
    """The briefs among ``files`` ((file, subfolder) as ``annotate.expand`` lists them), by ``group``;
    reports ``export`` wrote are left out.

    A YAML that is no brief stays an input of its own (opening it says why
    it is not one), so nothing given on the command line disappears.
    """
    by_folder: dict[Path, dict[str, Path]] = {}
    subs: dict[Path, Path] = {}
    for f, sub in files:
        if is_report_file(f):
            continue  # an earlier export among the briefs: briefreader's own output, not a brief
        by_folder.setdefault(f.parent, {})[f.name] = sub
        subs[f] = sub
    out: list[Paired] = []
    for folder, names in by_folder.items():
        yamls = {n for n in names if is_yaml(n)}
        annotated = {n for n in yamls if _is_brief_yaml(folder / n)}
        for g in group(sorted(names), annotated):
            src, yml = (folder / g.source if g.source else None), (folder / g.yaml if g.yaml else None)
            out.append(Paired(src, yml, names[g.source or g.yaml or ""]))
        out += [Paired(None, folder / n, names[n]) for n in sorted(yamls - annotated)]
    order = {f: i for i, (f, _sub) in enumerate(files)}
    out.sort(key=lambda p: min(order[f] for f in (p.source, p.yaml) if f is not None))
    return out


def related(saved: Document, doc: Document) -> bool:
    """True when ``saved`` is an annotated copy of the brief ``doc`` (same text or same source)."""
    return saved.text == doc.text or (bool(saved.meta.source) and saved.meta.source == doc.meta.source)


def open_pair(p: Paired) -> list[tuple[Path, Document]]:
    """What a pair reads as, named by the file it is reported under: one brief, or two when the YAML
    beside the source is another brief's (neither its text nor its source name is the source's).

    Raises BriefError when the YAML cannot be read; a source that cannot
    be read leaves the YAML, with a warning.
    """
    from briefreader.io.errors import BriefError
    from briefreader.io.sources import open_any, read_brief
    from briefreader.io.store import load_document

    if p.yaml is None or p.source is None:
        return [(p.path, open_any(p.path))]
    saved = load_document(p.yaml)
    try:
        fresh = read_brief(p.source)
    except BriefError as exc:
        saved.warnings.append(f"{p.source.name} cannot be read ({exc.reason}); its annotated copy is used")
        return [(p.source, saved)]
    if not related(saved, fresh):
        return [(p.source, fresh), (p.yaml, saved)]
    return [(p.source, reconcile(saved, fresh, p.yaml.name)[0])]


def reconcile(saved: Document, fresh: Document, yaml_name: str) -> tuple[Document, bool]:
    """The brief a YAML and its source make: ``saved``, or carried onto ``fresh``'s text if the source changed.

    Returns the Document and whether the text changed (it then wants a
    parse: its sentences are gone). Orphans become warnings naming the YAML.
    """
    if saved.text == fresh.text:
        return saved, False
    from briefreader.model.reanchor import transfer_annotations

    report = transfer_annotations(saved, fresh)
    fresh.meta = replace(fresh.meta, extra=saved.meta.extra)
    fresh.extra = saved.extra
    fresh.warnings += [f"{yaml_name}: text changed since it was annotated; {line}" for line in report.orphans]
    return fresh, True
