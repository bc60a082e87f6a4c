"""The reader driven by keys (Pilot), asserting on the Document and on what is shown."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from textual.message import Message
from textual.widgets import Input, TextArea

from briefreader.io.store import load_document
from briefreader.ui.dialogs.choose import Choose
from briefreader.ui.dialogs.confirm import Confirm
from briefreader.ui.dialogs.help import HelpScreen
from briefreader.ui.dialogs.note_editor import NoteEditor
from briefreader.ui.messages import Parsed
from briefreader.ui.reader.article import ArticleView
from briefreader.ui.reader.panes.entities_pane import EntitiesPane
from briefreader.ui.reader.panes.keypoints_pane import KeyPointsPane
from briefreader.ui.reader.panes.notes_pane import NotesPane
from briefreader.ui.reader.titlebar import TitleBar
from briefreader.ui.widgets.search_bar import SearchField
from tests.helpers.app import annotated_copy, app_for, reader, saved, shown, started, status, wait_for


def rendered(article: ArticleView) -> str:
    """The Article's visible lines as plain text."""
    height = article.scrollable_content_region.height
    return "\n".join(article.render_line(y).text for y in range(height))


async def test_text_is_on_screen_before_the_parse_and_parse_runs_off_the_main_thread(
    brief_copy: Callable[[str], Path],
) -> None:
    seen: list[tuple[int, int]] = []
    main_thread = threading.get_ident()

    def hook(message: Message) -> None:
        # Once: Parsed bubbles on to the App, which may dispatch it while the test's app shuts down.
        if isinstance(message, Parsed) and not seen:
            screen = app.reader
            seen.append((message.thread_id, len(screen.article.lines) if screen else 0))

    app = app_for(brief_copy("harbour-city-marathon.txt"), parse_in_process=True)
    async with started(app, size=(140, 45), message_hook=hook) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: screen.parsing, "the parse to start (after the parse cache's miss)")
        assert screen.query_one(EntitiesPane).loading
        assert "Kiptoo breaks course record" in rendered(screen.article)
        await pilot.press("j")  # keys work while the parse runs
        await wait_for(pilot, lambda: screen.session.doc.parsed, "parse to finish")
        assert seen and seen[0][0] != main_thread and seen[0][1] > 0
        assert app.parser.pids and os.getpid() not in app.parser.pids
        assert not screen.query_one(EntitiesPane).loading
        assert screen.session.doc.entities and screen.session.doc.key_points
        # A parse is not the user's work: nothing is unsaved yet.
        assert not screen.session.dirty


async def test_cursor_keys_move_by_sentence_and_page(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(120, 30)) as pilot:
        art = reader(app).article
        assert art.cursor == 0
        await pilot.press("j", "j", "down")
        assert art.cursor == 3
        await pilot.press("k")
        assert art.cursor == 2
        await pilot.press("G")
        assert art.cursor == len(art.units) - 1
        await pilot.press("g")
        assert art.cursor == 0 and art.scroll_offset.y == 0
        await pilot.press("space")
        assert art.scroll_offset.y > 0 and art.cursor > 0


async def test_tab_cycles_panes(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        order = []
        for _ in range(4):
            order.append(type(app.focused).__name__)
            await pilot.press("tab")
        assert order == ["ArticleView", "EntitiesPane", "KeyPointsPane", "NotesPane"]
        assert isinstance(app.focused, ArticleView)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, NotesPane)


