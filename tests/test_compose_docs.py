"""docs/drafting.md documents every variable a template sees, and every kind."""

from __future__ import annotations

import re
from pathlib import Path

from followup.domain.compose.facts import facts
from followup.domain.compose.model import Brief, DraftKind, Member, Shape

DOC = (Path(__file__).parent.parent / "docs" / "drafting.md").read_text(encoding="utf-8")


def _documented_names() -> set[str]:
    """The names in the first column of the variables table (`a`, `b` or `a.b`)."""
    section = DOC.split("### Variables", 1)[1].split("\n## ", 1)[0]
    names: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            names.update(re.findall(r"`([a-z_0-9.]+)`", line.split("|")[1]))
    return names


def test_every_template_variable_is_documented() -> None:
    values = facts(Brief(interviewers=(Member("Ana Ruiz"),)), DraftKind.THANK_YOU, Shape.EMAIL,
                   Member("Ana Ruiz"), 0, short=False)  # fmt: skip
    documented = _documented_names()
    assert set(values) - documented == set()
    section = DOC.split("### Variables", 1)[1]
    who = values["who"]
    assert {f"`who.{key}`" for key in who if f"`who.{key}`" not in section} == set()
    assert "pick" in DOC


def test_every_kind_has_a_row() -> None:
    for kind in DraftKind:
        assert f"| `{kind.value}` |" in DOC
