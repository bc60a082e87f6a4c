"""The parsed-document model shared by every layer (stdlib only).

The names below load their module on first use (``from briefreader.model.document
import ...`` runs this file first, and the reader's first frame needs no event frames).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefreader.model.document import (
        Anchor,
        Block,
        BriefMeta,
        Document,
        Entity,
        Evidence,
        KeyPoint,
        Mention,
        Note,
        ParserInfo,
        Sentence,
    )
    from briefreader.model.event import EventFrame, Trigger, When
    from briefreader.model.timeline import TimelineEntry, timeline

_HOMES = {
    **dict.fromkeys(
        [
            "Anchor",
            "Block",
            "BriefMeta",
            "Document",
            "Entity",
            "Evidence",
            "KeyPoint",
            "Mention",
            "Note",
            "ParserInfo",
            "Sentence",
        ],
        "document",
    ),
    **dict.fromkeys(["EventFrame", "Trigger", "When"], "event"),
    **dict.fromkeys(["TimelineEntry", "timeline"], "timeline"),
}

__all__ = [
    "Anchor",
    "Block",
    "BriefMeta",
    "Document",
    "Entity",
    "EventFrame",
    "Evidence",
    "KeyPoint",
    "Mention",
    "Note",
    "ParserInfo",
    "Sentence",
    "TimelineEntry",
    "Trigger",
    "When",
    "timeline",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
