"""Hardening, round two: hostile files and names (issue 10, items 2-5, 13, 16, 17).

Every case here once lost data, hung or crashed; each test fails without
its fix.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefreader.cli import main
from briefreader.io.errors import BriefError
from briefreader.io.sources import read_brief
from briefreader.io.store import dumps, load_document
from briefreader.model.document import BriefMeta, Document
from tests.helpers.paths import ROOT

BRIEF = "Harbour works delayed\n\nThe port authority said on Monday that the new quay would open in May.\n"


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The command line in its own process, so a hang is a failed test, not a stuck run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "briefreader", *args], capture_output=True, text=True, timeout=timeout, env=env
    )


# Item 2: a file name that is not UTF-8 ----------------------------------------------------------


def test_annotate_writes_a_brief_whose_name_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in (b"caf\xe9.txt", b"plain.txt", b"na\xefve\xff.md"):
        with open(os.path.join(os.fsencode(src), name), "w", encoding="utf-8") as fh:
            fh.write(BRIEF)
    out = tmp_path / "out"
    assert main(["annotate", str(src), "--out", str(out)]) == 0
    written = sorted(os.listdir(os.fsencode(out)))
    assert written == [b"caf\xe9.yaml", b"na\xefve\xff.yaml", b"plain.yaml"]
    doc = load_document(Path(os.fsdecode(os.path.join(os.fsencode(out), b"caf\xe9.yaml"))))
    assert doc.meta.source == "caf\ufffd.txt"
    assert "annotated 3 briefs" in capsys.readouterr().err


# Item 3: front matter through the safe loader --------------------------------------------------


def alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
    return "\n".join(lines)


def test_front_matter_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    p = tmp_path / "bomb.md"
    p.write_text(f"---\n{alias_bomb()}\ntitle: Bomb\n---\n# Harbour works\n\nThe quay opens in May.\n", "utf-8")
    t0 = time.perf_counter()
    doc = read_brief(p)
    assert time.perf_counter() - t0 < 2.0
    assert doc.meta.title == "Harbour works"
    assert any("front matter ignored" in w and "aliases" in w for w in doc.warnings)


def test_front_matter_python_tag_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "tag.md"
    p.write_text("---\ntitle: !!python/object/apply:os.getcwd []\n---\n# T\n\nBody text here.\n", "utf-8")
    doc = read_brief(p)
    assert doc.meta.title == "T" and any("not allowed" in w for w in doc.warnings)


# Item 4: an impossible date in front matter -----------------------------------------------------


@pytest.mark.parametrize("value", ["2026-02-30", "'2026-13-01'", "soon", "[1, 2]"])
def test_impossible_front_matter_date_is_a_warning(tmp_path: Path, value: str) -> None:
    p = tmp_path / "d.md"
    p.write_text(f"---\ntitle: Dated\ndate: {value}\n---\nThe quay opens in May.\n", "utf-8")
    doc = read_brief(p)
    assert doc.meta.date is None and doc.meta.title == "Dated"
    assert any("is not a date" in w for w in doc.warnings)


def test_annotate_writes_every_brief_of_a_folder_with_a_bad_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad.md").write_text("---\ndate: 2026-02-30\n---\n# Bad date\n\nThe quay opens in May.\n", "utf-8")
    for i in range(3):
        (src / f"good{i}.txt").write_text(BRIEF, "utf-8")
    assert main(["annotate", str(src), "--out", str(tmp_path / "out")]) == 0
    assert len(list((tmp_path / "out").iterdir())) == 4
    err = capsys.readouterr().err
    assert "warning:" in err and "2026-02-30" in err and "bad.md" in err


# Item 5: a FIFO is refused, never waited on -----------------------------------------------------


def test_fifo_is_refused_at_once_by_show_and_annotate(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    r = cli("show", str(fifo), timeout=60)
    assert r.returncode == 1 and "named pipe" in r.stderr and "Traceback" not in r.stderr
    (tmp_path / "ok.txt").write_text(BRIEF, "utf-8")
    r = cli("annotate", str(fifo), str(tmp_path / "ok.txt"), "--out", str(tmp_path / "out"), timeout=120)
    assert r.returncode == 1 and "named pipe" in r.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["ok.yaml"]


def test_fifo_refused_in_process(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    # If the refusal broke, this open would block forever: a writer in a child unblocks it after 20 s.
    writer = subprocess.Popen([sys.executable, "-c", f"import time; time.sleep(20); open({str(fifo)!r}, 'w')"])
    try:
        with pytest.raises(BriefError, match="only regular files"):
            read_brief(fifo)
    finally:
        writer.kill()
        writer.wait()
    with pytest.raises(BriefError, match="device"):
        read_brief("/dev/null")


def test_a_file_swapped_for_a_fifo_after_the_check_does_not_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular = tmp_path / "regular.txt"
    regular.write_text(BRIEF, "utf-8")
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    real_stat = Path.stat

    def stat_then_swap(self: Path, **kwargs: bool) -> os.stat_result:
        # The check sees a regular file; the open finds the FIFO that replaced it.
        return real_stat(regular if self == fifo else self, **kwargs)

    monkeypatch.setattr(Path, "stat", stat_then_swap)
    writer = subprocess.Popen([sys.executable, "-c", f"import time; time.sleep(20); open({str(fifo)!r}, 'w')"])
    try:
        t0 = time.perf_counter()
        with pytest.raises(BriefError, match="named pipe"):
            read_brief(fifo)
        assert time.perf_counter() - t0 < 10, "the open waited for a writer"
    finally:
        writer.kill()
        writer.wait()


# Item 13: names reach the terminal through the visible-text filter -------------------------------


def test_cli_output_never_carries_escape_sequences_from_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a\x1b]2;PWNED\x07b.txt").write_bytes(b"Caf\xe9 talks\n\nMinisters met on Monday in Lindau.\n")
    (src / "c\x1b[31mRED\x1b[0m.txt").write_text("", "utf-8")
    out = tmp_path / "o\x1b]2;TITLE\x07ut"
    assert main(["annotate", str(src), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "␛]2;PWNED␇b.txt" in err and "c␛[31mRED␛[0m.txt" in err and "o␛]2;TITLE␇ut" in err


def test_show_output_never_carries_escape_sequences_from_a_name(tmp_path: Path) -> None:
    p = tmp_path / "x\x1b]0;T\x07.yaml"
    p.write_text('briefreader: 1\nbrief: {title: "T\\e[2J"}\ntext: |-\n  Body \\e here\n', "utf-8")
    r = cli("show", str(p))
    assert r.returncode == 0, r.stderr
    assert "\x1b]0;T" not in r.stdout + r.stderr and "\x1b[2J" not in r.stdout


# Item 16: warnings on stderr in every command; UTF-8 with one bad byte stays UTF-8 -----------------


def test_utf8_with_one_bad_byte_keeps_its_accents(tmp_path: Path) -> None:
    p = tmp_path / "accents.txt"
    p.write_bytes("Café crème à Zürich\n\nLe ministre a présenté le traité. Bad ".encode() + b"\xff byte.\n")
    doc = read_brief(p)
    assert doc.meta.title == "Café crème à Zürich" and "présenté le traité. Bad \ufffd byte." in doc.text
    assert any("not valid UTF-8" in w and "replaced" in w for w in doc.warnings)


def test_cp1252_file_is_still_read_as_cp1252(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("Café crème à Zürich\n\nLe ministre a présenté le traité.\n".encode("cp1252"))
    doc = read_brief(p)
    assert doc.meta.title == "Café crème à Zürich" and any("Windows-1252" in w for w in doc.warnings)


def test_annotate_prints_decoding_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "accents.txt"
    p.write_bytes("Café crème à Zürich\n\nLe ministre a présenté le traité. Bad ".encode() + b"\xff byte.\n")
    assert main(["annotate", str(p), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "accents.txt" in err and "not valid UTF-8" in err
    assert "présenté" in load_document(tmp_path / "out" / "accents.yaml").text


# Item 17: --save-to never the source ---------------------------------------------------------------


def test_save_to_the_source_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_app(*args: object, **kwargs: object) -> None:
        raise AssertionError("the reader started with --save-to pointing at the source")

    monkeypatch.setattr("briefreader.ui.app.make_app", no_app)
    src = tmp_path / "brief.txt"
    src.write_text(BRIEF, "utf-8")
    assert main(["open", str(src), "--save-to", str(src)]) == 1
    assert "--save-to" in capsys.readouterr().err
    link = tmp_path / "brief.yaml"
    link.symlink_to(src)
    assert main(["open", str(src), "--save-to", str(link)]) == 1
    assert "own source" in capsys.readouterr().err
    assert src.read_text("utf-8") == BRIEF


def test_a_245_character_file_name_saves(tmp_path: Path) -> None:
    """Item 17: the temporary file beside a long name must not pass the 255-byte limit."""
    from briefreader.io.atomic import atomic_write

    target = tmp_path / ("b" * 240 + ".yaml")  # 245 characters: legal, but .NAME.XXXXXXXX.tmp is not
    atomic_write(target, "briefreader: 1\n")
    assert target.read_text(encoding="utf-8") == "briefreader: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda p: p.write_bytes(b""), "is empty"),
        (lambda p: p.write_bytes(b"\n \n"), "white space"),
        (lambda p: p.write_bytes(b"GIF89a\x00\x00\x01"), "binary"),
        (lambda p: p.mkdir(), "folder"),
    ],
)
def test_cli_bad_inputs_one_line_exit_1(tmp_path: Path, make, needle: str, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "bad.txt"
    make(p)
    assert main(["show", str(p)]) == 1
    err = capsys.readouterr().err
    assert needle in err and len(err.strip().splitlines()) == 1


def test_cp1252_file_is_read_with_a_warning_visible_in_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "old.yaml"
    doc = Document(BriefMeta("Caf\u00e9"), "Caf\u00e9 news\n\nCaf\u00e9 opened.")
    p.write_bytes(dumps(doc).encode("cp1252"))
    assert main(["show", str(p)]) == 0
    assert "Windows-1252" in capsys.readouterr().err
