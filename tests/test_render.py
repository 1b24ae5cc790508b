"""Terminal output: columns stay aligned whatever the names hold."""

from __future__ import annotations

import io

import pytest

from followup.cli.render import clip, table, width
from followup.domain import validate
from followup.errors import InputError


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("Acme", 4),
        ("Café", 4),
        ("Cafe\u0301", 4),  # combining accent
        ("日本", 4),  # wide
        ("👩\u200d💻 Dev", 6),  # one emoji of two joined by ZWJ
        ("❤\ufe0f", 1),  # variation selector
        ("شركة", 4),  # right-to-left letters
    ],
)
def test_width_counts_terminal_cells(text: str, cells: int) -> None:
    assert width(text) == cells


def test_a_table_aligns_wide_and_combining_text() -> None:
    out = io.StringIO()
    table(["A", "B"], [["日本", "x"], ["Cafe\u0301", "y"], ["ab", "z"]], out=out)
    lines = out.getvalue().splitlines()
    columns = {width(line[: line.rindex(" ") + 1]) for line in lines[1:]}
    assert columns == {6}


def test_clip_never_exceeds_its_limit() -> None:
    assert clip("日本語テキスト", 6) == "日本…"
    assert width(clip("日本語テキスト", 6)) <= 6


@pytest.mark.parametrize(
    "value", ["Tab\there", "Evil\u202eoC", "Csi\u009b31mRed", "Iso\u2066late", "Bom\ufeff"]
)
def test_one_line_values_refuse_invisible_controls(value: str) -> None:
    with pytest.raises(InputError, match="control character"):
        validate.line("--company", value)
