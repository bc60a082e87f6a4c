"""Every screen, dialog and widget with keys, named as the help names them: where a keymap entry is checked.

A scope is one class's bindings with its bases' (what one widget answers
to at once): two ids on one key in a scope is a clash.
"""

from __future__ import annotations

from textual.dom import DOMNode

from briefreader.ui.dialogs.ask import Ask
from briefreader.ui.dialogs.choose import Choose
from briefreader.ui.dialogs.confirm import Confirm
from briefreader.ui.dialogs.correction_scope import ScopeDialog
from briefreader.ui.dialogs.help import HelpScreen, HelpScroll
from briefreader.ui.library.library_reader import LibraryReaderScreen
from briefreader.ui.library.library_screen import sections as library_sections
from briefreader.ui.reader.reader_keys import sections as reader_sections
from briefreader.ui.reader.reader_screen import ReaderScreen
from briefreader.ui.widgets.search_bar import SearchField

Scope = tuple[str, type[DOMNode]]
"""Where (as the help says it) and the class whose bindings act there."""


def scopes() -> list[Scope]:
    """The reader's, the library's and the dialogs' scopes (the App adds its own)."""
    return [
        *reader_sections(ReaderScreen),
        ("Reader from a list", LibraryReaderScreen),
        ("Search", SearchField),
        *library_sections(),
        ("Confirm", Confirm),
        ("Choose", Choose),
        ("Ask", Ask),
        ("Help", HelpScreen),
        ("Help", HelpScroll),
        ("Corrections apply to…", ScopeDialog),
    ]
