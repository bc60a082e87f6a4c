"""Issue 21, item 12: a plain ``.txt`` with no date, parsed: phases come from the text's own dates or not at all.

The model's rules are tested in ``test_timeline_events.py``; this is the
issue's case end to end (a 2008 war stood under "the news").
"""

from __future__ import annotations

from collections.abc import Callable

from briefreader.model.document import Document
from briefreader.model.timeline import timeline

BODY = """Border talks resume

Officials from Norland and Sudmark met in Port Elan to resume talks on the border.
In 2008 the two countries fought a short war over the river islands.
The ministers will meet again in Sudmark in March 2027.
"""


def test_an_undated_brief_puts_no_year_under_the_news(parse: Callable[[str, str], Document]) -> None:
    doc = parse(BODY, "undated.txt")
    assert doc.meta.date is None
    phases = {t.date: t.phase for t in timeline(doc)}
    assert phases.get("2008", "absent") is None  # on the timeline or not, never the news
    assert "news" not in phases.values()
    assert phases["2027-03"] == "planned"


def test_an_undated_brief_reads_phases_from_a_day_its_text_gives(parse: Callable[[str, str], Document]) -> None:
    dated = BODY.replace("met in Port Elan", "met in Port Elan on 3 March 2026")
    doc = parse(dated, "undated-day.txt")
    assert doc.meta.date is None
    phases = {t.date: t.phase for t in timeline(doc)}
    assert phases["2026-03-03"] == "news" and phases["2008"] == "background" and phases["2027-03"] == "planned"
