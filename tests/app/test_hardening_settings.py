"""Issue 21, item 19 and 24 (the size message): ``settings.yaml`` written by hand.

19. ``corrections-scope: [all]`` crashed the reader on ``x`` (``TypeError:
    unhashable type``): settings are validated like corrections, one line
    naming the field, the default in force.
24. A settings file over its limit said "the limit is 0 MB".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.io.settings import MAX_BYTES, load_settings, settings_path
from briefreader.ui.dialogs.correction_scope import ScopeDialog
from briefreader.ui.reader.panes.entities_pane import EntitiesPane
from tests.helpers.app import annotated_copy, app_for, reader, record_notifications, showing, started, wait_for


@pytest.mark.parametrize("value", ["[all]", "{all: yes}", "3", "yes"])
def test_a_scope_that_is_not_a_word_is_one_line_and_the_default(value: str) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"corrections-scope: {value}\n", encoding="utf-8")
    settings = load_settings()
    assert settings.corrections_scope == "ask"
    assert len(settings.problems) == 1 and "corrections-scope" in settings.problems[0]
    assert "\n" not in settings.problems[0]


async def test_x_with_a_list_as_the_scope_asks_and_says_why(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))
    settings_path().write_text("corrections-scope: [all]\n", encoding="utf-8")
    seen = record_notifications(app)
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        pane = screen.query_one(EntitiesPane)
        pane.focus()
        pane.highlight_id(screen.session.doc.entities[0].id)
        await pilot.press("x")
        await wait_for(pilot, lambda: showing(app, ScopeDialog), "the question (the default: ask)")
        assert any(s.startswith("Settings: ") and "corrections-scope" in s for s in seen)


def test_a_settings_file_over_its_limit_names_a_limit_that_is_not_zero() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    problems = load_settings().problems
    assert len(problems) == 1 and "too large" in problems[0]
    assert "0 MB" not in problems[0] and "256 KB" in problems[0]
