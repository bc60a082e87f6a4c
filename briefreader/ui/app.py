"""The briefreader app: thin. It opens briefs onto reading screens and guards quitting.

The App holds what outlives one brief (the parse service, the options
from the command line) and pushes a screen: the library's table for a
folder, the reading screen for a brief. It knows screens only through
their public face (``session``, ``save``), never their panes. Quitting, from any key
or from the palette, asks first when there is unsaved work; SIGTERM and
SIGHUP write that work aside and put the terminal back.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from briefreader.io.errors import BriefError
from briefreader.model.display import one_line
from briefreader.model.document import Document
from briefreader.session import ParseService, open_session
from briefreader.ui.reader.reader_screen import ReaderScreen
from briefreader.ui.textual_private import adopt_default_screen, before_fatal_error
from briefreader.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from textual.command import Provider

    from briefreader.session.files import Loaded
    from briefreader.ui.library.library_screen import LibraryScreen


@dataclass(frozen=True)
class Options:
    """What the command line asked for."""

    model: str | None = None
    taxonomy: Path | None = None
    save_to: Path | None = None
    """Where the first brief saves (only when one brief was given)."""
    recovery: bool = True
    """Write unsaved work aside and offer it back (tests turn it off unless they test it)."""
    parse_in_process: bool = True
    """Parse in a child process (tests may parse in a thread, reusing one loaded model)."""
    library: Path | None = None
    """A folder to open as a library (its table of briefs) instead of ``files``."""
    parse_library: bool = True
    """Parse the library's new briefs in the background (tests may leave them unparsed)."""


class ErrorScreen(Screen[None]):
    """Shown when no brief could be opened at all; q quits, ctrl+o tries another."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "open_other", "Open another", id="error.open"),
        Binding("q", "app.quit", "Quit", id="error.quit"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        """The reason, as plain text."""
        yield Static(Text.assemble(("Could not open a brief\n\n", "bold"), one_line(self.message, 500)), id="error")
        yield KeyBar()

    def action_open_other(self) -> None:
        """Type a path."""
        from briefreader.ui.dialogs.ask import Ask

        def answered(value: str | None) -> None:
            if value:
                self.post_message(ReaderScreen.OpenRequested(Path(value).expanduser()))

        self.app.push_screen(Ask("Open a brief", ""), answered)


def _reader_commands() -> type[Provider]:
    """The palette's reader commands, loaded when the palette first opens (the first frame needs none)."""
    from briefreader.ui.commands import ReaderCommands

    return ReaderCommands


