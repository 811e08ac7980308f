"""Every deliberately broken fixture pack reports exactly the expected problems and lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.content.errors import PackInvalid
from trainer.content.loader import load_pack, validate_pack

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "packs"
BROKEN = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def test_the_minimal_pack_is_valid_without_warnings() -> None:
    validation = validate_pack(FIXTURES / "minimal")
    assert validation.problems == []
    assert validation.pack is not None
    assert [e.id for e in validation.pack.exercises()] == ["q-type"]


@pytest.mark.parametrize("folder", BROKEN, ids=[p.name for p in BROKEN])
def test_broken_pack_reports_the_exact_problem_and_line(folder: Path) -> None:
    expected = (folder / "EXPECTED").read_text(encoding="utf-8").splitlines()
    validation = validate_pack(folder)
    assert [str(p) for p in validation.problems] == expected
    has_errors = any(": error: " in line for line in expected)
    assert validation.ok is not has_errors
    assert (validation.pack is None) is has_errors


def test_load_pack_raises_with_every_problem() -> None:
    with pytest.raises(PackInvalid) as caught:
        load_pack(FIXTURES / "broken" / "framework-missing")
    assert caught.value.problems
    assert "competencies.yaml" in str(caught.value)
    assert "trainer pack validate" in str(caught.value)


def test_there_is_a_fixture_for_each_exercise_type_rule() -> None:
    names = {p.name for p in BROKEN}
    for kind in ("single", "multiple", "truefalse", "fill", "order", "match", "open"):
        assert any(n.startswith(kind) for n in names), kind


def test_time_away_is_read_and_checked(tmp_path: Path) -> None:
    """A timed final's clock while away: "runs" unless the author says "pauses"; the key
    means nothing without a time limit, and the validator says so."""
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(FIXTURES / "broken" / "assessment-time-away", pack)
    module = pack / "modules" / "01-basics.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("time_away: pause\n", "time_away: pauses\n"), encoding="utf-8")
    validation = validate_pack(pack)
    assert validation.problems == [] and validation.pack is not None
    assert validation.pack.modules[0].time_away == "pauses"
    module.write_text(text.replace("time_away: pause\n", ""), encoding="utf-8")
    assert validate_pack(pack).pack.modules[0].time_away == "runs"  # the default
    module.write_text(text.replace("time_limit: 15\n", "").replace(
        "time_away: pause\n", "time_away: runs\n"), encoding="utf-8")
    (problem,) = validate_pack(pack).problems
    assert "'time_away' has no effect without 'time_limit'" in str(problem)
    assert str(problem).startswith("modules/01-basics.md:7: warning:")
