"""Reading brief sources and saving annotated briefs (no Textual, no spaCy)."""

from briefreader.io.errors import BriefError
from briefreader.io.sources import open_any, read_brief
from briefreader.io.store import dumps, load_document, loads, save_document

__all__ = ["BriefError", "dumps", "load_document", "loads", "open_any", "read_brief", "save_document"]
