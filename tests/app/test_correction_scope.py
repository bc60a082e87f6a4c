"""Corrections made once: the reader asks "this brief only, or all briefs?", and "all briefs" reaches every parse."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.app import App
from textual.widgets import Checkbox, Input

from briefreader.cli import main
from briefreader.io.corrections_file import corrections_path, load_corrections
from briefreader.io.settings import load_settings, settings_path
from briefreader.io.store import load_document
from briefreader.model.document import Document
from briefreader.session import changes
from briefreader.session.correction_entries import Entry, entries_for
from briefreader.ui.dialogs.choose import Choose
from briefreader.ui.dialogs.correction_scope import ScopeDialog
from briefreader.ui.reader.panes.entities_pane import EntitiesPane
from briefreader.ui.reader.reader_screen import ReaderScreen
from briefreader.ui.widgets.tick_box import TickBox
from tests.helpers.app import (
    annotated_copy,
    app_for,
    reader,
    record_notifications,
    showing,
    started,
    status,
    wait_for,
)
from tests.helpers.corrections import check_applied, corrections_for, lumen_baseline
from tests.helpers.paths import BRIEFS


def _entity(doc: Document, name: str) -> str:
    return next(e.id for e in doc.entities if e.name == name)


async def _relabel(pilot: object, screen: ReaderScreen, name: str, label: str) -> None:
    ents = screen.query_one(EntitiesPane)
    ents.focus()
    ents.highlight_id(_entity(screen.session.doc, name))
    await pilot.press("e")  # type: ignore[attr-defined]
    await pilot.press(*label, "enter")  # type: ignore[attr-defined]


async def test_all_briefs_writes_the_correction_and_a_brief_parsed_afterwards_gets_it(tmp_path: Path) -> None:
    source = tmp_path / "talks.md"
    shutil.copy(BRIEFS / "chile-argentina-glacier-talks.md", source)
    app = app_for(annotated_copy(tmp_path), corrections_scope="ask")
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        santiago = _entity(screen.session.doc, "Santiago")
        await _relabel(pilot, screen, "Santiago", "GPE")
        assert isinstance(app.screen, ScopeDialog)
        assert screen.session.doc.entity(santiago).label == "PERSON"  # nothing changed before the answer
        await pilot.click("#all")
        assert screen.session.doc.entity(santiago).label == "GPE"
        assert load_corrections().corrections.relabel == {"Santiago": "GPE"}
        # Another brief, parsed from now on, gets the correction: in the reader...
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.session.dirty, "the save")
        app.open_path(source)
        await wait_for(pilot, lambda: app.reader is not screen, "the other brief")
        other = reader(app)
        await wait_for(pilot, lambda: other.session.doc.parsed and not other.parsing, "its parse")
        assert next(e for e in other.session.doc.entities if e.name == "Santiago").label == "GPE"
    # ... and in annotate, which records the corrections it used.
    out = tmp_path / "out"
    assert main(["annotate", str(source), "--out", str(out)]) == 0
    annotated = load_document(out / "talks.yaml")
    assert next(e for e in annotated.entities if e.name == "Santiago").label == "GPE"
    assert annotated.corrections is not None and annotated.corrections.relabel == {"Santiago": "GPE"}


async def test_this_brief_only_changes_the_brief_and_writes_no_file(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path), corrections_scope="ask")
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        await _relabel(pilot, screen, "Santiago", "GPE")
        await pilot.click("#brief")
        assert screen.session.doc.entity(_entity(screen.session.doc, "Santiago")).label == "GPE"
        assert screen.session.dirty
    assert not corrections_path().exists()


async def test_escape_in_the_question_changes_nothing(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path), corrections_scope="ask")
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        await _relabel(pilot, screen, "Santiago", "GPE")
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        assert screen.session.doc.entity(_entity(screen.session.doc, "Santiago")).label == "PERSON"
        assert not screen.session.dirty
    assert not corrections_path().exists()


async def test_remembering_the_answer_stops_the_question(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path), corrections_scope="ask")
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        doc = screen.session.doc
        ents = screen.query_one(EntitiesPane)
        ents.focus()
        ents.highlight_id(_entity(doc, "Andes"))
        await pilot.press("x")
        assert isinstance(app.screen, ScopeDialog)
        app.screen.query_one(Checkbox).value = True
        await pilot.click("#all")
        assert load_settings().corrections_scope == "all" and "corrections-scope: all" in settings_path().read_text()
        assert load_corrections().corrections.reject == ["Andes"]
        ents.highlight_id(_entity(doc, "Chilean"))
        await pilot.press("x")  # no question now: all briefs
        assert isinstance(app.screen, ReaderScreen)
        assert load_corrections().corrections.reject == ["Andes", "Chilean"]


async def test_merge_and_mark_write_aliases_and_additions(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path), corrections_scope="all")
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        doc = screen.session.doc
        ents = screen.query_one(EntitiesPane)
        ents.focus()
        ents.highlight_id(_entity(doc, "Buenos Aires"))
        await pilot.press("m")
        assert isinstance(app.screen, Choose)
        await pilot.press(*"Argentina", "enter")
        screen.article.focus()
        sentence = next(s for s in doc.sentences if "joint scientific commission" in doc.text[s.start : s.end])
        screen.article.move_cursor_to_offset(sentence.start)
        await pilot.press("plus")
        app.screen.query_one("#ask-input", Input).value = "joint scientific commission"
        await pilot.press("enter")
        app.screen.query_one("#choose-filter", Input).value = "ORG"
        await pilot.press("enter")
        assert any(e.name == "joint scientific commission" for e in doc.entities)
    written = load_corrections().corrections
    assert written.alias == {"Buenos Aires": "Argentina"}
    assert written.add == [("joint scientific commission", "ORG")]


async def test_marking_a_phrase_that_holds_an_entity_replaces_its_mention(tmp_path: Path) -> None:
    """Issue 21 item 11: ``+`` on "Argentina's Foreign Minister" (over "Argentina") asks, then replaces."""
    app = app_for(annotated_copy(tmp_path), corrections_scope="ask")
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        doc = screen.session.doc
        argentina = _entity(doc, "Argentina")
        phrase = "Argentina's Foreign Minister"
        screen.article.focus()
        screen.article.move_cursor_to_offset(doc.text.index(phrase))
        await pilot.press("plus")
        app.screen.query_one("#ask-input", Input).value = phrase
        await pilot.press("enter")
        app.screen.query_one("#choose-filter", Input).value = "ORG"
        await pilot.press("enter")
        await wait_for(pilot, lambda: showing(app, ScopeDialog), "the scope question")
        await pilot.click("#brief")
        assert isinstance(app.screen, ReaderScreen)
        doc = screen.session.doc
        assert f"Marked “{phrase}” as ORG in place of “Argentina” (Argentina)" in status(screen)
        visible = {e.name: [m.text for m in e.visible_mentions] for e in doc.visible_entities()}
        assert visible[phrase] == [phrase] and len(visible["Argentina"]) == 2
        await pilot.press("ctrl+z")
        restored = screen.session.doc.entity(argentina)
        assert restored is not None and len(restored.visible_mentions) == 3
        assert not any(e.name == phrase for e in screen.session.doc.entities)
    assert not corrections_path().exists()


async def test_undoing_an_all_briefs_mark_says_the_file_still_holds_it(tmp_path: Path) -> None:
    """User trial item 11: ctrl+z takes the mark out of this brief; the status line says where it still is."""
    app = app_for(annotated_copy(tmp_path), corrections_scope="all")
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        doc = screen.session.doc
        phrase = "joint scientific commission"
        screen.article.focus()
        screen.article.move_cursor_to_offset(doc.text.index(phrase))
        await pilot.press("plus")
        app.screen.query_one("#ask-input", Input).value = phrase
        await pilot.press("enter")
        app.screen.query_one("#choose-filter", Input).value = "ORG"
        await pilot.press("enter")
        assert load_corrections().corrections.add == [(phrase, "ORG")]
        await pilot.press("ctrl+z")
        line = status(screen)
        assert line.startswith(f"Undone: Marked “{phrase}” as ORG")
        assert f"corrections.yaml still holds “{phrase}” is always an ORG" in line
        assert f"delete it under `add:` in {corrections_path()}" in line
        await pilot.press("ctrl+y", "ctrl+z")  # the note stays with the change
        assert "corrections.yaml still holds" in status(screen)
    assert load_corrections().corrections.add == [(phrase, "ORG")]  # undo never rewrites the file


async def test_a_corrections_file_with_problems_is_not_overwritten(tmp_path: Path) -> None:
    path = corrections_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("relabel: {Nvidia: ORG\n", encoding="utf-8")
    app = app_for(annotated_copy(tmp_path), corrections_scope="all")
    seen = record_notifications(app)
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        await _relabel(pilot, screen, "Santiago", "GPE")
        assert screen.session.doc.entity(_entity(screen.session.doc, "Santiago")).label == "GPE"
        assert any(n.startswith("Not saved for all briefs") and "line" in n for n in seen)
    assert path.read_text(encoding="utf-8") == "relabel: {Nvidia: ORG\n"


async def test_the_palette_sets_where_corrections_apply(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path), corrections_scope="ask")
    async with started(app, size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Corrections apply")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, Choose), "the choice")
        await pilot.press(*"this brief", "enter")
        assert load_settings().corrections_scope == "brief"


def test_which_changes_stand_for_corrections(tmp_path: Path) -> None:
    doc = load_document(annotated_copy(tmp_path))
    santiago, ferrero, argentina = (_entity(doc, n) for n in ("Santiago", "Lucía Ferrero", "Argentina"))
    assert entries_for(changes.Relabel(santiago, "gpe"), doc) == [Entry("relabel", "Santiago", "GPE")]
    assert entries_for(changes.Reject(santiago), doc) == [Entry("reject", "Santiago")]
    # Every spelling of the merged entity becomes an alias of the one kept.
    assert entries_for(changes.Merge(argentina, ferrero), doc) == [
        Entry("alias", "Lucía Ferrero", "Argentina"),
        Entry("alias", "Ferrero", "Argentina"),
    ]
    start = doc.text.index("Santiago")
    # Marking words that are a mention already relabels it (user trial item 4), or is nothing to correct.
    assert entries_for(changes.MarkEntity(start, start + 8, "LOC"), doc) == [Entry("relabel", "Santiago", "LOC")]
    assert entries_for(changes.MarkEntity(start, start + 8, "PERSON"), doc) == []
    # A rename, a split, a restore or a note is about this brief only.
    assert entries_for(changes.Rename(santiago, "Santiago de Chile"), doc) == []
    assert entries_for(changes.Restore(santiago), doc) == []
    assert entries_for(changes.Split(ferrero, "Ferrero"), doc) == []


async def test_the_reader_applies_corrections_to_a_brief_parsed_afterwards(tmp_path: Path) -> None:
    baseline = lumen_baseline(tmp_path)
    wanted = corrections_for(baseline)
    brief = tmp_path / "lumen.txt"
    shutil.copy(BRIEFS / "lumen-chip-results.txt", brief)
    app = app_for(brief)
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: screen.session.doc.parsed and not screen.parsing, "the parse")
        check_applied(screen.session.doc, *wanted)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: brief.with_suffix(".yaml").exists(), "the save")
    check_applied(load_document(brief.with_suffix(".yaml")), *wanted)


def test_the_question_reads_an_org_and_a_person() -> None:
    assert Entry("add", "Lumen", "ORG").describe() == "“Lumen” is always an ORG"
    assert Entry("add", "Event Horizon", "EVENT").describe() == "“Event Horizon” is always an EVENT"
    assert Entry("add", "Jonas Berg", "PERSON").describe() == "“Jonas Berg” is always a PERSON"


async def test_the_remember_box_shows_no_mark_until_ticked() -> None:
    app: App[None] = App()
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(ScopeDialog([Entry("add", "Lumen", "ORG")]))
        await pilot.pause()
        box = app.screen.query_one(TickBox)
        assert box.render().plain.startswith("▐ ▌ Remember")  # an unticked box has no X in it
        box.focus()
        await pilot.press("space")
        assert box.value
        assert box.render().plain.startswith("▐✓▌ Remember")
