"""A sidecar of a large ``corrections.yaml`` as read and checked, so it is parsed once, not at every parse.

Every parse loads the corrections (the reader's parse process, ``annotate``,
``show``, the parse cache's key), and reading YAML is the slow part: a
file of 120,000 entries takes most of a second to parse and check, its
JSON copy a few hundredths. The sidecar holds the result of
``parse_corrections`` (the corrections and the problems found, the very
lines the reader shows) under ``<cache dir>/corrections/``, one file per
corrections path, beside the hash of the bytes it was made from. A load
reads the file anyway and hashes it: a sidecar whose hash differs (the
file was edited, by hand or by the reader) is ignored and replaced, so
it is never stale, whatever the file's times say; a sidecar that cannot
be read or written is no error, only no gain.

Files under ``MIN_BYTES`` skip it: parsing them costs less than the
sidecar's own read and write.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import briefreader
from briefreader.io.cache_folder import cache_root
from briefreader.model.corrections import Corrections

FORMAT = "1"
"""Bump when ``parse_corrections`` checks differently, so sidecars of the old checks are not used."""
MIN_BYTES = 64 * 1024
"""About 2,500 entries: below this a parse is a few milliseconds."""


def digest(data: bytes) -> str:
    """The hash a sidecar is matched by (of the file's bytes, this format and briefreader's version)."""
    h = hashlib.blake2b(f"{FORMAT}\0{briefreader.__version__}\0".encode(), digest_size=20)
    h.update(data)
    return h.hexdigest()


def sidecar_path(path: Path) -> Path:
    """The sidecar of the corrections file at ``path`` (problems name the path, so one sidecar per path)."""
    name = hashlib.blake2b(str(path).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return cache_root() / "corrections" / f"{name}.json"


def read_sidecar(path: Path, data_digest: str) -> tuple[Corrections, list[str]] | None:
    """The corrections and problems kept for these bytes of ``path``; None when there are none that match."""
    try:
        kept = json.loads(sidecar_path(path).read_bytes())
        if not isinstance(kept, dict) or kept.get("digest") != data_digest:
            return None
        c = Corrections(
            _str_dict(kept["relabel"]),
            _str_list(kept["reject"]),
            _str_dict(kept["alias"]),
            [(_str(t), _str(lab)) for t, lab in kept["add"]],
        )
        return c, _str_list(kept["problems"])
    except (OSError, ValueError, KeyError, TypeError):
        # Missing, damaged or written by hand: parse the YAML as if there were none.
        return None


def write_sidecar(path: Path, data_digest: str, c: Corrections, problems: list[str]) -> None:
    """Keep what parsing these bytes of ``path`` gave; a cache folder that cannot be written is no error."""
    kept = {
        "digest": data_digest,
        "relabel": c.relabel,
        "reject": c.reject,
        "alias": c.alias,
        "add": c.add,
        "problems": problems,
    }
    target = sidecar_path(path)
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Renamed into place, not synced (unlike atomic_write): a sidecar a crash cuts short fails
        # to read or to match and is made again, and a sync can cost more than the parse saved.
        fd, tmp = tempfile.mkstemp(prefix=".corrections-", suffix=".tmp", dir=target.parent)
        # json.dumps, not json.dump: dump streams through the pure-Python encoder (0.3 s for
        # 120,000 entries), dumps uses the C one in a single call (~0.05 s).
        text = json.dumps(kept, separators=(",", ":"))
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(text)
        os.replace(tmp, target)
        tmp = None
    except OSError:
        pass  # a cache folder that cannot be written: no gain, no error
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _str_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise TypeError("not a list")
    return [_str(v) for v in value]


def _str_dict(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError("not a mapping")
    return {_str(k): _str(v) for k, v in value.items()}
