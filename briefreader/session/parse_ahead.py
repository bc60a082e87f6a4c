"""What the command line learnt about the first brief's parse before the reader's screen was built.

From launch to the reader's first frame this process spends ~170 ms
importing Textual and building the screen. Issue 21 asks for a cached
brief's key points within 100 ms of that frame, and a fresh brief's within
1.2 x spaCy's own load and parse; the reader used to find out which case it
was in only after the frame (a YAML import, a read and a hash in a thread).
Now the command line keys the brief first (``parse_cache.cache_key``: a few
stats, reads and hashes, no YAML, ~2 ms), and:

- a **hit**: a helper process reads the cached parse on the other core
  (``prefetch``, as for an annotated YAML); the reader merges it before its
  side panes mount, so they fill once, with the key points;
- a **miss**: nothing starts yet. The reader starts the parse process as
  the first thing after its first frame, not after asking the cache.
  Starting spaCy before the first frame was measured: the first paint came
  40-80 ms later on a machine whose other core was busy (docs/performance.md).

It is for one input: the Document's metadata, text and blocks as the
command line read them. The reader takes it only for an equal snapshot
(opening may find saved annotations for the source, which need no parse);
otherwise it goes the usual way and the helper is ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefreader.io.errors import BriefError
from briefreader.model.document import Document

if TYPE_CHECKING:
    from briefreader.session.prefetch import Prefetch


@dataclass
class ParseAhead:
    """The parse cache's answer for one snapshot of a brief, and for a hit the helper reading it."""

    snapshot: Document
    """The copy keyed (metadata, text and blocks): a later request is answered only if equal."""
    reading: Prefetch | None = None
    """A hit: the helper reading the cached parse. None: the cache did not hold it (a miss)."""

    def serves(self, doc: Document) -> bool:
        """True when ``doc`` is the input this was found for."""
        s = self.snapshot
        return doc.text == s.text and doc.meta == s.meta and doc.blocks == s.blocks

    def cached(self, doc: Document) -> Document | None:
        """The cached parse the helper read, for ``doc``; None on a miss or when it could not be read.

        Blocks until the helper is done: call it from a thread.
        """
        if self.reading is None:
            return None
        try:
            loaded = self.reading.result()
        except BriefError:
            return None
        from briefreader.session import parse_cache

        return parse_cache.adopt(loaded.doc, doc)

    def drop(self) -> None:
        """Nobody will take it: end the helper."""
        if self.reading is not None:
            self.reading.close()
