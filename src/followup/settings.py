"""Settings, declared once: name, type, default, description, environment variable.

The same declarations validate the values, document them (`docs/configuration.md`) and
back `followup config show`. Precedence, highest first: command-line flag, environment
variable, config file (TOML in the platform config directory), default.
Secrets (passwords) are never read from the config file or the database: only from the
environment or the OS keyring.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any

from followup.errors import ConfigError, InputError

APP = "followup"
#: An interview longer than this is more than one sitting (and validate.interval refuses a day).
MAX_INTERVIEW_MINUTES = 720


def _platform_dir(kind: str) -> Path:
    import platformdirs

    if kind == "data":
        return Path(platformdirs.user_data_dir(APP, appauthor=False))
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def _hide_password(url: str) -> str:
    from followup.adapters.store.revision import hide_password

    return hide_password(url)


def _positive_int(name: str, value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name}: {value!r} is not a whole number.") from None
    if number <= 0:
        raise ConfigError(f"setting {name}: {number} must be greater than 0.")
    return number


def _interview_minutes(name: str, value: Any) -> int:
    minutes = _positive_int(name, value)
    if minutes > MAX_INTERVIEW_MINUTES:
        raise ConfigError(
            f"setting {name}: {minutes} minutes is longer than an interview day "
            f"(at most {MAX_INTERVIEW_MINUTES}).",
            fix="Record each day of a multi-day interview as its own round.",
        )
    return minutes


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"setting {name}: {value!r} is not text.")
    return value


def _timezone(name: str, value: Any) -> str:
    from followup.domain import validate

    try:
        return validate.timezone(name, _text(name, value))
    except InputError as exc:
        raise ConfigError(str(exc)) from None


@dataclass(frozen=True, slots=True)
class Setting:
    """One declared setting."""

    name: str
    description: str
    default: Callable[[Settings], Any]
    parse: Callable[[str, Any], Any] = _text
    secret: bool = False
    #: How the value is shown by `config show` (e.g. a URL without its password).
    display: Callable[[Any], Any] | None = None

    @property
    def env(self) -> str:
        """The environment variable that sets it."""
        return f"FOLLOWUP_{self.name.upper()}"


_GENERAL: tuple[Setting, ...] = (
    Setting(
        "data_dir",
        "Where followup keeps its database, backups and templates.",
        lambda s: str(_platform_dir("data")),
    ),
    Setting(
        "database_url",
        "The database: a SQLite file path or URL, or postgresql://user@host/dbname.",
        lambda s: str(Path(s["data_dir"]) / "followup.db"),
        display=lambda url: _hide_password(url),
    ),
    Setting(
        "backup_dir",
        "Where a copy of the database goes before a migration changes it.",
        lambda s: str(Path(s["data_dir"]) / "backups"),
    ),
    Setting(
        "profile",
        "Which profile (job seeker) to use, by ID; empty means the first one.",
        lambda s: None,
        _positive_int,
    ),
    Setting(
        "timezone",
        "The time zone assumed for times typed without one, before a profile exists.",
        lambda s: _local_zone(),
        _timezone,
    ),
    Setting(
        "interview_minutes",
        "The length assumed for an interview when only its start is given.",
        lambda s: 45,
        _interview_minutes,
    ),
)

# The timing policy (docs/policy.md) ------------------------------------------------------
#
# One setting per field of followup.domain.policy.config.PolicySettings (config.NAMES),
# named policy_<field>.
# The names are listed here, not read from that module, because importing it imports the
# whole planner (its package) on every command; bounds, kinds and defaults are read from
# it only when a policy setting is resolved. tests/test_settings.py holds this list
# against the dataclass's fields.

#: What each number of the policy does, in PolicySettings' field order.
POLICY_DESCRIPTIONS: dict[str, str] = {
    "thank_you_hours": "The latest a thank-you is due, in hours after the interview ends "
    "(seed 001: 24; seed 002: 48 at most).",
    "reflection_minutes": "Minutes after the interview kept for reflecting before the "
    "thank-you window opens (seed 001).",
    "thank_you_delay_minutes": "How long after the end a same-day or same-evening "
    "thank-you is aimed, in minutes.",
    "business_start": "When the working day starts on the recipient's clock (HH:MM).",
    "business_end": "When the working day ends on the recipient's clock (HH:MM).",
    "same_day_cutoff": "An interview ending by this time on the recipient's clock (HH:MM) "
    "gets its thank-you the same day.",
    "evening_until": "The latest a same-evening thank-you is aimed when the next working "
    "morning would be past the limit (HH:MM).",
    "linkedin": "Plan a LinkedIn connection request after the thank-you (seed 001): true or false.",
    "linkedin_days": "How many days the LinkedIn request stays due.",
    "decision_wait_days": "Days after a promised decision date before checking in "
    "(seed 001: about a week).",
    "check_in_business_days": "Working days from the interview to the first check-in when "
    "no decision date was promised (seed 003).",
    "industry_shift_days": "Working days sooner in a fast industry (tech, media), later in "
    "a conservative one (banking, law) (seed 003).",
    "round_shift_days": "Working days sooner after a final round, later after a screen or "
    "first round (seed 003).",
    "check_in_min_business_days": "The fewest working days from the interview to the first "
    "check-in without a decision date.",
    "check_in_max_business_days": "The most working days from the interview to the first "
    "check-in without a decision date.",
    "check_in_slack_days": "Working days after its target that a check-in is still on time.",
    "min_spacing_days": "The fewest days between follow-ups that chase an answer from one "
    "company (seed 000: at least 7).",
    "check_in_interval_days": "Days from one check-in to the next (seed 000).",
    "max_check_ins": "The most check-ins after an interview, before one close-the-loop "
    "message (seeds 000, 002).",
    "close_after_days": "Days without an answer after the close-the-loop message before "
    "the application becomes no-response.",
    "stale_days": "Days past its window after which a thank-you, panel note or LinkedIn "
    "request is cancelled: it would read as an afterthought.",
    "min_active_applications": "Suggest applying to more jobs while fewer than this many "
    "applications are active (seed 001).",
}

_WHOLE = re.compile(r"[+-]?[0-9]+")
_CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")
_TRUE, _FALSE = ("true", "1", "yes"), ("false", "0", "no")


def _presets() -> dict[str, Any]:
    from followup.domain.policy.config import PRESETS

    return PRESETS


def _preset_name(name: str, value: Any) -> str:
    presets = _presets()
    text = value.strip().lower() if isinstance(value, str) else None
    if text not in presets:
        raise ConfigError(
            f"setting {name}: {value!r} is not a policy preset.",
            fix=f"Choose one of: {', '.join(presets)} (see docs/policy.md).",
        )
    return str(text)


def _policy_value(name: str, value: Any) -> Any:
    """A policy setting's value, of the kind of its field's default.

    A bounded whole number (config.LIMITS), a boolean or a time of day.
    """
    from followup.domain.policy.config import LIMITS

    field = name.removeprefix("policy_")
    example = getattr(_presets()["default"], field)
    if isinstance(example, bool):
        return _flag(name, value)
    if isinstance(example, int):
        low, high = LIMITS[field]
        return _whole(name, value, low, high, example)
    if isinstance(example, time):
        return _clock(name, value)
    raise TypeError(f"no parser for {name} ({type(example).__name__})")  # pragma: no cover


def _whole(name: str, value: Any, low: int, high: int, example: int) -> int:
    """A whole number from ``low`` to ``high``: a TOML integer or digits in the environment."""
    fix = f"Use a whole number from {low} to {high}, such as {example}."
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        number = int(value)
    else:
        raise ConfigError(f"setting {name}: {value!r} is not a whole number.", fix=fix)
    if not low <= number <= high:
        raise ConfigError(f"setting {name}: {number} is not between {low} and {high}.", fix=fix)
    return number


def _flag(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, str | int) else None
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ConfigError(
        f"setting {name}: {value!r} is neither true nor false.",
        fix="Use true or false (also yes/no, 1/0), such as true.",
    )


def _clock(name: str, value: Any) -> time:
    """A time of day: "HH:MM" on the 24-hour clock, or a TOML local time without seconds."""
    if isinstance(value, time) and value.tzinfo is None and not value.second + value.microsecond:
        return value
    match = _CLOCK.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ConfigError(
            f"setting {name}: {value!r} is not a time of day.",
            fix="Use HH:MM on the 24-hour clock, from 00:00 to 23:59, such as 09:00.",
        )
    return time(int(match.group(1)), int(match.group(2)))


def _shown(value: Any) -> Any:
    """A policy value as `config show` prints it: times as HH:MM (JSON has no time type)."""
    return value.strftime("%H:%M") if isinstance(value, time) else value


def _policy_setting(field: str, description: str) -> Setting:
    """The setting ``policy_<field>``: its default is the chosen preset's value."""
    return Setting(
        f"policy_{field}",
        description,
        lambda s: getattr(_presets()[s["policy"]], field),
        _policy_value,
        display=_shown,
    )


