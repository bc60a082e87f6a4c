"""What runs in the reader's parse process.

The reader parses in a child process so that importing spaCy (seconds of
Python holding the GIL) never freezes the keys, and so the parse runs on
another core. Everything here is a top-level function, so it pickles.
"""

from __future__ import annotations

import os
import sys
import threading
import time

from briefreader.model.document import Document


def quiet_child(parent: int) -> None:
    """Prepare the parse process: silent, and gone when the reader is gone.

    Anything it printed would land on the reader's screen. And if the reader
    dies without stopping it (the terminal closed, a kill), it must not live
    on holding a few hundred MB: a watchdog ends it once its parent is gone.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        os.dup2(devnull, fd)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    sys.stderr = sys.stdout
    # ``parent`` comes from the reader: asking getppid() here would be too late
    # if the reader died while this process was still starting.

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)  # a watchdog polls: there is no event for a parent's death
        os._exit(0)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def parse_copy(doc: Document, model_name: str | None, taxonomy_path: str | None, corrections: bool = True) -> Document:
    """Load the pipeline (once per process) and annotate ``doc``.

    ``corrections.yaml`` is read at every parse, so an edit to it applies
    to the next parse without restarting anything; its problems come back
    in ``doc.warnings``. Errors come back as ``ModelError`` with a one-line
    message: BriefError's two-argument constructor does not survive
    pickling between processes.
    """
    from briefreader.io.config_folder import corrections_path
    from briefreader.io.errors import BriefError
    from briefreader.nlp.annotate import annotate_document
    from briefreader.nlp.pipeline import ModelError, load_model
    from briefreader.nlp.taxonomy import load_taxonomy

    try:
        model = load_model(model_name)
        taxonomy = load_taxonomy(taxonomy_path) if taxonomy_path else None
        loaded = None
        # No file, no corrections: the first parse of a fresh brief skips corrections_file's import (~10 ms).
        if corrections and corrections_path().exists():
            from briefreader.io.corrections_file import load_corrections

            loaded = load_corrections()
        if loaded is not None:
            doc.warnings.extend(loaded.problems)
        annotate_document(doc, model, taxonomy, loaded.corrections if loaded else None)
    except BriefError as exc:
        raise ModelError(str(exc)) from None
    return doc
