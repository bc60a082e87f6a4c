"""Turn a file's bytes into text, refusing what is not a brief.

Briefs come from scraped pages, mail and other tools, so the reader accepts
UTF-8 (with or without BOM), UTF-16 with BOM; a UTF-8 file with a stray bad
byte is read as UTF-8 with that byte replaced, and other bytes as cp1252,
each with a warning, rather than failing on one stray byte.

Only regular files are read, and the open never blocks: a FIFO or a device
named like a brief is refused, not waited on forever.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from briefreader.io.errors import BriefError
from briefreader.model.display import one_line

_ESCAPED = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")

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
    return read_bytes_stat(path, limit)[0]


def read_bytes_stat(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """``read_bytes``, with the status of the file the bytes came from (``fstat`` of the open file).

    A stamp taken later with ``stat`` on the name could describe another
    file (one swapped in with ``os.replace`` meanwhile) beside these bytes.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise BriefError(path, "no such file") from None
    except OSError as exc:
        raise BriefError(path, f"cannot read: {exc.strerror or exc}") from None
    _regular(path, st.st_mode)
    if st.st_size > limit:
        raise BriefError(path, f"too large ({_size(st.st_size)}; the limit is {_size(limit)})")
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since the stat, the open still returns.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError:
        raise BriefError(path, "is a folder, not a brief file") from None
    except PermissionError:
        raise BriefError(path, "permission denied") from None
    except OSError as exc:
        raise BriefError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        opened = os.fstat(fd)
        _regular(path, opened.st_mode)
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            # Read one byte past the limit: a file that grew is still refused.
            data = fh.read(limit + 1)
    except OSError as exc:
        raise BriefError(path, f"cannot read: {exc.strerror or exc}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise BriefError(path, f"too large (the limit is {_size(limit)})")
    return data, opened


def _size(n: int) -> str:
    """A size as a person reads it: ``8.4 MB``, ``256 KB`` (a limit under 1 MB was shown as "0 MB")."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f}".removesuffix(".0") + " MB"
    if n >= 1024:
        return f"{n / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{n} bytes"


def _regular(path: Path, mode: int) -> None:
    """Refuse anything but a regular file, saying what it is."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise BriefError(path, "is a folder, not a brief file")
    what = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    raise BriefError(path, f"is {what}, not a brief file; only regular files are read")


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
            text, enc, warnings = _not_utf8(data, exc.start, shown_name(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BriefError(path, "is empty" if not text else "holds only white space")
    return Decoded(text, enc, warnings)


def _not_utf8(data: bytes, first_bad: int, name: str) -> tuple[str, str, list[str]]:
    """Mostly UTF-8 with a few bad bytes stays UTF-8; otherwise the bytes are Windows-1252.

    In Windows-1252 text every accented letter is a bad UTF-8 byte, while a
    UTF-8 file damaged in one place has far more good multi-byte letters
    than bad bytes: reading it as Windows-1252 would garble every accent.
    """
    loose = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(loose))
    good = len(_NON_ASCII.findall(loose)) - bad
    if good > bad:
        text = data.decode("utf-8", errors="replace")
        what = "a byte that is" if bad == 1 else f"{bad} bytes that are"
        return text, "utf-8", [f"{name}: {what} not valid UTF-8 (first at byte {first_bad}) replaced by �"]
    text = data.decode("cp1252", errors="replace")
    warning = f"{name}: not valid UTF-8 (byte {first_bad}); read as Windows-1252 - check accented letters"
    return text, "cp1252", [warning]


def printable(text: str) -> str:
    """Text fit for a terminal line: a file name's undecodable bytes as �, controls as placeholders.

    Names on Linux are bytes; Python keeps the ones that are not UTF-8 as
    lone surrogates, which cannot be printed or saved as UTF-8.
    """
    try:
        raw = text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", errors="replace")
    return one_line(raw.decode("utf-8", errors="replace"))


def shown_name(path: Path | str) -> str:
    """A file's name (last part) fit to show: see ``printable``."""
    return printable(Path(path).name)


def shown_path(path: Path | str) -> str:
    """A whole path fit to show: see ``printable``."""
    return printable(str(path))


def read_text(path: Path | str, limit: int = MAX_BRIEF_BYTES) -> Decoded:
    """Read and decode a brief file; every failure is a BriefError."""
    p = Path(os.fspath(path))
    return decode(read_bytes(p, limit), p)
