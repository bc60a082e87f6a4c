"""One brief whose parse fails is named, and the run goes on with the others (``annotate``, ``export``).

Briefs are parsed several at a time in one stream (spaCy batches their
blocks together), so when the stream raises, which brief caused it is not
known: the error may come from a later brief's text in the same batch.
The briefs from where the stream stopped are then parsed alone, one by
one, until the one that fails on its own is found; it is reported, and a
new stream takes the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from briefreader.model.display import one_line

T = TypeVar("T")
R = TypeVar("R")


def reason(exc: BaseException) -> str:
    """What a failed parse is reported as (as the Dask path words it)."""
    return f"not annotated: {type(exc).__name__}: {one_line(str(exc), 200)}"


def each_or_why(items: list[T], parse_many: Callable[[list[T]], Iterable[R]]) -> Iterator[tuple[int, R | str]]:
    """``(index, result)`` for every item in order; the result is why, as text, for an item that failed alone.

    ``parse_many`` parses a list in one stream and yields one result per
    item, in order. KeyboardInterrupt and SystemExit are not failures of
    a brief: they end the run as before.
    """
    start = 0
    while start < len(items):
        at = start
        try:
            for result in parse_many(items[start:]):
                yield at, result
                at += 1
            return
        except Exception:  # the brief at fault is found below, alone, and reported
            pass
        while at < len(items):
            try:
                alone = list(parse_many([items[at]]))
            except Exception as exc:
                yield at, reason(exc)
                at += 1
                break
            yield at, alone[0]
            at += 1
        start = at
