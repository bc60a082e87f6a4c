"""What makes a line of a brief a section heading.

Its own module because both reading a source (``sources.py``) and laying out
a hand-edited saved text again (``relayout.py``) need the same rule, and the
store, which ``sources`` calls for YAML files, imports ``relayout``.
"""

from __future__ import annotations

_FINAL_PUNCT = tuple(".!?:;,…\"'”’)]")
_MAX_HEADING_WORDS = 12


def is_heading(chunk: str) -> bool:
    """A short stand-alone line with no final punctuation opens a section."""
    line = chunk.strip()
    if "\n" in line or not line or len(line) > 90:
        return False
    if line.endswith(_FINAL_PUNCT) or not (line[0].isupper() or line[0].isdigit()):
        return False
    return len(line.split()) <= _MAX_HEADING_WORDS
