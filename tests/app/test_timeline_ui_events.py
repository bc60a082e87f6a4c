"""The reader's timeline pane and Key points list never show a negated event as one that took place."""

from __future__ import annotations

from pathlib import Path

from briefreader.io.store import save_document
from briefreader.model.document import ParserInfo
from briefreader.model.polarity import MARK, clipped
from briefreader.model.timeline import AT_BRIEF_DATE
from briefreader.ui.reader.panes.keypoints_pane import KeyPointsPane
from briefreader.ui.reader.panes.timeline_pane import TimelinePane
from tests.helpers.app import app_for, reader, shown, started
from tests.helpers.event_briefs import brief


async def test_the_timeline_marks_a_negated_event_and_the_undated_news(tmp_path: Path) -> None:
    doc = brief()
    doc.key_points.reverse()  # the undated "Lula meets Boric" is the top point: the brief's news
    doc.parser = ParserInfo("en_core_web_sm", "3.8.0", "0.1.0")  # parsed: opening it starts no parse
    path = tmp_path / "milei.yaml"
    save_document(doc, path)
    app = app_for(path)
    async with started(app, size=(140, 40)) as pilot:
        screen = reader(app)
        pane = screen.query_one(KeyPointsPane)
        points = "\n".join(str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count))
        assert f"{MARK} Javier Milei refuses to attend summit in Rio" in points
        await pilot.press("T")
        text = shown(screen.query_one(TimelinePane))
        assert f"{MARK} Javier Milei refuses to attend summit in Rio" in text
        assert "will not happen (refused)" in " ".join(text.split())  # the title's mark, wrapped
        assert "2026-03-02 · meeting · undated:" in text and AT_BRIEF_DATE in str(
            next(e for e in screen.query_one(TimelinePane).entries.values() if e.at_brief_date).notes
        )
        assert text.index("The news (1)") < text.index("2026-03-02") < text.index("Planned (1)")


async def test_a_long_negated_key_point_keeps_its_mark_whole(tmp_path: Path) -> None:
    """User trial item 13: at 160x50 the row read ``✗ Cambodia refuses … — did not…``: the mark was cut."""
    doc = brief()
    long_title = "Javier Milei refuses to attend regional water summit in Rio de Janeiro on Tuesday next week"
    doc.key_points[0].title, doc.key_points[0].title_template = long_title, None
    doc.parser = ParserInfo("en_core_web_sm", "3.8.0", "0.1.0")
    path = tmp_path / "milei.yaml"
    save_document(doc, path)
    app = app_for(path)
    async with started(app, size=(160, 50)):
        pane = reader(app).query_one(KeyPointsPane)
        row = " ".join(str(pane.get_option_at_index(0).prompt).split())
        assert row.startswith(f"{MARK} Javier Milei refuses")
        assert row.endswith("— will not happen (refused) visit · 1.50")  # the title's words give way, not the mark
    marked = f"{MARK} {long_title} — will not happen (refused)"
    assert clipped(marked, 20) == f"{MARK} Javier Milei refuse… — will not happen (refused)"
