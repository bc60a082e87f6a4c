"""Recovery files: unsaved work written aside, offered back on the next start.

The reader writes the whole annotated brief here a few seconds after each
change and when it dies from an unexpected error; a clean quit or a save
removes it. One file per source path, in the user's data folder
(``$BRIEFREADER_RECOVERY_DIR`` overrides it, for tests and odd setups).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

from briefreader.io.atomic import atomic_write
from briefreader.io.errors import BriefError
from briefreader.io.store import dumps, load_document
from briefreader.model.document import Document


def recovery_dir() -> Path:
    """Where recovery files live."""
    env = os.environ.get("BRIEFREADER_RECOVERY_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("briefreader", appauthor=False)) / "recovery"


def recovery_path(source: Path) -> Path:
    """The recovery file for a brief, named after a hash of its absolute path."""
    digest = hashlib.sha256(str(source.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return recovery_dir() / f"{source.stem[:40]}-{digest}.yaml"


def write_recovery(doc: Document, source: Path) -> Path:
    """Write the Document aside, atomically (raises BriefError when it cannot)."""
    path = recovery_path(source)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefError(path.parent, f"cannot create the recovery folder: {exc.strerror or exc}") from None
    atomic_write(path, dumps(doc))
    return path


def find_recovery(source: Path) -> tuple[Document, datetime] | None:
    """The recovered Document for a brief and when it was written, if there is one that loads."""
    path = recovery_path(source)
    if not path.is_file():
        return None
    try:
        doc = load_document(path)
    except BriefError:
        return None
    when = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return doc, when


def clear_recovery(source: Path) -> None:
    """Remove a brief's recovery file (after a save or a clean quit)."""
    with contextlib.suppress(OSError):
        recovery_path(source).unlink()
