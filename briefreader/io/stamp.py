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

from briefreader.io.decode import MAX_YAML_BYTES, decode, read_bytes

if TYPE_CHECKING:
    from briefreader.model.document import Document


@dataclass(frozen=True)
class FileStamp:
    """What a file was when it was read or written: a later difference means someone else wrote it."""

    path: Path
    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path, data: bytes) -> FileStamp:
        """The stamp of ``path`` whose content is ``data`` (just read or just written)."""
        st = path.stat()
        import hashlib  # here: a brief read from its source needs no stamp before the first frame

        return cls(path, st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest())

    def unchanged(self) -> bool:
        """True when the file is still what it was (content compared only if size or time moved)."""
        try:
            st = self.path.stat()
        except OSError:
            return False
        if (st.st_mtime_ns, st.st_size) == (self.mtime_ns, self.size):
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

    data = read_bytes(path, MAX_YAML_BYTES)
    decoded = decode(data, path)
    doc = loads(decoded.text, source=str(path))
    doc.warnings[:0] = decoded.warnings
    return doc, FileStamp.of(real_target(path), data)
