"""``E``: the brief's source in ``$EDITOR``, then read again with every annotation carried over.

The app is suspended while the editor has the terminal (``App.suspend``,
as Textual documents it). Only a zero exit counts as an edit: an editor
that fails or is told to abandon the edit (vim's ``:cq``) changes nothing
in the reader. On return the session reads the file again
(``session.opening.reload_source``: the opening code's carrying-over by
quotes) and the screen parses the new text in the background.

A brief opened from its YAML edits the source beside it, when the YAML
is that source's (``session.opening.source_file``), and re-anchors as for
a source. A YAML alone has no source to edit: its text lives in the YAML
with the offsets of every annotation, so ``E`` says so instead of
rewriting the file behind the reader's back.
"""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App, SuspendNotSupported
from textual.notifications import SeverityLevel

from briefreader.io.errors import BriefError
from briefreader.io.sources import BRIEF_SUFFIXES, YAML_SUFFIXES
from briefreader.model.display import one_line
from briefreader.session.brief import BriefSession
from briefreader.session.files import display_name
from briefreader.session.opening import reload_source, source_file

SHOWN_PROBLEMS = 5
"""Orphans listed after an edit; the rest are counted (all are kept, and each orphaned note says so)."""


def editor_command(environ: Mapping[str, str]) -> list[str] | None:
    """``$VISUAL``, else ``$EDITOR``, split as a shell splits words (``code --wait``); None when unset."""
    for name in ("VISUAL", "EDITOR"):
        value = environ.get(name, "").strip()
        if not value:
            continue
        try:
            words = shlex.split(value)
        except ValueError:  # an unbalanced quote: take the value as one program name
            words = [value]
        if words:
            return words
    return None


def source_beside(yaml: Path) -> Path | None:
    """A brief source with the YAML's name beside it (``NAME.md`` for ``NAME.yaml``), if there is one."""
    for suffix in BRIEF_SUFFIXES:
        if suffix and (other := yaml.with_suffix(suffix)).is_file():
            return other
    return None


def _read_only(path: Path) -> bool:
    """No write permission (the mode too: root may write anything, but vim still opens 0444 read-only)."""
    try:
        return not (path.stat().st_mode & stat.S_IWUSR and os.access(path, os.W_OK))
    except OSError:
        return False


@dataclass(frozen=True)
class Edited:
    """The source was edited and read again: the status line, and whether the new text needs a parse."""

    message: str
    needs_parse: bool


def _say(app: App[Any], message: str, severity: SeverityLevel = "warning") -> None:
    app.notify(one_line(message, 400), title="Edit source", severity=severity, markup=False)


def edit_source(app: App[Any], session: BriefSession) -> Edited | None:
    """Hand the source to the editor, then read it again; None when nothing changed (said why)."""
    source = source_file(session) or session.source  # a YAML's paired source is edited
    if source.suffix.lower() in YAML_SUFFIXES:
        beside = source_beside(source)
        where = f" Its source {display_name(beside)} is beside it: open that (ctrl+o) to edit it." if beside else ""
        _say(
            app,
            f"This brief was opened from {display_name(source)}, where its text lives with the place of every"
            f" annotation, so E has no source to edit.{where} You can also edit text: in the YAML by hand;"
            " reopening it finds every annotation again by its quote.",
        )
        return None
    command = editor_command(os.environ)
    if command is None:
        _say(app, "No editor is set: set $EDITOR (or $VISUAL), e.g. export EDITOR=nano, then start again.")
        return None
    code = _run(app, command, source)
    if code is None:
        return None
    if code != 0:
        _say(app, f"{one_line(command[0], 60)} exited with status {code}: the brief is left as it was.")
        return None
    try:
        result = reload_source(session)
    except BriefError as exc:
        _say(app, f"Could not read {display_name(source)} after the edit ({exc}); the brief is left as it was.")
        return None
    message = result.message + ("; parsing the new text…" if result.needs_parse else "")
    if not result.changed and _read_only(source):
        message += " (it is read-only: the editor could not save it)"
    if result.needs_parse or result.problems:
        # One notice, not one per orphan: a deleted paragraph can take a dozen spans with it.
        shown = [result.message, *result.problems[:SHOWN_PROBLEMS]]
        if len(result.problems) > SHOWN_PROBLEMS:
            shown.append(f"… and {len(result.problems) - SHOWN_PROBLEMS} more")
        app.notify(
            "\n".join(one_line(line, 200) for line in shown),
            title="After the edit",
            severity="warning" if result.problems else "information",
            timeout=20 if result.problems else 6,
            markup=False,
        )
    return Edited(message, result.needs_parse)


def _run(app: App[Any], command: list[str], source: Path) -> int | None:
    """The editor's exit status, or None when it could not run (said why)."""
    failure: OSError | None = None
    try:
        with app.suspend():
            # Inside the suspended block an exception would leave the terminal to us: keep it here.
            try:
                code = subprocess.call([*command, str(source)])
            except OSError as exc:
                failure, code = exc, -1
    except SuspendNotSupported:
        _say(app, "This terminal cannot be handed over to an editor (E needs a real terminal).")
        return None
    if failure is not None:
        reason = failure.strerror or type(failure).__name__
        _say(app, f"Could not start the editor {one_line(command[0], 60)}: {reason}.", "error")
        return None
    return code
