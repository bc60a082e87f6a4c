"""Entity cleaning and clustering: rules on hand-made spans, then the real pipeline."""

from __future__ import annotations

from collections.abc import Callable

from briefreader.model.document import Block, BriefMeta, Document
from briefreader.nlp.entities import Cleaned, clean, cluster
from briefreader.nlp.gender import Gender
from briefreader.nlp.parse import RawMention


def spans(text: str, *items: tuple[str, str, int]) -> list[Cleaned]:
    """Cleaned mentions for (surface, label, occurrence) triples."""
    out = []
    for surface, label, nth in items:
        pos = -1
        for _ in range(nth + 1):
            pos = text.index(surface, pos + 1)
        out.append(Cleaned(pos, pos + len(surface), surface, label, 0))
    return out


def names(ents):  # type: ignore[no-untyped-def]
    return {e.name: (e.label, sorted(m.text for m in e.mentions)) for e in ents}


def test_surname_joins_full_name_and_person_label_wins() -> None:
    text = "Maria Lopez met Chen Wei. Chen said Lopez agreed. Chen smiled."
    ents = cluster(
        spans(
            text,
            ("Maria Lopez", "PERSON", 0),
            ("Chen Wei", "PERSON", 0),
            ("Chen", "ORG", 1),
            ("Lopez", "PERSON", 1),
            ("Chen", "ORG", 2),
        )
    )
    got = names(ents)
    assert got["Chen Wei"] == ("PERSON", ["Chen", "Chen", "Chen Wei"])
    assert got["Maria Lopez"] == ("PERSON", ["Lopez", "Maria Lopez"])
    assert len(ents) == 2


def test_shared_surname_goes_to_the_most_recent_person() -> None:
    text = "Anna Kim spoke. Then Paul Kim spoke. Kim left."
    ents = cluster(spans(text, ("Anna Kim", "PERSON", 0), ("Paul Kim", "PERSON", 0), ("Kim", "PERSON", 2)))
    assert names(ents)["Paul Kim"][1] == ["Kim", "Paul Kim"]


def test_acronym_joins_its_expansion_and_majority_label() -> None:
    text = "The Gulf Cooperation Council (GCC) met. GCC leaders and GCC aides."
    ents = cluster(
        spans(text, ("Gulf Cooperation Council", "LOC", 0), ("GCC", "ORG", 0), ("GCC", "ORG", 1), ("GCC", "ORG", 2))
    )
    assert names(ents) == {"Gulf Cooperation Council": ("ORG", ["GCC", "GCC", "GCC", "Gulf Cooperation Council"])}


def test_same_name_across_labels_is_one_entity_but_dates_stay_apart() -> None:
    text = "Nokia rose. Nokia fell. In May, May said."
    ents = cluster(spans(text, ("Nokia", "ORG", 0), ("Nokia", "PERSON", 1), ("May", "DATE", 0), ("May", "PERSON", 1)))
    got = names(ents)
    assert got["Nokia"] == ("ORG", ["Nokia", "Nokia"])  # tie goes to the first, fuller-or-equal mention
    assert sorted(e.label for e in ents if e.name == "May") == ["DATE", "PERSON"]


def doc_of(text: str) -> Document:
    return Document(BriefMeta("t"), text, blocks=[Block("paragraph", 0, len(text))])


def test_trimming_possessives_hyphens_the_and_punctuation() -> None:
    text = "South Korea’s plan. The South Korea-Japan link. the United Nations said. “Reuters'”. Acme Inc. grew."
    raw = [
        RawMention(0, 13, "GPE", 0),  # South Korea’s
        RawMention(text.index("South Korea-"), text.index("South Korea-") + 12, "GPE", 0),
        RawMention(text.index("the United"), text.index(" said"), "ORG", 0),
        RawMention(text.index("“Reuters"), text.index("”.") + 1, "ORG", 0),
        RawMention(text.index("Acme"), text.index("Acme") + 9, "ORG", 0),
    ]
    got = [c.text for c in clean(doc_of(text), raw)]
    assert got == ["South Korea", "South Korea", "United Nations", "Reuters", "Acme Inc."]


