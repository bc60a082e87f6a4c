"""The parse service: spaCy in one child process, kept for re-parses, stopped on demand.

Importing spaCy holds the GIL for seconds, which would freeze the keys if
it happened in a thread of the reader; in a child process it also runs on
the other core. One process is started on first use and keeps the model
loaded; ``stop`` ends it at once, even mid-parse (quitting, or opening
another brief, must not wait for spaCy). A watchdog in the child ends it
if the reader dies without stopping it (see ``nlp.child.quiet_child``).

Tests may parse in the calling thread instead, reusing a model loaded once.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from briefreader.model.document import Document
from briefreader.nlp.child import parse_copy, quiet_child
from briefreader.session.parse_ahead import ParseAhead

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


class ParseError(Exception):
    """A parse that could not finish; the message says why in one line."""


class ParseService:
    """Parses copies of briefs with one pipeline and one taxonomy."""

    def __init__(self, model: str | None = None, taxonomy: Path | None = None, *, in_process: bool = True) -> None:
        self.model = model
        """The spaCy pipeline asked for (None: the default search order)."""
        self.taxonomy = taxonomy
        """A key-point taxonomy file (None: the bundled one)."""
        self.in_process = in_process
        """Parse in a child process (the default) rather than the calling thread."""
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._ahead: ParseAhead | None = None
        """What ``begin`` found for the first brief, until the reader takes it (``ahead``)."""

    def prepare(self) -> None:
        """Start the child process; call it on the main thread before the first ``parse``.

        multiprocessing's resource tracker is handed ``sys.stderr``'s file
        descriptor, and while Textual runs ``sys.stderr`` is its print
        capture, which has none: the real stderr is lent for the start.
        """
        if not self.in_process:
            return
        with self._lock:
            if self._pool is not None:
                return
            # Imported here, after the first frame: the reader starts without them.
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor
            from multiprocessing import resource_tracker

            with contextlib.redirect_stderr(sys.__stderr__):
                resource_tracker.ensure_running()
            ctx = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=ctx, initializer=quiet_child, initargs=(os.getpid(),)
            )
            # The pool starts its process at the first submit, and the reader's first parse is submitted
            # from a worker thread, ~40 ms later while the side panes mount: started now, here.
            self._pool.submit(os.getpid)

    def begin(self, doc: Document) -> None:
        """Ask the parse cache about ``doc`` now, before the reader is built (see ``parse_ahead``).

        A few stats, reads and hashes; for a hit, a helper process starts
        reading the cached parse (``ahead`` hands it over). Nothing is kept
        when the key cannot be known, or when no helper can run (one usable
        CPU): the reader then asks after its first frame, as before.
        """
        from briefreader.session import parse_cache

        key = self._key(doc)
        if key is None or self._ahead is not None:
            return
        snapshot = Document(doc.meta, doc.text, list(doc.blocks))
        reading = None
        if parse_cache.entry_path(key).is_file():
            from briefreader.session import prefetch

            reading = prefetch.start(parse_cache.entry_path(key), background=True)  # wanted after the first frame
            if reading is None:
                return
        self._ahead = ParseAhead(snapshot, reading)

    def ahead(self, doc: Document) -> ParseAhead | None:
        """What ``begin`` found for ``doc`` (a hit being read, or a miss), handed over once; else None."""
        with self._lock:
            ahead, self._ahead = self._ahead, None
        if ahead is None or ahead.serves(doc):
            return ahead
        ahead.drop()  # found for what the command line read; the reader opened something else
        return None

    def cached(self, doc: Document) -> Document | None:
        """The parse cache's parse of ``doc`` (a bare brief), or None; blocks briefly, starts nothing.

        No process, no spaCy: the reader asks this first, so a brief the
        library or the CLI already parsed shows its key points without the
        parse process ever starting (``prepare`` is for a miss).
        """
        from briefreader.session import parse_cache

        return parse_cache.lookup(doc, self._key(doc))

    def _key(self, doc: Document) -> str | None:
        from briefreader.session import parse_cache

        taxonomy = str(self.taxonomy) if self.taxonomy else None
        # A bare brief's parse depends on its text alone: kept in the parse cache, shared with the CLI.
        if not parse_cache.is_bare(doc):
            return None
        return parse_cache.cache_key(doc.text, self.model, taxonomy, parse_cache.layout(doc))

    def parse(
        self, doc: Document, *, look_in_cache: bool = True, ready: Callable[[Document], None] | None = None
    ) -> Document:
        """Annotate ``doc`` (a copy the caller gives away) and return the result; blocks.

        The parse cache is asked first unless ``look_in_cache`` is False (the
        caller just did, with ``cached``); a parse made is kept there.
        ``ready`` is given the parse as soon as it is made, before it is kept
        (a copy is written: writing the YAML took ~20 ms, between a fresh
        brief's parse and its key points on screen).
        Raises ParseError with a one-line reason: no model, the process died,
        or an error inside spaCy.
        """
        from concurrent.futures.process import BrokenProcessPool

        from briefreader.nlp.pipeline import ModelError
        from briefreader.session import parse_cache

        taxonomy = str(self.taxonomy) if self.taxonomy else None
        key = self._key(doc)
        if look_in_cache and (hit := parse_cache.lookup(doc, key)) is not None:
            if ready is not None:
                ready(hit)
            return hit
        try:
            if not self.in_process:
                parsed = parse_copy(doc, self.model, taxonomy)
            elif self._pool is None:
                raise ParseError("the parse process was stopped")
            else:
                parsed = self._pool.submit(parse_copy, doc, self.model, taxonomy).result()
        except ModelError as exc:
            raise ParseError(str(exc)) from None
        except BrokenProcessPool:
            self.stop()
            raise ParseError("the parse process stopped unexpectedly (out of memory?); ctrl+p Re-parse") from None
        except ParseError:
            raise
        except Exception as exc:
            raise ParseError(f"parsing failed ({type(exc).__name__}: {exc})") from None
        # Kept only under the key still in force: corrections.yaml (or the taxonomy) edited during
        # the parse may or may not have reached it, so it is no one's parse to keep.
        # (Keyed by the text: ``parse_copy`` in this thread annotates ``doc`` itself.)
        if key is None or key != parse_cache.cache_key(parsed.text, self.model, taxonomy, parse_cache.layout(parsed)):
            key = None
        if ready is None:
            parse_cache.store(key, parsed)
            return parsed
        kept = pickle.loads(pickle.dumps(parsed)) if key is not None else None  # ``ready``'s owner may edit it
        ready(parsed)
        if kept is not None:
            parse_cache.store(key, kept)
        return parsed

    @property
    def pids(self) -> list[int]:
        """Process ids of the running parse process (empty when none runs)."""
        pool = self._pool
        if pool is None:
            return []
        procs = getattr(pool, "_processes", None) or {}
        return [p.pid for p in list(procs.values()) if p.pid is not None]

    def stop(self) -> None:
        """End the parse process now, even mid-parse; the next ``prepare`` starts another."""
        with self._lock:
            pool, self._pool = self._pool, None
            ahead, self._ahead = self._ahead, None
        if ahead is not None:
            ahead.drop()
        if pool is None:
            return
        procs = getattr(pool, "_processes", None) or {}
        for proc in list(procs.values()):
            with contextlib.suppress(Exception):
                proc.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
