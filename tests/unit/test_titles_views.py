"""Titles are views (issue 20, item 3): rendered from the frame and today's entity names wherever shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefreader.export import clip
from briefreader.export.markdown import report
from briefreader.io.safeyaml import safe_load
from briefreader.io.store import document_from_dict, dumps, load_document, loads, save_document
from briefreader.model import edits, template
from briefreader.model.document import Document, KeyPoint
from briefreader.model.timeline import timeline
from briefreader.model.titles import is_own, title_of, title_text
from briefreader.session import BriefSession
from briefreader.session import changes as ch
from tests.helpers.event_briefs import brief

ENVOY = "korea-china-envoy.txt"


def test_a_template_fills_retargets_and_keeps_braces() -> None:
    names = [("e1", "Park Byeong-seug", "Park Byeong-seug"), ("e2", "Park", "Park"), ("e3", "Asia-Pacific X", "APEC")]
    made = template.make("Park Byeong-seug {sic} meets Park at APEC and Asia-Pacific X", names)
    assert made == "{e1} {{sic}} meets {e2} at {e3} and {e3:name}"
    assert template.ids_in(made) == ["e1", "e2", "e3"]
    full = {"e1": "Park B.", "e2": "Park", "e3": "Asia-Pacific X"}
    assert (
        template.fill(made, lambda i, f: full[i] if f else full[i][:4])
        == "Park {sic} meets Park at Asia and Asia-Pacific X"
    )
    assert template.fill(made, lambda i, f: None if i == "e2" else "x") is None
    assert template.retarget(made, "e2", "e1") == "{e1} {{sic}} meets {e1} at {e3} and {e3:name}"


def _park(doc: Document) -> str:
    return next(e.id for e in doc.entities if e.name == "Park Byeong-seug")


def _park_point(doc: Document) -> KeyPoint:
    return next(k for k in doc.key_points if "Park Byeong-seug" in title_of(doc, k))


def test_a_rename_shows_in_every_view_at_once(sample: Callable[[str], Document]) -> None:
    doc = sample(ENVOY)
    kp, park = _park_point(doc), _park(doc)
    assert kp.title_template is not None and "{" + park + "}" in kp.title_template
    edits.rename_entity(doc, park, "Park Byeong-Seug")
    assert "Park Byeong-Seug" in title_of(doc, kp) and "Park Byeong-seug" not in title_of(doc, kp)
    assert "Park Byeong-Seug" in clip.key_point_text(doc, kp)
    titles = [line for line in report(doc).split("## Entities")[0].splitlines() if "**" in line]
    assert any("Park Byeong-Seug" in t for t in titles) and not any("Park Byeong-seug" in t for t in titles)
    events = [e for e in doc.events if e.title_template and "{" + park + "}" in e.title_template]
    assert events and all("Park Byeong-Seug" in title_of(doc, e) for e in events)
    dated = [t for t in timeline(doc) if park in t.event.actors]
    assert dated and all("Park Byeong-seug" not in t.title for t in dated)


def test_a_rename_through_the_session_undoes_in_every_title(sample: Callable[[str], Document], tmp_path: Path) -> None:
    doc = sample(ENVOY)
    session = BriefSession(doc, tmp_path / "b.txt", tmp_path / "b.yaml")
    kp = _park_point(doc)
    before = title_of(doc, kp)
    session.apply(ch.Rename(_park(doc), "Park Byeong-Seug"))
    assert "Park Byeong-Seug" in title_of(session.doc, kp)
    session.undo()
    assert title_of(session.doc, kp) == before


def test_a_merge_points_the_templates_at_the_kept_entity() -> None:
    doc = brief()
    doc.events[1].title_template = "{e3} meets {e4}"
    doc.key_points[1].title_template = "{e3} meets {e4}"
    edits.merge_entities(doc, "e3", "e4")
    assert doc.events[1].title_template == "{e3} meets {e3}"
    assert doc.key_points[1].title_template == "{e3} meets {e3}"


def test_the_analysts_title_is_text_and_stays_as_written(sample: Callable[[str], Document]) -> None:
    doc = sample(ENVOY)
    kp = _park_point(doc)
    edits.retitle_key_point(doc, kp.id, "Envoy in Beijing: Park Byeong-seug")
    assert is_own(kp)
    edits.rename_entity(doc, _park(doc), "Park B.")
    assert title_of(doc, kp) == "Envoy in Beijing: Park Byeong-seug"


def test_a_negated_frame_is_marked_whatever_its_title() -> None:
    doc = brief()
    ev = doc.events[0]
    ev.title_template = "{e1} refuses to attend summit in {e2}"
    edits.rename_entity(doc, "e1", "Milei")
    assert title_of(doc, ev).startswith("✗ Milei refuses to attend summit in Rio — will not happen (refused)")
    assert title_text(doc, ev) == "Milei refuses to attend summit in Rio"


def test_yaml_keeps_the_template_and_reads_a_hand_edit_as_the_analysts(
    sample: Callable[[str], Document], tmp_path: Path
) -> None:
    doc = sample(ENVOY)
    kp = _park_point(doc)
    path = tmp_path / "envoy.yaml"
    save_document(doc, path)
    text = path.read_text(encoding="utf-8")
    assert "template: '{" in text or 'template: "{' in text
    again = load_document(path)
    same = again.key_point(kp.id)
    assert same is not None and same.title_template == kp.title_template
    assert title_of(again, same) == title_of(doc, kp)
    assert [e.title_template for e in again.events] == [e.title_template for e in doc.events]
    assert dumps(again) == text
    # A person changed the rendered text by hand: it is their title now, shown as they wrote it.
    data = safe_load(text)
    data["key_points"][doc.key_points.index(kp)]["title"]["text"] = "My own words"
    edited = document_from_dict(data)
    mine = edited.key_point(kp.id)
    assert mine is not None and is_own(mine) and title_of(edited, mine) == "My own words"


def test_a_plain_title_of_an_older_file_is_read_as_text() -> None:
    doc = brief()
    again = loads(dumps(doc))
    assert all(is_own(k) for k in again.key_points)
    assert title_of(again, again.key_points[1]) == doc.key_points[1].title


def test_no_title_is_a_cut_off_sentence(
    parse: Callable[[str, str], Document], sample: Callable[[str], Document]
) -> None:
    doc = parse(
        "Soldiers cross border\n\nThe Belarusian foreign ministry said in a statement the soldiers had lost their way"
        " during a long training exercise near the border with Poland and Lithuania on Tuesday night after dark.\n",
        "bel.txt",
    )
    titles = [title_of(doc, k) for k in doc.key_points] + [title_of(doc, e) for e in doc.events]
    assert titles and not any(t.endswith("…") for t in titles), titles
    for name in (ENVOY, "chile-argentina-glacier-talks.md", "harbour-city-marathon.txt", "lumen-chip-results.txt"):
        doc = sample(name)
        cut = [
            t for t in [title_of(doc, k) for k in doc.key_points] + [title_of(doc, e) for e in doc.events] if "…" in t
        ]
        assert not cut, (name, cut)
