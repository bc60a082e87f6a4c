"""``settings.yaml``: the reader's few preferences, in the user config folder beside ``corrections.yaml``.

For now one setting: where an entity correction made in the reader
applies, asked each time (the default), or always this brief only, or
always all briefs (``corrections.yaml``). The file is small and meant to
be readable by hand; reading it never fails (a bad file or value is
reported and the default used), and writing keeps keys this version does
not know, so a newer reader's settings survive an older one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefreader.io.config_folder import config_dir
from briefreader.io.decode import read_text
from briefreader.io.errors import BriefError
from briefreader.io.safeyaml import YamlRefused, safe_dump, safe_load
from briefreader.model.display import one_line

FILE_NAME = "settings.yaml"
MAX_BYTES = 256 * 1024
SCOPE_KEY = "corrections-scope"
SCOPES: dict[str, str] = {
    "ask": "ask each time",
    "brief": "this brief only",
    "all": "all briefs (corrections.yaml)",
}
"""Where an entity correction applies, and how the reader words each choice."""
HEADER = """\
# briefreader settings.
#   corrections-scope: ask | brief | all   where an entity correction made in the reader applies
"""


def settings_path() -> Path:
    """Where the settings are kept (the config folder, as for ``corrections.yaml``)."""
    return config_dir() / FILE_NAME


@dataclass
class Settings:
    """The reader's preferences, as read."""

    corrections_scope: str = "ask"
    """``ask``, ``brief`` or ``all``."""
    problems: list[str] = field(default_factory=list)
    """One line each: what was wrong in the file (the default was used instead)."""


def load_settings(path: Path | None = None) -> Settings:
    """Read ``settings.yaml``; a missing file is the defaults, a bad one is reported and the defaults used."""
    p = path or settings_path()
    data, problem = _read(p)
    out = Settings()
    if problem:
        out.problems.append(problem)
        return out
    scope = data.get(SCOPE_KEY, "ask")
    # Anything may be written there by hand (a list, a mapping): only one of the words is a setting.
    if isinstance(scope, str) and scope in SCOPES:
        out.corrections_scope = scope
    else:
        shown = one_line(repr(scope), 60)
        out.problems.append(f"{p}: {SCOPE_KEY}: {shown} is not one of {', '.join(SCOPES)}; asking each time")
    return out


def save_setting(key: str, value: str, path: Path | None = None) -> Path:
    """Set one key and write the file atomically, keeping every other key (raises BriefError).

    A file that cannot be read as settings is not replaced: what is in it
    may be someone's, and a guess would lose it.
    """
    from briefreader.io.rewrite import append_entry, edit_in_place, locked, read_original, write_back

    p = path or settings_path()
    # Read again under the file's lock: another reader's change made meanwhile is kept.
    with locked(p):
        data, problem = _read(p)
        if problem:
            raise BriefError(p, f"not changed: fix it first ({problem})")
        original = read_original(p, MAX_BYTES)
        data[key] = value

        def edit(tree: Any) -> None:
            # Only the one line changes: comments, order and other keys stay as the person wrote them.
            if key in tree:
                tree[key] = value
            else:
                append_entry(tree, key, value)

        text = edit_in_place(original, edit, lambda: HEADER + safe_dump(data))
        write_back(original, text)
    return p


def _read(p: Path) -> tuple[dict[str, Any], str | None]:
    if not p.exists():
        return {}, None
    try:
        text = read_text(p, limit=MAX_BYTES).text
    except BriefError as exc:
        if "empty" in exc.reason or "white space" in exc.reason:
            return {}, None
        return {}, f"{p}: {exc.reason}"
    try:
        data = safe_load(text)
    except YamlRefused as exc:
        return {}, f"{p}: {exc}"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, f"{p}: should be a mapping of settings"
    return data, None
