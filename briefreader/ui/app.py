"""The briefreader app: opens briefs, owns recovery and quitting, one builder for CLI and tests."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from briefreader.io.errors import BriefError
from briefreader.io.recovery import find_recoveries, new_recovery_path, remove_recovery, write_recovery
from briefreader.io.sources import open_any
from briefreader.model.display import one_line
from briefreader.model.document import Document
from briefreader.nlp.child import quiet_child
from briefreader.ui.dialogs import Confirm
from briefreader.ui.help import HelpScreen
from briefreader.ui.keybar import KeyBar
from briefreader.ui.main_screen import MainScreen
from briefreader.ui.session import Session

RECOVERY_DELAY = 3.0
"""Seconds after the last change before unsaved work is written aside."""


class ErrorScreen(Screen[None]):
    """Shown when no brief could be opened at all; q quits, ctrl+o tries another."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+o", "app.open_other", "Open another")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        """The reason, as plain text."""
        yield Static(Text.assemble(("Could not open a brief\n\n", "bold"), one_line(self.message, 500)), id="error")
        yield KeyBar()


class BriefReaderApp(App[None]):
    """A terminal reader for briefings: Article, Entities, Key points, Notes."""

    CSS_PATH = "app.tcss"
    TITLE = "briefreader"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit_reader", "Quit", tooltip="Quit (asks when there are unsaved changes)"),
        Binding("question_mark,f1", "help", "Help", tooltip="Every key"),
        Binding("ctrl+c", "quit_reader", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        files: list[Path],
        *,
        model: str | None = None,
        taxonomy: Path | None = None,
        save_to: Path | None = None,
        recovery: bool = True,
        first: Document | None = None,
        parse_in_process: bool = True,
    ) -> None:
        super().__init__()
        self.files = files
        self._first = first
        """The first file, already read by the CLI (so a large brief is not read twice)."""
        self.parse_in_process = parse_in_process
        """Parse in a child process (the UI never waits on spaCy's import); tests may parse in the thread."""
        self.model_name = model
        self.taxonomy_path = taxonomy
        self.save_to = save_to
        self.recovery_enabled = recovery
        """Tests turn this off unless they test recovery itself."""
        self._recovery_timer: object | None = None
        self._recovery_file = Path("unused-recovery.yaml").absolute()  # replaced on open (interim)

    _pool: ProcessPoolExecutor | None = None

    def parse_pool(self) -> ProcessPoolExecutor:
        """The one parse process (started on first use; it keeps the model loaded for re-parses).

        Call it first on the main thread: multiprocessing's resource tracker
        is handed ``sys.stderr``'s file descriptor, and while Textual runs,
        ``sys.stderr`` is its print capture, which has none.
        """
        if self._pool is None:
            from multiprocessing import resource_tracker

            with contextlib.redirect_stderr(sys.__stderr__):
                resource_tracker.ensure_running()
            ctx = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=ctx, initializer=quiet_child, initargs=(os.getpid(),)
            )
        return self._pool

    def reset_parse_pool(self) -> None:
        """Stop the parse process now, even mid-parse (quitting must not wait for spaCy)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for proc in list(getattr(pool, "_processes", {}).values()):
            with contextlib.suppress(Exception):
                proc.terminate()
        pool.shutdown(wait=False, cancel_futures=True)

    def on_unmount(self) -> None:
        """Leave no parse process behind."""
        self.reset_parse_pool()

    def on_mount(self) -> None:
        """Open the first brief that can be opened."""
        errors = []
        for path in self.files:
            try:
                doc = self._first if (self._first is not None and path == self.files[0]) else open_any(path)
                self._first = None
            except BriefError as exc:
                errors.append(str(exc))
                continue
            self.show_document(doc, path)
            for e in errors:
                self.notify(one_line(e, 300), severity="error", markup=False)
            return
        self.push_screen(ErrorScreen("; ".join(errors) or "no brief given"))

    @property
    def reader(self) -> MainScreen | None:
        """The reading screen, when a brief is open."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

    def show_document(self, doc: Document, path: Path) -> None:
        """Put a brief on screen, offering unsaved work from a previous run if there is any."""
        session = Session.for_path(path, self.save_to if len(self.files) <= 1 else None, self.files)
        pending = find_recoveries(path) if self.recovery_enabled else []
        recovered = (pending[0].doc, pending[0].written) if pending else None
        self._recovery_file = new_recovery_path(path)
        old = self.reader
        screen = MainScreen(doc, session)
        if old is not None:
            if old.parsing:
                self.reset_parse_pool()  # the old brief's parse would hold up this one's
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        if recovered is not None and recovered[0].text == doc.text:
            rdoc, when = recovered

            def answer(choice: str | None) -> None:
                if choice == "restore":
                    rdoc.revision = doc.revision + 1
                    screen.doc = rdoc
                    screen.article.set_document(rdoc)
                    screen.refresh_all()
                    screen.status("Restored unsaved work; ctrl+s saves it")
                elif choice == "discard":
                    remove_recovery(pending[0].path)

            stamp = when.astimezone().strftime("%Y-%m-%d %H:%M")
            self.push_screen(
                Confirm(
                    f"Unsaved work on this brief was kept from {stamp} ({len(rdoc.notes)} notes).\nRestore it?",
                    [("restore", "Restore"), ("discard", "Discard it"), ("later", "Not now")],
                ),
                answer,
            )

    def open_path(self, path: Path) -> None:
        """ctrl+o: open another brief, asking first when this one has unsaved changes."""
        try:
            doc = open_any(path)
        except BriefError as exc:
            self.notify(one_line(str(exc), 300), title="Cannot open", severity="error", markup=False)
            return
        current = self.reader
        if current is not None and current.dirty:

            def answer(choice: str | None) -> None:
                if choice == "discard":
                    remove_recovery(self._recovery_file)
                    self.show_document(doc, path)

            self.push_screen(
                Confirm(
                    "This brief has unsaved changes. Open the other one anyway?",
                    [("cancel", "Stay here"), ("discard", "Open without saving")],
                ),
                answer,
            )
            return
        self.show_document(doc, path)

    def action_open_other(self) -> None:
        """From the error screen: open by path."""
        from briefreader.ui.dialogs import Ask

        def answered(value: str | None) -> None:
            if value:
                self.open_path(Path(value))

        self.push_screen(Ask("Open a brief", ""), answered)

    # Unsaved work ----------------------------------------------------------------------

    def changed(self, screen: MainScreen) -> None:
        """An edit happened: write a recovery file a few seconds after the last one."""
        if not self.recovery_enabled:
            return
        if self._recovery_timer is not None:
            self._recovery_timer.stop()  # type: ignore[attr-defined]
        self._recovery_timer = self.set_timer(RECOVERY_DELAY, lambda: self.write_recovery(screen))

    def write_recovery(self, screen: MainScreen) -> None:
        """Write unsaved work aside now (quietly: a failure here must not interrupt reading)."""
        if not screen.dirty:
            return
        try:
            write_recovery(screen.doc, self._recovery_file)
        except BriefError as exc:
            self.notify(
                f"Could not write the recovery file: {one_line(exc.reason, 200)}", severity="warning", markup=False
            )

    def saved(self, screen: MainScreen) -> None:
        """Saved: the recovery file is no longer needed."""
        remove_recovery(self._recovery_file)

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: write the user's work aside before Textual exits."""
        screen = self.reader
        if screen is not None and self.recovery_enabled and screen.dirty:
            with contextlib.suppress(Exception):
                write_recovery(screen.doc, self._recovery_file)
        super()._handle_exception(error)

    # Keys and commands ------------------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_quit_reader(self) -> None:
        """Quit; with unsaved changes, ask whether to save first."""
        screen = self.reader
        if screen is None or not screen.dirty:
            if screen is not None:
                remove_recovery(self._recovery_file)
            self.exit()
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                screen.action_save()
                self.quit_after_save = True
            elif choice == "quit":
                remove_recovery(self._recovery_file)
                self.exit()

        self.push_screen(
            Confirm(
                "Save your changes before quitting?",
                [("save", "Save and quit"), ("quit", "Quit without saving"), ("cancel", "Cancel")],
            ),
            answer,
        )

    quit_after_save = False
    """Set by 'Save and quit': the app exits once the save succeeds."""

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every reader action in the command palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        main = self.reader
        if main is None:
            return
        yield SystemCommand("Save", "Save the annotated brief as YAML", main.action_save)
        yield SystemCommand("Open brief", "Open another brief", main.action_open)
        yield SystemCommand("Search", "Search the brief's text", main.action_search)
        yield SystemCommand("Add note", "Add a note to what is in focus", main.action_add_note)
        yield SystemCommand("Next mention", "Next mention of the selected entity", lambda: main.action_next_mention(1))
        yield SystemCommand(
            "Previous mention", "Previous mention of the selected entity", lambda: main.action_next_mention(-1)
        )
        yield SystemCommand("Undo", "Undo the last edit", main.action_undo)
        yield SystemCommand("Re-parse", "Parse the brief again, keeping corrections, pins and notes", main.start_parse)
        yield SystemCommand("Help", "Every key", self.action_help)
        yield SystemCommand("Quit reader", "Quit (asks when there are unsaved changes)", self.action_quit_reader)


def make_app(
    files: list[Path],
    *,
    model: str | None = None,
    taxonomy: Path | None = None,
    save_to: Path | None = None,
    recovery: bool = True,
    first: Document | None = None,
    parse_in_process: bool = True,
) -> BriefReaderApp:
    """The one way to build the app, for the CLI and the tests alike."""
    return BriefReaderApp(
        files,
        model=model,
        taxonomy=taxonomy,
        save_to=save_to,
        recovery=recovery,
        first=first,
        parse_in_process=parse_in_process,
    )
