"""A re-parse keeps the analyst's corrections, pins and notes, and the ids notes point at."""

from __future__ import annotations

from briefreader.model.document import Entity, Evidence, KeyPoint, Mention
from briefreader.model.parse_merge import carry_corrections, merge_key_points


def ent(eid: str, name: str, *spans: tuple[int, int], edited: bool = False) -> Entity:
    return Entity(eid, name, "PERSON", [Mention(a, b, name[: b - a]) for a, b in spans], edited=edited)


def test_merge_keeps_corrected_entities_and_stable_ids() -> None:
    old = [ent("e1", "Anna", (0, 4), edited=True), ent("e2", "Omar", (10, 14)), ent("e3", "Gone", (30, 34))]
    old[0].mentions[0].origin = "rejected"
    fresh = [ent("e1", "Anna", (0, 4)), ent("e2", "Lima", (20, 24)), ent("e3", "Omar", (10, 14))]
    merged = carry_corrections(old, fresh)
    by_name = {e.name: e for e in merged}
    assert by_name["Anna"] is old[0] and by_name["Anna"].rejected  # the rejection survives
    assert by_name["Omar"].id == "e2"  # found where the old e2 was
    assert by_name["Lima"].id == "e4"  # never an id an old entity had (e3 was 'Gone')
    assert [e.name for e in merged] == ["Anna", "Omar", "Lima"]


def test_merge_key_points_keeps_pins_and_ids() -> None:
    def kp(kid: str, start: int, pinned: bool = False) -> KeyPoint:
        return KeyPoint(kid, f"t{start}", "other", 1.0, [Evidence(start, start + 5, "x" * 5)], pinned)

    old = [kp("k1", 0, pinned=True), kp("k2", 10), kp("k3", 20)]
    fresh = [kp("k1", 0), kp("k2", 20), kp("k3", 40)]
    merged = merge_key_points(old, fresh)
    assert [(k.id, k.evidence[0].start) for k in merged] == [("k1", 0), ("k3", 20), ("k4", 40)]
