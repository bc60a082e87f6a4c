"""What a saved file was when it was read: its stamp, and reading an annotated YAML with it.

The session compares a file's stamp before it saves over it (someone else
may have written it since), so the stamp is taken from the very bytes the
Document was read from. Here in the io layer, with no session in sight,
so that the helper process that reads a YAML ahead (``readahead``) can
take it too without importing the session.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefreader.io.decode import MAX_YAML_BYTES, decode, read_bytes_stat

if TYPE_CHECKING:
    from briefreader.model.document import Document


@dataclass(frozen=True)
class FileStamp:
    """What a file was when it was read or written: a later difference means someone else wrote it."""

    path: Path
    mtime_ns: int
    size: int
    sha256: str
    inode: int = 0
    """The file's inode: a file swapped in by ``os.replace`` is another inode, whatever its time and size."""

    @classmethod
    def of(cls, path: Path, data: bytes, st: os.stat_result | None = None) -> FileStamp:
        """The stamp of ``path`` whose content is ``data`` (just read or just written).

        ``st`` is the status of the very file ``data`` was read from or
        written to (``fstat`` on its descriptor). Without it the name is
        stat'ed now, which may already be another writer's file.
        """
        if st is None:
            st = path.stat()
        import hashlib  # here: a brief read from its source needs no stamp before the first frame

        return cls(path, st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest(), st.st_ino)

    def unchanged(self) -> bool:
        """True when the file is still what it was (content compared only if it is another file, size or time)."""
        try:
            st = self.path.stat()
        except OSError:
            return False
        if (st.st_mtime_ns, st.st_size, st.st_ino) == (self.mtime_ns, self.size, self.inode):
            return True
        try:
            import hashlib

            return hashlib.sha256(self.path.read_bytes()).hexdigest() == self.sha256
        except OSError:
            return False


def real_target(path: Path) -> Path:
    """The file a save really writes: through a symlink to its target, so the link stays a link."""
    try:
        return Path(os.path.realpath(path)) if path.is_symlink() else path
    except OSError:
        return path


def read_annotated(path: Path) -> tuple[Document, FileStamp]:
    """Read an annotated YAML once: the Document and the stamp of its bytes (raises BriefError)."""
    from briefreader.io.store import loads  # yaml and the schema: only when there is a YAML to read

    # Stat and hash from the same open file, before the parse: a file replaced while it runs is then seen as changed.
    data, st = read_bytes_stat(path, MAX_YAML_BYTES)
    stamp = FileStamp.of(real_target(path), data, st)
    decoded = decode(data, path)
    doc = loads(decoded.text, source=str(path))
    doc.warnings[:0] = decoded.warnings
    return doc, stamp
