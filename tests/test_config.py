"""Paths and settings: where files go, how overrides win, and that a bad file is never fatal."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from trainer import config
from trainer.config import SETTINGS, Paths, Settings, resolve_paths
from trainer.errors import ConfigError


def test_argument_beats_environment_beats_platform_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "default_data_dir", lambda: tmp_path / "platform")
    monkeypatch.delenv("TRAINER_DATA_DIR", raising=False)
    assert resolve_paths().data_dir == (tmp_path / "platform").resolve()
    monkeypatch.setenv("TRAINER_DATA_DIR", str(tmp_path / "env"))
    assert resolve_paths().data_dir == (tmp_path / "env").resolve()
    assert resolve_paths(tmp_path / "arg").data_dir == (tmp_path / "arg").resolve()


def test_platform_default_is_a_per_user_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRAINER_DATA_DIR", raising=False)
    folder = resolve_paths().data_dir
    assert folder.is_absolute() and "trainer" in str(folder).lower()


def test_everything_lives_inside_the_data_folder(paths: Paths) -> None:
    for path in (paths.database_file, paths.backups_dir, paths.packs_dir, paths.cache_dir,
                 paths.log_file, paths.settings_file, paths.secret_file):
        assert paths.data_dir in path.parents
    assert paths.packs_dir.is_dir() and paths.logs_dir.is_dir()
    assert paths.database_url == f"sqlite:///{paths.database_file}"


def test_unwritable_data_folder_is_a_clear_config_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="Cannot create the data folder") as info:
        Paths(tmp_path / "file" / "data").ensure()
    assert "--data-dir" in (info.value.hint or "")


def test_settings_start_with_declared_defaults_and_persist(paths: Paths) -> None:
    settings = Settings(paths.settings_file)
    assert settings.as_dict() == {s.key: s.default for s in SETTINGS}
    settings.set("theme", "dark")
    settings.set("lesson_font_size", 18)
    again = Settings(paths.settings_file)
    assert again.get("theme") == "dark" and again.get("lesson_font_size") == 18


def test_every_setting_has_a_title_and_a_valid_default() -> None:
    for setting in SETTINGS:
        assert setting.title
        assert setting.coerce(setting.default) == setting.default


def test_corrupt_settings_file_is_logged_set_aside_and_defaults_used(
        paths: Paths, caplog: pytest.LogCaptureFixture) -> None:
    paths.settings_file.write_text("{ not json", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        settings = Settings(paths.settings_file)
    assert settings.get("theme") == "system"
    assert "unreadable" in caplog.text
    assert (paths.data_dir / "settings.json.bad").read_text(encoding="utf-8") == "{ not json"
    settings.set("theme", "light")  # and saving works again
    assert json.loads(paths.settings_file.read_text(encoding="utf-8"))["theme"] == "light"


def test_invalid_values_fall_back_one_by_one(paths: Paths, caplog: pytest.LogCaptureFixture) -> None:
    paths.settings_file.write_text(json.dumps(
        {"theme": "purple", "lesson_font_size": 500, "language": "en", "unknown": 1}),
        encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        settings = Settings(paths.settings_file)
    assert settings.get("theme") == "system"
    assert settings.get("lesson_font_size") == 15
    assert settings.get("language") == "en"
    assert "theme" in caplog.text and "lesson_font_size" in caplog.text


def test_setting_an_invalid_value_is_refused(paths: Paths) -> None:
    settings = Settings(paths.settings_file)
    with pytest.raises(ValueError):
        settings.set("theme", "purple")
    with pytest.raises(ValueError):
        settings.set("lesson_font_size", True)
    assert not paths.settings_file.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_unsavable_settings_raise_config_error(paths: Paths) -> None:
    paths.data_dir.chmod(0o500)
    try:
        with pytest.raises(ConfigError, match="Cannot save the settings"):
            Settings(paths.settings_file).set("theme", "dark")
    finally:
        paths.data_dir.chmod(0o700)


def test_log_file_follows_the_data_folder(tmp_path: Path) -> None:
    first, second = Paths(tmp_path / "a").ensure(), Paths(tmp_path / "b").ensure()
    config.setup_logging(first)
    config.setup_logging(first)
    logging.getLogger("trainer.test").warning("to a")
    config.setup_logging(second)
    logging.getLogger("trainer.test").warning("to b")
    assert "to a" in first.log_file.read_text(encoding="utf-8")
    assert "to b" in second.log_file.read_text(encoding="utf-8")
    assert "to b" not in first.log_file.read_text(encoding="utf-8")
    handlers = [h for h in logging.getLogger().handlers if getattr(h, "_trainer", False)]
    assert len(handlers) == 1


def test_bundled_assets_and_courses_are_found() -> None:
    assert config.cjk_font_file().is_file()
    assert (config.assets_dir() / "fonts" / "LICENSE-DroidSansFallback.txt").is_file()
    assert (config.assets_dir() / "icons" / "trainer.svg").is_file()
    assert (config.bundled_courses_dir() / "digital-government" / "course.yaml").is_file()


def test_records_before_the_log_file_opens_are_kept(tmp_path: Path) -> None:
    earlier, paths = Paths(tmp_path / "earlier").ensure(), Paths(tmp_path / "data").ensure()
    config.setup_logging(earlier)
    config.buffer_logging(paths)
    logging.getLogger("trainer.test").warning("before the first paint")
    assert not paths.log_file.exists()
    config.setup_logging(paths)
    assert "before the first paint" in paths.log_file.read_text(encoding="utf-8")
    assert "before the first paint" not in earlier.log_file.read_text(encoding="utf-8")


def test_paths_and_settings_are_immutable_values(tmp_path: Path) -> None:
    """Plain classes since issue 14 (dataclasses cost the first paint): still values that
    compare, hash and print by their fields, and cannot be changed."""
    paths = Paths(tmp_path)
    assert paths == Paths(tmp_path) and paths != Paths(tmp_path / "other")
    assert len({paths, Paths(tmp_path)}) == 1
    assert repr(paths) == f"Paths(data_dir={tmp_path!r})"
    with pytest.raises(AttributeError):
        paths.data_dir = tmp_path / "other"  # type: ignore[misc]
    language = config.setting("language")
    assert language == config.Setting(language.key, str, "system", language.title,
                                      choices=("system", "zh_CN", "en"))
    assert language != config.setting("theme")
    assert hash(language) == hash(config.setting("language"))
    assert repr(language).startswith("Setting(key='language', type=<class 'str'>")
    with pytest.raises(AttributeError):
        language.default = "en"  # type: ignore[misc]