POLICY_SETTINGS: tuple[Setting, ...] = (
    Setting(
        "policy",
        "The policy preset that gives every policy_* setting its default: default "
        "(seeds 000-002) or measured (seed 003). See docs/policy.md.",
        lambda s: "default",
        _preset_name,
    ),
    *(_policy_setting(field, text) for field, text in POLICY_DESCRIPTIONS.items()),
)

# The draft checker (docs/rules.md) -----------------------------------------------------------

_PREFIX = re.compile(r"[a-z]+(?:[-_][a-z]+)*(?:\.[a-z0-9]+(?:[-_][a-z0-9]+)*){0,3}")


def _rule_prefixes(name: str, value: Any) -> tuple[str, ...]:
    """Rule-id prefixes: "tone, spelling.case" (or a TOML list), each a family or an id's start.

    The family must be one of the fixed categories (a rule's family is its category); a
    longer prefix must start some registered rule's id, so a typo is refused rather than
    silencing nothing. The registry is imported only when the value has such a prefix.
    """
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        parts = list(value)
    else:
        raise ConfigError(
            f"setting {name}: {value!r} is not a list of rule ids.",
            fix='Write rule-id prefixes separated by commas, such as "tone.pushy, spelling".',
        )
    from followup.domain.check.model import Category

    families = [c.value for c in Category]
    out: dict[str, None] = {}
    for part in parts:
        prefix = part.strip().lower().rstrip(".")
        if not prefix:
            continue
        family = prefix.split(".", 1)[0]
        if not _PREFIX.fullmatch(prefix) or family not in families:
            raise ConfigError(
                f"setting {name}: {part.strip()!r} is not a rule family or rule id.",
                fix=f"Families: {', '.join(families)}; docs/rules.md lists every rule id.",
            )
        if prefix != family:
            from followup.domain.check.registry import all_rules

            ids = [r.id for r in all_rules() if r.family == family]
            if not any(i == prefix or i.startswith(prefix + ".") for i in ids):
                raise ConfigError(
                    f"setting {name}: no rule id starts with {prefix!r}.",
                    fix=f"The {family} rules: {', '.join(ids) or 'none yet'}.",
                )
        out[prefix] = None
    return tuple(out)


