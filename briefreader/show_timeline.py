"""The timeline part of ``briefreader show``: the brief's dated events, oldest first.

Rows come from ``model.timeline.timeline`` (the function the reader's
timeline view uses too), so the command line and the reader agree. Text
from the brief goes in as plain ``Text``, never as markup.
"""

from __future__ import annotations

import re

from rich.table import Table
from rich.text import Text

from briefreader.model.display import one_line
from briefreader.model.document import Document
from briefreader.model.timeline import timeline

PHASE_LABELS = {"background": "background", "news": "the news", "planned": "planned"}
PHASE_STYLES = {"background": "dim", "news": "bold", "planned": "italic"}


_YEAR_PREFIX = re.compile(r"^\d{4}: ")
_DATE_SUFFIX = re.compile(r" \((?:\d{1,2} )?(?:[A-Z][a-z]+ )?\d{4}\)$")


def undated(title: str) -> str:
    """A headline without the date it carries ('2017: ...', '... (October 2025)'): the Date column says it."""
    return _DATE_SUFFIX.sub("", _YEAR_PREFIX.sub("", title))


def timeline_table(doc: Document) -> Table | None:
    """A table of the brief's dated events, or None when none of its key points is dated."""
    entries = timeline(doc)
    if not entries:
        return None
    table = Table(title="Timeline")
    table.add_column("Date", no_wrap=True)
    table.add_column("Event")
    table.add_column("", no_wrap=True)
    for t in entries:
        style = PHASE_STYLES[t.phase]
        table.add_row(
            Text(t.date, style=style),
            Text(one_line(undated(t.title)), style=style),
            Text(f"{t.category} · {PHASE_LABELS[t.phase]}", style="dim"),
        )
    return table
