"""``briefreader annotate``: parse many briefs and write annotated YAML.

Good files are always written, bad ones listed with their reason; the exit
status is 1 when any failed. Writes are atomic, so ctrl+c never leaves a
partial YAML behind. Running it again over the same folder updates the
annotated YAML it wrote (notes and corrections kept), never a copy beside
it, and never reads its own output folder as input. Every warning and
every name goes to stderr through the same visible-text filter as the
document text.
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

__all__ = ["Job", "expand", "run_annotate", "usable_cpus"]


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
) -> int:
    """Annotate every input; print one summary line; 1 if anything failed."""
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
    to_parse = sum(1 for j in work if j.parse)
    use = jobs_to_use(jobs, to_parse)
    if use < jobs and to_parse:
        _say(
            f"--jobs {jobs}: using {use} (one process per brief to parse and per usable CPU: "
            f"{to_parse} brief{'s' if to_parse != 1 else ''}, {usable_cpus()} CPU{'s' if usable_cpus() != 1 else ''})"
        )
    written = 0
    try:
        written = _write_all(work, failed, model, taxonomy, use)
    except KeyboardInterrupt:
        # Writes are atomic: what is in DIR is complete; nothing half-written is left.
        _say(f"interrupted; the briefs written so far in {shown_path(out)} are complete")
        return 130
    for path, reason in failed:
        _say(f"{shown_path(path)}: {printable(reason)}")
    summary = f"annotated {written} brief{'s' if written != 1 else ''} into {shown_path(out)}"
    if failed:
        summary += f"; {len(failed)} failed"
    print(summary, file=sys.stderr)
    return 1 if failed else 0


def _save(job: Job, failed: list[tuple[Path, str]], before: BeforeParse | None = None) -> int:
    if before is not None:
        lost = carry_unknown_keys(before, job.doc)
        if lost:
            failed.append(
                (
                    job.source,
                    f"not written: the re-parse has no place for the keys {', '.join(lost)} (run without --reparse)",
                )
            )
            return 0
    try:
        job.target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        failed.append((job.target, f"cannot create its folder: {exc.strerror or exc}"))
        return 0
    try:
        save_document(job.doc, job.target)
    except BriefError as exc:
        failed.append((job.target, exc.reason))
        return 0
    return 1


def _write_all(
    work: list[Job],
    failed: list[tuple[Path, str]],
    model: str | None,
    taxonomy: Path | None,
    jobs: int,
) -> int:
    """Save what needs no parse, then parse and save the rest; returns how many were written."""
    written = 0
    keep = [j for j in work if not j.parse]
    parse = [j for j in work if j.parse]
    with _progress(len(work)) as progress:
        task = progress.add_task("annotate", total=len(work)) if progress else None
        for job in keep:
            written += _save(job, failed)
            if progress and task is not None:
                progress.advance(task)
        if parse:
            from briefreader.nlp.annotate import annotate_many
            from briefreader.nlp.pipeline import ModelError, load_model
            from briefreader.nlp.taxonomy import load_taxonomy

            tax = load_taxonomy(taxonomy) if taxonomy else None
            try:
                loaded = load_model(model)
            except ModelError as exc:
                raise BriefError(None, str(exc)) from None
            befores = [before_parse(j.doc) for j in parse]
            for i, _doc in enumerate(annotate_many([j.doc for j in parse], loaded, tax, jobs=jobs)):
                written += _save(parse[i], failed, befores[i])
                if progress and task is not None:
                    progress.advance(task)
    return written
