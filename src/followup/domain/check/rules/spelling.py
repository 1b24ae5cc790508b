"""TEMPORARY: the spelling family, being written."""

from followup.domain.check.registry import Rule

RULES: tuple[Rule, ...] = ()
