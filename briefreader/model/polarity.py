"""How a frame the text says did not (or will not) happen reads in every view.

A negated frame ("refused to attend", "called off", "unable to travel") is
kept, because what did not happen is news too, but no list, table, report
or copied line may show it as something that took place. Every view that
renders a title from a frame goes through ``headline``, so the mark is the
same everywhere, whatever words the title itself was given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefreader.model.event import EventFrame

MARK = "✗"
"""Leads the title of a frame that did not or will not take place."""


def not_happened(ev: EventFrame) -> str:
    """``did not happen`` or ``will not happen`` (a plan), with the words that say so: ``(refused)``."""
    said = "will not happen" if ev.status == "planned" else "did not happen"
    cue = " ".join((ev.cue or "").split())
    return f"{said} ({cue})" if cue else said


def headline(title: str, ev: EventFrame | None) -> str:
    """``title`` as a view shows it: marked when its frame is negated (``✗ ... — did not happen (refused)``)."""
    if ev is None or not ev.negated or title.startswith(MARK):
        return title
    return f"{MARK} {title} — {not_happened(ev)}"


def unmarked(title: str) -> tuple[str, str, str]:
    """A title split into the mark ``headline`` put before and after it, and the title itself."""
    if not title.startswith(MARK + " "):
        return "", title, ""
    body = title[len(MARK) + 1 :]
    cut = body.rfind(" — ")
    if cut < 0:
        return MARK + " ", body, ""
    return MARK + " ", body[:cut], body[cut:]


def clipped(title: str, limit: int) -> str:
    """``title`` on one line, its own words cut at ``limit`` characters, its mark whole beside them.

    A list row or a status line has room for so much; cut at the end, a
    negated title lost exactly what says it did not happen
    (``✗ Cambodia refuses to attend … — did not…``). The mark before and
    after (``headline``) never counts against the limit and is never cut.
    """
    from briefreader.model.display import one_line

    before, body, after = unmarked(one_line(title))
    return before + one_line(body, limit) + after
