"""The timeline from ``Document.events``: one row per happening, negated events marked, the undated news."""

from __future__ import annotations

import io

from rich.console import Console

from briefreader.cli.show import show
from briefreader.model.document import BriefMeta, Document, Entity, Evidence, KeyPoint, Mention, Sentence
from briefreader.model.event import EventFrame, EventStatus, Trigger, When
from briefreader.model.polarity import MARK, headline, not_happened
from briefreader.model.timeline import AT_BRIEF_DATE, NO_PHASE, phase_name, text_reference, timeline, undated

TEXT = (
    "Summit news\n\n"
    "Park visited Beijing and met Wang. "
    "The visit was his first. "
    "In 2017 Seoul and Beijing quarrelled. "
    "Milei refused to attend the summit. "
    "Kim met Li in May."
)


def at(word: str, nth: int = 0) -> int:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(word, i + 1)
    return i


def sentence_of(offset: int) -> tuple[int, int]:
    start = TEXT.rfind(". ", 0, offset)
    start = TEXT.index("\n\n") + 2 if start < 0 or start < TEXT.index("\n\n") else start + 2
    end = TEXT.find(".", offset) + 1
    return start, end


def frame(
    vid: str,
    word: str,
    kind: str,
    date: str | None,
    actors: list[str] | None = None,
    targets: list[str] | None = None,
    status: EventStatus = "happened",
    title: str | None = None,
    nth: int = 0,
) -> EventFrame:
    s = at(word, nth)
    return EventFrame(
        kind,
        Trigger(s, s + len(word), word),
        actors or [],
        targets or [],
        when=When("x", date) if date else None,
        status=status,
        title=title,
        id=vid,
        sentence=sentence_of(s),
    )


def entity(eid: str, name: str) -> Entity:
    s = at(name)
    return Entity(eid, name, "PERSON", [Mention(s, s + len(name), name)])


def brief(date: str | None = "2025-08-25") -> Document:
    visit = frame("v1", "visited", "visit", "2025-08-22", ["e1"], ["e2"], title="Park visits Beijing")
    met = frame("v2", "met", "meeting", "2025-08-22", ["e1"], ["e2"], title="Park meets Wang")
    anaphor = frame("v3", "visit", "visit", None, ["e1"], nth=1)
    quarrel = frame("v4", "quarrelled", "tension", "2017", ["e3"], title="2017: Seoul and Beijing quarrel")
    refusal = frame("v5", "attend", "visit", "2025-09", ["e4"], status="planned", title="Milei attends the summit")
    refusal.negated, refusal.cue = True, "refused"
    kim = frame("v6", "met", "meeting", "2025-05", ["e5"], ["e6"], nth=1)
    s1 = sentence_of(at("visited"))
    s2 = sentence_of(at("visit", 1))
    s3 = sentence_of(at("quarrelled"))
    merged = frame("", "visited", "visit", "2025-08-22", ["e1"], ["e2"])
    return Document(
        BriefMeta("Summit news", date),
        TEXT,
        sentences=[Sentence(*sentence_of(f.trigger.start), 1) for f in (visit, anaphor, quarrel, refusal, kim)],
        entities=[
            entity("e1", "Park"),
            entity("e2", "Wang"),
            entity("e3", "Seoul"),
            entity("e4", "Milei"),
            entity("e5", "Kim"),
            entity("e6", "Li"),
        ],
        key_points=[
            KeyPoint(
                "k1",
                "Park meets Wang in Beijing",
                "visit",
                2.0,
                [Evidence(*s1, TEXT[slice(*s1)]), Evidence(*s2, TEXT[slice(*s2)]), Evidence(*s3, TEXT[slice(*s3)])],
                event=merged,
                events=["v1", "v2", "v3", "v4"],
            ),
        ],
        events=[visit, met, anaphor, quarrel, refusal, kim],
    )


def test_a_key_points_events_at_its_date_are_one_row_and_others_have_their_own() -> None:
    entries = timeline(brief())
    assert [(t.date, t.title, t.key_point) for t in entries] == [
        ("2017", "2017: Seoul and Beijing quarrel", "k1"),  # k1's event at another date: its own headline
        ("2025-05", "Kim met Li", None),  # no key point, no title: who, the word, whom
        ("2025-08-22", "Park meets Wang in Beijing", "k1"),  # the visit, the meeting and "the visit": one row
        ("2025-09", f"{MARK} Milei attends the summit — will not happen (refused)", None),
    ]
    news = entries[2]
    assert news.category == "visit" and news.phase == "news" and (news.start, news.end) == sentence_of(at("visited"))
    assert entries[0].phase == "background" and (entries[0].start, entries[0].end) == sentence_of(at("quarrelled"))


def test_one_happening_mentioned_twice_outside_any_key_point_is_one_row() -> None:
    doc = brief()
    doc.key_points = []
    entries = timeline(doc)
    rows = [(t.date, t.title) for t in entries if t.date == "2025-08-22"]
    # The visit and the meeting are two types; "the visit" is undated. A second mention of the visit is dropped.
    assert rows == [("2025-08-22", "Park visits Beijing"), ("2025-08-22", "Park meets Wang")]
    again = frame("v7", "visit", "visit", "2025-08-22", ["e1"], ["e2"], nth=1)
    doc.events.append(again)
    assert [(t.date, t.title) for t in timeline(doc) if t.date == "2025-08-22"] == rows
    # Park meeting someone else that day is another happening.
    other = frame("v8", "met", "meeting", "2025-08-22", ["e1"], ["e6"], title="Park meets Li", nth=1)
    doc.events.append(other)
    assert ("2025-08-22", "Park meets Li") in [(t.date, t.title) for t in timeline(doc)]


