"""Write a file so that a crash at any moment leaves the old file or the new one.

A symlink is written through: the link stays a link and its target gets the
new content. A hard link is not kept: the new file replaces the name given,
and other names of the old file keep the old content (atomic replacement
cannot write the same inode in place).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from briefreader.io.errors import BriefError


def atomic_write(path: Path, data: str | bytes) -> os.stat_result:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename over.

    ``os.replace`` is atomic on one file system, which is why the temporary
    file lives in the target's own folder. On failure the target is untouched
    and the temporary file is removed; the error names the reason. Text is
    written as UTF-8 with LF line ends; bytes (a spaCy DocBin) as they are.
    Returns the status of the file written (taken before the rename, so it
    is ours even if another writer replaces the name right after).
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    if path.is_dir():
        raise BriefError(path, "cannot save: that path is a folder")
    folder = path.parent if str(path.parent) else Path(".")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path.name), suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        written = os.stat(tmp)
        os.replace(tmp, path)
        tmp = None
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        return written
    except OSError as exc:
        raise BriefError(path, f"cannot save: {exc.strerror or exc}") from None
    except UnicodeEncodeError as exc:
        # Text that cannot be UTF-8 (a lone surrogate from an undecodable file name).
        raise BriefError(path, f"cannot save: {exc.reason} in the text to write") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _temp_prefix(name: str) -> str:
    """A hidden prefix for the temporary file that leaves room for mkstemp's suffix.

    File names may be up to 255 bytes; ``.NAME.XXXXXXXX.tmp`` would pass that
    for a long NAME and make the save fail, so the name is cut (in bytes,
    never inside a character) to keep the whole temporary name short.
    """
    return "." + os.fsencode(name)[:200].decode("utf-8", "ignore") + "."
