"""The library screen driven by keys: sort, filter, open, come back to the row, walk the briefs with J / K."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from briefreader.library.schema import index_path
from briefreader.ui.dialogs.choose import Choose
from briefreader.ui.dialogs.confirm import Confirm
from briefreader.ui.dialogs.help import HelpScreen
from briefreader.ui.dialogs.note_editor import NoteEditor
from briefreader.ui.widgets.filter_field import FilterField
from tests.helpers.app import record_notifications, started, wait_for
from tests.helpers.library_app import (
    TITLES,
    annotated_library,
    library,
    library_app,
    new_library,
    reading,
    ready,
    titles,
)
from tests.helpers.library_data import HARBOUR, write


async def test_the_table_lists_every_brief_newest_first_and_sorts_by_any_column(tmp_path: Path) -> None:
    app = library_app(annotated_library(tmp_path / "lib"))
    async with started(app, size=(100, 30)) as pilot:
        screen = await ready(pilot, app)
        assert titles(screen) == [TITLES["market"], TITLES["glacier"], TITLES["harbour"]]  # undated last
        await pilot.press("s")
        assert isinstance(app.screen, Choose)
        await pilot.press(*"title", "enter")
        assert titles(screen) == sorted(TITLES.values())
        await pilot.press("S")
        assert titles(screen) == sorted(TITLES.values(), reverse=True)
        await pilot.press("s", *"notes", "enter")  # the harbour brief has the one note
        assert titles(screen)[0] == TITLES["harbour"]
        await pilot.click("#library-table", offset=(60, 0))  # a click on a heading sorts by it
        assert screen.sort != "notes"


async def test_typing_in_the_filter_narrows_rows_by_title_entity_tag_and_note(tmp_path: Path) -> None:
    app = library_app(annotated_library(tmp_path / "lib"))
    async with started(app, size=(100, 30)) as pilot:
        screen = await ready(pilot, app)
        await pilot.press("f")
        assert isinstance(app.focused, FilterField)
        for words, expected in [
            ("solvik", ["harbour"]),  # an entity's name
            ("institute", ["glacier"]),  # an entity's name, one word of it
            ("survey climate", ["glacier"]),  # a title word and a tag
            ("quota", ["harbour"]),  # the text of a note
            ("corvale", ["market", "harbour"]),  # titles and entities
        ]:
            app.screen.query_one(FilterField).value = words
            await pilot.pause()
            assert titles(screen) == [TITLES[k] for k in expected], words
        await pilot.press("escape")  # clears the filter, back to the table
        assert len(titles(screen)) == 3 and app.focused is screen.table


async def test_enter_opens_a_brief_and_q_comes_back_to_the_same_row(tmp_path: Path) -> None:
    root = annotated_library(tmp_path / "lib")
    app = library_app(root)
    async with started(app, size=(100, 30)) as pilot:
        screen = await ready(pilot, app)
        await pilot.press("j", "enter")
        r = reading(app)
        assert r is not None and r.session.source == root / "glacier.yaml"
        assert r.session.doc.meta.title == TITLES["glacier"]
        await pilot.press("q")
        assert app.screen is screen and screen.current is not None
        assert screen.current.rel == "glacier.yaml" and screen.table.cursor_row == 1


async def test_j_and_k_in_the_reader_walk_the_rows_and_ask_before_leaving_unsaved_work(tmp_path: Path) -> None:
    root = annotated_library(tmp_path / "lib")
    before = (root / "glacier.yaml").read_bytes()
    app = library_app(root)
    async with started(app, size=(100, 30)) as pilot:
        screen = await ready(pilot, app)
        await pilot.press("enter", "J")
        r = reading(app)
        assert r is not None and r.session.doc.meta.title == TITLES["glacier"]
        assert r.trail.position == 1 and screen.table.cursor_row == 1  # the table follows
        await pilot.press("K", "K")  # no brief before the first: says so and stays
        r = reading(app)
        assert r is not None and r.session.doc.meta.title == TITLES["market"]
        await pilot.press("J")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor), "the note editor")
        await pilot.press(*"unsaved thought", "ctrl+s")
        r = reading(app)
        assert r is not None and r.session.dirty
        await pilot.press("J")
        assert isinstance(app.screen, Confirm)
        await pilot.click("#cancel")  # stay
        assert reading(app) is r and r.session.dirty
        await pilot.press("J")
        await pilot.click("#discard")
        r2 = reading(app)
        assert r2 is not None and r2.session.doc.meta.title == TITLES["harbour"]
        await pilot.press("q")
        assert app.screen is screen and screen.current is not None and screen.current.rel == "talks/harbour.yaml"
    assert (root / "glacier.yaml").read_bytes() == before  # left without saving: nothing written


async def test_coming_back_after_a_save_shows_the_row_annotated_with_its_counts(tmp_path: Path) -> None:
    root = new_library(tmp_path / "lib")
    app = library_app(root)  # no background parse: the reader parses the brief it opens
    async with started(app, size=(100, 30)) as pilot:
        screen = await ready(pilot, app)
        glacier = next(b for b in screen.rows if b.rel == "glacier.md")
        assert glacier.status == "new" and not glacier.parsed
        await pilot.press("j", "enter")
        r = reading(app)
        assert r is not None and r.session.source == root / "glacier.md"
        await wait_for(pilot, lambda: r.session.doc.parsed and not r.parsing, "the reader's parse")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor), "the note editor")
        await pilot.press(*"ask the institute", "ctrl+s")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not r.session.dirty, "the save")
        await pilot.press("q")
        await wait_for(pilot, lambda: any(b.rel == "glacier.yaml" for b in screen.rows), "the row read again")
        row = next(b for b in screen.rows if b.rel == "glacier.yaml")
        assert row.status == "annotated" and row.notes == 1 and row.entities > 0
        assert screen.current is not None and screen.current.rel == "glacier.yaml"  # still on its row


async def test_new_briefs_are_parsed_in_the_background_and_no_yaml_is_written(tmp_path: Path) -> None:
    root = new_library(tmp_path / "lib")
    app = library_app(root, parse=True)
    async with started(app, size=(100, 30)) as pilot:
        screen = await ready(pilot, app)
        assert all(b.parsed and b.entities > 0 and b.status == "new" for b in screen.rows)
        column = [c.key for c in screen.table.layout_columns].index("entities")
        shown = [screen.table.get_row_at(i)[column].plain for i in range(screen.table.row_count)]
        assert all(n.strip().isdigit() and int(n) > 0 for n in shown)  # entity counts filled in
        assert "Parsed 2 new briefs" in screen.progress.plain
    assert sorted(p.name for p in root.rglob("*.yaml")) == []


async def test_the_table_stays_responsive_while_briefs_are_parsed(tmp_path: Path) -> None:
    root = new_library(tmp_path / "lib")
    app = library_app(root, parse=True)
    async with started(app, size=(100, 30)) as pilot:
        screen = library(app)
        await wait_for(pilot, lambda: screen.work.parsing, "the background parse to start")
        await pilot.press("j", "s")  # keys work while it runs
        assert isinstance(app.screen, Choose)
        await pilot.press("escape")
        await ready(pilot, app)


async def test_two_briefs_with_one_name_in_different_folders_are_two_rows(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "2025" / "talks.txt", HARBOUR)
    write(root / "2026" / "talks.txt", HARBOUR.replace("Corvale", "Dunmere"))
    app = library_app(root)
    async with started(app, size=(100, 30)) as pilot:
        screen = await ready(pilot, app)
        assert sorted(b.rel for b in screen.rows) == ["2025/talks.txt", "2026/talks.txt"]
        await pilot.press("s", *"file", "enter", "j", "enter")
        r = reading(app)
        assert r is not None and r.session.source == root / "2026" / "talks.txt"
        assert "Dunmere" in r.session.doc.text


async def test_a_damaged_index_is_rebuilt_with_a_notice(tmp_path: Path) -> None:
    root = annotated_library(tmp_path / "lib")
    app = library_app(root)
    async with started(app, size=(100, 30)) as pilot:
        await ready(pilot, app)
    db = index_path(root.resolve())
    db.write_bytes(db.read_bytes()[:1000])  # truncated
    app = library_app(root)
    seen = record_notifications(app)
    async with started(app, size=(100, 30)) as pilot:
        screen = await ready(pilot, app)
        assert len(screen.rows) == 3
        assert any("rebuilt from the files" in n for n in seen)


async def test_help_lists_the_library_keys(tmp_path: Path) -> None:
    app = library_app(annotated_library(tmp_path / "lib"))
    async with started(app, size=(80, 24)) as pilot:
        await ready(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        names = {r.name for r in app.screen.rows}
        assert {"Filter", "Sort", "Search", "Entities", "Open", "Next / previous brief"} <= names


async def test_the_filter_field_takes_typing_not_keys(tmp_path: Path) -> None:
    app = library_app(annotated_library(tmp_path / "lib"))
    async with started(app, size=(100, 30)) as pilot:
        screen = await ready(pilot, app)
        await pilot.press("f", *"quota")  # q, s, e and / are typed, not run
        assert app.screen.query_one(FilterField).value == "quota" and app.screen is screen
        await pilot.press("enter")
        assert titles(screen) == [TITLES["harbour"]] and not isinstance(app.focused, Input)


async def test_the_filter_is_kept_across_a_search_and_a_reader(tmp_path: Path) -> None:
    app = library_app(annotated_library(tmp_path / "lib"))
    async with started(app, size=(100, 30)) as pilot:
        screen = await ready(pilot, app)
        await pilot.press("f", *"corvale", "enter")
        assert titles(screen) == [TITLES["market"], TITLES["harbour"]]
        await pilot.press("slash", *"frank", "enter")  # typing a query is not typing a filter
        await pilot.press("enter")
        assert reading(app) is not None
        await pilot.press("q", "q")
        assert app.screen is screen
        await wait_for(pilot, lambda: not screen.work.refreshing, "the refresh on coming back")
        assert screen.filter == "corvale" and titles(screen) == [TITLES["market"], TITLES["harbour"]]


async def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    app = library_app(tmp_path / "empty")
    async with started(app, size=(100, 30)) as pilot:
        screen = library(app)
        await wait_for(pilot, lambda: not screen.work.refreshing, "the refresh")
        await pilot.pause()
        assert "No briefs in this folder" in str(screen.query_one("#library-status").render())


async def test_the_palette_offers_the_library_actions_once(tmp_path: Path) -> None:
    app = library_app(annotated_library(tmp_path / "lib"))
    async with started(app, size=(100, 30)) as pilot:
        screen = await ready(pilot, app)
        titles_offered = [c.title for c in screen.palette_commands()]
        assert {"Filter", "Sort", "Search", "Entities", "Library: Open"} <= set(titles_offered)
        assert "Quit" not in titles_offered  # the App's own Quit is the one offered
        await pilot.press("ctrl+p", *"Entities", "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "EntityIndexScreen", "the entity index")