CHECK_SETTINGS: tuple[Setting, ...] = (
    Setting(
        "check_silence",
        "Checker rules not to run: rule-id prefixes separated by commas, such as "
        '"tone.pushy, spelling" (a family or an id; see docs/rules.md).',
        lambda s: (),
        _rule_prefixes,
        display=lambda v: ", ".join(v),
    ),
    Setting(
        "check_enable",
        "Checker rules to run that are off by default, or to run despite check_silence: "
        "rule-id prefixes separated by commas (the longer prefix wins).",
        lambda s: (),
        _rule_prefixes,
        display=lambda v: ", ".join(v),
    ),
)

# The language-model backend for drafting (docs/drafting.md) ------------------------------------

#: The bounds of llm_timeout, in seconds: a local model on a CPU can take a minute.
LLM_TIMEOUT_SECONDS = (1, 300)
#: Where the key is looked for in the OS keyring: `keyring set followup llm_api_key`.
KEYRING_SERVICE = APP


def _llm_url(name: str, value: Any) -> str:
    """An http or https base URL of a chat endpoint, or "" for none (off)."""
    url = _text(name, value).strip()
    if not url:
        return ""
    from followup.adapters.llm.client import LlmError, endpoint_url

    try:
        endpoint_url(url)
    except LlmError as exc:
        raise ConfigError(f"setting {name}: {exc}") from None
    return url