def test_a_negated_event_is_marked_and_never_shown_as_having_happened() -> None:
    refusal = next(t for t in timeline(brief()) if t.event.negated)
    assert refusal.negated and refusal.title.startswith(MARK) and "will not happen (refused)" in refusal.title
    assert refusal.notes == []  # the title says it: a view that shows both says it once (user trial item 12)
    # A past event that did not take place.
    doc = brief()
    quarrel = doc.events[3]
    quarrel.negated, quarrel.cue = True, "denied"
    row = next(t for t in timeline(doc) if t.date == "2017")
    assert row.negated and row.title == f"{MARK} 2017: Seoul and Beijing quarrel — did not happen (denied)"
    assert undated(row.title) == f"{MARK} Seoul and Beijing quarrel — did not happen (denied)"
    # A key point whose merged frame is negated: its row and its title are marked too.
    point = doc.key_points[0]
    assert point.event is not None
    point.event.negated = True
    main = next(t for t in timeline(doc) if t.key_point == "k1" and t.date == "2025-08-22")
    assert main.negated and main.title == f"{MARK} Park meets Wang in Beijing — did not happen"


def test_headline_marks_once_and_says_plan_or_past() -> None:
    ev = EventFrame("visit", Trigger(0, 1, "x"), negated=True, cue="called off", status="happened")
    assert not_happened(ev) == "did not happen (called off)"
    once = headline("Talks in Oslo (2024)", ev)
    assert once == f"{MARK} Talks in Oslo (2024) — did not happen (called off)"
    assert headline(once, ev) == once
    assert undated(once) == f"{MARK} Talks in Oslo — did not happen (called off)"
    assert headline("Talks", None) == "Talks" and headline("Talks", EventFrame("visit", Trigger(0, 1, "x"))) == "Talks"


def test_the_undated_news_stands_at_the_briefs_date_marked_as_such() -> None:
    doc = brief()
    point = doc.key_points[0]
    assert point.event is not None
    point.event.when = None
    for ev in doc.events[:2]:
        ev.when = None
    entries = timeline(doc)
    news = [t for t in entries if t.at_brief_date]
    assert len(news) == 1
    (row,) = news
    assert (row.date, row.phase, row.key_point, row.title) == ("2025-08-25", "news", "k1", "Park meets Wang in Beijing")
    assert row.notes == [AT_BRIEF_DATE]
    # Not for a plan, not without a brief date; the news is the first thing the text says took
    # place (the lead), wherever its point ranks.
    point.event.status = "planned"
    assert not any(t.at_brief_date for t in timeline(doc))
    point.event.status = "happened"
    lead = EventFrame("visit", Trigger(0, 4, doc.text[0:4]), status="happened")
    doc.key_points.append(KeyPoint("k9", "The lead", "visit", 0.1, [], event=lead))
    assert [t.key_point for t in timeline(doc) if t.at_brief_date] == ["k9"]
    doc.key_points.pop()
    doc.meta = BriefMeta("Summit news", None)
    assert not any(t.at_brief_date for t in timeline(doc))


def test_a_brief_with_no_date_puts_nothing_under_the_news_by_its_years_alone() -> None:
    doc = brief(None)
    for ev in doc.events:
        if ev.when and ev.when.date and len(ev.when.date) >= 10:
            ev.when = When("that year", "2025")
    assert doc.key_points[0].event is not None
    doc.key_points[0].event.when = When("that year", "2025")
    entries = timeline(doc)
    assert entries and all(t.phase != "news" for t in entries)
    assert {t.phase for t in entries if t.status != "planned"} == {None}
    assert phase_name(None) == NO_PHASE
    # A plan is a plan whatever the brief's date.
    assert next(t for t in entries if t.event.negated).phase == "planned"


def test_a_brief_with_no_date_reads_phases_from_a_day_its_text_gives() -> None:
    doc = brief(None)
    assert text_reference(doc.events) == "2025-08-22"
    by_date = {t.date: t.phase for t in timeline(doc)}
    assert by_date == {"2017": "background", "2025-05": "background", "2025-08-22": "news", "2025-09": "planned"}
    # Negated and planned frames are no reference; a latest date that is only a year is none either.
    assert text_reference([frame("v9", "met", "meeting", "2026")]) is None


def test_show_prints_the_marks() -> None:
    doc = brief()
    doc.key_points[0].event.negated = True  # type: ignore[union-attr]
    out = io.StringIO()
    show(doc, Console(file=out, width=160, color_system=None))
    printed = out.getvalue()
    keypoints = printed[printed.index("Key points") : printed.index("Timeline")]
    assert f"{MARK} Park meets Wang in Beijing — did not happen" in keypoints
    section = printed[printed.index("Timeline") :]
    assert f"{MARK} Milei attends the summit — will not happen (refused)" in section
    assert "visit · planned" in section and section.count("will not happen") == 1  # said once, by the title
    doc = brief()
    doc.key_points[0].event.when = None  # type: ignore[union-attr]
    for ev in doc.events[:2]:
        ev.when = None
    out = io.StringIO()
    show(doc, Console(file=out, width=160, color_system=None))
    assert f"visit · the news · {AT_BRIEF_DATE}" in out.getvalue()


def test_frames_still_held_on_key_points_are_read_too() -> None:
    """A parse made before ``Document.events`` (frames on the key points): the same rows."""
    doc = brief()
    point = doc.key_points[0]
    quarrel = doc.events[3]
    point.events, doc.events = [], []
    point.more_events = [quarrel]
    rows = [(t.date, t.title, t.key_point) for t in timeline(doc)]
    assert rows == [
        ("2017", "2017: Seoul and Beijing quarrel", "k1"),
        ("2025-08-22", "Park meets Wang in Beijing", "k1"),
    ]
