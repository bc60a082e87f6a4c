"""``briefreader annotate``: parse many briefs and write annotated YAML.

Good files are always written, bad ones listed with their reason; the exit
status is 1 when any failed. Writes are atomic, so ctrl+c never leaves a
partial YAML behind. Running it again over the same folder updates the
annotated YAML it wrote (notes and corrections kept), never a copy beside
it, and never reads its own output folder as input. Every warning and
every name goes to stderr through the same visible-text filter as the
document text. ``--dask`` moves only the parse (``batch_dask``): planning
and saving are this module's either way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from briefreader.batch_plan import Job, expand, plan
from briefreader.io.decode import printable, shown_name, shown_path
from briefreader.io.errors import BriefError
from briefreader.io.store import save_document
from briefreader.io.unknown_keys import BeforeParse, before_parse, carry_unknown_keys
from briefreader.model.corrections import Corrections
from briefreader.model.document import Document

__all__ = ["Job", "expand", "run_annotate", "usable_cpus"]

_before_parse: dict[Path, BeforeParse] = {}
"""What each target's brief held before its parse, while a run lasts: ``_save`` puts the
unknown keys back from it, for a local parse and a Dask one alike (``batch_dask`` calls
``_save(doc, target, failed)``)."""


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity), not the machine's count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def jobs_to_use(requested: int, briefs: int) -> int:
    """At most one process per brief to parse and per usable CPU, at least one."""
    return max(1, min(requested, briefs, usable_cpus()))


def _say(message: str) -> None:
    print(f"briefreader: {message}", file=sys.stderr)


def _warn(path: Path, warning: str) -> None:
    name = shown_name(path)
    text = printable(warning)
    # Decoding warnings already start with the file's name.
    if text.startswith(f"{name}: "):
        text = text[len(name) + 2 :]
    _say(f"warning: {shown_path(path)}: {text}")


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
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefError(shown_path(out), f"cannot create the output folder: {exc.strerror or exc}") from None
    if not out.is_dir():
        raise BriefError(shown_path(out), "is not a folder")
    files, failed = expand(paths, out)
    work = plan(files, out, reparse, failed)
    for job in work:
        for w in job.doc.warnings:
            _warn(job.source, w)
    keep = [(j.doc, j.target) for j in work if not j.parse]
    parse = [(j.doc, j.target) for j in work if j.parse]
    use = jobs if dask is not None else jobs_to_use(jobs, len(parse))
    if use < jobs and parse:
        cpus = usable_cpus()
        _say(
            f"--jobs {jobs}: using {use} (one process per brief to parse and per usable CPU: "
            f"{len(parse)} brief{'s' if len(parse) != 1 else ''}, {cpus} CPU{'s' if cpus != 1 else ''})"
        )
    written = 0
    _before_parse.clear()
    _before_parse.update((target, before_parse(doc)) for doc, target in parse)
    try:
        if dask is None:
            written = _write_all(keep, parse, failed, model, taxonomy, use, corrections)
        else:
            from briefreader.batch_dask import write_all_dask

            written = write_all_dask(keep, parse, failed, model, taxonomy, jobs, dask, corrections)
    except KeyboardInterrupt:
        # Writes are atomic: what is in DIR is complete; nothing half-written is left.
        _say(f"interrupted; the briefs written so far in {shown_path(out)} are complete")
        return 130
    finally:
        _before_parse.clear()
    for path, reason in failed:
        _say(f"{shown_path(path)}: {printable(reason)}")
    summary = f"annotated {written} brief{'s' if written != 1 else ''} into {shown_path(out)}"
    if failed:
        summary += f"; {len(failed)} failed"
    print(summary, file=sys.stderr)
    return 1 if failed else 0


def _save(doc: Document, target: Path, failed: list[tuple[Path, str]]) -> int:
    before = _before_parse.pop(target, None)
    if before is not None:
        lost = carry_unknown_keys(before, doc)
        if lost:
            keys = ", ".join(lost)
            failed.append((target, f"not written: the re-parse has no place for {keys} (run without --reparse)"))
            return 0
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

            # The taxonomy first: a mistake in it is reported before the seconds spaCy takes to load.
            tax = load_taxonomy(taxonomy) if taxonomy else None
            try:
                loaded = load_model(model)
            except ModelError as exc:
                raise BriefError(None, str(exc)) from None
            targets = [t for _d, t in parse]
            for i, doc in enumerate(annotate_many([d for d, _t in parse], loaded, tax, jobs, corrections)):
                written += _save(doc, targets[i], failed)
                if progress and task is not None:
                    progress.advance(task)
    return written
