"""Read-only settings: config.toml, known keys only; the environment overrides any of them.

Every key can be set from the environment as GRS_<SECTION>_<KEY> (GRS_WEB_RATE_LIMIT_STORAGE,
GRS_WORKER_INTERVAL_SECONDS, ...), so a production node needs no config file of its own; the
older names GRS_DATABASE_URL and GRS_SECRET_KEY keep working.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grs.notify.settings import KNOWN as NOTIFY_KEYS
from grs.notify.settings import NotifySettings, notify_settings

WEEKDAY_NUMBERS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

KNOWN_KEYS: dict[str, set[str]] = {
    "database": {"url"},
    "calendar": {"weekly_holidays", "first_year", "last_year"},
    "workflow": {"file"},
    "web": {
        "host",
        "port",
        "upload_dir",
        "max_upload_mb",
        "max_files",
        "rate_limit_storage",
        "trusted_proxies",
        "stale_upload_minutes",
        "secure_cookies",
        "rate_limits",
    },
    "worker": {"interval_seconds", "sweep_loops"},
    "api": {"client_rate_per_minute", "token_rate_per_minute", "token_days", "token_max_days"},
    "notifications": NOTIFY_KEYS,
}


class ConfigError(ValueError):
    """config.toml names an unknown key or holds a value of the wrong kind."""


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///grs.db"
    weekly_holidays: tuple[int, ...] = (4, 5)
    first_year: int = 2020
    last_year: int = 2035
    workflow_file: str = "workflows/grs_ladder.toml"
    web_host: str = "127.0.0.1"
    web_port: int = 5000
    upload_dir: str = "var/uploads"
    max_upload_mb: int = 5
    max_files: int = 5  # attachments of one complaint or one answer
    rate_limit_storage: str = "memory://"
    trusted_proxies: int = 0  # reverse proxies in front of the web app (their X-Forwarded-*)
    stale_upload_minutes: int = 60  # half-written uploads older than this are removed
    secure_cookies: str = "auto"  # auto (when the request came over HTTPS) | always | never
    rate_limits: bool = True  # off only for load tests, or behind a proxy that limits instead
    worker_interval_seconds: int = 300
    # Batch loops a sweep runs at once on PostgreSQL: one works out its batch while another's
    # is being written. SQLite lets one writer in at a time, so there a sweep runs one.
    sweep_loops: int = 2
    api_client_rate_per_minute: int = 60  # an Open311 client's default, until set per client
    api_token_rate_per_minute: int = 120
    api_token_days: int = 90
    api_token_max_days: int = 365
    notify: NotifySettings = field(default_factory=NotifySettings)
    secret_key: str | None = None
    root: Path = Path(".")

    def path(self, relative: str) -> Path:
        """A path from config.toml, relative to the folder that holds config.toml."""
        candidate = Path(relative)
        return candidate if candidate.is_absolute() else self.root / candidate


def config_path() -> Path:
    explicit = os.environ.get("GRS_CONFIG")
    if explicit:
        return Path(explicit)
    return Path.cwd() / "config.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Settings from `path` (default: $GRS_CONFIG or ./config.toml), then the environment."""
    path = path or config_path()
    data: dict[str, Any] = {}
    if path.is_file():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    _check_keys(data)
    try:
        return _from_data(_with_environment(data, os.environ), path.parent.resolve())
    except (TypeError, ValueError) as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(f"settings: a value of the wrong kind: {exc}") from exc


def environment_name(section: str, key: str) -> str:
    return f"GRS_{section}_{key}".upper()


def _with_environment(data: dict[str, Any], environ: Mapping[str, str]) -> dict[str, Any]:
    """`data` with every GRS_<SECTION>_<KEY> of the environment laid over it (as text; each
    setting is converted below like a value from the file)."""
    merged = {section: dict(values) for section, values in data.items()}
    for section, keys in KNOWN_KEYS.items():
        for key in keys:
            value = environ.get(environment_name(section, key))
            if value is not None and value.strip():
                merged.setdefault(section, {})[key] = _environment_value(section, key, value)
    return merged


def _environment_value(section: str, key: str, value: str) -> Any:
    if (section, key) == ("calendar", "weekly_holidays"):
        return [day.strip() for day in value.split(",") if day.strip()]
    if section == "notifications":
        return _as_type_of(getattr(NotifySettings(), key), key, value.strip())
    return value.strip()


