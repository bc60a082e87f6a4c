"""Reading brief sources and saving annotated briefs (no Textual, no spaCy).

The names below load their module on first use: the reader's first frame
needs the source readers but not the YAML store (``import yaml`` and the
schema are a tenth of a bare Textual app's start-up).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefreader.io.errors import BriefError
    from briefreader.io.sources import open_any, read_brief
    from briefreader.io.store import dumps, load_document, loads, save_document

_HOMES = {
    "BriefError": "errors",
    "open_any": "sources",
    "read_brief": "sources",
    "dumps": "store",
    "load_document": "store",
    "loads": "store",
    "save_document": "store",
}

__all__ = ["BriefError", "dumps", "load_document", "loads", "open_any", "read_brief", "save_document"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
