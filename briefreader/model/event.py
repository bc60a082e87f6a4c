"""What a key point says happened: an event frame (the timeline of them is in ``timeline.py``).

A frame names its participants by entity id, so an analyst's corrections
to the entities (a rename, a merge) show in every title and timeline entry
that names them. Dates are ISO strings at the precision the brief gives:
``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EventStatus = Literal["happened", "planned", "reported"]
STATUSES: tuple[str, ...] = ("happened", "planned", "reported")
Phase = Literal["background", "news", "planned"]
PHASES: tuple[Phase, ...] = ("background", "news", "planned")


@dataclass(frozen=True)
class Trigger:
    """The word that names the event ('invited', 'visit', 'talks')."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class When:
    """When the event took or takes place, as written and as an ISO date."""

    text: str
    date: str | None = None
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None when the text is vague or the brief undated."""


@dataclass
class EventFrame:
    """Who did what to whom, where and when, in one sentence of the brief."""

    type: str
    """A taxonomy category id (visit, invitation, agreement, tension, statement, ...)."""
    trigger: Trigger
    actors: list[str] = field(default_factory=list)
    """Entity ids of who acts: the inviter, the visitor, the speaker, the critic."""
    targets: list[str] = field(default_factory=list)
    """Entity ids of whom it is done to or with: the guest, the host, the criticised."""
    place: str | None = None
    """Entity id of where it happens."""
    when: When | None = None
    status: EventStatus = "happened"
    title: str | None = None
    """A headline of its own, for a frame that is not its key point's first (``KeyPoint.more_events``)."""

    def replace_entity(self, old: str, new: str) -> None:
        """Point at ``new`` wherever the frame pointed at ``old`` (after a merge)."""
        self.actors = list(dict.fromkeys(new if a == old else a for a in self.actors))
        targets = dict.fromkeys(new if t == old else t for t in self.targets)
        self.targets = [t for t in targets if t not in self.actors]
        if self.place == old:
            self.place = new
