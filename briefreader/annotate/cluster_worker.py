"""What runs on a Dask worker for ``annotate --dask``: load the pipeline once, parse one brief.

Imported only once Dask is known to be installed (``annotate.cluster`` checks);
the workers import it by name when they unpickle these functions, so it
must stay importable on its own.
"""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING

from distributed import Worker, WorkerPlugin

from briefreader.model.document import Document

if TYPE_CHECKING:
    from briefreader.model.corrections import Corrections
    from briefreader.nlp.taxonomy import Taxonomy

_parse_lock = threading.Lock()
"""One parse at a time per worker process: a worker with several threads shares one pipeline."""
_load_errors: dict[str | None, str] = {}
"""Why this worker process could not load a pipeline, by the name asked for (set by the plugin)."""


class PipelineLoader(WorkerPlugin):
    """Loads the spaCy pipeline once on each worker, as it joins, off the worker's event loop.

    Registered once per pipeline name (``idempotent``), so running the batch
    again on a long-lived cluster reuses the workers' loaded pipeline.
    """

    idempotent = True

    def __init__(self, model: str | None) -> None:
        self.model = model
        """The pipeline the client asked for (None: the usual search order, on the worker)."""

    async def setup(self, worker: Worker) -> None:
        """Load the pipeline in a thread, so the worker keeps answering the scheduler meanwhile."""
        await asyncio.get_running_loop().run_in_executor(None, preload, self.model)


def preload(model: str | None) -> None:
    """Load the pipeline into this process's cache; remember why not, if it cannot be loaded."""
    from briefreader.nlp.pipeline import ModelError, load_model

    try:
        load_model(model)
        _load_errors.pop(model, None)
    except ModelError as exc:
        _load_errors[model] = str(exc)


def load_problem(model: str | None) -> str | None:
    """Run on every worker by the client: why this worker has no such pipeline, or None."""
    return _load_errors.get(model)


def parse_brief(
    doc: Document, model: str | None, taxonomy: Taxonomy, corrections: Corrections | None = None
) -> Document:
    """The unit of work: one brief parsed with this worker's pipeline (``load_model`` caches it per process).

    ``corrections`` are the client's (read from its ``corrections.yaml``): the workers may not see the file.
    """
    from briefreader.nlp.annotate import annotate_document
    from briefreader.nlp.pipeline import load_model

    with _parse_lock:
        annotate_document(doc, load_model(model), taxonomy, corrections)
    return doc
