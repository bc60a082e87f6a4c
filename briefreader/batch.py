"""``briefreader annotate``: parse many briefs and write annotated YAML.

Good files are always written, bad ones listed with their reason; the exit
status is 1 when any failed. Writes are atomic, so ctrl+c never leaves a
partial YAML behind.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from briefreader.io.errors import BriefError
from briefreader.io.sources import YAML_SUFFIXES, find_briefs, open_any
from briefreader.io.store import save_document
from briefreader.model.corrections import Corrections
from briefreader.model.display import one_line
from briefreader.model.document import Document


def expand(paths: list[Path]) -> tuple[list[tuple[Path, Path]], list[tuple[Path, str]]]:
    """(file, folder it sits in relative to the output) pairs, and inputs that are not there.

    A folder is searched with its subfolders, whose layout is kept under the
    output folder (``corpus/business/001.txt`` -> ``DIR/business/001.yaml``).
    """
    files: list[tuple[Path, Path]] = []
    bad: list[tuple[Path, str]] = []
    for p in paths:
        if p.is_dir():
            found = find_briefs(p, recursive=True)
            if not found:
                bad.append((p, "holds no briefs"))
            files += [(f, f.parent.relative_to(p)) for f in found]
        elif p.exists():
            files.append((p, Path()))
        else:
            bad.append((p, "no such file or folder"))
    return files, bad


def out_name(path: Path, out: Path, used: set[Path]) -> Path:
    """``out/<stem>.yaml``, with -2, -3... when two inputs share a stem."""
    target = out / f"{path.stem}.yaml"
    n = 2
    while target in used:
        target = out / f"{path.stem}-{n}.yaml"
        n += 1
    used.add(target)
    return target


@contextmanager
def _progress(total: int) -> Iterator[Progress | None]:
    if not sys.stderr.isatty():
        yield None
        return
    progress = Progress(
        TextColumn("annotating"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with progress:
        yield progress


def run_annotate(
    paths: list[Path],
    out: Path,
    *,
    model: str | None = None,
    taxonomy: Path | None = None,
    reparse: bool = False,
    jobs: int = 1,
    dask: str | None = None,
    corrections: Corrections | None = None,
) -> int:
    """Annotate every input; print one summary line; 1 if anything failed.

    ``dask`` (a scheduler address or ``local``) parses on a Dask cluster
    instead of here (``batch_dask``); everything else is the same.
    """
    files, failed = expand(paths)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefError(out, f"cannot create the output folder: {exc.strerror or exc}") from None
    if not out.is_dir():
        raise BriefError(out, "is not a folder")
    used: set[Path] = set()
    keep: list[tuple[Document, Path]] = []
    parse: list[tuple[Document, Path]] = []
    for f, sub in files:
        try:
            doc = open_any(f)
        except BriefError as exc:
            failed.append((f, exc.reason))
            continue
        target = out_name(f, out / sub, used)
        if f.suffix.lower() in YAML_SUFFIXES and doc.parsed and not reparse:
            keep.append((doc, target))
        else:
            parse.append((doc, target))
    written = 0
    try:
        if dask is None:
            written = _write_all(keep, parse, failed, model, taxonomy, jobs, corrections)
        else:
            from briefreader.batch_dask import write_all_dask

            written = write_all_dask(keep, parse, failed, model, taxonomy, jobs, dask, corrections)
    except KeyboardInterrupt:
        # Writes are atomic: what is in DIR is complete; nothing half-written is left.
        print(f"briefreader: interrupted; the briefs written so far in {out} are complete", file=sys.stderr)
        return 130
    for path, reason in failed:
        print(f"briefreader: {one_line(str(path))}: {one_line(reason)}", file=sys.stderr)
    summary = f"annotated {written} brief{'s' if written != 1 else ''} into {out}"
    if failed:
        summary += f"; {len(failed)} failed"
    print(summary, file=sys.stderr)
    return 1 if failed else 0


def _save(doc: Document, target: Path, failed: list[tuple[Path, str]]) -> int:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        failed.append((target, f"cannot create its folder: {exc.strerror or exc}"))
        return 0
    try:
        save_document(doc, target)
    except BriefError as exc:
        failed.append((target, exc.reason))
        return 0
    return 1


def _write_all(
    keep: list[tuple[Document, Path]],
    parse: list[tuple[Document, Path]],
    failed: list[tuple[Path, str]],
    model: str | None,
    taxonomy: Path | None,
    jobs: int,
    corrections: Corrections | None = None,
) -> int:
    """Save what needs no parse, then parse and save the rest; returns how many were written."""
    written = 0
    with _progress(len(keep) + len(parse)) as progress:
        task = progress.add_task("annotate", total=len(keep) + len(parse)) if progress else None
        for doc, target in keep:
            written += _save(doc, target, failed)
            if progress and task is not None:
                progress.advance(task)
        if parse:
            from briefreader.nlp.annotate import annotate_many
            from briefreader.nlp.pipeline import ModelError, load_model
            from briefreader.nlp.taxonomy import load_taxonomy

            try:
                loaded = load_model(model)
            except ModelError as exc:
                raise BriefError(None, str(exc)) from None
            tax = load_taxonomy(taxonomy) if taxonomy else None
            targets = [t for _d, t in parse]
            for i, doc in enumerate(annotate_many([d for d, _t in parse], loaded, tax, max(1, jobs), corrections)):
                written += _save(doc, targets[i], failed)
                if progress and task is not None:
                    progress.advance(task)
    return written
