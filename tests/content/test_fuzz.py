"""Random manifests and module texts never raise anything but the pack-problem types."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.content.errors import PackError, PackInvalid
from trainer.content.loader import load_pack, validate_source
from trainer.content.sources import PackSource

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "minimal"
BASE = {p.relative_to(FIXTURES).as_posix(): p.read_bytes()
        for p in FIXTURES.rglob("*") if p.is_file()}


class MemorySource(PackSource):
    """A pack held in memory, so hypothesis can try thousands without touching the disk."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__(Path("/nonexistent/pack"), "memory")
        self._files = dict(files)

    def read(self, name: str) -> bytes:
        value = self._files[name]
        assert isinstance(value, bytes)
        return value


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)
KEYS = ["id", "version", "title", "language", "authors", "summary", "pass_mark", "modules",
        "levels", "competencies", "roles", "minutes", "kind"]
manifests = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), values, max_size=9)

LINES = ["---", ":::", "::: exercise single q-1", "::: exercise fill q-2", "::: exercise match",
         "::: exercise order q-3", "::: exercise open q-4", "competencies: data-sharing 0.5",
         "competencies: data-sharing 2, ,", "match: exact", "shuffle: maybe", "- [x] yes",
         "- [ ] no", "  > feedback", "> 解析：……", "1. first", "2. second", "- a -> b",
         "- [2] criterion", "- [x", "```", "~~~", "> [!NOTE] t", "![x](../images/a.png)",
         "![x](../../../etc/passwd)", "id: basics", "title: t", "minutes: 5", "kind: case",
         "", "text ____", "\t- tab", "- → ", "[!x]", "\x00", "\ufeff"]
modules = st.lists(st.sampled_from(LINES) | st.text(max_size=30), max_size=40).map("\n".join)


def check(files: dict[str, bytes]) -> None:
    validation = validate_source(MemorySource(files))
    for problem in validation.problems:
        assert problem.severity in ("error", "warning") and problem.message
        assert problem.line >= 0
    assert (validation.pack is None) == any(p.severity == "error" for p in validation.problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(manifests)
def test_random_manifests_only_ever_give_problems(manifest: dict) -> None:  # type: ignore[type-arg]
    text = yaml.safe_dump(manifest, allow_unicode=True)
    check({**BASE, "course.yaml": text.encode("utf-8")})
    check({**BASE, "competencies.yaml": text.encode("utf-8")})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(modules)
def test_random_module_texts_only_ever_give_problems(text: str) -> None:
    check({**BASE, "modules/01-basics.md": text.encode("utf-8", "surrogatepass")})


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_only_ever_give_problems(data: bytes) -> None:
    check({**BASE, "modules/01-basics.md": data})
    check({**BASE, "course.yaml": data})


def test_load_pack_raises_only_pack_errors(tmp_path: Path) -> None:
    (tmp_path / "course.yaml").write_text("[unclosed", encoding="utf-8")
    try:
        load_pack(tmp_path)
    except PackInvalid as exc:
        assert isinstance(exc, PackError) and exc.problems
