"""The planner's numbers from the settings: the `policy` preset with the policy_* values.

Each ``policy_<field>`` setting is checked on its own when it is read (its range, its
kind); what only the whole can tell, such as a same-day cutoff after the end of business
hours, is checked here, and the error names every setting involved with its value and
where the value came from, so the user knows which line to change.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from followup.errors import ConfigError
from followup.settings import Settings

if TYPE_CHECKING:
    from followup.domain.policy.config import PolicySettings


def policy_settings(settings: Settings) -> PolicySettings:
    """The PolicySettings of this invocation; ConfigError (exit 4) when they contradict."""
    from followup.domain.policy.config import NAMES, preset

    name = settings["policy"]
    values = {field: settings[f"policy_{field}"] for field in NAMES}
    try:
        return preset(name, **values)
    except ValueError as exc:
        involved = _involved(str(exc), NAMES)
        shown = "; ".join(_value_and_source(settings, field) for field in involved)
        raise ConfigError(
            f"policy settings contradict each other: {_renamed(str(exc), NAMES)}.",
            fix=f"Now: {shown}. Change one of them (docs/configuration.md lists their ranges).",
        ) from None


def _involved(message: str, names: tuple[str, ...]) -> list[str]:
    """The fields a PolicySettings error names, with the partner of a min/max pair."""
    found = [field for field in names if re.search(rf"\b{field}\b", message)]
    for field in list(found):
        for low, high in (("_min_", "_max_"), ("_max_", "_min_")):
            partner = field.replace(low, high)
            if low in field and partner in names and partner not in found:
                found.append(partner)
    return found


def _renamed(message: str, names: tuple[str, ...]) -> str:
    """The error with field names written as the settings the user sets."""
    for field in sorted(names, key=len, reverse=True):
        message = re.sub(rf"(?<!policy_)\b{field}\b", f"policy_{field}", message)
    return message


def _value_and_source(settings: Settings, field: str) -> str:
    value, source = settings.resolve(f"policy_{field}")
    shown = value.strftime("%H:%M") if hasattr(value, "strftime") else value
    return f"policy_{field} = {shown} [{source}]"
