"""``annotate --jobs N`` (N > 1): N worker processes that each parse and write their own briefs.

spaCy's own ``n_process`` made ``--jobs 2`` only 1.43x faster than one
process: this process fed the workers texts, rebuilt every parsed Doc they
sent back, and then did all that comes after spaCy (entities, key points,
event frames) and wrote every YAML by itself, while the workers waited for
it. Here the briefs are handed out a few at a time to N processes that
each parse, finish and save their own; this process only counts what comes
back (the progress bar, the failures).

Each worker loads the pipeline as it starts, the workers side by side, so
loading takes the time of one load, and ``annotate`` starts them before it
reads and plans its inputs, which then costs no time of its own; this
process never loads it (which
also spares it unloading spaCy at exit, and the workers the page copies
that sharing a loaded pipeline between forked processes costs). A worker parses its briefs as
``--jobs 1`` parses all of them (``annotate_many``), and each file is the
same, byte for byte, as ``--jobs 1`` writes (a test compares them). Workers ignore ctrl+c: this
process stops handing out briefs and lets the ones being written finish,
so an interrupted run still leaves only complete files.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path

from briefreader.io.errors import BriefError
from briefreader.io.unknown_keys import BeforeParse
from briefreader.model.corrections import Corrections
from briefreader.model.document import Document
from briefreader.nlp.taxonomy import Taxonomy

Failures = list[tuple[Path, str]]

_setup: tuple[str | None, Taxonomy | None, Corrections | None] | None = None
"""This worker's pipeline name, taxonomy and corrections (set as it starts)."""
_load_error: str | None = None
"""Why this worker has no pipeline (a spawned worker loads its own), or None."""


def _start_worker(model: str | None, taxonomy: Taxonomy | None, corrections: Corrections | None) -> None:
    """In each worker: leave ctrl+c to the parent, remember the run's settings, have the pipeline."""
    global _setup, _load_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _setup = (model, taxonomy, corrections)
    from briefreader.nlp.pipeline import ModelError, load_model

    gc.disable()  # importing spaCy and loading the pipeline make objects that all live on
    try:
        load_model(model)
    except ModelError as exc:
        _load_error = str(exc)
    finally:
        gc.enable()
    # The pipeline lives as long as the worker: the collector need not walk its objects again.
    gc.freeze()


def _ready() -> str | None:
    """Run once per worker at the start: why it cannot parse, or None."""
    return _load_error


Brief = tuple[Document, Path, BeforeParse]
"""A brief to parse, where its YAML goes, and what it held before the parse (its unknown keys)."""


def _parse_and_save(briefs: list[Brief]) -> list[tuple[int, Failures]]:
    """The unit of work, in a worker: parse a few briefs in one stream, write each one's YAML.

    A few at a time, through ``annotate_many`` as ``--jobs 1`` does: spaCy
    batches the blocks of several briefs together, which one brief per call
    (a handful of paragraphs) did not, ~10% slower.
    """
    from briefreader.annotate import output as batch_output
    from briefreader.annotate.failures import each_or_why
    from briefreader.nlp.annotate import annotate_many
    from briefreader.nlp.pipeline import load_model

    assert _setup is not None
    model, taxonomy, corrections = _setup
    loaded = load_model(model)
    out = []
    docs = [doc for doc, _target, _before in briefs]
    # A brief whose parse raises is reported with its name; the others of the hand-out are still written.
    for i, outcome in each_or_why(docs, lambda some: annotate_many(some, loaded, taxonomy, 1, corrections)):
        _doc, target, before = briefs[i]
        failed: Failures = []
        if isinstance(outcome, str):
            out.append((0, [(target, outcome)]))
            continue
        batch_output.before_by_target[target] = before
        out.append((batch_output.save(outcome, target, failed), failed))
    return out