def test_a_span_that_ran_into_a_coordination_ends_before_it() -> None:
    text = "Niger and Burkina Faso sent troops. Marks & Spencer grew."
    raw = [
        RawMention(0, len("Niger and"), "GPE", 0),  # the small model's "Niger and"
        RawMention(text.index("Marks"), text.index(" grew"), "ORG", 0),
    ]
    assert [c.text for c in clean(doc_of(text), raw)] == ["Niger", "Marks & Spencer"]


def test_span_across_line_break_keeps_one_line() -> None:
    text = "He met Omar\nHaddad later."
    got = clean(doc_of(text), [RawMention(7, 18, "PERSON", 0)])
    assert [c.text for c in got] == ["Haddad"]


def test_heading_only_mentions_are_dropped() -> None:
    text = "Progress Towards Shared Goals\n\nAnna Berg spoke."
    doc = Document(BriefMeta("t"), text, blocks=[Block("heading", 0, 29), Block("paragraph", 31, len(text))])
    raw = [RawMention(0, 29, "ORG", 0), RawMention(31, 40, "PERSON", 1)]
    assert [c.text for c in clean(doc, raw)] == ["Anna Berg"]


def test_numbers_are_not_entities() -> None:
    text = "Two ministers met 3 times."
    got = clean(doc_of(text), [RawMention(0, 3, "CARDINAL", 0), RawMention(18, 19, "CARDINAL", 0)])
    assert got == []


# With the real pipeline --------------------------------------------------------------


def test_sample_korea_brief_entities(sample: Callable[[str], Document]) -> None:
    doc = sample("korea-china-envoy.txt")
    by_name = {e.name: e for e in doc.visible_entities()}
    assert by_name["Wang Yi"].label == "PERSON"
    assert len(by_name["Park Byeong-seug"].visible_mentions) == 3
    assert by_name["Lee Jae Myung"].label == "PERSON" and len(by_name["Lee Jae Myung"].visible_mentions) >= 2
    apec = next(e for e in doc.visible_entities() if "APEC" in [m.text for m in e.mentions])
    assert apec.name == "Asia-Pacific Economic Cooperation" and len(apec.visible_mentions) == 3
    for e in doc.visible_entities():
        assert not e.name.endswith(("’s", "'s", "-")), e.name
        for m in e.mentions:
            assert "\n" not in m.text and doc.text[m.start : m.end] == m.text


def test_no_sentence_or_entity_crosses_a_block(sample: Callable[[str], Document]) -> None:
    doc = sample("chile-argentina-glacier-talks.md")
    for s in doc.sentences:
        b = doc.blocks[s.block]
        assert b.start <= s.start < s.end <= b.end
    for m, _e in doc.mentions():
        blk = doc.block_at(m.start)
        assert blk is not None and m.end <= doc.blocks[blk].end


def test_one_sentence_per_line_copy_is_split_at_line_ends(parse: Callable[[str, str], Document]) -> None:
    doc = parse(
        "Title line\n\nShares in Acme rose 5% on Monday after the results\nThe firm said sales were strong.\n"
        "Analysts at Big Bank agreed with the firm.\n"
    )
    quotes = [doc.text[s.start : s.end] for s in doc.sentences if doc.blocks[s.block].kind == "paragraph"]
    # A line ending in a full stop ends a sentence; a line without one runs on.
    assert quotes[-1] == "Analysts at Big Bank agreed with the firm."
    assert quotes[-2].endswith("The firm said sales were strong.")
    assert all("strong.\nAnalysts" not in q for q in quotes)


def test_honorific_with_surname_joins_the_full_name() -> None:
    text = "Frank Stone spoke. Mr Stone said more. Later Mr Stone left."
    ents = cluster(spans(text, ("Frank Stone", "PERSON", 0), ("Mr Stone", "PERSON", 0), ("Mr Stone", "ORG", 1)))
    assert names(ents) == {"Frank Stone": ("PERSON", ["Frank Stone", "Mr Stone", "Mr Stone"])}


