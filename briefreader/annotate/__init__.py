"""``briefreader annotate``: parse many briefs and write annotated YAML.

Good files are always written, bad ones listed with their reason; the exit
status is 1 when any failed. Writes are atomic, so ctrl+c never leaves a
partial YAML behind. Running it again over the same folder updates the
annotated YAML it wrote (notes and corrections kept), never a copy beside
it, and never reads its own output folder as input. Every warning and
every name goes to stderr through the same visible-text filter as the
document text. ``--dask`` moves only the parse (``annotate.cluster``): planning
and saving are this module's either way.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from briefreader.annotate.failures import each_or_why
from briefreader.annotate.output import before_by_target, progress_bar, save, say, warn
from briefreader.annotate.plan import Job, expand, plan
from briefreader.io.decode import printable, shown_path
from briefreader.io.errors import BriefError
from briefreader.io.sources import YAML_SUFFIXES
from briefreader.io.unknown_keys import before_parse
from briefreader.model.corrections import Corrections
from briefreader.model.document import Document

if TYPE_CHECKING:
    from briefreader.annotate.workers import Workers
    from briefreader.nlp.taxonomy import Taxonomy

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
    instead of here (``annotate.cluster``); everything else is the same.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefError(shown_path(out), f"cannot create the output folder: {exc.strerror or exc}") from None
    if not out.is_dir():
        raise BriefError(shown_path(out), "is not a folder")
    files, failed = expand(paths, out)
    with ExitStack() as stack:
        try:
            # Workers load spaCy while this process reads and plans (their second of loading hides it).
            early = _start_early(stack, files, jobs, dask, model, taxonomy, corrections)
            work = plan(files, out, reparse, failed)
            for job in work:
                for w in job.doc.warnings:
                    warn(job.source, w)
            keep = [(j.doc, j.target) for j in work if not j.parse]
            parse = [(j.doc, j.target) for j in work if j.parse]
            use = jobs if dask is not None else jobs_to_use(jobs, len(parse))
            if use < jobs and parse:
                cpus = usable_cpus()
                say(
                    f"--jobs {jobs}: using {use} (one process per brief to parse and per usable CPU: "
                    f"{len(parse)} brief{'s' if len(parse) != 1 else ''}, {cpus} CPU{'s' if cpus != 1 else ''})"
                )
            if dask is None:
                late = early is None and use > 1 and bool(parse)
                pool = _start_workers(stack, use, model, taxonomy, corrections) if late else early
                written = _write_all(keep, parse, failed, model, taxonomy, corrections, pool)
            else:
                from briefreader.annotate.cluster import write_all_dask

                before_by_target.clear()
                before_by_target.update((target, before_parse(doc)) for doc, target in parse)
                written = write_all_dask(keep, parse, failed, model, taxonomy, jobs, dask, corrections)
        except KeyboardInterrupt:
            # Writes are atomic: what is in DIR is complete; nothing half-written is left.
            say(f"interrupted; the briefs written so far in {shown_path(out)} are complete")
            return 130
        finally:
            before_by_target.clear()
    for path, reason in failed:
        say(f"{shown_path(path)}: {printable(reason)}")
    summary = f"annotated {written} brief{'s' if written != 1 else ''} into {shown_path(out)}"
    if failed:
        summary += f"; {len(failed)} failed"
    print(summary, file=sys.stderr)
    return 1 if failed else 0


def _start_early(
    stack: ExitStack,
    files: list[tuple[Path, Path]],
    jobs: int,
    dask: str | None,
    model: str | None,
    taxonomy: Path | None,
    corrections: Corrections | None,
) -> Workers | None:
    """The worker processes, started before planning when there are sources enough to keep them all busy.

    Sources are always parsed, so with at least as many sources as workers
    none is started in vain; otherwise (few sources, or YAML inputs that may
    need no parse) the workers start once the plan says how many to use.
    """
    if dask is not None or jobs < 2:
        return None
    sources = sum(1 for f, _sub in files if f.suffix.lower() not in YAML_SUFFIXES)
    use = jobs_to_use(jobs, sources)
    if use < 2 or use < min(jobs, usable_cpus()):
        return None
    return _start_workers(stack, use, model, taxonomy, corrections)


def _start_workers(
    stack: ExitStack, jobs: int, model: str | None, taxonomy: Path | None, corrections: Corrections | None
) -> Workers:
    """``jobs`` worker processes, loading the pipeline from now on (before any thread of the progress bar)."""
    from briefreader.annotate.workers import workers

    return stack.enter_context(workers(jobs, model, _taxonomy(taxonomy), corrections))


def _taxonomy(path: Path | None) -> Taxonomy | None:
    """The run's taxonomy, read before spaCy loads: a mistake in it is reported before those seconds."""
    from briefreader.nlp.taxonomy import load_taxonomy

    return load_taxonomy(path) if path else None


def _save_kept(
    keep: list[tuple[Document, Path]],
    failed: list[tuple[Path, str]],
    to_parse: int,
    then: Callable[[Callable[[], None]], int],
) -> int:
    """Save the briefs that need no parse, then run ``then(advance)``, under one progress bar."""
    written = 0
    with progress_bar(len(keep) + to_parse) as progress:
        task = progress.add_task("annotate", total=len(keep) + to_parse) if progress else None

        def advance() -> None:
            if progress and task is not None:
                progress.advance(task)

        for doc, target in keep:
            written += save(doc, target, failed)
            advance()
        written += then(advance)
    return written


def _write_all(
    keep: list[tuple[Document, Path]],
    parse: list[tuple[Document, Path]],
    failed: list[tuple[Path, str]],
    model: str | None,
    taxonomy: Path | None,
    corrections: Corrections | None,
    pool: Workers | None,
) -> int:
    """Save what needs no parse, then parse and save the rest (in ``pool``'s workers, or here);
    returns how many were written."""
    if not parse:
        return _save_kept(keep, failed, 0, lambda advance: 0)
    briefs = [(doc, target, before_parse(doc)) for doc, target in parse]
    if pool is not None:
        return _save_kept(keep, failed, len(parse), lambda advance: pool.parse_and_save(briefs, failed, advance))
    tax = _taxonomy(taxonomy)
    before_by_target.clear()
    before_by_target.update((target, before) for _doc, target, before in briefs)
    return _save_kept(
        keep, failed, len(parse), lambda advance: _parse_in_one_stream(parse, failed, model, tax, corrections, advance)
    )


def _parse_in_one_stream(
    parse: list[tuple[Document, Path]],
    failed: list[tuple[Path, str]],
    model: str | None,
    tax: Taxonomy | None,
    corrections: Corrections | None,
    advance: Callable[[], None],
) -> int:
    """``--jobs 1``: every block of every brief through one ``nlp.pipe``, each YAML written as its brief is done."""
    from briefreader.nlp.annotate import annotate_many
    from briefreader.nlp.pipeline import ModelError, load_model

    try:
        loaded = load_model(model)
    except ModelError as exc:
        raise BriefError(None, str(exc)) from None
    gc.freeze()  # the pipeline's objects live as long as the run: the collector need not walk them again
    written = 0
    targets = [t for _d, t in parse]
    docs = [d for d, _t in parse]
    # A brief whose parse raises is named and the run goes on (exit 1 at the end), as the Dask path does.
    for i, outcome in each_or_why(docs, lambda some: annotate_many(some, loaded, tax, 1, corrections)):
        if isinstance(outcome, str):
            failed.append((targets[i], outcome))
        else:
            written += save(outcome, targets[i], failed)
        advance()
    return written
