"""The built-in courses are valid packs, and the Chinese and English ones share every id."""

from __future__ import annotations

import pytest

from trainer.config import bundled_courses_dir
from trainer.content.loader import load_pack, validate_pack

FOLDERS = sorted(p for p in bundled_courses_dir().iterdir() if (p / "course.yaml").is_file())


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_built_in_course_has_no_errors(folder) -> None:  # type: ignore[no-untyped-def]
    validation = validate_pack(folder)
    assert [str(p) for p in validation.errors] == []


def test_chinese_and_english_courses_share_module_and_exercise_ids() -> None:
    zh = load_pack(bundled_courses_dir() / "digital-government")
    en = load_pack(bundled_courses_dir() / "digital-government-en")
    assert (zh.language, en.language) == ("zh-CN", "en")
    assert [m.id for m in en.modules] == [m.id for m in zh.modules]
    assert [(e.id, e.type) for e in en.exercises()] == [(e.id, e.type) for e in zh.exercises()]
