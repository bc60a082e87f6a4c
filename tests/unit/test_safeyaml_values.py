"""The safe loader gives every plain value PyYAML's safe loader gives, on its faster path too.

``safeyaml.safe_load`` resolves a plain scalar's tag once per distinct
text, reads plain decimals without the constructor, and gives quoted
and block scalars their text straight away; PyYAML's own ``SafeLoader``
is the oracle (dates aside: they stay the string they were written as).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefreader.io.safeyaml import PlainDate, YamlRefused, safe_load

PLAIN = [
    "0", "7", "42", "007", "012", "0o17", "0x1F", "0b101", "1_000", "+5", "-3", "190:20:30", "1.5", "-.5", "1e3",
    "6.8523015e+5", ".inf", "-.Inf", ".nan", "~", "null", "Null", "true", "False", "yes", "No", "on", "OFF",
    "y", "n", "word", "two words", "e1", "0.1.0", "3.8.0", "1,000", "٣", "²", "12abc", "0-1",
]  # fmt: skip


def same(a: object, b: object) -> bool:
    if isinstance(b, float) and b != b:  # NaN
        return isinstance(a, float) and a != a
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("value", PLAIN)
def test_each_plain_value_is_what_pyyaml_makes_of_it_plain_quoted_and_twice(value: str) -> None:
    text = f"a: {value}\nb: '{value}'\nc: \"{value}\"\nd: [{value}, {value}]\ne: !!str {value}\n"
    mine, theirs = safe_load(text), yaml.load(text, Loader=yaml.SafeLoader)
    assert mine.keys() == theirs.keys()
    for key in mine:
        a, b = mine[key], theirs[key]
        pairs = list(zip(a, b, strict=True)) if isinstance(a, list) else [(a, b)]
        assert all(same(x, y) for x, y in pairs), (key, a, b)


def test_dates_stay_strings_and_a_block_scalar_is_its_text() -> None:
    data = safe_load("d: 2026-03-14\nt: |\n  12\n  line two\nq: '2026-03-14'\nk: {12: x, true: y}\n")
    assert data["d"] == "2026-03-14" and isinstance(data["d"], PlainDate)
    assert data["t"] == "12\nline two\n" and type(data["q"]) is str
    assert data["k"] == {12: "x", True: "y"}


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !!python/object:os.system x\n",
        "a: 1\na: 2\n",
        "? [1, 2]\n: x\n",
        "--- 1\n--- 2\n",
        "a: [unclosed\n",
    ],
)
def test_what_a_brief_never_needs_is_still_refused(text: str | bytes) -> None:
    with pytest.raises(YamlRefused):
        safe_load(text)


def test_the_bundled_briefs_and_test_files_load_as_pyyaml_loads_them() -> None:
    root = Path(__file__).resolve().parents[2]
    files = [*root.glob("briefs/*.yaml"), *root.glob("tests/data/*.yaml"), root / "briefreader/nlp/taxonomy.yaml"]
    assert files

    def plain(x: object) -> object:
        if isinstance(x, dict):
            return {k: plain(v) for k, v in x.items()}
        if isinstance(x, list):
            return [plain(v) for v in x]
        return str(x) if hasattr(x, "isoformat") else x

    for path in files:
        text = path.read_text(encoding="utf-8")
        assert plain(safe_load(text)) == plain(yaml.load(text, Loader=yaml.SafeLoader)), path
