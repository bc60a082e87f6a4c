"""The brief's timeline: dated events in order, by phase, from the model and in ``briefreader show``."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console

from briefreader.cli.show import show
from briefreader.model.document import BriefMeta, Document, Evidence, KeyPoint
from briefreader.model.event import EventFrame, EventStatus, Trigger, When
from briefreader.model.timeline import phase_of, timeline, undated

TEXT = "Title\n\nOne. Two. Three. Four. Five."


def point(kid: str, title: str, start: int, date: str | None, status: EventStatus = "happened") -> KeyPoint:
    ev = EventFrame("visit", Trigger(start, start + 3, TEXT[start : start + 3]), when=When("x", date), status=status)
    return KeyPoint(kid, title, "visit", 1.0, [Evidence(start, start + 4, TEXT[start : start + 4])], event=ev)


def brief(date: str | None = "2025-08-25") -> Document:
    return Document(
        BriefMeta("Title", date),
        TEXT,
        key_points=[
            point("k1", "Envoy meets minister", 7, "2025-08-22"),
            point("k2", "Summit invitation", 12, "2025-10", "planned"),
            point("k3", "[bold]Old row[/]", 17, "2017"),
            point("k4", "Undated talks", 23, None),
            point("k5", "Talks this month", 29, "2025-08"),
            KeyPoint("k6", "No frame", "other", 0.5, [Evidence(7, 11, TEXT[7:11])]),
        ],
    )


def test_dated_events_in_date_order_with_their_phase() -> None:
    entries = timeline(brief())
    assert [(t.date, t.key_point, t.phase) for t in entries] == [
        ("2017", "k3", "background"),
        ("2025-08", "k5", "news"),
        ("2025-08-22", "k1", "news"),
        ("2025-10", "k2", "planned"),
    ]
    # Enter jumps to the evidence: each entry carries its sentence's span.
    assert (entries[0].start, entries[0].end) == (17, 21)


def test_phase_compares_at_the_precision_both_dates_share() -> None:
    assert phase_of("2025-08", "happened", "2025-08-25") == "news"
    assert phase_of("2025-08-25", "happened", "2025-08-25") == "news"
    assert phase_of("2025-09", "happened", "2025-08-25") == "planned"
    assert phase_of("2024", "planned", "2025-08-25") == "background"
    assert phase_of("2025-08-01", "happened", "2025-08-25") == "news"  # within a month before the brief
    assert phase_of("2025-06-30", "happened", "2025-08-25") == "background"
    # Without a brief date only a plan has a phase: a year alone does not make an event the news.
    assert phase_of("2025", "planned", None) == "planned" and phase_of("2025", "reported", None) is None


def test_show_prints_the_timeline_as_text() -> None:
    out = io.StringIO()
    show(brief(), Console(file=out, width=100, color_system=None))
    printed = out.getvalue()
    section = printed[printed.index("Timeline") :]
    assert section.index("2017") < section.index("2025-08-22") < section.index("2025-10")
    assert "[bold]Old row[/]" in section  # a title is text, never markup
    assert "Undated talks" not in section


def test_timeline_rows_leave_the_date_to_the_date_column() -> None:
    assert undated("2017: China opposes deployment") == "China opposes deployment"
    assert undated("Xi Jinping invited to the APEC summit (October 2025)") == "Xi Jinping invited to the APEC summit"
    assert undated("Talks resume (3 June 2026)") == "Talks resume"
    assert undated("Ministers meet (for now)") == "Ministers meet (for now)"


def test_no_timeline_without_dated_events() -> None:
    doc = brief(None)  # with a date, the undated top point would stand at it as the brief's news
    doc.key_points = doc.key_points[3:4]
    out = io.StringIO()
    show(doc, Console(file=out, width=100, color_system=None))
    assert "Timeline" not in out.getvalue() and timeline(doc) == []


def test_timeline_of_a_parsed_brief(sample: Callable[[str], Document]) -> None:
    doc = sample("chile-argentina-glacier-talks.md")
    entries = timeline(doc)
    phases = [t.phase for t in entries]
    assert phases == sorted(phases, key=["background", "news", "planned"].index)
    by_phase = {t.phase: t for t in entries}
    assert by_phase["background"].date == "2019" and by_phase["background"].category == "tension"
    assert by_phase["news"].date == "2026-03-12"  # "on Thursday" before the brief's Saturday
    assert by_phase["planned"].date == "2026-06" and by_phase["planned"].category == "invitation"
    for t in entries:
        assert doc.text[t.start : t.end] in [e.quote for k in doc.key_points for e in k.evidence]


def test_further_dated_sentences_of_a_point_have_entries_of_their_own() -> None:
    doc = brief()
    k3 = doc.key_points[2]
    # "Old row" also has the sentence at 23 as evidence, with a war of its own in 1978.
    k3.evidence.append(Evidence(23, 28, TEXT[23:28]))
    war = EventFrame("tension", Trigger(23, 26, TEXT[23:26]), when=When("in 1978", "1978"), title="1978: War")
    k3.more_events = [war, EventFrame("tension", Trigger(24, 26, TEXT[24:26]), when=None, title="Undated")]
    entries = timeline(doc)
    first = entries[0]
    assert (first.date, first.title, first.key_point, first.event.trigger) == ("1978", "1978: War", "k3", war.trigger)
    assert (first.start, first.end) == (23, 28)  # its own sentence, not the point's first
    assert [t.title for t in entries].count("[bold]Old row[/]") == 1 and "Undated" not in [t.title for t in entries]


HISTORY = """---
date: 2026-03-14
---
# Chile and Argentina reopen glacier talks

## The visit

Argentine Foreign Minister Lucia Ferro travelled to Santiago on Thursday and met her Chilean counterpart, Tomas \
Vidal. The two ministers agreed to set up a joint commission on the glaciers. Vidal invited Argentine President \
Martin Aguero to a water summit in Buenos Aires in June.

## Old quarrels

Relations between Chile and Argentina have long been difficult. Chile and Argentina clashed over the Beagle Channel \
in 1978. In 2019 Argentina recalled its ambassador from Santiago over a mining dispute. Chile accused Argentina of \
spying on its navy in 2021.

## What next

Officials on both sides say the commission will report by the end of the year. Farmers in both countries depend on \
the glaciers for water.
"""


def test_every_dated_event_of_a_history_paragraph_is_on_the_timeline(parse: Callable[[str, str], Document]) -> None:
    doc = parse(HISTORY, "history.md")
    entries = timeline(doc)
    background = [t for t in entries if t.phase == "background"]
    # One key point holds the three quarrels; each is on the timeline, in order, titled on its own,
    # and jumps to its own sentence.
    assert [t.date for t in background] == ["1978", "2019", "2021"]
    assert len({t.key_point for t in background}) < len(background)
    assert len({t.title for t in background}) == 3
    for t in background:
        assert t.date in doc.text[t.start : t.end]
    # "the two ministers" are the two who just met, and the headline says so.
    assert any(k.title.startswith("Lucia Ferro and Tomas Vidal agree") for k in doc.key_points)
