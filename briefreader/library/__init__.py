"""Many briefs: the library index (SQLite), search across briefs, the cross-brief entity index.

No Textual here: the library screen, the search results view and the
entity index view are built on ``LibraryIndex``.
"""

from briefreader.library.index import LibraryIndex
from briefreader.library.recovery_check import RecoveryCheck
from briefreader.library.results import (
    STATUSES,
    BriefInfo,
    EntityMention,
    EntitySummary,
    Progress,
    RefreshReport,
    SearchHit,
)

__all__ = [
    "STATUSES",
    "BriefInfo",
    "EntityMention",
    "EntitySummary",
    "LibraryIndex",
    "Progress",
    "RecoveryCheck",
    "RefreshReport",
    "SearchHit",
]
