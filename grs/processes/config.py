"""Read-only settings: config.toml, known keys only; the environment overrides secrets and URLs."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    "web": {"host", "port", "upload_dir", "max_upload_mb", "max_files", "rate_limit_storage"}
    | {"stale_upload_minutes", "secure_cookies"},
    "worker": {"interval_seconds"},
    "api": {"client_rate_per_minute", "token_rate_per_minute", "token_days", "token_max_days"},
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
    stale_upload_minutes: int = 60  # half-written uploads older than this are removed
    secure_cookies: str = "auto"  # auto (when the request came over HTTPS) | always | never
    worker_interval_seconds: int = 300
    api_client_rate_per_minute: int = 60  # an Open311 client's default, until set per client
    api_token_rate_per_minute: int = 120
    api_token_days: int = 90
    api_token_max_days: int = 365
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
    return _from_data(data, path.parent.resolve())


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
        database_url=os.environ.get("GRS_DATABASE_URL") or db.get("url", default.database_url),
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
        stale_upload_minutes=int(web.get("stale_upload_minutes", default.stale_upload_minutes)),
        secure_cookies=_secure_cookies(web.get("secure_cookies", default.secure_cookies)),
        worker_interval_seconds=int(worker.get("interval_seconds", 300)),
        secret_key=os.environ.get("GRS_SECRET_KEY"),
        root=root,
        **_api_settings(data.get("api", {}), default),
    )


SECURE_COOKIES = ("auto", "always", "never")


def _secure_cookies(value: Any) -> str:
    if value not in SECURE_COOKIES:
        raise ConfigError(f"config.toml: web.secure_cookies must be one of {SECURE_COOKIES}")
    return str(value)


def _api_settings(api: dict[str, Any], default: Settings) -> dict[str, int]:
    names = ("client_rate_per_minute", "token_rate_per_minute", "token_days", "token_max_days")
    return {f"api_{name}": int(api.get(name, getattr(default, f"api_{name}"))) for name in names}
