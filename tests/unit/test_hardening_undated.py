"""Issue 21, item 12: a plain ``.txt`` with no date, parsed: phases come from the text's own dates or not at all.

The model's rules are tested in ``test_timeline_events.py``; this is the
issue's case end to end (a 2008 war stood under "the news").
"""

from __future__ import annotations

from collections.abc import Callable

from briefreader.model.document import BriefMeta, Document, Sentence
from briefreader.model.event import EventFrame, Trigger, When
from briefreader.model.timeline import timeline, why_empty

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


def test_an_undated_brief_with_a_weekday_says_its_timeline_is_empty_for_want_of_a_date() -> None:
    """User trial item 15: "no key point says when" of a brief that says "on Friday"; the reason is its date."""
    text = "Mayor Jonas Berg said he would meet union officials on Friday."
    meet = text.index("meet")
    friday = EventFrame("visit", Trigger(meet, meet + 4, "meet"), when=When("Friday"), status="planned", id="v1")
    doc = Document(BriefMeta("Port strike"), text, sentences=[Sentence(0, len(text), 0)], events=[friday])
    assert timeline(doc) == []
    assert why_empty(doc) == "the brief has no date, so “Friday” cannot be placed on a calendar"
    doc.events = []
    assert why_empty(doc) == "the brief has no date, and no event gives a year"
    doc.meta = BriefMeta("Port strike", "2025-02-24")
    assert why_empty(doc) == "no event says when"
