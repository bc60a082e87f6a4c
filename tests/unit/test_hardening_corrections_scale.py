"""Issue 21, item 21: loading ``corrections.yaml`` is linear in its entries.

A 2.6 MB file of 120,000 entries took 27 s to load (a duplicate check by
list membership), and every parse pays it. ``tests/perf/corrections_bench.py``
prints the time; here the work is counted, not timed: the comparisons the
duplicate checks make grow with the entries, not with their square.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefreader.io import corrections_file as corrections

N = 2000


class Counted(str):
    """A string that counts how often it is compared for equality."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        Counted.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_duplicate_checks_do_not_compare_every_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each list ends with a duplicate: still dropped.
    lines = ["reject:", *(f"- Noise {i}" for i in range(N)), "- Noise 7", "add:"]
    lines += [*(f"- {{text: Place {i}, label: GPE}}" for i in range(N)), "- {text: Place 7, label: GPE}"]
    path = tmp_path / "corrections.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    real = corrections._text

    def counted(value: Any) -> str | None:
        t = real(value)
        return Counted(t) if t is not None else None

    monkeypatch.setattr(corrections, "_text", counted)
    Counted.compared = 0
    loaded = corrections.load_corrections(path)
    assert loaded.problems == []
    assert len(loaded.corrections.reject) == N and len(loaded.corrections.add) == N
    assert Counted.compared < 10 * N  # a list's `in` makes about N * N / 2 for each kind


def test_line_numbers_are_found_only_for_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = corrections._line_numbers

    def spy(text: str) -> dict[tuple[Any, ...], int]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(corrections, "_line_numbers", spy)
    good = tmp_path / "good.yaml"
    good.write_text("reject: [Acme]\nrelabel: {Nvidia: ORG}\n", encoding="utf-8")
    assert corrections.load_corrections(good).problems == [] and calls == []
    bad = tmp_path / "bad.yaml"
    bad.write_text("reject: [Acme]\nrelabel: {Nvidia: not a label}\n", encoding="utf-8")
    problems = corrections.load_corrections(bad).problems
    assert len(calls) == 1 and "line 2" in problems[0]
