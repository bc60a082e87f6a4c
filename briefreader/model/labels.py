"""Entity labels: their colours and the words a reader sees for them.

Shared by ``briefreader show`` (Rich only) and the app, so both highlight
a label alike. Colours are chosen to stay readable on dark and light themes.
"""

from __future__ import annotations

LABEL_STYLES: dict[str, str] = {
    "PERSON": "bold #f2c14e",
    "ORG": "bold #6cb6ff",
    "GPE": "bold #7ee787",
    "LOC": "#56d4bc",
    "NORP": "#d2a8ff",
    "FAC": "#ffa657",
    "EVENT": "#ff7b72",
    "DATE": "#a5d6ff",
    "TIME": "#a5d6ff",
    "MONEY": "#e3b341",
    "PERCENT": "#e3b341",
    "PRODUCT": "#f778ba",
    "LAW": "#bc8cff",
    "WORK_OF_ART": "#f778ba",
    "LANGUAGE": "#79c0ff",
}
DEFAULT_STYLE = "underline"

LABEL_NAMES: dict[str, str] = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Countries, cities",
    "LOC": "Places",
    "NORP": "Groups",
    "FAC": "Buildings",
    "EVENT": "Events",
    "DATE": "Dates",
    "TIME": "Times",
    "MONEY": "Money",
    "PERCENT": "Percentages",
    "PRODUCT": "Products",
    "LAW": "Laws",
    "WORK_OF_ART": "Works",
    "LANGUAGE": "Languages",
}

LABEL_ORDER: tuple[str, ...] = tuple(LABEL_STYLES)
"""The order labels are listed in (people first: a brief is about who does what)."""


def style_for(label: str) -> str:
    """The Rich style of a label's highlights."""
    return LABEL_STYLES.get(label, DEFAULT_STYLE)


def label_rank(label: str) -> int:
    """Sort key that puts known labels in LABEL_ORDER and others after."""
    return LABEL_ORDER.index(label) if label in LABEL_ORDER else len(LABEL_ORDER)


def a_label(label: str) -> str:
    """``a PERSON``, ``an ORG``: a label with the article it is read with.

    Labels are read as words ("org", "event", "norp", "person"), so a
    vowel letter first takes "an"; the sentence around it stays grammatical
    whatever label the analyst typed.
    """
    return ("an " if label[:1].upper() in "AEIOU" else "a ") + label
