"""Settings, declared once: name, type, default, description, environment variable.

The same declarations validate the values, document them (`docs/configuration.md`) and
back `followup config show`. Precedence, highest first: command-line flag, environment
variable, config file (TOML in the platform config directory), default.
Secrets (passwords) are never read from the config file or the database: only from the
environment or the OS keyring.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
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


SETTINGS: tuple[Setting, ...] = (
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
            raise ConfigError(
                f"config file {path}: {', '.join(secrets)} is a secret: not allowed there.",
                fix="Set it in the environment or the OS keyring.",
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
