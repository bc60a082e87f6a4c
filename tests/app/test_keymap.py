"""A user's ``keys.yaml``: its keys are in force and shown; an entry that cannot be applied is named, defaults stay."""

from __future__ import annotations

from pathlib import Path

from briefreader.io.config_folder import config_dir
from briefreader.ui.dialogs.help import HelpScreen
from briefreader.ui.textual_private import keymap_in_force
from tests.helpers.app import annotated_copy, app_for, record_notifications, shown, started, wait_for


def keys_yaml(text: str) -> None:
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "keys.yaml").write_text(text, encoding="utf-8")


async def test_keys_yaml_remaps_a_key_and_the_help_shows_it(tmp_path: Path) -> None:
    keys_yaml("reader.help: f2\nreader.copy: ctrl+k\n")
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: bool(keymap_in_force(app)), "keys.yaml to be applied")
        await pilot.press("question_mark")  # its default key no longer opens the help
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f2")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = {row.name: row.keys for row in help_screen.rows if row.where == "Anywhere"}
        assert keys["Help"] == "f2" and keys["Copy"] == "ctrl+k"
        assert " f2 " in shown(help_screen.query_one("#help-box Static"))  # as drawn


async def test_an_entry_that_cannot_apply_is_named_and_its_defaults_stay(tmp_path: Path) -> None:
    keys_yaml(
        "reader.nothing: x\n"  # no such id
        "reader.copy: ctrl+nokey\n"  # no such key
        "reader.save: q\n"  # q is already Quit on the reading screen
        "entities.reject: X\n"  # fine
    )
    app = app_for(annotated_copy(tmp_path))
    said = record_notifications(app)
    async with started(app, size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: bool(keymap_in_force(app)), "keys.yaml to be applied")
        problems = [line for line in said if line.startswith("Keys:")]
        assert len(problems) == 3
        assert any("reader.nothing" in p and "no key has this id" in p for p in problems)
        assert any("reader.copy" in p and "“ctrl+nokey” is not a key name" in p for p in problems)
        assert any("reader.save" in p and "reader.quit" in p for p in problems)
        assert dict(keymap_in_force(app)) == {"entities.reject": "X"}
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = {(row.where, row.name): row.keys for row in help_screen.rows}
        assert keys["Anywhere", "Save"] == "ctrl+s" and keys["Anywhere", "Copy"] == "y"  # left out: defaults
        assert keys["Entities", "Reject"] == "X"
