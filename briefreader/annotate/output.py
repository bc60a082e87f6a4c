"""What a batch run writes and says, whichever way its briefs were parsed.

Its own module so that the local run (``annotate``), the worker processes
(``annotate.workers``) and the Dask run (``annotate.cluster``) share one saver and
one progress bar without importing each other in a circle.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from briefreader.io.decode import printable, shown_name, shown_path
from briefreader.io.errors import BriefError
from briefreader.io.store import save_document
from briefreader.io.unknown_keys import BeforeParse, carry_unknown_keys
from briefreader.model.document import Document

before_by_target: dict[Path, BeforeParse] = {}
"""What each target's brief held before its parse, while a run lasts: ``_save`` puts the
unknown keys back from it, for a local parse and a Dask one alike (``annotate.cluster`` calls
``save(doc, target, failed)``)."""


def say(message: str) -> None:
    print(f"briefreader: {message}", file=sys.stderr)


def warn(path: Path, warning: str) -> None:
    name = shown_name(path)
    text = printable(warning)
    # Decoding warnings already start with the file's name.
    if text.startswith(f"{name}: "):
        text = text[len(name) + 2 :]
    say(f"warning: {shown_path(path)}: {text}")


@contextmanager
def progress_bar(total: int) -> Iterator[Progress | None]:
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


def save(doc: Document, target: Path, failed: list[tuple[Path, str]]) -> int:
    before = before_by_target.pop(target, None)
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