class BriefReaderApp(App[None]):
    """A terminal reader for briefings: Article, Entities, Key points, Notes."""

    CSS_PATH = "app.tcss"
    TITLE = "briefreader"
    COMMANDS = App.COMMANDS | {_reader_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="app.quit")
    ]

    def __init__(
        self,
        files: list[Path],
        options: Options | None = None,
        *,
        first: Document | Loaded | None = None,
        parser: ParseService | None = None,
    ) -> None:
        super().__init__()
        self.files = files
        """The briefs given on the command line; the first that opens is shown."""
        self.options = options or Options()
        self.parser = parser or ParseService(
            self.options.model, self.options.taxonomy, in_process=self.options.parse_in_process
        )
        """The one parse service: its process keeps the model loaded across briefs (the CLI's may have begun
        the first brief's parse, ``ParseService.begin``)."""
        self._first = first
        """The first file, already read by the CLI (a large brief is not read twice; a YAML comes with its stamp)."""
        self._opening_errors: list[str] = []
        """Briefs given before the first that opened, which could not be opened (notified at mount)."""
        before_fatal_error(self, self._write_recovery_now)

    def get_default_screen(self) -> Screen[None]:
        """The library's table for a folder, or the first brief that can be opened, as the app's own first screen.

        Composed with the app itself, as a bare app's screen is: pushing it
        from ``on_mount`` instead painted a blank screen first and laid the
        reader out twice before its text reached the terminal.
        """
        screen = self._first_screen()
        adopt_default_screen(self, screen)  # so this one can be switched away like any other
        return screen

    def _first_screen(self) -> Screen[None]:
        if self.options.library is not None:
            return self._library_screen(self.options.library)
        errors = []
        for i, path in enumerate(self.files):
            first, self._first = (self._first if i == 0 else None), None
            try:
                session = open_session(path, self.options.save_to if len(self.files) == 1 else None, first=first)
            except BriefError as exc:
                errors.append(str(exc))
                continue
            self._opening_errors = errors
            return ReaderScreen(session, self.parser, recovery=self.options.recovery)
        return ErrorScreen("; ".join(errors) or "no brief given")

    def on_mount(self) -> None:
        """Say which briefs could not be opened; catch SIGTERM and SIGHUP in a real terminal."""
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(sig, self._on_signal, sig)
        for e in self._opening_errors:
            self.notify(one_line(e, 300), severity="error", markup=False)
        self.call_after_refresh(self.load_keys)

    def load_keys(self) -> None:
        """The user's ``keys.yaml`` in force, each entry that cannot be said in one line (its defaults stay)."""
        from briefreader.io.config_folder import config_dir

        if not (config_dir() / "keys.yaml").exists():
            return  # nothing to check: the screens' modules are not loaded for it
        from briefreader.ui.keys.keymap import load_keymap
        from briefreader.ui.keys.registry import scopes

        keymap = load_keymap([*scopes(), ("App", type(self)), ("Could not open", ErrorScreen)])
        for problem in keymap.problems:
            self.notify(one_line(problem, 300), title="Keys", severity="warning", markup=False, timeout=15)
        self.set_keymap(keymap.keys)

    def on_unmount(self) -> None:
        """Leave no parse process behind."""
        self.parser.stop()

    def _library_screen(self, folder: Path) -> LibraryScreen:
        """The library's table (its index opened now; brought up to date by the screen, in a thread)."""
        # Imported here: the library's screens and index are not needed to read one brief.
        from briefreader.library import LibraryIndex
        from briefreader.ui.library.library_screen import LibraryScreen

        index = LibraryIndex.open(folder)
        parse = self.options.parse_library
        return LibraryScreen(index, self.parser, recovery=self.options.recovery, parse=parse)

    @property
    def reader(self) -> ReaderScreen | None:
        """The reading screen, when a brief is open."""
        return next((s for s in reversed(self.screen_stack) if isinstance(s, ReaderScreen)), None)

    # Opening ----------------------------------------------------------------------------

    def on_reader_screen_open_requested(self, message: ReaderScreen.OpenRequested) -> None:
        """Open another brief, asking first when this one has unsaved changes."""
        self.open_path(message.path)

    def open_path(self, path: Path) -> None:
        """Open ``path`` in place of the current brief (asking about unsaved work)."""
        from briefreader.ui.dialogs.confirm import Confirm

        try:
            session = open_session(path)
        except BriefError as exc:
            self.notify(one_line(str(exc), 300), title="Cannot open", severity="error", markup=False)
            return
        current = self.reader
        if current is None or not current.session.dirty:
            self._show(ReaderScreen(session, self.parser, recovery=self.options.recovery))
            return

        def answered(choice: str | None) -> None:
            if choice == "discard":
                current.session.clear_recovery()
                self._show(ReaderScreen(session, self.parser, recovery=self.options.recovery))

        question = "This brief has unsaved changes. Open the other one anyway?"
        self.push_screen(Confirm(question, [("cancel", "Stay here"), ("discard", "Open without saving")]), answered)

    def _show(self, screen: ReaderScreen) -> None:
        old = self.reader
        if old is None:
            self.switch_screen(screen) if isinstance(self.screen, ErrorScreen) else self.push_screen(screen)
            return
        if old.parsing:
            self.parser.stop()  # the old brief's parse would hold up this one's
        self.switch_screen(screen)

    # Quitting ---------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit from a key or the palette; with unsaved changes, ask whether to save first."""
        from briefreader.ui.dialogs.confirm import Confirm

        screen = self.reader
        if screen is None or not screen.session.dirty:
            if screen is not None:
                screen.session.clear_recovery()
            self.exit()
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self._save_and_exit(screen)
            elif choice == "quit":
                screen.session.clear_recovery()
                self.exit()

        answers = [("save", "Save and quit"), ("quit", "Quit without saving"), ("cancel", "Cancel")]
        self.push_screen(Confirm("Save your changes before quitting?", answers), answered)

    @work(group="quit")
    async def _save_and_exit(self, screen: ReaderScreen) -> None:
        """Save (with its questions), and quit once saved; a save not made keeps the app open."""
        if await screen.save().wait():
            self.exit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands, but Quit and Keys come from the reader (Quit asks first, Help lists keys)."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):
                yield command
        if self.reader is None:
            yield SystemCommand("Quit", "Quit", self.action_quit)

    def _write_recovery_now(self) -> None:
        """Write every open brief's unsaved work aside (a crash or a signal is coming)."""
        if not self.options.recovery:
            return
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                with contextlib.suppress(Exception):
                    screen.session.write_recovery()

    def _on_signal(self, signum: int) -> None:
        """SIGTERM, SIGHUP: unsaved work aside, the terminal put back, then exit."""
        self._write_recovery_now()
        # With the terminal gone (SIGHUP), restoring it may block: do not outstay the signal.
        deadline = threading.Timer(5.0, os._exit, (128 + signum,))
        deadline.daemon = True
        deadline.start()
        self.exit(return_code=128 + signum)


def make_app(
    files: list[Path],
    *,
    model: str | None = None,
    taxonomy: Path | None = None,
    save_to: Path | None = None,
    recovery: bool = True,
    first: Document | Loaded | None = None,
    parse_in_process: bool = True,
    library: Path | None = None,
    parse_library: bool = True,
    parser: ParseService | None = None,
) -> BriefReaderApp:
    """The one way to build the app, for the CLI and the tests alike (``library``: a folder's table;
    ``parser``: a parse service already begun on the first brief, else one is made for these options)."""
    options = Options(model, taxonomy, save_to, recovery, parse_in_process, library, parse_library)
    return BriefReaderApp(files, options, first=first, parser=parser)
