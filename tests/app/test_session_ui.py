"""The reader as a person meets it: every action reachable, text as data, 80x24, the small defects of issue 9."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.content import Content
from textual.fuzzy import Matcher
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, TextArea

from briefreader.ui.dialogs.ask import Ask
from briefreader.ui.dialogs.choose import Choose
from briefreader.ui.dialogs.confirm import Confirm
from briefreader.ui.dialogs.help import HelpScreen, HelpScroll
from briefreader.ui.dialogs.note_editor import NoteEditor
from briefreader.ui.reader.legend import Legend, legend_labels
from briefreader.ui.reader.panes.entities_pane import EntitiesPane
from briefreader.ui.reader.panes.notes_pane import NotesPane
from briefreader.ui.reader.titlebar import TitleBar
from briefreader.ui.widgets.keybar import KeyBar
from briefreader.ui.widgets.search_bar import SearchField
from tests.helpers.app import annotated_copy, app_for, reader, shown, started, status, wait_for

TEXT = """Ministers meet in Tallinn

Anna Berg met Omar Haddad in Tallinn on Monday. Berg said the talks were useful.
"""


def keybar(app: object) -> str:
    return shown(app.screen.query_one(KeyBar))  # type: ignore[attr-defined]


def border_title(widget: Widget) -> str:
    """A widget's border title as shown (the getter gives it back as escaped markup)."""
    return Content.from_markup(widget.border_title or "").plain


# Text is data ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Howard [/] x", "[bold]PRC[/] China", "[@click=app.quit]q[/]"])
async def test_a_name_with_markup_shows_as_typed_in_every_dialog(tmp_path: Path, name: str) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        ents = screen.query_one(EntitiesPane)
        ferrero = next(e for e in screen.session.doc.entities if e.name == "Lucía Ferrero")
        ents.focus()
        ents.highlight_id(ferrero.id)
        await pilot.press("R")
        app.screen.query_one("#ask-input", Input).value = name
        await pilot.press("enter")
        assert ferrero.name == name and name in status(screen)
        for key, title in (("e", f"Relabel {name}"), ("m", f"Merge {name} into…"), ("s", f"Split off from {name}")):
            await pilot.press(key)
            assert isinstance(app.screen, Choose), key
            assert border_title(app.screen.query_one(".chooser")) == title
            await pilot.press("escape")
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        assert f"entity {name}" in shown(app.screen.query_one("#note-about"), 1)
        await pilot.press("escape")
        assert name in shown(ents, 8)
        assert app.is_running


# Every action reachable -------------------------------------------------------------------------


async def test_the_palette_finds_every_action_by_the_name_the_help_gives_it(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(120, 40)):
        screen = reader(app)
        titles = [c.title for c in screen.palette_commands()]
        for word in ("relabel", "reject", "label", "pin", "retitle", "order", "rename", "split", "undo", "redo"):
            assert any(Matcher(word).match(t) > 0 for t in titles), word
        for row in screen.key_rows():
            if row.where not in ("Lists", "Note editor", "Frame editor") and not row.name.startswith("Hide / show"):
                names = row.name.split(" / ") if " / " in row.name else [row.name]
                assert any(n.split()[0].lower() in t.lower() for t in titles for n in names), row.name
        assert sum(t == "Quit" for t in titles) == 1


async def test_a_pane_action_runs_from_the_palette(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"Entities: Relabel")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, Choose), "the relabel dialog")
        assert border_title(app.screen.query_one(".chooser")).startswith("Relabel ")


async def test_quit_from_the_palette_asks_about_unsaved_work(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        await pilot.press("a", *"unsaved", "ctrl+s")
        await pilot.press("ctrl+p", *"quit")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm), "the unsaved-changes question")
        assert app.is_running


async def test_the_key_bar_shows_what_the_focus_can_do(tmp_path: Path) -> None:
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(200, 40)) as pilot:
        assert "+ Mark entity" in keybar(app)
        await pilot.press("tab")
        bar = keybar(app)
        for key in ("e Relabel", "x Reject", "m Merge", "R Rename", "s Split", "h Rejected", "u Restore", "Show"):
            assert key in bar, key
        await pilot.press("tab")
        for key in ("p Pin", "t Retitle", "o Order", "Evidence"):
            assert key in keybar(app), key
        await pilot.press("slash")
        assert isinstance(app.focused, SearchField)
        bar = keybar(app)
        assert "Close search" in bar and "Note" not in bar and "Relabel" not in bar
    empty = app_for(src, model="no_such_pipeline_xyz")
    async with started(empty, size=(200, 40)) as pilot:
        reader(empty).query_one(NotesPane).focus()
        await pilot.pause()
        assert "Edit" not in keybar(empty) and "Delete" not in keybar(empty)


# Smaller defects ------------------------------------------------------------------------------


