"""config.toml: the keys it may hold, and what an old file with a key since removed gets."""

from __future__ import annotations

import pytest

from grs.processes.config import ConfigError, Settings, load_settings
from tests.conftest import ROOT


def test_the_attachment_limits_are_read_from_the_web_section(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[web]\nmax_files = 3\nmax_upload_mb = 2\n", encoding="utf-8")
    settings = load_settings(config)
    assert (settings.max_files, settings.max_upload_mb) == (3, 2)
    assert (Settings().max_files, Settings().max_upload_mb) == (5, 5)


def test_an_old_config_naming_a_timezone_is_refused_plainly(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[calendar]\ntimezone = "Asia/Dhaka"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown key calendar\.timezone"):
        load_settings(config)


def test_the_shipped_config_loads(monkeypatch):
    monkeypatch.delenv("GRS_DATABASE_URL", raising=False)
    assert load_settings(ROOT / "config.toml").max_files == 5


def test_every_key_can_come_from_the_environment(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[web]\nrate_limit_storage = "memory://"\nmax_files = 3\n', encoding="utf-8")
    monkeypatch.setenv("GRS_WEB_RATE_LIMIT_STORAGE", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("GRS_WORKER_INTERVAL_SECONDS", "7")
    monkeypatch.setenv("GRS_CALENDAR_WEEKLY_HOLIDAYS", "friday, saturday, sunday")
    monkeypatch.setenv("GRS_WEB_TRUSTED_PROXIES", "1")
    settings = load_settings(config)
    assert settings.rate_limit_storage == "redis://127.0.0.1:6379/0"
    assert settings.worker_interval_seconds == 7
    assert settings.weekly_holidays == (4, 5, 6)
    assert settings.trusted_proxies == 1
    assert settings.max_files == 3  # what the environment does not name stays as the file says


def test_a_bad_value_from_the_environment_is_refused_plainly(tmp_path, monkeypatch):
    monkeypatch.setenv("GRS_WEB_PORT", "eighty")
    with pytest.raises(ConfigError, match="wrong kind"):
        load_settings(tmp_path / "missing.toml")


def test_every_relative_path_in_the_config_is_read_from_the_config_files_folder(
    tmp_path, monkeypatch
):
    from grs.processes.config import load_settings

    monkeypatch.delenv("GRS_DATABASE_URL", raising=False)
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "config.toml").write_text(
        '[database]\nurl = "sqlite:///data/grs.db"\n'
        '[workflow]\nfile = "ladder.toml"\n[web]\nupload_dir = "uploads"\n'
    )
    monkeypatch.chdir(tmp_path)  # started from elsewhere: nothing may follow the cwd
    settings = load_settings(folder / "config.toml")
    assert settings.database_url == f"sqlite:///{(folder / 'data/grs.db').as_posix()}"
    assert settings.path(settings.workflow_file) == folder / "ladder.toml"
    assert settings.path(settings.upload_dir) == folder / "uploads"


def test_absolute_memory_and_server_urls_are_kept_as_given(tmp_path):
    from grs.processes.config import sqlite_beside

    for url in (
        "sqlite:////var/grs.db",
        "sqlite:///:memory:",
        "sqlite://",
        "postgresql+psycopg://grs@127.0.0.1/grs",
    ):
        assert sqlite_beside(url, tmp_path) == url
    assert sqlite_beside("sqlite+pysqlite:///a.db?timeout=5", tmp_path) == (
        f"sqlite+pysqlite:///{tmp_path.as_posix()}/a.db?timeout=5"
    )


def test_rate_limits_stay_on_unless_switched_off(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    assert load_settings(config).rate_limits
    config.write_text("[web]\nrate_limits = false\n", encoding="utf-8")
    assert not load_settings(config).rate_limits
    monkeypatch.setenv("GRS_WEB_RATE_LIMITS", "true")
    assert load_settings(config).rate_limits
    monkeypatch.setenv("GRS_WEB_RATE_LIMITS", "sometimes")
    with pytest.raises(ConfigError, match=r"web\.rate_limits: true or false"):
        load_settings(config)


def test_a_sweeps_loops_are_read_and_fewer_than_one_is_refused(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text("[worker]\nsweep_loops = 3\n", encoding="utf-8")
    assert load_settings(config).sweep_loops == 3
    assert Settings().sweep_loops == 2
    monkeypatch.setenv("GRS_WORKER_SWEEP_LOOPS", "0")
    with pytest.raises(ConfigError, match=r"worker\.sweep_loops: at least 1, not 0"):
        load_settings(config)
