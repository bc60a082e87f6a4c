"""Reading brief sources: seed layout, Markdown, plain text, encodings, bad files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from briefreader.io.dates import parse_dateline
from briefreader.io.errors import BriefError
from briefreader.io.sources import read_brief
from tests.helpers.paths import BRIEFS


def blocks(doc):  # type: ignore[no-untyped-def]
    return [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]


def test_seed_layout_gives_date_title_from_slug_headings_and_paragraphs() -> None:
    doc = read_brief(BRIEFS / "korea-china-envoy.txt")
    assert doc.meta.date == "2025-08-25"
    assert doc.meta.slug == "south-korea-sends-envoy-to-china-to-mend-ties"
    # Slug words take the body's own spelling: 'South Korea', 'China', but 'to'.
    assert doc.meta.title == "South Korea sends envoy to China to mend ties"
    kinds = [k for k, _ in blocks(doc)]
    assert kinds[:2] == ["title", "dateline"]
    headings = [t for k, t in blocks(doc) if k == "heading"]
    assert headings == ["Trade and Supply Chains", "A Difficult Decade"]
    assert kinds.count("paragraph") == 8


def test_block_offsets_point_at_their_text() -> None:
    doc = read_brief(BRIEFS / "korea-china-envoy.txt")
    for b in doc.blocks:
        chunk = doc.text[b.start : b.end]
        assert chunk == chunk.strip() and chunk
        assert "\n\n" not in chunk


def test_markdown_front_matter_title_headings() -> None:
    doc = read_brief(BRIEFS / "chile-argentina-glacier-talks.md")
    assert doc.meta.title == "Chile and Argentina reopen talks on shared glaciers"
    assert doc.meta.date == "2026-03-14"
    assert doc.meta.tags == ("diplomacy", "water", "south-america")
    assert doc.meta.source == "briefreader sample brief (fictional)"
    heads = [t for k, t in blocks(doc) if k == "heading"]
    assert heads == ["The visit", "An invitation to Buenos Aires", "Old quarrels"]
    assert "#" not in doc.text and "---" not in doc.text


def test_markdown_heading_directly_above_paragraph(tmp_path: Path) -> None:
    p = tmp_path / "x.md"
    p.write_text("# Title\n## Section\nBody line.\n", encoding="utf-8")
    assert blocks(read_brief(p)) == [("title", "Title"), ("heading", "Section"), ("paragraph", "Body line.")]


def test_plain_text_first_line_is_title(tmp_path: Path) -> None:
    p = tmp_path / "plain.txt"
    p.write_text(
        "Ad sales rise at Example Corp\n\nFirst sentence.\nSecond sentence.\n\nMore text here.\n", encoding="utf-8"
    )
    doc = read_brief(p)
    assert doc.meta.title == "Ad sales rise at Example Corp"
    assert blocks(doc) == [
        ("title", "Ad sales rise at Example Corp"),
        ("paragraph", "First sentence.\nSecond sentence."),
        ("paragraph", "More text here."),
    ]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("25 August, 2025", "2025-08-25"),
        ("August 25, 2025", "2025-08-25"),
        ("2025-08-25", "2025-08-25"),
        ("Monday, 1 Sept 2025", "2025-09-01"),
        ("3rd March 2024", "2024-03-03"),
        ("31 February 2025", None),
        ("Trade talks resume", None),
    ],
)
def test_datelines(line: str, iso: str | None) -> None:
    assert parse_dateline(line) == iso


def test_utf8_bom_does_not_shift_offsets(tmp_path: Path) -> None:
    body = "Title\n\nAnna met Omar."
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(body.encode("utf-8"))
    b.write_bytes(codecs.BOM_UTF8 + body.encode("utf-8"))
    assert read_brief(a).text == read_brief(b).text == "Title\n\nAnna met Omar."


def test_utf16_with_bom_and_crlf(tmp_path: Path) -> None:
    p = tmp_path / "w.txt"
    p.write_bytes("Title\r\n\r\nZoë met Ünal.\r\n".encode("utf-16"))
    doc = read_brief(p)
    assert doc.text == "Title\n\nZoë met Ünal."


def test_cp1252_falls_back_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "c.txt"
    p.write_bytes("Title\n\nCaf\xe9 talks \x93quoted\x94.".encode("latin-1"))
    doc = read_brief(p)
    assert "Café talks “quoted”." in doc.text
    assert any("Windows-1252" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "is empty"), (b"  \n\t\n ", "only white space"), (b"\x7fELF\x00\x00\x01binary", "binary")],
)
def test_bad_files_give_one_line_reasons(tmp_path: Path, content: bytes, reason: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(BriefError) as info:
        read_brief(p)
    assert reason in str(info.value) and "\n" not in str(info.value)


def test_missing_folder_and_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(BriefError, match="no such file"):
        read_brief(tmp_path / "nope.txt")
    with pytest.raises(BriefError, match="folder"):
        read_brief(tmp_path)
    p = tmp_path / "secret.txt"
    p.write_text("Title\n\nx", encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Tests run as root in CI, where chmod 000 cannot deny a read: simulate it.
    monkeypatch.setattr("briefreader.io.decode.os.open", denied)
    with pytest.raises(BriefError, match="permission denied"):
        read_brief(p)


def test_size_limit_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefreader.io.decode as decode

    p = tmp_path / "big.txt"
    p.write_text("Title\n\n" + "word " * 1000, encoding="utf-8")
    monkeypatch.setattr(decode, "MAX_BRIEF_BYTES", 1000)
    monkeypatch.setattr(decode.read_text, "__defaults__", (1000,))
    with pytest.raises(BriefError, match="too large"):
        read_brief(p)


def test_front_matter_is_loaded_by_the_safe_loader(tmp_path: Path) -> None:
    from briefreader.io.sources import read_brief

    md = tmp_path / "x.md"
    md.write_text("---\ntitle: &t Evil\nsource: *t\n---\n# Real title\n\nBody.\n", encoding="utf-8")
    doc = read_brief(md)
    assert doc.meta.title == "Real title" and any("aliases" in w for w in doc.warnings)
    md.write_text("---\ntitle: !!python/object/apply:os.system [echo]\n---\n# T\n\nBody.\n", encoding="utf-8")
    assert any("not allowed" in w for w in read_brief(md).warnings)


def test_a_wire_story_with_no_title_line_is_all_body(tmp_path: Path) -> None:
    # 'CITY, Month D (Agency) -- lead': the lead is the news, never the title.
    p = tmp_path / "hanoi-water-summit.txt"
    p.write_text("HANOI, March 3 (AP) -- Cambodia refused to attend the summit in Hanoi.\n\nLaos did attend.\n")
    doc = read_brief(p)
    assert doc.meta.title == "Hanoi water summit"
    assert doc.meta.date is None  # a month and day without a year: the year is not guessed
    assert blocks(doc)[1] == ("paragraph", "HANOI, March 3 (AP) -- Cambodia refused to attend the summit in Hanoi.")


def test_a_wire_dateline_with_a_year_dates_the_brief(tmp_path: Path) -> None:
    p = tmp_path / "x.txt"
    p.write_text("Turkey hits Georgia with sanctions\n\nANKARA, June 10, 2025 (Reuters) -- Turkey imposed sanctions.\n")
    doc = read_brief(p)
    assert doc.meta.title == "Turkey hits Georgia with sanctions" and doc.meta.date == "2025-06-10"
    assert blocks(doc)[1][0] == "paragraph"  # the lead stays the body's first paragraph
    q = tmp_path / "y.txt"
    q.write_text("Iraq - a country in turmoil\n\nIt was a long week.\n")
    assert read_brief(q).meta.title == "Iraq - a country in turmoil"


def test_a_capital_city_and_a_dash_is_a_dateline_but_a_short_name_is_not(tmp_path: Path) -> None:
    p = tmp_path / "statements.txt"
    p.write_text("WASHINGTON _ Following are statements made on Friday.\n\nMore.\n")
    assert read_brief(p).meta.title == "Statements"
    q = tmp_path / "talks.txt"
    q.write_text("US - Japan talks resume\n\nThe talks resumed.\n")
    assert read_brief(q).meta.title == "US - Japan talks resume"
