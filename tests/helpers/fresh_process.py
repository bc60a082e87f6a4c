"""Run code in a fresh interpreter and see which modules it imported."""

from __future__ import annotations

import subprocess
import sys


def modules_after(code: str) -> set[str]:
    """Every module in ``sys.modules`` once ``code`` has run in a new Python process."""
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())
