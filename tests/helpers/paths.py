"""Where the tests' inputs live: the bundled sample briefs and the test data."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
"""The checkout (the folder holding ``briefreader/`` and ``tests/``)."""
BRIEFS = ROOT / "briefs"
DATA = ROOT / "tests" / "data"