async def test_tab_into_entities_puts_an_entity_under_the_cursor(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("tab", "x")
        assert any(e.rejected for e in screen.session.doc.entities)
        assert screen.query_one(EntitiesPane).highlighted_id is not None


async def test_rejecting_keeps_the_place_in_the_list(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        ents = reader(app).query_one(EntitiesPane)
        await pilot.press("tab", "down", "down", "down", "down")
        place = ents.highlighted
        gone = ents.highlighted_id
        await pilot.press("x")
        assert ents.highlighted_id not in (None, gone)
        assert place is not None and ents.highlighted is not None and abs(ents.highlighted - place) <= 1


async def test_undo_back_to_the_saved_state_is_not_modified(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        title = reader(app).query_one(TitleBar)
        await pilot.press("a", *"n", "ctrl+s")
        assert "● modified" in shown(title)
        await pilot.press("ctrl+z")
        assert "● modified" not in shown(title) and not reader(app).session.dirty
        await pilot.press("ctrl+y")
        assert "● modified" in shown(title)


async def test_the_modified_marker_shows_beside_a_long_title(tmp_path: Path) -> None:
    src = tmp_path / "long.txt"
    src.write_text("A very long title " * 12 + "\n\nBody text here. More text.\n", encoding="utf-8")
    app = app_for(src, model="no_such_pipeline_xyz")
    async with started(app, size=(120, 30)) as pilot:
        await pilot.press("a", *"n", "ctrl+s")
        line = shown(reader(app).query_one(TitleBar))
        assert "● modified" in line and "long.txt" in line and "…" in line


async def test_help_scrolls_with_the_reader_keys_and_says_how_to_close(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one(HelpScroll)
        assert "escape closes" in Content.from_markup(box.border_subtitle or "").plain
        await pilot.press("j")
        assert box.scroll_y == 1
        await pilot.press("space")
        assert box.scroll_y > 1
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_arrow_keys_move_between_dialog_buttons(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("a", *"n", "ctrl+s", "q")
        assert isinstance(app.screen, Confirm)
        assert app.focused is not None and app.focused.id == "save"
        await pilot.press("right")
        assert app.focused.id == "quit"
        await pilot.press("right", "left")
        assert app.focused.id == "quit"
        await pilot.press("enter")
    assert app.return_code == 0


async def test_ctrl_o_lists_the_folder_and_opens_folders(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TEXT.replace("Tallinn", "Riga"), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "three.txt").write_text(TEXT.replace("Tallinn", "Vilnius"), encoding="utf-8")
    app = app_for(tmp_path / "one.txt", model="no_such_pipeline_xyz")
    async with started(app, size=(120, 30)) as pilot:
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, Choose)
        items = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert "two.txt" in items and "sub/" in items and any("one.txt" in i for i in items)
        await pilot.press(*"sub", "enter")
        assert isinstance(app.screen, Choose)
        assert [str(o.prompt) for o in app.screen.query_one(OptionList).options][-1] == "three.txt"
        await pilot.press(*"three", "enter")
        await wait_for(pilot, lambda: "Vilnius" in reader(app).session.doc.meta.title, "the brief in the subfolder")


async def test_a_tab_in_the_same_burst_as_the_text_reaches_the_tags(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        burst = [*"body", "tab", *"tag1", "ctrl+s"]  # as a terminal delivers a paste: all at once
        for key in burst:
            char = {"tab": "\t", "ctrl+s": "\x13"}.get(key, key)
            app.post_message(events.Key(key, char))
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteEditor), "the note kept")
        note = screen.session.doc.notes[-1]
        assert (note.text, note.tags) == ("body", ["tag1"])


async def test_the_mark_dialog_shows_its_sentence_and_keeps_the_typing_on_a_mismatch(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("j", "j", "plus")
        assert isinstance(app.screen, Ask)
        start, end = screen.article.cursor_span or (0, 0)
        sentence = screen.session.doc.text[start:end]
        assert sentence[:30] in shown(app.screen.query_one(".context Static"))
        field = app.screen.query_one("#ask-input", Input)
        field.value = "words not in it"
        await pilot.press("enter")
        assert isinstance(app.screen, Ask) and field.value == "words not in it"
        assert "not in this sentence" in shown(app.screen.query_one("#ask-error"), 1)
        field.value = sentence.split()[0]
        await pilot.press("enter")
        assert isinstance(app.screen, Choose)


# 80x24 first ----------------------------------------------------------------------------------


async def test_at_80x24_dialog_buttons_are_whole_and_lists_keep_the_highlight_in_view(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("a", *"n", "ctrl+s", "q")
        for button in app.screen.query(Button):
            label = str(button.label)
            assert label in shown(button), label
            assert app.screen.region.contains_region(button.region)
        await pilot.press("escape", "tab", "e")
        assert isinstance(app.screen, Choose)
        box = app.screen.query_one(".chooser")
        ol = app.screen.query_one(OptionList)
        assert app.screen.region.contains_region(box.region) and box.region.contains_region(ol.region)
        await pilot.press("up")  # from the top: wraps to the last label, which must be in view
        assert ol.highlighted == ol.option_count - 1
        top = ol.scroll_offset.y
        assert top <= ol.highlighted < top + ol.scrollable_content_region.height
        chosen = ol.highlighted_option
        await pilot.press("enter")
        assert (
            chosen is not None
            and reader(app).session.doc.entity(reader(app).query_one(EntitiesPane).highlighted_id or "").label
            == chosen.id
        )  # type: ignore[union-attr]


async def test_at_80_columns_the_legend_shows_every_label(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(80, 24)):
        screen = reader(app)
        legend = shown(screen.query_one(Legend))
        for i, label in enumerate(legend_labels(screen.session.doc), start=1):
            assert f"{i} {label}" in legend, label


async def test_note_editor_keeps_and_cancels_at_80x24(tmp_path: Path, brief_copy: Callable[[str], Path]) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("a")
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        for widget in (editor.query_one(TextArea), editor.query_one("#note-tags")):
            assert editor.region.contains_region(widget.region)