def _shown_url(url: str) -> str:
    from followup.adapters.llm.client import shown_url

    return shown_url(url)


def _llm_key(name: str, value: Any) -> str:
    """The API key as given, trimmed; refused (without echoing it) when it cannot be one."""
    key = value.strip() if isinstance(value, str) else ""
    if not key or not key.isascii() or not key.isprintable() or " " in key:
        raise ConfigError(
            f"setting {name}: the key is empty or has a space, a line break or a non-ASCII "
            "character.",
            fix="Set FOLLOWUP_LLM_API_KEY to the key alone.",
        )
    return key


def _seconds(name: str, value: Any) -> int:
    low, high = LLM_TIMEOUT_SECONDS
    return _whole(name, value, low, high, 20)


def _keyring_secret(name: str) -> str | None:
    """A secret from the OS keyring, when the optional `keyring` package is installed.

    Any failure (no package, no backend, a locked keyring) is no secret: the setting is
    then simply unset, as it would be without a keyring.
    """
    try:
        import keyring
    except ImportError:
        return None
    try:
        found = keyring.get_password(KEYRING_SERVICE, name)
    except Exception:  # every backend raises its own kind; none of them is ours to report
        return None
    return found if isinstance(found, str) and found.strip() else None


LLM_SETTINGS: tuple[Setting, ...] = (
    Setting(
        "llm_url",
        "An OpenAI-compatible chat endpoint that improves drafts, such as "
        "http://localhost:11434/v1 (Ollama); empty: templates only, no network.",
        lambda s: "",
        _llm_url,
        display=_shown_url,
    ),
    Setting(
        "llm_model",
        "The model the endpoint should use (Ollama: a pulled model's name, such as llama3.1).",
        lambda s: "",
    ),
    Setting(
        "llm_api_key",
        "The endpoint's API key, sent as a Bearer token; a secret: only from the environment "
        "or the OS keyring (`keyring set followup llm_api_key`).",
        lambda s: None,
        _llm_key,
        secret=True,
    ),
    Setting(
        "llm_timeout",
        "Seconds to wait for the model's answer before the template's draft is used "
        f"({LLM_TIMEOUT_SECONDS[0]} to {LLM_TIMEOUT_SECONDS[1]}).",
        lambda s: 20,
        _seconds,
    ),
)

# The mail servers (docs/delivery.md) -------------------------------------------------------

_SECURITIES = ("starttls", "tls", "none")
#: What a host name may hold: letters, digits, dots, hyphens (an IPv6 address in brackets).
_HOST = re.compile(r"[A-Za-z0-9._-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\]")


def _host(name: str, value: Any) -> str:
    """A server's host name or address, or "" for none (then that server is not used)."""
    host = _text(name, value).strip()
    if host and not _HOST.fullmatch(host):
        raise ConfigError(
            f"setting {name}: {host!r} is not a host name.",
            fix=f"Give the server's name alone, such as {_EXAMPLE_HOSTS[name]} (no scheme, "
            "no port: the port has its own setting).",
        )
    return host


