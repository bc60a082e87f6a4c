"""Everything briefreader needs from Textual that Textual does not make public, in one place.

Checked against Textual 8.2.8. Each function says what it leans on; when
Textual changes, this is the one module to read again (no other module
of briefreader names a private Textual attribute).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList

TEXTUAL_VERSION = "8.2.8"
"""The Textual release this module was checked against."""


class QuietFocusScreen(Screen[None]):
    """A screen whose focus changes repaint only the widgets that show them.

    Textual's ``Screen.focused`` is a reactive that repaints the whole
    screen when the focus moves; on the reading screen only the two panes
    whose border changes need it, and they repaint themselves (a whole
    repaint was ~50 ms per tab at 160x50). Redefines ``Screen.focused``.
    """

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)


def adopt_default_screen(app: App[Any], screen: Screen[Any]) -> None:
    """Give the app's first screen what ``switch_screen`` gives a screen it brings in.

    ``App.get_default_screen``'s screen has no result callback, and
    ``switch_screen`` pops one from the screen it replaces. Uses
    ``Screen._push_result_callback``.
    """
    screen._push_result_callback(app, None)


def before_fatal_error(app: App[Any], hook: Callable[[], None]) -> None:
    """Run ``hook`` when an unexpected exception is about to end the app (then Textual goes on as ever).

    Textual has no public hook for it; this wraps ``App._handle_exception``
    on the instance.
    """
    handle = app._handle_exception

    def handle_after_hook(error: Exception) -> None:
        hook()
        handle(error)

    app._handle_exception = handle_after_hook  # type: ignore[method-assign]


def keymap_in_force(app: App[Any]) -> Mapping[str, str]:
    """The keymap ``App.set_keymap`` set (binding id to keys, normalised); reads ``App._keymap``."""
    return app._keymap


def class_bindings(node_class: type[DOMNode]) -> list[Binding]:
    """Every binding an instance of ``node_class`` has, its bases' included (``DOMNode._merged_bindings``)."""
    merged = node_class._merged_bindings
    if merged is None:
        return []
    return [b for bindings in merged.key_to_bindings.values() for b in bindings]


def normalize_keys(keys: str) -> str:
    """A key list as Textual's keymap stores it (``?,f1`` -> ``question_mark,f1``); ``keys._normalize_key_list``."""
    from textual.keys import _normalize_key_list

    return _normalize_key_list(keys)


def key_names() -> set[str]:
    """Every key name Textual knows besides single characters: ``Keys``, and the names of ASCII punctuation.

    The names of characters (``question_mark``, ``slash``) come from ``keys._character_to_key``.
    """
    import string

    from textual.keys import Keys, _character_to_key

    return {k.value for k in Keys} | {_character_to_key(c) for c in string.printable if not c.isspace()} | {"space"}


def measure_options_again(option_list: OptionList) -> None:
    """Make an ``OptionList`` measure its options again at its width now.

    Its line cache is cleared on a resize only, so a scroll bar that appears
    after the first fill (a column less for the text) left the options measured
    a column wider: the list could not scroll to its last line. Uses
    ``OptionList._clear_caches``.
    """
    option_list._clear_caches()
