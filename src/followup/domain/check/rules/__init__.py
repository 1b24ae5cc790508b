"""The registry: every family of rules, in the order findings are reported.

One module per family (the first part of a rule id); each declares ``RULES``. A rule
is registered by being in its module's ``RULES``; a module is registered by being here.
"""

from __future__ import annotations

from types import ModuleType

from followup.domain.check.rules import (
    attachment,
    company,
    concern,
    duplicate,
    generic,
    gratitude,
    greeting,
    interest,
    length,
    name,
    personalization,
    placeholder,
    politeness,
    questions,
    readability,
    signoff,
    spelling,
    subject,
    timing,
    tone,
)

FAMILIES: tuple[ModuleType, ...] = (
    placeholder,
    spelling,
    name,
    company,
    greeting,
    gratitude,
    interest,
    personalization,
    generic,
    tone,
    politeness,
    length,
    readability,
    subject,
    signoff,
    questions,
    timing,
    concern,
    duplicate,
    attachment,
)