_EXAMPLE_HOSTS = {"smtp_host": "smtp.example.com", "imap_host": "imap.example.com"}


def _security(name: str, value: Any) -> str:
    text = _text(name, value).strip().lower()
    if text not in _SECURITIES:
        raise ConfigError(
            f"setting {name}: {value!r} is not a way to protect the connection.",
            fix="Use starttls (port 587 for SMTP, 143 for IMAP), tls (465, 993) or none "
            "(only for a server on this machine).",
        )
    return text


def _port(name: str, value: Any) -> int:
    return _whole(name, value, 1, 65535, 587 if name.startswith("smtp") else 993)


def _line(name: str, value: Any) -> str:
    """One line of text (a user name, a folder): a line break could forge a command."""
    text = _text(name, value).strip()
    if any(not c.isprintable() for c in text):
        raise ConfigError(
            f"setting {name}: it holds a line break or a control character.",
            fix="Give it on one line, as the server knows it.",
        )
    return text


def _password(name: str, value: Any) -> str:
    """A password as given (spaces kept: they may be part of it); refused when empty."""
    if not isinstance(value, str) or not value or any(c in value for c in "\r\n\0"):
        env = f"FOLLOWUP_{name.upper()}"
        raise ConfigError(
            f"setting {name}: the password is empty or holds a line break.",
            fix=f"Set {env} to the password alone (or an app password), or store it with "
            f"`keyring set followup {name}`.",
        )
    return value


def _mail_settings(kind: str, label: str) -> tuple[Setting, ...]:
    """The five settings of one server: host, port, security, user, password."""
    from followup.adapters.mail.server import DEFAULT_PORTS

    return (
        Setting(
            f"{kind}_host",
            f"The {label} server's host name, such as {kind}.example.com; empty: no {label}.",
            lambda s: "",
            _host,
        ),
        Setting(
            f"{kind}_security",
            "How the connection is protected: starttls, tls, or none (a server on this "
            "machine only). Certificates are always verified.",
            lambda s: "starttls" if kind == "smtp" else "tls",
            _security,
        ),
        Setting(
            f"{kind}_port",
            f"The {label} server's port (default: {DEFAULT_PORTS[(kind, 'starttls')]} for "
            f"starttls, {DEFAULT_PORTS[(kind, 'tls')]} for tls).",
            lambda s: DEFAULT_PORTS[(kind, s[f"{kind}_security"])],
            _port,
        ),
        Setting(
            f"{kind}_user",
            "The user name to log in with (often the email address); empty: no login.",
            lambda s: "",
            _line,
        ),
        Setting(
            f"{kind}_password",
            "The password (or app password); a secret: only from the environment or the OS "
            f"keyring (`keyring set followup {kind}_password`).",
            lambda s: None,
            _password,
            secret=True,
        ),
    )


MAIL_SETTINGS: tuple[Setting, ...] = (
    *_mail_settings("smtp", "SMTP (sending)"),
    Setting(
        "smtp_saves_sent",
        "True only when the SMTP server files every message it sends in the Sent folder "
        "itself (Gmail does): then a send interrupted by a crash is settled by looking "
        "there, and sent again if it is not there. False (safe with any server): followup "
        "files a copy itself, and holds an interrupted send for you to check.",
        lambda s: False,
        _flag,
    ),
    *_mail_settings("imap", "IMAP (replies)"),
    Setting(
        "imap_sent_folder",
        "The IMAP folder of sent mail; empty: the folder the server marks as Sent.",
        lambda s: "",
        _line,
    ),
)

