"""What ``annotate`` will do with each input: which file it writes, and whether it parses.

Run twice over one folder (``annotate d --out d``), the second run finds
``x.yaml`` beside ``x.txt``: that YAML is the brief's annotated copy, so it
is updated (its notes and corrections carried onto the source's current
text) rather than regenerated, and it is not annotated again as an input of
its own. An output folder inside an input folder is never read as input,
so ``--out d/out`` does not nest ``out/out`` on the next run. A source is
always parsed (with this run's model, taxonomy and corrections); what the
analyst did in its annotated copy comes through the re-parse merge, and a
copy holding nothing of the analyst's is simply written anew.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from briefreader.io.errors import BriefError
from briefreader.io.pairing import Paired, pair_inputs, reconcile, related
from briefreader.io.sources import find_briefs, open_any
from briefreader.io.store import load_document
from briefreader.model.document import Document


@dataclass
class Job:
    """One brief to write."""

    source: Path
    """The input it comes from."""
    doc: Document
    target: Path
    parse: bool
    """True when it needs spaCy (a source, a changed text, or ``--reparse``)."""


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def expand(paths: list[Path], out: Path | None = None) -> tuple[list[tuple[Path, Path]], list[tuple[Path, str]]]:
    """(file, folder it sits in relative to the output) pairs, and inputs that are not there.

    A folder is searched with its subfolders, whose layout is kept under the
    output folder (``corpus/business/001.txt`` -> ``DIR/business/001.yaml``);
    the output folder itself is left out when it lies inside an input folder.
    """
    files: list[tuple[Path, Path]] = []
    bad: list[tuple[Path, str]] = []
    for p in paths:
        if p.is_dir():
            skip = out is not None and _inside(out, p) and out.resolve() != p.resolve()
            found = [f for f in find_briefs(p, recursive=True) if not (skip and out is not None and _inside(f, out))]
            if not found:
                bad.append((p, "holds no briefs"))
            files += [(f, f.parent.relative_to(p)) for f in found]
        elif p.exists():
            files.append((p, Path()))
        else:
            bad.append((p, "no such file or folder"))
    return files, bad


def analyst_work(doc: Document) -> bool:
    """True when a saved brief holds something a person did: a note, a correction, a pin, a key of their own."""
    return bool(
        doc.notes
        or doc.extra
        or doc.meta.extra
        # ``edited``, not a mention's origin: corrections.yaml adds and rejects mentions at every parse.
        or any(e.edited or e.extra or any(m.extra for m in e.mentions) for e in doc.entities)
        or any(k.pinned or k.extra or any(ev.extra for ev in k.evidence) for k in doc.key_points)
    )


def _candidates(path: Path, folder: Path) -> Iterator[Path]:
    """``NAME.yaml``, then ``NAME-2.yaml``... made one at a time: the first is nearly always the one
    (building all 999 names for each brief was 0.6 s of an 8 s batch of 80)."""
    yield folder / f"{path.stem}.yaml"
    for n in range(2, 1000):
        yield folder / f"{path.stem}-{n}.yaml"


def plan(files: list[tuple[Path, Path]], out: Path, reparse: bool, failed: list[tuple[Path, str]]) -> list[Job]:
    """A job per brief (``io.pairing``: a source and its annotated YAML are one), sources first, so each
    claims its own annotated YAML before YAML inputs are read."""
    claimed: set[Path] = set()
    jobs: list[Job] = []
    briefs = pair_inputs(files)
    for p in [p for p in briefs if p.source is not None]:
        assert p.source is not None
        try:
            doc = open_any(p.source)
            saved = _paired_yaml(p, doc, failed)
            if saved is None:
                job = _source_job(p.source, doc, out / p.sub, claimed)
            else:
                assert p.yaml is not None
                merged = _merge(doc, saved, p.yaml.name)
                job = Job(p.source, merged, _yaml_target(p.yaml, merged, out / p.sub, claimed), parse=True)
        except BriefError as exc:
            failed.append((p.source, exc.reason))
            continue
        claimed.add(job.target.resolve())
        jobs.append(job)
    for p in [p for p in briefs if p.source is None]:
        f = p.path
        if f.resolve() in claimed:
            continue  # the annotated copy of a source above: updated there, not annotated twice
        try:
            doc = open_any(f)
            target = _yaml_target(f, doc, out / p.sub, claimed)
        except BriefError as exc:
            failed.append((f, exc.reason))
            continue
        claimed.add(target.resolve())
        jobs.append(Job(f, doc, target, parse=reparse or not doc.parsed))
    return jobs


def _paired_yaml(p: Paired, doc: Document, failed: list[tuple[Path, str]]) -> Document | None:
    """The annotated YAML beside a source (the analyst's work), when there is one that can be read."""
    if p.yaml is None:
        return None
    try:
        saved = load_document(p.yaml)
    except BriefError as exc:
        failed.append((p.yaml, exc.reason))  # listed, and the source is annotated as if alone
        return None
    return saved if related(saved, doc) else None  # another brief's annotations: the source goes alone


def _source_job(f: Path, doc: Document, folder: Path, claimed: set[Path]) -> Job:
    """Write beside the first free name, or update the annotated copy already written for this brief."""
    for target in _candidates(f, folder):
        if target.resolve() in claimed:
            continue
        if not target.exists():
            return Job(f, doc, target, parse=True)
        try:
            saved = load_document(target)
        except BriefError as exc:
            doc.warnings.append(f"{target.name} is there but cannot be read ({exc.reason}); left as it is")
            continue  # not ours to overwrite
        if not related(saved, doc):
            continue
        return Job(f, _merge(doc, saved, target.name), target, parse=True)
    raise BriefError(f, "no free output name")


def _merge(doc: Document, saved: Document, name: str) -> Document:
    """The brief to parse from a source and its annotated copy: the analyst's work on the source's text."""
    if not analyst_work(saved):
        return doc  # nothing of the analyst's to keep: as a first run
    if saved.text == doc.text:
        # Parsed again (this run's model, taxonomy and corrections) over what the analyst did:
        # the re-parse merge keeps notes, corrected entities and pinned points.
        saved.meta = replace(doc.meta, extra=saved.meta.extra)
        saved.warnings[:0] = doc.warnings
        return saved
    # The source changed since: its text and blocks win, the notes and corrections come along.
    return reconcile(saved, doc, name)[0]


def _yaml_target(f: Path, doc: Document, folder: Path, claimed: set[Path]) -> Path:
    """Its own place, or a copy of it, or the first free name: never over other work."""
    for target in _candidates(f, folder):
        if target.resolve() in claimed:
            continue
        if not target.exists() or target.resolve() == f.resolve():
            return target
        try:
            saved = load_document(target)
        except BriefError:
            continue
        # Overwrite an earlier copy only when nothing written there would be lost.
        mine = {(n.id, n.text) for n in doc.notes}
        if related(saved, doc) and all((n.id, n.text) in mine for n in saved.notes):
            return target
    raise BriefError(f, "no free output name")
