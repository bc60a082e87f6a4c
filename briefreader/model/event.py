"""What the brief says happened: event frames (the timeline of them is in ``timeline.py``).

Every sentence is read for events and every frame found is kept in the
Document's one ``events`` list, each with an id; a key point is a group of
the event mentions of one happening, and carries the frame merged from
them. A frame names its participants by entity id, so an analyst's
corrections to the entities (a rename, a merge) show in every title and
timeline entry that names them. Dates are ISO strings at the precision the
brief gives: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

Polarity is kept apart from status: "refused to attend the summit" is a
planned visit that will not take place (``negated`` with its ``cue``), so
no view ever shows it as one that did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from typing import TYPE_CHECKING, Literal

from briefreader.model.template import retarget

if TYPE_CHECKING:
    from briefreader.model.extra import Extra

EventStatus = Literal["happened", "planned", "reported"]
STATUSES: tuple[str, ...] = ("happened", "planned", "reported")
Phase = Literal["background", "news", "planned"]
PHASES: tuple[Phase, ...] = ("background", "news", "planned")
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def valid_event_date(value: str) -> bool:
    """True for ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real year, month or day (not 2026-02-30)."""
    if not _ISO.fullmatch(value):
        return False
    year, month, day = [*value.split("-"), "01", "01"][:3]
    try:
        Date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


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
    """The frame's own headline (a frame of ``Document.events``); a key point's merged frame is titled by
    the point."""
    id: str = ""
    """``v1``, ``v2``... for a frame in ``Document.events``; empty for a key point's merged frame."""
    sentence: tuple[int, int] | None = None
    """The sentence the frame was read from (start, end offsets into the text)."""
    negated: bool = False
    """The text says it did not or will not take place (declined, refused, unable to, called off)."""
    cue: str | None = None
    """The words that say so ('refused', 'did not', 'unable to'), when ``negated``."""
    source: str | None = None
    """Entity id of who relays a reported event ('..., officials said'), when the text names one."""
    extra: Extra = field(default_factory=dict, hash=False)
    """Keys of the saved frame this reader does not know, written back where they were."""
    parts_extra: dict[str, Extra] = field(default_factory=dict, hash=False)
    """The same inside the frame's ``trigger``, ``when`` and ``sentence`` mappings, by field name."""
    title_template: str | None = None
    """The generated headline with entity names as placeholders (``{e1} meets {e7}``, see ``template``):
    what every view renders, with the names as they are now (``titles.title_of``). ``title`` is then the
    rendering as it was when made, shown only if an entity the template names is gone. None: ``title``
    is the text to show (the analyst's, or a file written before templates)."""
    edited: bool = False
    """The analyst changed the frame (type, roles, date, status, polarity): a re-parse keeps it as it is,
    and training data marks it as corrected."""

    def replace_entity(self, old: str, new: str) -> None:
        """Point at ``new`` wherever the frame pointed at ``old`` (after a merge)."""
        self.actors = list(dict.fromkeys(new if a == old else a for a in self.actors))
        targets = dict.fromkeys(new if t == old else t for t in self.targets)
        self.targets = [t for t in targets if t not in self.actors]
        if self.place == old:
            self.place = new
        if self.source == old:
            self.source = new
        if self.title_template is not None:
            self.title_template = retarget(self.title_template, old, new)
