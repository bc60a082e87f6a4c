"""Search results and the entity index, driven by keys: each opens briefs where it should."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from briefreader.ui.library.entity_index import EntityIndexScreen, MentioningScreen
from briefreader.ui.library.library_screen import LibraryScreen
from briefreader.ui.library.search_results import QueryField, ResultList, SearchResultsScreen, excerpt
from tests.helpers.app import started, wait_for
from tests.helpers.library_app import TITLES, annotated_library, library_app, reading, ready


async def test_search_lists_hits_with_their_brief_and_enter_opens_at_the_sentence(tmp_path: Path) -> None:
    root = annotated_library(tmp_path / "lib")
    app = library_app(root)
    async with started(app, size=(100, 30)) as pilot:
        await ready(pilot, app)
        await pilot.press("slash", *"frank", "enter")  # the field over the status line, then the hits
        results = app.screen
        assert isinstance(results, SearchResultsScreen) and isinstance(app.focused, ResultList)
        assert results.query_one(QueryField).value == "frank"
        assert [h.title for h in results.hits] == [TITLES["harbour"]]
        hit = results.hits[0]
        assert hit.sentence == "Arland's foreign minister, Mira Solvik, said the talks were frank."
        listed = results.query_one(OptionList)
        heading, first = listed.get_option_at_index(0), listed.get_option_at_index(1)
        assert heading.disabled and TITLES["harbour"] in str(heading.prompt)
        await pilot.press("enter")
        r = reading(app)
        assert r is not None and r.session.doc.meta.title == TITLES["harbour"]
        await pilot.pause()
        start, end = r.article.cursor_span or (0, 0)
        assert start <= hit.start < end and r.evidence == ((hit.start, hit.end),)
        assert r.session.doc.text[hit.start : hit.end] == hit.sentence
        await pilot.press("q")
        assert app.screen is results and first.id == "0"
        await pilot.press("q")
        assert isinstance(app.screen, LibraryScreen)


async def test_j_and_k_after_a_search_go_to_the_other_briefs_that_matched(tmp_path: Path) -> None:
    app = library_app(annotated_library(tmp_path / "lib"))
    async with started(app, size=(100, 30)) as pilot:
        await ready(pilot, app)
        await pilot.press("slash", *"corvale", "enter")
        results = app.screen
        assert isinstance(results, SearchResultsScreen)
        briefs = list(dict.fromkeys(h.title for h in results.hits))
        assert sorted(briefs) == sorted([TITLES["harbour"], TITLES["market"]])
        await pilot.press("enter", "J")
        r = reading(app)
        assert r is not None and r.session.doc.meta.title == briefs[1]
        assert r.evidence and "Corvale" in r.session.doc.text[r.evidence[0][0] : r.evidence[0][1]]


async def test_a_search_with_no_match_says_so_and_keeps_the_query(tmp_path: Path) -> None:
    app = library_app(annotated_library(tmp_path / "lib"))
    async with started(app, size=(100, 30)) as pilot:
        await ready(pilot, app)
        await pilot.press("slash", *"zeppelin", "enter")
        screen = app.screen
        assert isinstance(screen, SearchResultsScreen) and not screen.hits
        assert "No match for zeppelin" in str(screen.query_one("#search-status").render())
        assert isinstance(app.focused, QueryField) and app.focused.value == "zeppelin"
        await pilot.press("slash")  # typed into the query (over the selected old one), not run
        assert app.screen is screen and app.focused.value == "/"
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("slash", "escape")  # the library's field: open, then closed unused
        assert isinstance(app.screen, LibraryScreen) and app.focused is app.screen.table


def test_a_long_sentence_is_cut_around_its_match_and_the_match_stays_highlighted() -> None:
    text = "word " * 100 + "needle" + " word" * 100
    at = text.index("needle")
    shown = excerpt(text, ((at, at + 6),), size=80)
    assert len(shown.plain) <= 82 and shown.plain.startswith("…") and shown.plain.endswith("…")
    spans = [shown.plain[s.start : s.end] for s in shown.spans if "reverse" in str(s.style)]
    assert spans == ["needle"]
    raw = "a\x1b[2Jb needle"
    controls = excerpt(raw, ((raw.index("needle"), len(raw)),))
    assert "\x1b" not in controls.plain and [controls.plain[s.start : s.end] for s in controls.spans] == ["needle"]


async def test_the_entity_index_joins_briefs_and_opens_each_at_its_first_mention(tmp_path: Path) -> None:
    root = annotated_library(tmp_path / "lib")
    app = library_app(root)
    async with started(app, size=(100, 30)) as pilot:
        await ready(pilot, app)
        await pilot.press("e")
        index = app.screen
        assert isinstance(index, EntityIndexScreen)
        await wait_for(pilot, lambda: bool(index.entities), "the entity listing")
        corvale = next(e for e in index.entities if e.name == "Corvale")
        assert corvale.briefs == 2 and corvale.label == "GPE"
        await pilot.press("f", *"corv")
        await wait_for(pilot, lambda: [e.name for e in index.entities] == ["Corvale"], "the filtered listing")
        await pilot.press("enter", "enter")  # back to the table, then the briefs that mention it
        mentioning = app.screen
        assert isinstance(mentioning, MentioningScreen)
        await wait_for(pilot, lambda: len(mentioning.mentions) == 2, "the briefs that mention it")
        first = mentioning.mentions[0]
        await pilot.press("enter")
        r = reading(app)
        assert r is not None and r.session.doc.meta.title == first.brief.title
        await pilot.pause()
        ent = r.session.doc.entity(r.selected_entity or "")
        assert ent is not None and ent.name == "Corvale"
        assert min(m.start for m in ent.visible_mentions) == first.start == r.evidence[0][0]
        await pilot.press("J")
        r2 = reading(app)
        assert r2 is not None and r2.session.doc.meta.title == mentioning.mentions[1].brief.title
        await pilot.pause()
        assert r2.selected_entity is not None and r2.evidence[0][0] == mentioning.mentions[1].start
        await pilot.press("q")
        assert app.screen is mentioning
        await pilot.press("q", "q")
        assert isinstance(app.screen, LibraryScreen)
