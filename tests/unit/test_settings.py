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
