"""The timeline part of ``briefreader show``: the brief's dated events, oldest first.

Rows come from ``model.timeline.timeline`` (the function the reader's
timeline view uses too), so the command line and the reader agree: an
event that did not happen is marked (✗), the undated news says it stands
at the brief's date. Text from the brief goes in as plain ``Text``, never
as markup.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from briefreader.model.display import one_line
from briefreader.model.document import Document
from briefreader.model.timeline import phase_name, timeline, undated

PHASE_STYLES = {"background": "dim", "news": "bold", "planned": "italic", None: ""}


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
            Text(" · ".join([t.category, phase_name(t.phase), *t.notes]), style="dim"),
        )
    return table
