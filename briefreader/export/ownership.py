"""Which files ``export`` wrote: only those may be replaced by a later export.

A Markdown report starts with ``markdown.REPORT_MARKER``; a JSONL bundle's
first line is a brief record (``jsonl.brief_record``: ``text``, ``spans``,
``meta``, ``events``); a DocBin's docs carry ``user_data["briefreader"]``
(``docbin.spacy_doc``). Anything else (a person's file, an empty file, one
that cannot be read) is not briefreader's, and an export never replaces it.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

from briefreader.io.pairing import is_report_file

NOT_OURS = "exists and was not written by briefreader"
"""The start of the one message every format gives for a file it leaves alone."""

_RECORD_KEYS = frozenset({"text", "spans", "meta", "events"})
_FIRST_LINE_LIMIT = 64 << 20
"""A JSONL bundle's first line is read up to this (a brief's text is on it)."""


def ours_or_free(path: Path) -> bool:
    """True if nothing is at ``path`` or an earlier export wrote it."""
    if not path.exists() and not path.is_symlink():
        return True
    return is_export(path)


def is_export(path: Path) -> bool:
    """True for a file ``export`` wrote (by its suffix: a report, a JSONL bundle, a DocBin)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        return False
    try:
        if suffix in (".md", ".markdown"):
            return is_report(path)
        if suffix == ".jsonl":
            return _is_jsonl_export(path)
        if suffix == ".spacy":
            return _is_docbin_export(path.read_bytes())
    except (OSError, ValueError):
        return False
    return False


def is_report(path: Path) -> bool:
    """True for a file ``export --to md`` wrote (it starts with the report marker)."""
    return path.is_file() and is_report_file(path)


def _is_jsonl_export(path: Path) -> bool:
    with path.open("rb") as fh:
        first = fh.readline(_FIRST_LINE_LIMIT)
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and record.keys() >= _RECORD_KEYS and isinstance(record["meta"], dict)


def _is_docbin_export(data: bytes) -> bool:
    import srsly

    try:
        msg = srsly.msgpack_loads(zlib.decompress(data))
        users = msg.get("user_data") if isinstance(msg, dict) else None
        if not users:
            return False
        return all(isinstance(d := srsly.msgpack_loads(u), dict) and "briefreader" in d for u in users)
    except Exception:  # not a DocBin at all: zlib, msgpack and shape errors alike
        return False