#: Every setting, in the order `config show` lists them.
SETTINGS: tuple[Setting, ...] = (
    *_GENERAL,
    *POLICY_SETTINGS,
    *CHECK_SETTINGS,
    *LLM_SETTINGS,
    *MAIL_SETTINGS,
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def _local_zone() -> str:
    """The machine's IANA zone if it can be found without guessing, else UTC."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz and "/" in tz and _known_zone(tz):
        return tz
    try:
        link = os.readlink("/etc/localtime")
    except OSError:
        return "UTC"
    marker = "zoneinfo/"
    zone = link.split(marker, 1)[1] if marker in link else "UTC"
    return zone if _known_zone(zone) else "UTC"


def _known_zone(name: str) -> bool:
    """True when ``name`` is an IANA zone (a bad TZ must not break every command)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """The config file: FOLLOWUP_CONFIG, else config.toml in the platform config directory."""
    env = os.environ if env is None else env
    explicit = env.get("FOLLOWUP_CONFIG")
    return Path(explicit).expanduser() if explicit else _platform_dir("config") / "config.toml"


class Settings:
    """Resolved settings, each with the source it came from."""

    def __init__(
        self,
        *,
        flags: Mapping[str, Any] | None = None,
        env: Mapping[str, str] | None = None,
        config_file: Path | None = None,
    ) -> None:
        self._env = dict(os.environ if env is None else env)
        self.config_file = config_file or config_path(self._env)
        self._file = self._read_file(self.config_file)
        self._flags = {k: v for k, v in (flags or {}).items() if v is not None}
        self._values: dict[str, tuple[Any, str]] = {}

    @staticmethod
    def _read_file(path: Path) -> dict[str, Any]:
        if not path.exists():
            return {}
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"config file {path} is not valid TOML ({exc}).", fix="Fix or remove it."
            ) from None
        except OSError as exc:
            raise ConfigError(f"cannot read config file {path}: {exc.strerror}.") from None
        unknown = sorted(set(data) - set(BY_NAME))
        if unknown:
            raise ConfigError(
                f"config file {path}: unknown setting {', '.join(unknown)}.",
                fix=f"Valid settings: {', '.join(BY_NAME)}.",
            )
        secrets = [name for name in data if BY_NAME[name].secret]
        if secrets:
            where = ", ".join(BY_NAME[name].env for name in secrets)
            raise ConfigError(
                f"config file {path}: {', '.join(secrets)} is a secret: not allowed there.",
                fix=f"Remove it from the file; set it in the environment ({where}) or the "
                "OS keyring.",
            )
        return data

    def resolve(self, name: str) -> tuple[Any, str]:
        """The value of a setting and where it came from."""
        if name in self._values:
            return self._values[name]
        setting = BY_NAME[name]
        if name in self._flags:
            raw, source = self._flags[name], "flag"
        elif self._env.get(setting.env, "") != "":
            raw, source = self._env[setting.env], f"environment ({setting.env})"
        elif setting.secret and (stored := _keyring_secret(name)) is not None:
            raw, source = stored, "OS keyring"
        elif name in self._file and not setting.secret:
            raw, source = self._file[name], f"config file ({self.config_file})"
        else:
            raw, source = setting.default(self), "default"
        value = None if raw is None else setting.parse(name, raw)
        self._values[name] = (value, source)
        return value, source

    def override(self, name: str, value: Any, source: str) -> None:
        """Set a value for this invocation only (e.g. the demo's own database)."""
        self._values[name] = (BY_NAME[name].parse(name, value), source)

    def __getitem__(self, name: str) -> Any:
        return self.resolve(name)[0]

    def report(self) -> list[dict[str, Any]]:
        """Every setting with its value, source and description (secrets masked)."""
        rows = []
        for setting in SETTINGS:
            value, source = self.resolve(setting.name)
            if setting.secret and value:
                value = "********"
            elif setting.display is not None and value is not None:
                value = setting.display(value)
            rows.append(
                {
                    "name": setting.name,
                    "value": value,
                    "source": source,
                    "env": setting.env,
                    "description": setting.description,
                }
            )
        return rows
