"""What the reader looks like, at a fixed size, on a pre-annotated brief (no parse, no clock)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.ui_helpers import annotated_copy, app_for

SIZE = (120, 40)


def test_main_screen(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    assert snap_compare(app_for(annotated_copy(tmp_path)), terminal_size=SIZE, press=["j", "j"])


def test_main_screen_entity_selected(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    assert snap_compare(
        app_for(annotated_copy(tmp_path)), terminal_size=SIZE, press=["tab", "down", "right_square_bracket"]
    )


def test_help_screen(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    assert snap_compare(app_for(annotated_copy(tmp_path)), terminal_size=SIZE, press=["question_mark"])


def test_note_modal(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    async def type_note(pilot: Pilot[Any]) -> None:
        await pilot.press("j", "a", *"Who funds the commission?", "tab", *"budget")

    assert snap_compare(app_for(annotated_copy(tmp_path)), terminal_size=SIZE, run_before=type_note)
