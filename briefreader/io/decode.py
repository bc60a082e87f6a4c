"""Turn a file's bytes into text, refusing what is not a brief.

Briefs come from scraped pages, mail and other tools, so the reader accepts
UTF-8 (with or without BOM), UTF-16 with BOM, and falls back to cp1252 for
other bytes with a warning, rather than failing on one stray byte.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from pathlib import Path

from briefreader.io.errors import BriefError

MAX_BRIEF_BYTES = 8 * 1024 * 1024
"""Largest brief read (8 MiB): far above any real brief, below what would stall the UI."""
MAX_YAML_BYTES = 64 * 1024 * 1024
"""Largest annotated YAML read: text plus every annotation of the largest brief."""


@dataclass
class Decoded:
    """A file's text and what the user should know about how it was read."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def read_bytes(path: Path, limit: int) -> bytes:
    """Read a file after checking it is a regular, readable file under ``limit``."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise BriefError(path, "no such file") from None
    except OSError as exc:
        raise BriefError(path, f"cannot read: {exc.strerror or exc}") from None
    if path.is_dir():
        raise BriefError(path, "is a folder, not a brief file")
    if st.st_size > limit:
        raise BriefError(path, f"too large ({st.st_size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)")
    try:
        with open(path, "rb") as fh:
            # Read one byte past the limit: a file that grew (or a pipe) is still refused.
            data = fh.read(limit + 1)
    except IsADirectoryError:
        raise BriefError(path, "is a folder, not a brief file") from None
    except PermissionError:
        raise BriefError(path, "permission denied") from None
    except OSError as exc:
        raise BriefError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise BriefError(path, f"too large (the limit is {limit / 1e6:.0f} MB)")
    return data


def decode(data: bytes, path: Path) -> Decoded:
    """Decode bytes to text with newlines normalised to ``\\n``."""
    if data.startswith(codecs.BOM_UTF8):
        text, enc = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
        warnings: list[str] = []
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, enc, warnings = data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError:
            raise BriefError(path, "starts as UTF-16 but is not valid UTF-16") from None
    else:
        if b"\x00" in data[:8192]:
            raise BriefError(path, "looks like a binary file (NUL bytes), not a text brief")
        try:
            text, enc, warnings = data.decode("utf-8"), "utf-8", []
        except UnicodeDecodeError as exc:
            text = data.decode("cp1252", errors="replace")
            enc = "cp1252"
            warnings = [
                f"{path.name}: not valid UTF-8 (byte {exc.start}); read as Windows-1252 - check accented letters"
            ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BriefError(path, "is empty" if not text else "holds only white space")
    return Decoded(text, enc, warnings)


def read_text(path: Path | str, limit: int = MAX_BRIEF_BYTES) -> Decoded:
    """Read and decode a brief file; every failure is a BriefError."""
    p = Path(os.fspath(path))
    return decode(read_bytes(p, limit), p)
