"""``safe_load``'s shortcut for text scalars gives what PyYAML's resolver gives, and refuses what it refused.

The loop skips the resolver for a scalar that is quoted, or plain with a
first character no implicit type starts with (see ``safe_load``); a value
of every other kind must still come back typed.
"""

from __future__ import annotations

import pytest
import yaml

from briefreader.io.safeyaml import PlainDate, YamlRefused, safe_load

PLAIN = ["Kalo 12", "O'Neil", "Ärger", "yes", "No", "on", "~", "null", "12", "-3", "+4", "0x1f", ".5", "-.inf",
         "1_000", "true", "Tomorrow", "nothing"]  # fmt: skip


@pytest.mark.parametrize("value", PLAIN)
def test_a_plain_scalar_is_typed_as_pyyaml_types_it(value: str) -> None:
    assert safe_load(f"k: {value}\n") == yaml.safe_load(f"k: {value}\n")


@pytest.mark.parametrize("value", ["'yes'", '"12"', "''", "'~'"])
def test_a_quoted_scalar_is_text(value: str) -> None:
    got = safe_load(f"k: {value}\n")["k"]
    assert isinstance(got, str) and got == yaml.safe_load(f"k: {value}\n")["k"]


def test_an_empty_value_is_null_and_a_date_stays_as_written() -> None:
    got = safe_load("a:\nb: 2026-03-14\n")
    assert got["a"] is None and isinstance(got["b"], PlainDate) and got["b"] == "2026-03-14"


@pytest.mark.parametrize(
    "content", ["k: &x Kalo\n", "- &x 'quoted'\n", "k: !!python/str Kalo\n", "k: Kalo\nk: Lo\n", "k: =\n", "k: <<\n"]
)
def test_a_text_scalar_is_still_checked(content: str) -> None:
    with pytest.raises(YamlRefused):
        safe_load(content)
