"""``briefreader annotate ... --dask ADDRESS|local``: the same batch, parsed on a Dask cluster.

Only the parse moves. This process reads and checks every brief, decides
what needs parsing and writes every YAML through ``annotate``'s own per-brief
save, exactly as the local run does; the workers get Documents and return
them parsed. So ``--out`` need not be visible to the workers, the files are
byte-identical to a local run's, and failures are listed the same way.

Each worker loads the spaCy pipeline once, when it starts (a worker plugin;
``load_model`` caches it per process), not once per brief. Dask is an
optional extra: without it ``--dask`` says how to install it.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from briefreader.io.errors import BriefError
from briefreader.model.display import one_line
from briefreader.model.document import Document

if TYPE_CHECKING:
    from distributed import Client

    from briefreader.model.corrections import Corrections
    from briefreader.nlp.taxonomy import Taxonomy

INSTALL_HINT = "--dask needs Dask, which is not installed: pip install 'briefreader[dask]'"
CONNECT_TIMEOUT = "20s"
"""How long to wait for a remote scheduler before saying it cannot be reached."""


def write_all_dask(
    keep: list[tuple[Document, Path]],
    parse: list[tuple[Document, Path]],
    failed: list[tuple[Path, str]],
    model: str | None,
    taxonomy: Path | None,
    jobs: int,
    address: str,
    corrections: Corrections | None = None,
) -> int:
    """``annotate._write_all`` with the parse on a Dask cluster; returns how many files were written."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise BriefError(None, INSTALL_HINT) from None
    from briefreader.annotate.output import progress_bar, save
    from briefreader.nlp.taxonomy import load_taxonomy

    tax = load_taxonomy(taxonomy)  # read here: the workers may not see the file
    requested = model or os.environ.get("BRIEFREADER_MODEL") or None
    written = 0
    with progress_bar(len(keep) + len(parse)) as progress:
        task = progress.add_task("annotate", total=len(keep) + len(parse)) if progress else None
        for doc, target in keep:
            written += save(doc, target, failed)
            if progress and task is not None:
                progress.advance(task)
        if not parse:
            return written
        with connect(address, jobs) as client:
            _start_workers(client, requested)
            for outcome, target in parse_all(client, parse, requested, tax, corrections):
                if isinstance(outcome, Document):
                    written += save(outcome, target, failed)
                else:
                    failed.append((target, outcome))
                if progress and task is not None:
                    progress.advance(task)
    return written


def parse_all(
    client: Client,
    parse: list[tuple[Document, Path]],
    model: str | None,
    taxonomy: Taxonomy,
    corrections: Corrections | None = None,
) -> Iterator[tuple[Document | str, Path]]:
    """Each brief parsed, or why not, with its target, as the workers finish them."""
    from distributed import as_completed

    from briefreader.annotate.cluster_worker import parse_brief

    futures = {
        client.submit(parse_brief, doc, model, taxonomy, corrections, pure=False): target for doc, target in parse
    }
    for future in as_completed(futures):
        try:
            yield future.result(), futures[future]
        except Exception as exc:  # a worker's error, or a worker that died: one brief's failure
            yield f"not annotated: {type(exc).__name__}: {one_line(str(exc), 200)}", futures[future]
        finally:
            future.release()


@contextmanager
def connect(address: str, jobs: int) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or of a local cluster of ``jobs`` worker processes.

    ``local`` with ``--jobs 1`` (the default) starts one worker per core.
    """
    from distributed import Client, LocalCluster

    if address == "local":
        workers = jobs if jobs > 1 else os.cpu_count() or 1
        with _deaf_to_ctrl_c():
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: 8787 may be another cluster's
                silence_logs=logging.ERROR,
            )
        with cluster, Client(cluster) as client, _quiet_on_interrupt():
            yield client
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BriefError(None, f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        yield client


@contextmanager
def _deaf_to_ctrl_c() -> Iterator[None]:
    """Start the local cluster's processes with ctrl+c ignored.

    ctrl+c reaches every process of the terminal's foreground group: each
    worker and nanny printed its own KeyboardInterrupt traceback before the
    run's clean last line. A process started while SIGINT is ignored keeps
    it ignored (Python installs its handler only where it is not), so only
    this process hears ctrl+c, and it stops the cluster itself.
    """
    import signal

    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


@contextmanager
def _quiet_on_interrupt() -> Iterator[None]:
    """On ctrl+c, silence distributed's logs while the cluster is torn down (cancelled tasks, closed comms)."""
    try:
        yield
    except KeyboardInterrupt:
        for name in ("distributed", "tornado", "asyncio"):
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)
        raise


def _start_workers(client: Client, model: str | None) -> None:
    """Load the pipeline on every worker (and any that joins later); stop if one cannot."""
    from briefreader.annotate.cluster_worker import PipelineLoader, load_problem

    try:
        client.register_plugin(PipelineLoader(model), name=f"briefreader-pipeline-{model or 'default'}")
        problems = {addr: p for addr, p in client.run(load_problem, model).items() if p}
    except Exception as exc:  # distributed re-raises a worker's error as a bare Exception
        raise BriefError(
            None,
            f"the Dask workers could not run briefreader ({one_line(str(exc), 200)}); "
            "install this version of briefreader on every worker",
        ) from None
    if problems:
        addr, problem = next(iter(problems.items()))
        raise BriefError(None, f"Dask worker {addr}: {problem}")
    address = client.scheduler_info().get("address", "?")
    print(f"briefreader: parsing on {len(client.nthreads())} Dask workers at {address}", file=sys.stderr)
