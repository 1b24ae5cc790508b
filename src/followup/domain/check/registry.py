"""Rules are values: a stable id, a category, a severity, why (with its seed), and a finder.

A family module under ``rules/`` declares ``RULES``, a tuple of :class:`Rule`; the list of
families in ``rules/__init__.py`` is the registry, explicit so that a rule cannot slip in
or out unseen. Ids are public API (``--format json``, the settings that silence them):
renaming one is a breaking change, listed in the CHANGELOG.

A finder takes the draft, the context and the politeness estimate and yields
:class:`Hit` values; the engine turns each into a :class:`Finding` with the rule's id,
category and severity, and the rule's message unless the hit carries its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from followup.domain.check.model import Category, Context, Severity
from followup.domain.check.text import Draft

_ID = re.compile(r"[a-z]+(?:[-_][a-z]+)*(?:\.[a-z0-9]+(?:[-_][a-z0-9]+)*){1,3}")


@dataclass(frozen=True, slots=True)
class Hit:
    """What a finder found: a span, and optionally its own message and a suggestion.

    ``suggestion`` is the replacement text for the span itself (best first, joined by
    ", " when there are several); advice goes in ``message``. ``severity`` may lower or
    raise the rule's own for this one hit (a misspelled name is worse than a typo).
    """

    start: int
    end: int
    message: str | None = None
    suggestion: str | None = None
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the engine works out once for every rule: the draft, its context, politeness."""

    draft: Draft
    context: Context
    politeness: float
    grade: float


Finder = Callable[[Analysis], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One checker rule.

    ``seed`` is where the advice comes from: ``"000"``-``"003"`` for the seeds in
    ../shared/seeds (the message cites it as "seed 002: ..."), or a named study
    (``"Boomerang"``). ``default`` is False for rules a user turns on by id prefix.
    """

    id: str
    category: Category
    severity: Severity
    message: str
    seed: str
    summary: str
    find: Finder
    default: bool = True

    def __post_init__(self) -> None:
        if not _ID.fullmatch(self.id):
            raise ValueError(f"rule id {self.id!r} is not family.name in lower case")

    @property
    def family(self) -> str:
        """The family: the id's first part, which names the module under rules/."""
        return self.id.split(".", 1)[0]


def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, in the order of the families in ``rules/__init__.py``."""
    from followup.domain.check.rules import FAMILIES

    out: list[Rule] = []
    for module in FAMILIES:
        out.extend(module.RULES)
    return tuple(out)


def _matches(rule_id: str, prefix: str) -> bool:
    return rule_id == prefix or rule_id.startswith(prefix.rstrip(".") + ".")


def selected(
    rules: Iterable[Rule], silence: Iterable[str], enable: Iterable[str]
) -> tuple[Rule, ...]:
    """The rules that run: the defaults, less those silenced, plus those enabled.

    Prefixes match whole id parts (``tone`` matches ``tone.pushy`` but not
    ``tonal.x``); when a rule matches both lists, the longer (more specific) prefix wins,
    and ``enable`` wins a tie.
    """
    silence, enable = tuple(silence), tuple(enable)
    out = []
    for rule in rules:
        off = max((len(p) for p in silence if _matches(rule.id, p)), default=-1)
        on = max((len(p) for p in enable if _matches(rule.id, p)), default=-1)
        if (on >= 0 and on >= off) or (off < 0 and rule.default):
            out.append(rule)
    return tuple(out)
