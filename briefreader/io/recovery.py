"""Recovery files: unsaved work written aside, offered back on the next start.

The reader writes the whole annotated brief here a few seconds after each
change, when it dies from an unexpected error, and on SIGTERM or SIGHUP; a
save or a clean quit removes it. Each reading session writes a file of its
own, so work left from an earlier run ("Not now") is never replaced by a
later one: every file stays until it is restored or discarded.

Files live in the user's data folder (``$BRIEFREADER_RECOVERY_DIR``
overrides it, for tests and odd setups) and are named from a hash of the
source's absolute path, so any file name works, even one that is not valid
UTF-8 or holds control characters.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefreader.io.atomic import atomic_write
from briefreader.io.errors import BriefError
from briefreader.model.document import Document


def recovery_dir() -> Path:
    """Where recovery files live."""
    env = os.environ.get("BRIEFREADER_RECOVERY_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("briefreader", appauthor=False)) / "recovery"


def recovery_key(source: Path) -> str:
    """A file-name-safe key for a source: a readable stem and a hash of its absolute path.

    Every recovery file of ``source`` is named ``KEY.SESSION.yaml``.
    """
    raw = os.fsencode(source.absolute())
    digest = hashlib.sha256(raw).hexdigest()[:20]
    return f"{recovery_stem(source)}-{digest}"


def recovery_stem(source: Path | str) -> str:
    """The readable part of ``recovery_key`` (cheap: a library checks thousands of briefs with it first)."""
    stem = os.path.splitext(os.path.basename(source))[0]
    return re.sub(r"[^A-Za-z0-9_-]+", "_", stem)[:40].strip("_") or "brief"


def new_recovery_path(source: Path) -> Path:
    """A recovery file of its own for a new reading session of ``source``."""
    stamp = f"{time.time_ns():x}-{os.getpid()}"
    return recovery_dir() / f"{recovery_key(source)}.{stamp}.yaml"


def write_recovery(doc: Document, path: Path) -> Path:
    """Write the Document to recovery file ``path``, atomically (raises BriefError when it cannot)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefError(path.parent, f"cannot create the recovery folder: {exc.strerror or exc}") from None
    from briefreader.io.store import dumps  # yaml: loaded with the first recovery written, not at start-up

    atomic_write(path, dumps(doc))
    return path


@dataclass(frozen=True)
class Pending:
    """Unsaved work on a brief, left by an earlier reading session."""

    path: Path
    doc: Document
    written: datetime


def find_recoveries(source: Path) -> list[Pending]:
    """Every recovery file for ``source`` that loads, newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    key = recovery_key(source)
    found = []
    for path in folder.glob(f"{key}.*.yaml"):  # the key holds no glob characters
        from briefreader.io.store import load_document  # yaml: only when there is something to load

        try:
            doc = load_document(path)
            written = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        except (BriefError, OSError):
            continue
        found.append(Pending(path, doc, written))
    return sorted(found, key=lambda p: p.written, reverse=True)


def remove_recovery(path: Path) -> None:
    """Remove one recovery file (restored, discarded, saved or quit cleanly)."""
    with contextlib.suppress(OSError):
        path.unlink()