def _as_type_of(default: Any, key: str, value: str) -> Any:
    """An environment value for a [notifications] key, read as the kind its default is."""
    if isinstance(default, bool):
        if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
            raise ConfigError(f"notifications.{key}: true or false, not {value!r}")
        return value.lower() in ("true", "1", "yes")
    if isinstance(default, (dict, tuple)):
        raise ConfigError(f"notifications.{key} is set in config.toml, not the environment")
    return type(default)(value)


def _check_keys(data: dict[str, Any]) -> None:
    for section, values in data.items():
        if section not in KNOWN_KEYS or not isinstance(values, dict):
            raise ConfigError(f"config.toml: unknown section [{section}]")
        unknown = set(values) - KNOWN_KEYS[section]
        if unknown:
            raise ConfigError(f"config.toml: unknown key {section}.{sorted(unknown)[0]}")


def _from_data(data: dict[str, Any], root: Path) -> Settings:
    db, cal = data.get("database", {}), data.get("calendar", {})
    web, worker = data.get("web", {}), data.get("worker", {})
    default = Settings()
    try:
        weekly = tuple(WEEKDAY_NUMBERS[day.lower()] for day in cal.get("weekly_holidays", []))
    except (KeyError, AttributeError) as exc:
        raise ConfigError(f"config.toml: calendar.weekly_holidays: bad day {exc}") from exc
    return Settings(
        database_url=sqlite_beside(
            os.environ.get("GRS_DATABASE_URL") or db.get("url", default.database_url), root
        ),
        weekly_holidays=weekly or default.weekly_holidays,
        first_year=int(cal.get("first_year", default.first_year)),
        last_year=int(cal.get("last_year", default.last_year)),
        workflow_file=data.get("workflow", {}).get("file", default.workflow_file),
        web_host=web.get("host", default.web_host),
        web_port=int(web.get("port", default.web_port)),
        upload_dir=web.get("upload_dir", default.upload_dir),
        max_upload_mb=int(web.get("max_upload_mb", default.max_upload_mb)),
        max_files=int(web.get("max_files", default.max_files)),
        rate_limit_storage=web.get("rate_limit_storage", default.rate_limit_storage),
        trusted_proxies=int(web.get("trusted_proxies", default.trusted_proxies)),
        stale_upload_minutes=int(web.get("stale_upload_minutes", default.stale_upload_minutes)),
        secure_cookies=_secure_cookies(web.get("secure_cookies", default.secure_cookies)),
        rate_limits=_on_off("web.rate_limits", web.get("rate_limits", default.rate_limits)),
        worker_interval_seconds=int(worker.get("interval_seconds", 300)),
        sweep_loops=_at_least_one("worker.sweep_loops", worker.get("sweep_loops", 2)),
        secret_key=os.environ.get("GRS_SECRET_KEY"),
        notify=_notify(data.get("notifications", {})),
        root=root,
        **_api_settings(data.get("api", {}), default),
    )


def sqlite_beside(url: str, root: Path) -> str:
    """A SQLite URL with a relative file path, made absolute from `root` (the folder of
    config.toml), the same place the other paths in config.toml are read from: otherwise the
    database would follow the directory the command happened to be started in."""
    prefix = "sqlite:///"
    if not url.startswith("sqlite") or prefix not in url:
        return url
    head, _, rest = url.partition(prefix)
    path, sep, query = rest.partition("?")
    if not path or path == ":memory:" or Path(path).is_absolute():
        return url
    return f"{head}{prefix}{(root / path).as_posix()}{sep}{query}"


def _on_off(name: str, value: Any) -> bool:
    """A switch, as TOML's true/false or, from the environment, as text."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text not in ("true", "false", "on", "off", "1", "0", "yes", "no"):
        raise ConfigError(f"{name}: true or false, not {value!r}")
    return text in ("true", "on", "1", "yes")


def _at_least_one(name: str, value: Any) -> int:
    number = int(value)  # not a number: refused as a value of the wrong kind
    if number < 1:
        raise ConfigError(f"{name}: at least 1, not {number}")
    return number


SECURE_COOKIES = ("auto", "always", "never")


def _secure_cookies(value: Any) -> str:
    if value not in SECURE_COOKIES:
        raise ConfigError(f"config.toml: web.secure_cookies must be one of {SECURE_COOKIES}")
    return str(value)


def _api_settings(api: dict[str, Any], default: Settings) -> dict[str, int]:
    names = ("client_rate_per_minute", "token_rate_per_minute", "token_days", "token_max_days")
    return {f"api_{name}": int(api.get(name, getattr(default, f"api_{name}"))) for name in names}


def _notify(data: dict[str, Any]) -> NotifySettings:
    try:
        return notify_settings(data)
    except (TypeError, ValueError) as exc:
        raise ConfigError(str(exc)) from exc
