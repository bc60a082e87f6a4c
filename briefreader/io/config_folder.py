"""The user config folder: the files an analyst keeps by hand (corrections, settings, keys).

Its own module, with nothing else in it, so that asking where a file lives
imports no YAML: the reader asks whether ``keys.yaml`` exists just after its
first frame, and the parse cache hashes ``corrections.yaml`` before the
reader's screen is built; importing PyYAML for either cost ~15 ms there.
"""

from __future__ import annotations

import os
from pathlib import Path

CORRECTIONS_FILE_NAME = "corrections.yaml"
"""The corrections that apply to every brief (read and written by ``io.corrections_file``)."""
CORRECTIONS_MAX_BYTES = 4 * 1024 * 1024
"""Far above any hand-kept list; keeps a stray huge file from stalling every parse (none of it applies)."""


def config_dir() -> Path:
    """The user config folder (``$BRIEFREADER_CONFIG_DIR``, else platformdirs: honours ``$XDG_CONFIG_HOME``)."""
    env = os.environ.get("BRIEFREADER_CONFIG_DIR")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("briefreader", appauthor=False))


def corrections_path() -> Path:
    """Where the corrections that apply to all briefs are kept."""
    return config_dir() / CORRECTIONS_FILE_NAME
