"""A small hand-built brief with event frames (a negated refusal, a meeting), for schema, export and view tests."""

from __future__ import annotations

from briefreader.model.document import Block, BriefMeta, Document, Entity, Evidence, KeyPoint, Mention, Sentence
from briefreader.model.event import EventFrame, Trigger, When

TEXT = "Milei stays away\n\nJavier Milei refused to attend the summit in Rio, officials said. Lula met Boric."


def brief() -> Document:
    t = TEXT
    s1, e1 = t.index("Javier"), t.index("said.") + 5
    s2 = t.index("Lula")
    attend, met = t.index("attend"), t.index("met")

    def m(word: str) -> Mention:
        at = t.index(word)
        return Mention(at, at + len(word), word)

    refusal = EventFrame(
        "visit",
        Trigger(attend, attend + 6, "attend"),
        ["e1"],
        [],
        "e2",
        When("next week", "2026-03"),
        "planned",
        title="Javier Milei refuses to attend summit in Rio",
        id="v1",
        sentence=(s1, e1),
        negated=True,
        cue="refused",
        source="e5",
    )
    meeting = EventFrame(
        "meeting", Trigger(met, met + 3, "met"), ["e3"], ["e4"], None, None, "happened", "Lula meets Boric", "v2"
    )
    meeting.sentence = (s2, len(t))
    return Document(
        BriefMeta("Milei stays away", "2026-03-02"),
        t,
        blocks=[Block("title", 0, 16), Block("paragraph", 18, len(t))],
        sentences=[Sentence(0, 16, 0), Sentence(s1, e1, 1), Sentence(s2, len(t), 1)],
        entities=[
            Entity("e1", "Javier Milei", "PERSON", [m("Javier Milei")]),
            Entity("e2", "Rio", "GPE", [m("Rio")]),
            Entity("e3", "Lula", "PERSON", [m("Lula")]),
            Entity("e4", "Boric", "PERSON", [m("Boric")]),
            Entity("e5", "officials", "NORP", [m("officials")]),
        ],
        key_points=[
            KeyPoint(
                "k1",
                "Javier Milei refuses to attend summit in Rio",
                "visit",
                1.5,
                [Evidence(s1, e1, t[s1:e1])],
                events=["v1"],
                event=EventFrame(
                    "visit",
                    Trigger(attend, attend + 6, "attend"),
                    ["e1"],
                    [],
                    "e2",
                    When("next week", "2026-03"),
                    "planned",
                    negated=True,
                    cue="refused",
                ),
            ),
            KeyPoint("k2", "Lula meets Boric", "meeting", 0.7, [Evidence(s2, len(t), t[s2:])], events=["v2", "v9"]),
        ],
        events=[refusal, meeting],
    )