def test_closing_quotes_stay_with_the_sentence_they_close(parse: Callable[[str, str], Document]) -> None:
    # Wire copy: one paragraph per line, quotations ending a line with '."'.
    doc = parse(
        "Port talks stall\n\n"
        'The harbour master said: "We will not reopen the quay until the cranes are repaired."\n'
        '"Nobody wants a second accident," she added.\n'
        "Union leaders (who met on Monday) said the talks would resume.\n"
        'A spokesman called the delay "regrettable."\n'
        "Repairs are expected to take a month.\n"
    )
    quotes = [doc.text[s.start : s.end] for s in doc.sentences if doc.blocks[s.block].kind == "paragraph"]
    assert quotes[0].endswith('repaired."')
    assert quotes[1] == '"Nobody wants a second accident," she added.'
    assert 'delay "regrettable."' in quotes[-2] and quotes[-1] == "Repairs are expected to take a month."
    for q in quotes:
        assert not q.startswith(('"\n', "\n", "”", ")")), q
        assert q.count('"') % 2 == 0, q
    for k in doc.key_points:
        for ev in k.evidence:
            assert not ev.quote.startswith(('"\n', "\n")), ev.quote


def test_suffixes_do_not_hide_a_surname_tagged_as_a_place() -> None:
    text = "Carlos Santos Jr. arrived in Hanoi. Santos said the talks went well. Santos left."
    ents = cluster(
        spans(text, ("Carlos Santos Jr.", "PERSON", 0), ("Hanoi", "GPE", 0), ("Santos", "GPE", 1), ("Santos", "GPE", 2))
    )
    got = names(ents)
    assert got["Carlos Santos Jr."] == ("PERSON", ["Carlos Santos Jr.", "Santos", "Santos"])
    assert got["Hanoi"] == ("GPE", ["Hanoi"])


def test_a_place_named_before_the_person_stays_a_place() -> None:
    text = "Flights to Jackson resumed. Ruth Jackson, the mayor, welcomed them. Jackson said more."
    ents = cluster(
        spans(text, ("Jackson", "GPE", 0), ("Ruth Jackson", "PERSON", 0), ("Jackson", "GPE", 2)),
    )
    got = names(ents)
    assert got["Ruth Jackson"][1] == ["Jackson", "Ruth Jackson"]
    assert got["Jackson"] == ("GPE", ["Jackson"])


def test_gendered_honorific_joins_only_a_compatible_person() -> None:
    text = "Michael Grant spoke. Sandra Grant spoke. Mrs Grant left. Mr Grant stayed."
    mentions = spans(
        text,
        ("Michael Grant", "PERSON", 0),
        ("Sandra Grant", "PERSON", 0),
        ("Mrs Grant", "PERSON", 0),
        ("Mr Grant", "PERSON", 0),
    )
    genders: dict[int, Gender] = {mentions[0].start: "m", mentions[1].start: "f"}
    got = names(cluster(mentions, genders))
    assert got["Sandra Grant"][1] == ["Mrs Grant", "Sandra Grant"]
    assert got["Michael Grant"][1] == ["Michael Grant", "Mr Grant"]
    # The brief does not say who is who: the honorific joins neither.
    unsure = names(cluster(mentions))
    assert unsure["Mrs Grant"] == ("PERSON", ["Mrs Grant"])
    assert unsure["Mr Grant"] == ("PERSON", ["Mr Grant"])
    # Only the husband is named and the brief calls him 'he': 'Mrs Grant' is someone else.
    alone = spans("Michael Grant spoke. Mrs Grant left.", ("Michael Grant", "PERSON", 0), ("Mrs Grant", "PERSON", 0))
    assert len(cluster(alone, {alone[0].start: "m"})) == 2
    assert len(cluster(alone)) == 1


def test_the_brief_tells_the_wife_from_the_husband(parse: Callable[[str, str], Document]) -> None:
    doc = parse(
        "Campaign trail\n\n"
        "Opposition leader Michael Grant opened his campaign in Leeds on Monday, where he promised lower taxes. "
        "His wife, Sandra Grant, visited a hospital in York. "
        "Mrs Grant said the nurses deserved better pay. "
        "At a rally in Bradford, Mr Grant told reporters that the economy came first.\n"
    )
    by_name = {e.name: e for e in doc.visible_entities()}
    michael = by_name["Michael Grant"]
    assert "Mrs Grant" not in [m.text for m in michael.visible_mentions]
    assert "Mr Grant" in [m.text for m in michael.visible_mentions]
    sandra = by_name["Sandra Grant"]
    assert "Mrs Grant" in [m.text for m in sandra.visible_mentions]