async def test_entity_selection_links_mentions_and_brackets_walk_them(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        ents = screen.query_one(EntitiesPane)
        ents.focus()
        ents.highlight_id(next(e.id for e in screen.session.doc.entities if e.name == "Lucía Ferrero"))
        await pilot.pause()
        ent = screen.session.doc.entity(screen.selected_entity or "")
        assert ent is not None and ent.name == "Lucía Ferrero"
        assert screen.article.selected_entity == ent.id
        mentions = ent.visible_mentions
        await pilot.press("right_square_bracket")
        assert f"mention 1 of {len(mentions)}" in status(screen)
        await pilot.press("right_square_bracket")
        assert f"mention 2 of {len(mentions)}" in status(screen)
        s, e = screen.article.units[screen.article.cursor]
        assert s <= mentions[1].start < e
        await pilot.press("left_square_bracket")
        assert f"mention 1 of {len(mentions)}" in status(screen)
        # The key points that involve the entity are marked.
        kp_text = " ".join(str(o.prompt) for o in screen.query_one(KeyPointsPane).options)
        assert "• " in kp_text


async def test_enter_on_key_point_highlights_its_evidence(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        kps = screen.query_one(KeyPointsPane)
        kps.focus()
        await pilot.press("j", "enter")
        kp = screen.session.doc.key_point(kps.highlighted_id or "")
        assert kp is not None
        assert screen.article.evidence == tuple((e.start, e.end) for e in kp.evidence)
        s, e = screen.article.units[screen.article.cursor]
        assert s <= kp.evidence[0].start < e


async def test_add_note_to_sentence_with_tags_then_edit_and_delete(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        before = len(screen.session.doc.notes)
        await pilot.press("j", "j", "a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Ask about funding")
        await pilot.press("tab", *"budget, water")
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, NoteEditor)
        note = screen.session.doc.notes[-1]
        assert len(screen.session.doc.notes) == before + 1
        assert note.text == "Ask about funding" and note.tags == ["budget", "water"]
        s, e = screen.article.units[2]
        assert note.anchor.kind == "sentence" and (note.anchor.start, note.anchor.end) == (s, e)
        assert "Ask about funding" in " ".join(str(o.prompt) for o in screen.query_one(NotesPane).options)
        assert "● modified" in shown(screen.query_one(TitleBar))
        notes = screen.query_one(NotesPane)
        notes.focus()
        notes.highlight_id(note.id)
        await pilot.press("enter")
        assert isinstance(app.screen, NoteEditor)
        area = app.screen.query_one(TextArea)
        assert area.text == "Ask about funding"
        area.text = "Ask about funding and staff"
        await pilot.press("ctrl+s")
        assert (
            screen.session.doc.note(note.id) is not None
            and screen.session.doc.notes[-1].text == "Ask about funding and staff"
        )
        await pilot.press("d")
        assert isinstance(app.screen, Confirm)
        await pilot.click("#delete")
        assert screen.session.doc.note(note.id) is None
        await pilot.press("ctrl+z")
        assert screen.session.doc.note(note.id) is not None


async def test_escape_cancels_a_note(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        before = len(screen.session.doc.notes)
        await pilot.press("a", *"draft", "escape")
        assert len(screen.session.doc.notes) == before and not isinstance(app.screen, NoteEditor)


async def test_note_on_entity_when_entities_pane_has_focus(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        await pilot.press("tab", "down", "a", *"who is this", "ctrl+s")
        note = screen.session.doc.notes[-1]
        assert note.anchor.kind == "entity" and note.anchor.ref == screen.query_one(EntitiesPane).highlighted_id


async def test_relabel_reject_and_merge_entities(tmp_path: Path) -> None:
    path = annotated_copy(tmp_path)
    app = app_for(path)
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        doc = screen.session.doc
        ents = screen.query_one(EntitiesPane)
        santiago = next(e for e in doc.entities if e.name == "Santiago")
        ents.focus()
        ents.highlight_id(santiago.id)
        await pilot.press("e")
        assert isinstance(app.screen, Choose)
        await pilot.press(*"GPE", "enter")
        assert santiago.label == "GPE" and santiago.edited
        andes = next(e for e in doc.entities if e.name == "Andes")
        ents.highlight_id(andes.id)
        await pilot.press("x")
        assert andes.rejected
        assert andes.id not in [o.id for o in ents.options]
        bare = next(e for e in doc.entities if e.name == "Beagle Channel")
        full = next(e for e in doc.entities if e.name == "Argentina")
        ents.highlight_id(bare.id)
        await pilot.press("m")
        assert isinstance(app.screen, Choose)
        await pilot.press(*full.name, "enter")
        assert doc.entity(bare.id) is None
        assert len(full.mentions) >= 2
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: saved(screen), "save")
    by_id = {e.id: e for e in load_document(path).entities}
    assert by_id[santiago.id].label == "GPE" and by_id[andes.id].rejected
    assert bare.id not in by_id


async def test_pin_and_order_key_points(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        kps = screen.query_one(KeyPointsPane)
        kps.focus()
        await pilot.press("G")
        last = kps.highlighted_id
        await pilot.press("p")
        kp = screen.session.doc.key_point(last or "")
        assert kp is not None and kp.pinned
        assert kps.options[0].id == last  # pinned first in score order
        await pilot.press("o")
        assert not kps.by_score and kps.border_subtitle == "in text order"
        starts = [screen.session.doc.key_point(o.id or "").start for o in kps.options]  # type: ignore[union-attr]
        assert starts == sorted(starts)


async def test_search_counts_and_cycles_matches(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchField) and app.focused.display
        await pilot.press(*"commission", "enter")
        art = screen.article
        assert app.focused is art and not screen.query_one(SearchField).display
        expected = screen.session.doc.text.lower().count("commission")
        assert len(art.matches) == expected >= 3
        assert f"match 1 of {expected}" in status(screen)
        await pilot.press("n")
        assert art.current_match == 1
        await pilot.press("N", "N")
        assert art.current_match == expected - 1
        await pilot.press("escape")
        assert art.matches == ()


async def test_label_toggle_hides_highlights(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        art = reader(app).article
        await pilot.press("1")
        assert art.hidden_labels == {"PERSON"}
        await pilot.press("1")
        assert art.hidden_labels == set()


async def test_save_writes_yaml_beside_a_text_brief_and_reopens_the_same(
    tmp_path: Path, brief_copy: Callable[[str], Path]
) -> None:
    src = brief_copy("korea-china-envoy.txt")
    app = app_for(src)
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: screen.session.doc.parsed, "parse")
        await pilot.press("a", *"envoy note", "ctrl+s")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: saved(screen), "save")
        before = (screen.session.doc.entities, screen.session.doc.key_points, screen.session.doc.notes)
    yaml = tmp_path / "korea-china-envoy.yaml"
    assert yaml.exists() and src.read_text(encoding="utf-8").startswith("25 August")
    again = load_document(yaml)
    assert (again.entities, again.key_points, again.notes) == before
    app2 = app_for(yaml)
    async with started(app2, size=(140, 45)) as pilot:
        screen2 = reader(app2)
        assert not screen2.parsing  # a saved brief opens as saved, no parse
        await wait_for(pilot, lambda: screen2.side_ready, "the side panes")
        shown = {o.id for o in screen2.query_one(EntitiesPane).options if o.id}
        assert shown == {e.id for e in again.visible_entities()}
        assert screen2.session.doc.notes[-1].text == "envoy note"


async def test_quit_asks_when_unsaved(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        await pilot.press("a", *"unsaved thought", "ctrl+s", "q")
        assert isinstance(app.screen, Confirm)
        await pilot.click("#cancel")
        assert app.is_running and not isinstance(app.screen, Confirm)
        await pilot.press("q")
        await pilot.click("#quit")
    assert app.return_code == 0


async def test_quit_without_changes_does_not_ask(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_help_lists_keys_and_closes(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_open_another_brief(tmp_path: Path, brief_copy: Callable[[str], Path]) -> None:
    first = annotated_copy(tmp_path)
    other = brief_copy("harbour-city-marathon.txt")
    app = app_for(first)
    async with started(app, size=(140, 45)) as pilot:
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, Choose)
        app.screen.query_one("#choose-filter", Input).value = str(other)
        await pilot.press("enter")
        await pilot.pause()
        assert reader(app).doc.meta.title.startswith("Kiptoo")


async def test_command_palette_offers_reader_actions(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)):
        titles = {c.title for c in reader(app).palette_commands()}
        assert {"Save", "Open", "Search", "Note", "Undo", "Redo", "Re-parse", "Help", "Quit"} <= titles


async def test_missing_model_is_a_notification_and_the_reader_stays_usable(brief_copy: Callable[[str], Path]) -> None:
    app = app_for(brief_copy("lumen-chip-results.txt"), model="no_such_pipeline_xyz")
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: "Not parsed" in status(screen), "parse failure")
        assert "no spaCy pipeline could be loaded" in status(screen)
        assert not screen.parsing and not screen.query_one(EntitiesPane).loading
        await pilot.press("j", "a", *"still works", "ctrl+s")
        assert screen.session.doc.notes[-1].text == "still works"


async def test_article_cursor_shows_its_key_point_and_notes(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        doc = screen.session.doc
        kp = doc.key_points[-1]
        screen.article.move_cursor_to_offset(kp.evidence[0].start)
        await pilot.pause()
        kps = screen.query_one(KeyPointsPane)
        assert kps.highlighted_id == kp.id
        prompt = str(next(o.prompt for o in kps.options if o.id == kp.id))
        assert prompt.startswith("▶ ")
        note = doc.notes[0]
        assert note.anchor.start is not None
        screen.article.move_cursor_to_offset(note.anchor.start)
        await pilot.pause()
        notes = screen.query_one(NotesPane)
        assert notes.highlighted_id == note.id
        assert str(next(o.prompt for o in notes.options if o.id == note.id)).startswith("▶ ")


async def test_split_a_spelling_off_and_mark_a_missed_entity(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        doc = screen.session.doc
        ferrero = next(e for e in doc.entities if e.name == "Lucía Ferrero")
        ents = screen.query_one(EntitiesPane)
        ents.focus()
        ents.highlight_id(ferrero.id)
        await pilot.press("s")
        assert isinstance(app.screen, Choose)
        await pilot.press(*"Ferrero", "enter")
        split = next(e for e in doc.entities if e.name == "Ferrero")
        assert {m.text for m in split.mentions} == {"Ferrero"} and split.edited
        assert {m.text for m in ferrero.mentions} == {"Lucía Ferrero"}
        # Mark words the model missed, in the Article's current sentence.
        screen.article.focus()
        sentence = next(s for s in doc.sentences if "joint scientific commission" in doc.text[s.start : s.end])
        screen.article.move_cursor_to_offset(sentence.start)
        await pilot.press("plus")
        app.screen.query_one("#ask-input", Input).value = "joint scientific commission"
        await pilot.press("enter")
        assert isinstance(app.screen, Choose)
        app.screen.query_one("#choose-filter", Input).value = "ORG"
        await pilot.press("enter")
        marked = next(e for e in doc.entities if e.name == "joint scientific commission")
        assert marked.label == "ORG" and marked.mentions[0].origin == "user"
        s = marked.mentions[0].start
        assert doc.text[s : s + len("joint scientific commission")] == "joint scientific commission"


async def test_rejected_entities_can_be_listed_and_restored(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        ents = screen.query_one(EntitiesPane)
        andes = next(e for e in screen.session.doc.entities if e.name == "Andes")
        ents.focus()
        ents.highlight_id(andes.id)
        await pilot.press("x")
        assert andes.rejected and andes.id not in [o.id for o in ents.options]
        await pilot.press("h")
        assert andes.id in [o.id for o in ents.options]
        ents.highlight_id(andes.id)
        await pilot.press("u")
        assert not andes.rejected and all(m.origin == "user" for m in andes.mentions)
