"""Changing a small YAML file that people also write by hand (``corrections.yaml``, ``settings.yaml``).

Several readers and batch runs may change one file at the same moment, and
a person may have written it with comments, in UTF-16 or Windows-1252. So
a change is a read-modify-write under a lock file beside it (``NAME.lock``,
the ``filelock`` package): the file is read again once the lock is held,
changed in place by a round-trip YAML editor (``ruamel.yaml``: comments,
order and quoting stay as they were), written back in the file's own
encoding and line ends, and the previous version is kept as ``NAME.bak``.
"""

from __future__ import annotations

import codecs
import contextlib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefreader.io.atomic import atomic_write
from briefreader.io.decode import decode, read_bytes
from briefreader.io.errors import BriefError

LOCK_TIMEOUT = 30.0
"""Seconds to wait for another writer of the same file (a write takes milliseconds)."""
ROUNDTRIP_LIMIT = 256 * 1024
"""Above this size the file is rewritten whole (the round-trip editor takes seconds on megabytes); a .bak is kept."""


@dataclass
class Original:
    """A file as read under the lock: its text and how to write it back."""

    path: Path
    text: str
    """Decoded, newlines as ``\\n``; empty for a missing file."""
    data: bytes | None
    """The bytes read (None: there was no file)."""
    encoding: str = "utf-8"
    newline: str = "\n"


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock on ``path``'s changes (``path.lock`` beside it); raises BriefError after ``LOCK_TIMEOUT``."""
    from filelock import FileLock, Timeout

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT)
        lock.acquire()
    except Timeout:
        raise BriefError(path, f"not changed: another briefreader held it for {LOCK_TIMEOUT:.0f} s") from None
    except OSError as exc:
        raise BriefError(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        lock.release()


def read_original(path: Path, limit: int) -> Original:
    """The file as it is now (call it under ``locked``); a missing or empty file is empty text."""
    if not path.exists():
        return Original(path, "", None)
    data = read_bytes(path, limit)
    try:
        decoded = decode(data, path)
    except BriefError as exc:
        if "empty" in exc.reason or "white space" in exc.reason:
            return Original(path, "", data)
        raise
    newline = "\r\n" if b"\r\n" in data or b"\r\x00\n\x00" in data or b"\x00\r\x00\n" in data else "\n"
    encoding = decoded.encoding
    if encoding == "utf-16":
        encoding = "utf-16-be" if data.startswith(codecs.BOM_UTF16_BE) else "utf-16-le"
    return Original(path, decoded.text, data, encoding, newline)


def encode_like(original: Original, text: str) -> tuple[bytes, str]:
    """``text`` as the original file was written: its encoding, BOM and line ends.

    Text the old encoding cannot hold (a new name in a Windows-1252 file)
    is written as UTF-8 instead; the returned note says so ("" when not).
    """
    text = text.replace("\n", original.newline) if original.newline != "\n" else text
    enc = original.encoding
    bom = {"utf-8-sig": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    try:
        body = text.encode("utf-8" if enc == "utf-8-sig" else enc)
    except UnicodeEncodeError:
        return text.encode("utf-8"), f"written as UTF-8 ({enc} cannot hold the new text)"
    return bom.get(enc, b"") + body, ""


def write_back(original: Original, text: str) -> tuple[Path | None, str]:
    """Write the new text in the original's encoding, keeping the previous version as ``NAME.bak``.

    Returns the backup (None when there was no previous file) and a note
    for the person ("" when there is nothing to say).
    """
    path = original.path
    data, note = encode_like(original, text)
    backup = None
    if original.data:
        backup = path.with_name(path.name + ".bak")
        try:
            atomic_write(backup, original.data)
        except BriefError as exc:
            raise BriefError(path, f"not changed: cannot keep the previous version ({exc.reason})") from None
    atomic_write(path, data)
    return backup, note


# The round-trip editor -----------------------------------------------------------------------


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never fold a long name onto two lines
    y.indent(mapping=2, sequence=2, offset=0)
    return y


def roundtrip_load(text: str) -> Any:
    """The file's document as an editable tree that keeps comments (a ``CommentedMap`` for a mapping)."""
    return _yaml().load(text)


def roundtrip_dump(tree: Any) -> str:
    """The edited tree as text, comments and formatting of what was not changed kept."""
    out = io.StringIO()
    _yaml().dump(tree, out)
    return out.getvalue()


def edit_in_place(original: Original, edit: Callable[[Any], None], whole: Callable[[], str]) -> str:
    """The new text: ``edit`` applied to the round-trip tree, or ``whole()`` when that cannot be used.

    ``whole`` writes the file from scratch (a new file, one above
    ``ROUNDTRIP_LIMIT``, or one the editor cannot read back as a mapping).
    """
    from ruamel.yaml.comments import CommentedMap

    if not original.text.strip() or len(original.text) > ROUNDTRIP_LIMIT:
        return whole()
    try:
        tree = roundtrip_load(original.text)
    except Exception:  # the safe loader accepted it; a round-trip failure still must not lose the change
        return whole()
    if not isinstance(tree, CommentedMap):
        return whole()
    edit(tree)
    return roundtrip_dump(tree)


def append_entry(node: Any, key: Any, value: Any = None) -> None:
    """Add an entry at the end of a round-trip mapping (``key: value``) or sequence (``key``), as a person would.

    The round-trip editor keeps comment lines that follow the last entry
    with that entry's own line comment, so a plain append would put the new
    entry below them (below ``# rejects below``, or a closing comment). The
    lines after the first move to the new last entry.
    """
    from ruamel.yaml.tokens import CommentToken

    is_map = isinstance(node, dict)
    last = (next(reversed(node)) if is_map else len(node) - 1) if len(node) else None
    if is_map:
        node[key] = value
        new: Any = key
    else:
        node.append(key)
        new = len(node) - 1
    slot = 2 if is_map else 0
    comments = node.ca.items.get(last) if last is not None else None
    token = comments[slot] if comments and len(comments) > slot else None
    if not isinstance(token, CommentToken) or "\n" not in token.value.rstrip("\n"):
        return
    own, _, after = token.value.partition("\n")
    token.value = own + "\n"
    moved = CommentToken("\n" + after, token.start_mark, None)  # a line end first: the new entry has no comment
    entry: list[Any] = [None, None, None, None]
    entry[slot] = moved
    node.ca.items[new] = entry
