"""Entity ids that stay put (issue 20, item 4): after an edit of the source and a re-parse, every frame's
roles are the entities they were, matched by their mentions' words, never by place in a list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefreader.model import edits
from briefreader.model.document import Document, Entity, Mention
from briefreader.model.entity_ids import dangling, referenced, remap
from briefreader.model.event import EventFrame, Trigger
from briefreader.model.parse_merge import carry_entities
from briefreader.session import BriefSession, ParseService
from briefreader.session.opening import open_session, reload_source
from tests.helpers.event_briefs import brief

GLACIERS = "chile-argentina-glacier-talks.md"
NEW_PARAGRAPH = (
    "Peru's President, Dina Boluarte, met Bolivia's Foreign Minister, Celinda Sosa, in Lima on Monday."
    " Ecuador's Gabriela Sommerfeld and Uruguay's Mario Lubetkin joined them.\n\n"
)

Roles = tuple[tuple[str, ...], tuple[str, ...], str | None, str | None]


def _names(doc: Document, ev: EventFrame) -> Roles:
    def name(i: str | None) -> str | None:
        ent = doc.entity(i) if i else None
        return None if i is None else ent.name if ent is not None else f"<gone {i}>"

    return (
        tuple(str(name(i)) for i in ev.actors),
        tuple(str(name(i)) for i in ev.targets),
        name(ev.place),
        name(ev.source),
    )


def _key(doc: Document, ev: EventFrame) -> tuple[str, str]:
    """A frame by its words (its trigger and its sentence), which an edit elsewhere does not change."""
    span = ev.sentence or (ev.trigger.start, ev.trigger.end)
    return ev.trigger.text, doc.text[span[0] : span[1]].replace("three years", "four years")


def _parse(session: BriefSession, service: ParseService) -> None:
    assert session.merge_parse(service.parse(session.parse_copy()))


def test_an_edit_that_shifts_the_entity_order_leaves_every_frames_roles_on_the_right_entities(
    brief_copy: Callable[[str], Path],
) -> None:
    source = brief_copy(GLACIERS)
    service = ParseService(in_process=False)
    session = open_session(source)
    _parse(session, service)
    doc = session.doc
    # An analyst's work on it: a corrected name and a pinned point, both must come through.
    valdivia = next(e for e in doc.entities if e.name == "Tomás Valdivia")
    edits.rename_entity(doc, valdivia.id, "Tomás Valdivia Ruiz")
    pinned = next(k for k in doc.key_points if k.event is not None and valdivia.id in k.event.actors + k.event.targets)
    edits.toggle_pin(doc, pinned.id)
    before = {_key(doc, ev): _names(doc, ev) for ev in doc.events}
    pinned_roles = _names(doc, pinned.event) if pinned.event else None
    ids_before = {e.name: e.id for e in doc.entities if e.label != "DATE"}
    assert any(r[2] is not None for r in before.values())  # some frame has a place to keep

    text = source.read_text(encoding="utf-8")
    at = text.index("Argentina's Foreign Minister")
    source.write_text(text[:at] + NEW_PARAGRAPH + text[at:].replace("three years", "four years"), encoding="utf-8")
    assert reload_source(session).needs_parse
    _parse(session, service)
    doc = session.doc

    ferrero = next(e for e in doc.entities if e.name == "Lucía Ferrero").visible_mentions[0].start
    new = [e for e in doc.visible_entities() if e.name not in ids_before and e.visible_mentions[0].start < ferrero]
    assert len(new) >= 3  # the order shifted: new people come before those the frames name
    after = {_key(doc, ev): (ev, _names(doc, ev)) for ev in doc.events}
    compared = 0
    for key, roles in before.items():
        if key in after:
            assert after[key][1] == roles, (key, after[key][1], roles)
            compared += 1
    assert compared >= len(before) - 1  # the frame of the edited sentence may be read differently
    for name, ent_id in ids_before.items():
        now = next((e for e in doc.entities if e.name == name), None)
        if now is not None:
            assert now.id == ent_id, name
    kept = doc.key_point(pinned.id)
    assert kept is not None and kept.pinned and kept.event is not None
    assert _names(doc, kept.event) == pinned_roles
    assert "Tomás Valdivia Ruiz" in " ".join(n for r in after.values() for n in r[1][0] + r[1][1])
    # Every role names an entity of the brief, and a place is never a date.
    assert not session.orphans and not dangling(doc)
    for ev in doc.events:
        place = doc.entity(ev.place) if ev.place else None
        assert place is None or place.label != "DATE", (ev, place)


def _ent(ent_id: str, name: str, label: str, *spans: tuple[int, int], edited: bool = False) -> Entity:
    return Entity(ent_id, name, label, [Mention(a, b, name) for a, b in spans], edited=edited)


def test_fresh_entities_are_matched_by_place_then_by_words_and_new_ones_take_unused_ids() -> None:
    old = [
        _ent("e1", "Anna Berg", "PERSON", (0, 9)),
        _ent("e2", "Oslo", "GPE", (20, 24)),
        _ent("e5", "Omar", "PERSON", (30, 34), edited=True),
    ]
    fresh = [
        _ent("e1", "Lima", "GPE", (40, 44)),  # new, first in the list
        _ent("e2", "Oslo", "GPE", (60, 64)),  # moved: found by its name
        _ent("e3", "Anna Berg", "PERSON", (0, 9)),  # at its old place
        _ent("e4", "Omar Haddad", "PERSON", (30, 40)),  # over the corrected entity: goes to it
    ]
    entities, ids = carry_entities(old, fresh, reserved={"e6"})
    assert ids == {"e1": "e7", "e2": "e2", "e3": "e1", "e4": "e5"}
    assert {e.name: e.id for e in entities} == {"Anna Berg": "e1", "Oslo": "e2", "Omar": "e5", "Lima": "e7"}


def test_remap_renames_all_at_once_and_dangling_names_what_is_gone() -> None:
    doc = brief()
    ev = doc.events[1]
    ev.title_template = "{e3} meets {e4}"
    remap(doc.events, doc.key_points, {"e3": "e4", "e4": "e3"})
    assert (ev.actors, ev.targets, ev.title_template) == (["e4"], ["e3"], "{e4} meets {e3}")
    assert "e5" in referenced(doc)
    doc.entities = [e for e in doc.entities if e.id != "e2"]
    gone = dangling(doc)
    assert any(line.startswith("event v1") and "e2" in line for line in gone)
    ev.trigger = Trigger(ev.trigger.start, ev.trigger.end, ev.trigger.text)
