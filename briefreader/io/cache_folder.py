"""The user cache folder: what briefreader keeps only to be faster, and may lose at any time.

``$BRIEFREADER_CACHE_DIR`` when set (tests, a shared machine), else
platformdirs' user cache folder, which honours ``$XDG_CACHE_HOME``. Each
cache keeps its own subfolder (``parses/``, ``corrections/``).
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """The folder every cache of briefreader's lives under."""
    env = os.environ.get("BRIEFREADER_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefreader", appauthor=False))