def chunks(order: list[int], jobs: int, largest: int = 16) -> list[list[int]]:
    """Hand-outs that shrink as the work runs out: few calls at first, an even finish at the end."""
    out, at = [], 0
    while at < len(order):
        size = max(1, min(largest, -(-(len(order) - at) // (3 * jobs))))
        out.append(order[at : at + size])
        at += size
    return out


class Workers:
    """A pool of parsing processes for one run."""

    def __init__(
        self,
        pool: ProcessPoolExecutor,
        jobs: int,
        ready: list[Future[str | None]],
        restart: Callable[[], ProcessPoolExecutor] | None = None,
    ) -> None:
        self.pool = pool
        self.jobs = jobs
        self._ready = ready
        self._restart = restart
        """A new pool like the first, after a worker died (None: a death ends the run)."""

    def wait_ready(self) -> None:
        """Block until every worker has its pipeline; a BriefError saying why one cannot load it."""
        for future in self._ready:
            problem = future.result()
            if problem:
                raise BriefError(None, problem)

    def parse_and_save(self, parse: list[Brief], failed: Failures, advance: Callable[[], None]) -> int:
        """Parse and write every brief; failures are added in the order of ``parse``; returns files written."""
        self.wait_ready()
        pending: dict[Future[list[tuple[int, Failures]]], list[int]] = {}
        outcomes: dict[int, Failures] = {}
        written = 0
        try:
            # Longest first: the last briefs handed out are short, so the workers finish together.
            order = sorted(range(len(parse)), key=lambda i: -len(parse[i][0].text))
            for part in chunks(order, self.jobs):
                pending[self.pool.submit(_parse_and_save, [parse[i] for i in part])] = part
            broken = False
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    part = pending.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        broken = True  # a worker died (killed, out of memory, a crash in C): see below
                        continue
                    for i, (n, problems) in zip(part, results, strict=True):
                        written += n
                        outcomes[i] = problems
                        advance()
            if broken:
                written += self._one_at_a_time([i for i in order if i not in outcomes], parse, outcomes, advance)
        except KeyboardInterrupt:
            # Briefs not yet started are dropped; the ones being written finish (atomic writes).
            self.pool.shutdown(wait=True, cancel_futures=True)
            raise
        finally:
            for i in sorted(outcomes):
                failed.extend(outcomes[i])
        return written

    def _one_at_a_time(
        self, left: list[int], parse: list[Brief], outcomes: dict[int, Failures], advance: Callable[[], None]
    ) -> int:
        """After a worker died: the briefs not yet done, one at a time in a new pool, so a death names its brief."""
        if self._restart is None:
            raise BriefError(None, "a worker process died; run again with --jobs 1 to find the brief")
        written = 0
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._restart()
        for i in left:
            try:
                n, problems = self.pool.submit(_parse_and_save, [parse[i]]).result()[0]
            except BrokenProcessPool:
                n, problems = 0, [(parse[i][1], "not annotated: the worker process parsing it died")]
                self.pool.shutdown(wait=True)
                self.pool = self._restart()
            written += n
            outcomes[i] = problems
            advance()
        return written


@contextmanager
def workers(
    jobs: int, model: str | None, taxonomy: Taxonomy | None, corrections: Corrections | None
) -> Iterator[Workers]:
    """Start ``jobs`` workers now, loading the pipeline while the caller goes on.

    Now: before any thread of the progress bar exists, as forking wants.
    Whether they could load it is known at the first ``parse_and_save``.
    """
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")

    def new_pool(size: int = jobs, context: multiprocessing.context.BaseContext = context) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            size,
            mp_context=context,
            initializer=_start_worker,
            initargs=(model, taxonomy, corrections),
        )

    pool = new_pool()
    # The first submit forks every worker (a fork context starts them all at once), before
    # the caller starts anything else: forking a process with threads is unsafe. After a
    # worker died, briefs go one at a time to a pool of one (see Workers._one_at_a_time),
    # spawned: by then the progress bar's thread runs.
    spawn = multiprocessing.get_context("spawn")
    running = Workers(pool, jobs, [pool.submit(_ready) for _ in range(jobs)], restart=lambda: new_pool(1, spawn))
    try:
        yield running
    finally:
        running.pool.shutdown(wait=True, cancel_futures=True)
