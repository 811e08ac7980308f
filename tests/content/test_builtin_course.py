"""The built-in course holds the numbers issue 5 promises, in both editions, and reads well.

A learner or trainer would notice every failure here: a pack that does not load, a competency
with too little practice, an option without an explanation, an English edition that drifted
from the Chinese one, or a lesson whose figure is missing.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from trainer.config import bundled_courses_dir
from trainer.content.grading import grade
from trainer.content.loader import load_pack, validate_pack
from trainer.content.model import Exercise, Pack, TextBlock
from trainer.content.pool import draw_questions
from trainer.content.render import render_markdown

ZH, EN = "digital-government", "digital-government-en"
EDITIONS = (ZH, EN)
TYPES = ("single", "multiple", "truefalse", "fill", "order", "match", "open")
COMPETENCIES = ("data-literacy", "data-sharing", "data-analysis", "data-management",
                "data-security", "collaborative-governance", "digital-services", "policy-strategy")
ROLES = ("frontline-officer", "data-steward", "department-leader")
MODULE_ORDER = ("01-why", "02-features", "03-challenges", "c5-county-hardware", "04-sharing",
                "c1-sharing-dispute", "c2-open-data-release", "05-data-resources",
                "c6-one-stop-service", "06-management-quality", "c3-quality-complaint",
                "07-security-privacy", "c4-data-leak", "08-talent", "c7-talent-plan",
                "09-classification-pia", "c8-health-data",
                "99-final-assessment", "90-glossary")
LESSONS = ("01-why", "02-features", "03-challenges", "04-sharing", "05-data-resources",
           "06-management-quality", "07-security-privacy", "08-talent", "09-classification-pia")
CJK = re.compile(r"[\u4e00-\u9fff]")
CALLOUT = re.compile(r"^> \[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.M)
TABLE = re.compile(r"^\|.*\|\s*$\n^\|[\s:|-]+\|\s*$", re.M)


@pytest.fixture(scope="module")
def packs() -> dict[str, Pack]:
    return {name: load_pack(bundled_courses_dir() / name) for name in EDITIONS}


def lesson_text(pack: Pack, module_id: str) -> str:
    """The teaching text of a module: every text block, exercises left out."""
    module = pack.module(module_id)
    return "\n\n".join(b.markdown for b in module.blocks if isinstance(b, TextBlock))


@pytest.mark.parametrize("name", EDITIONS)
def test_pack_validates_without_any_problem(name: str) -> None:
    validation = validate_pack(bundled_courses_dir() / name)
    assert [str(p) for p in validation.problems] == []
    assert validation.pack is not None


def test_manifests(packs: dict[str, Pack]) -> None:
    assert packs[ZH].language == "zh-CN"
    assert packs[EN].language == "en"
    for name, pack in packs.items():
        assert pack.id == name
        assert pack.pass_mark == 60
        assert tuple(m.file for m in pack.modules) == tuple(f"modules/{n}.md" for n in MODULE_ORDER)


@pytest.mark.parametrize("name", EDITIONS)
def test_exercise_counts(packs: dict[str, Pack], name: str) -> None:
    exercises = packs[name].exercises()
    assert len(exercises) >= 80
    types = Counter(e.type for e in exercises)
    assert set(types) == set(TYPES), types
    assert min(types.values()) >= 5, types
    per_competency = Counter(c for e in exercises for c in e.weights)
    assert {c: per_competency[c] for c in COMPETENCIES if per_competency[c] < 8} == {}
    assert set(per_competency) <= set(COMPETENCIES)


@pytest.mark.parametrize("name", EDITIONS)
def test_lesson_exercises_train_one_or_two_competencies(packs: dict[str, Pack],
                                                        name: str) -> None:
    for exercise in (e for lesson in LESSONS for e in packs[name].module(lesson).exercises):
        assert 1 <= len(exercise.weights) <= 2, exercise.id
        assert all(0 < w <= 1 for w in exercise.weights.values()), exercise.id


@pytest.mark.parametrize("name", EDITIONS)
def test_module_kinds_and_exercises(packs: dict[str, Pack], name: str) -> None:
    modules = packs[name].modules
    kinds = Counter(m.kind for m in modules)
    assert kinds["lesson"] >= 8 and kinds["assessment"] == 1 and kinds["reference"] >= 1
    for module in modules:
        if module.kind != "reference":
            assert module.exercises, f"{module.id} has no exercises"
    cases = [m for m in modules if m.kind == "case"]
    assert len(cases) >= 7
    for case in cases:
        assert 3 <= len(case.exercises) <= 10, case.id
        assert any(e.type == "open" for e in case.exercises), f"{case.id} has no open exercise"
    for lesson in (m for m in modules if m.kind == "lesson"):
        assert lesson.objectives, lesson.id
        assert 5 <= len(lesson.exercises) <= 12, lesson.id


@pytest.mark.parametrize("name", EDITIONS)
def test_every_choice_option_explains_itself(packs: dict[str, Pack], name: str) -> None:
    for exercise in packs[name].exercises():
        for index, option in enumerate(exercise.options):
            assert option.feedback.strip(), f"{exercise.id} option {index + 1} has no feedback"


@pytest.mark.parametrize("name", EDITIONS)
def test_author_answers_earn_full_marks(packs: dict[str, Pack], name: str) -> None:
    for exercise in packs[name].exercises():
        if exercise.type == "open":
            assert exercise.rubric, exercise.id
            continue
        result = grade(exercise, author_answer(exercise))
        assert result.correct and result.score == 1.0, exercise.id


def author_answer(exercise: Exercise) -> dict[str, object]:
    """The response that the pack's own answer key describes."""
    correct = [i for i, option in enumerate(exercise.options) if option.correct]
    if exercise.type in ("single", "truefalse"):
        return {"choice": correct[0]}
    if exercise.type == "multiple":
        return {"choices": correct}
    if exercise.type == "fill":
        return {"text": exercise.answers[0]}
    if exercise.type == "order":
        return {"order": list(range(len(exercise.items)))}
    return {"pairs": {str(i): i for i in range(len(exercise.pairs))}}


def test_editions_match_id_for_id(packs: dict[str, Pack]) -> None:
    zh, en = packs[ZH], packs[EN]
    for a, b in zip(zh.modules, en.modules, strict=True):
        assert (a.id, a.kind, a.competencies, a.minutes) == (b.id, b.kind, b.competencies,
                                                             b.minutes)
        assert len(a.objectives) == len(b.objectives), a.id
    for a, b in zip(zh.exercises(), en.exercises(), strict=True):
        assert shape(a) == shape(b), a.id


def shape(exercise: Exercise) -> tuple[object, ...]:
    """What must not change in translation: id, type, weights, key and sizes."""
    return (exercise.id, exercise.type, exercise.module_id, exercise.weights, exercise.grading,
            tuple(o.correct for o in exercise.options), len(exercise.pairs),
            len(exercise.items), tuple(c.points for c in exercise.rubric))


def test_frameworks_agree(packs: dict[str, Pack]) -> None:
    for pack in packs.values():
        framework = pack.framework
        assert tuple(c.id for c in framework.competencies) == COMPETENCIES
        assert [(lv.id, lv.min) for lv in framework.levels] == [(1, 0), (2, 40), (3, 65), (4, 85)]
        assert tuple(r.id for r in framework.roles) == ROLES
        for competency in framework.competencies:
            assert len(competency.levels) == 4 and competency.description, competency.id
            assert competency.digcomp and competency.oecd, competency.id
        for role in framework.roles:
            assert set(role.targets) == set(COMPETENCIES), role.id
    zh, en = (packs[n].framework for n in EDITIONS)
    assert [lv.name for lv in zh.levels] == ["入门", "基础", "熟练", "精通"]
    assert [lv.name for lv in en.levels] == ["Beginner", "Basic", "Proficient", "Expert"]
    assert [r.targets for r in zh.roles] == [r.targets for r in en.roles]
    assert [c.digcomp for c in zh.competencies] == [c.digcomp for c in en.competencies]


@pytest.mark.parametrize("module_id", LESSONS)
def test_chinese_lessons_teach_at_length_with_structure(packs: dict[str, Pack],
                                                        module_id: str) -> None:
    text = lesson_text(packs[ZH], module_id)
    assert 1500 <= len(CJK.findall(text)) <= 3000
    assert "## 小结" in text
    assert CALLOUT.search(text) and TABLE.search(text)
    assert re.search(r"20\d\d 年", text), "facts should carry their year"
    english = lesson_text(packs[EN], module_id)
    assert "## Summary" in english
    assert not CJK.search(english.replace("”", "")), "untranslated Chinese in the English lesson"
    assert len(CALLOUT.findall(english)) == len(CALLOUT.findall(text))


@pytest.mark.parametrize("name", EDITIONS)
def test_every_module_renders_with_its_images(packs: dict[str, Pack], name: str) -> None:
    pack = packs[name]
    for module in pack.modules:
        text = lesson_text(pack, module.id)
        html = render_markdown(text, (Path(pack.root) / module.file).parent, pack.root,
                               pack.language)
        assert "missing-image" not in html, module.id
        assert html.count("<img") == text.count("!["), module.id


# --- Issue 18: exercises that cannot be guessed, a question pool, one breach sequence, no copying

HIGHER_ORDER = ("apply", "analyse")
ARTICLE = Path("/work/shared/source/article-zh-hans.txt")  # where the sessions mount the source
FINGERPRINTS = Path(__file__).with_name("builtin_article_fingerprints.txt")
COPY_RUN = 20  # characters: a run this long shared with the article, outside quotes, is copying
_MARKUP = re.compile(r"[\s*_`#>|\\]")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|\"[^\"\n]*\"")


def _normalised(text: str) -> str:
    """Text without white space and Markdown markup, so a line break or ** hides no copy."""
    return _MARKUP.sub("", text)


def _fingerprint(window: str) -> str:
    return hashlib.blake2b(window.encode("utf-8"), digest_size=6).hexdigest()


def article_fingerprints(article: str) -> list[str]:
    """Hashes of every COPY_RUN-character window of the article (the article itself is a
    third-party text and stays out of the repository; its fingerprints let CI check copying)."""
    text = _normalised(article)
    return sorted({_fingerprint(text[i:i + COPY_RUN]) for i in range(len(text) - COPY_RUN + 1)})


def copied_runs(pack: Pack, fingerprints: set[str]) -> list[str]:
    """Each module's passages of COPY_RUN+ characters found in the article, outside quotes."""
    found: list[str] = []
    for module in pack.modules:
        source = (Path(pack.root) / module.file).read_text(encoding="utf-8")
        for part in _QUOTED.split(source):
            text = _normalised(part)
            i = 0
            while i <= len(text) - COPY_RUN:
                if _fingerprint(text[i:i + COPY_RUN]) in fingerprints:
                    found.append(f"{module.file}: {text[i:i + COPY_RUN]}…")
                    i += COPY_RUN
                else:
                    i += 1
    return found


def test_no_passage_is_copied_from_the_source_article(packs: dict[str, Pack]) -> None:
    fingerprints = set(FINGERPRINTS.read_text(encoding="utf-8").split())
    assert len(fingerprints) > 3000  # the whole article, not a stub
    assert copied_runs(packs[ZH], fingerprints) == []


def test_a_copied_passage_is_caught(packs: dict[str, Pack], tmp_path: Path) -> None:
    """The check is not vacuous: a sentence of the article pasted into a lesson is found."""
    fingerprints = set(FINGERPRINTS.read_text(encoding="utf-8").split())
    sample = "本课程的练习题由培训课程组另行编写，只借用参考论文中的事实和数字"  # our own words
    assert not any(_fingerprint(_normalised(sample)[i:i + COPY_RUN]) in fingerprints
                   for i in range(len(_normalised(sample)) - COPY_RUN + 1))
    if not ARTICLE.is_file():
        pytest.skip(f"{ARTICLE} is not mounted here; the fingerprints alone are checked above")
    article = _normalised(ARTICLE.read_text(encoding="utf-8"))
    pasted = article[1000:1040]
    root = tmp_path / ZH
    shutil.copytree(bundled_courses_dir() / ZH, root)
    lesson = root / "modules" / "01-why.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + f"\n\n{pasted[:25]}\n{pasted[25:]}\n",
                      encoding="utf-8")
    in_lesson = [run for run in copied_runs(load_pack(root), fingerprints) if "01-why" in run]
    assert in_lesson
    quoted = lesson.read_text(encoding="utf-8").replace(f"{pasted[:25]}\n{pasted[25:]}",
                                                        f"“{pasted}”")
    lesson.write_text(quoted, encoding="utf-8")
    assert [run for run in copied_runs(load_pack(root), fingerprints) if "01-why" in run] == []


def test_fingerprints_are_those_of_the_article() -> None:
    if not ARTICLE.is_file():
        pytest.skip(f"{ARTICLE} is not mounted here (the article is not in the repository); "
                    f"{FINGERPRINTS.name} is checked against it where it is")
    expected = article_fingerprints(ARTICLE.read_text(encoding="utf-8"))
    assert FINGERPRINTS.read_text(encoding="utf-8").split() == expected, (
        "regenerate: python tests/content/test_builtin_course.py")


@pytest.mark.parametrize("name", EDITIONS)
def test_every_competency_is_practised_at_length_and_beyond_recall(packs: dict[str, Pack],
                                                                   name: str) -> None:
    outside_final = [e for m in packs[name].modules if m.kind != "assessment"
                     for e in m.exercises]
    assert all(e.cognitive for e in outside_final if e.module_id in MINE), [
        e.id for e in outside_final if e.module_id in MINE and not e.cognitive]
    total = Counter(e.competency for e in outside_final)
    higher = Counter(e.competency for e in outside_final if e.cognitive in HIGHER_ORDER)
    assert {c: total[c] for c in COMPETENCIES if total[c] < 12} == {}
    assert {c: higher[c] for c in COMPETENCIES if higher[c] < 4} == {}


@pytest.mark.parametrize("name", EDITIONS)
def test_final_is_a_pool_whose_every_draw_keeps_recall_under_half(packs: dict[str, Pack],
                                                                  name: str) -> None:
    final = packs[name].module("final-assessment")
    assert len(final.exercises) >= 40
    assert all(e.cognitive for e in final.exercises)
    assert set(final.draw) == set(COMPETENCIES)
    assert 18 <= final.sitting_size <= 22
    assert final.max_recall == 0.5
    by_competency = Counter(e.competency for e in final.exercises)
    recall = Counter(e.competency for e in final.exercises if e.cognitive == "recall")
    assert all(by_competency[c] >= n for c, n in final.draw.items())
    # the worst draw takes every recall question it can: still fewer than half the sitting
    worst = sum(min(n, recall[c]) for c, n in final.draw.items())
    assert worst < final.max_recall * final.sitting_size
    rng = random.Random(18)
    for _ in range(50):
        drawn = set(draw_questions(final, rng))
        sitting = [e for e in final.exercises if e.id in drawn]
        assert len(sitting) == final.sitting_size
        assert sum(e.cognitive == "recall" for e in sitting) < len(sitting) / 2


@pytest.mark.parametrize("name", EDITIONS)
def test_no_final_question_repeats_a_module_exercise(packs: dict[str, Pack], name: str) -> None:
    pack = packs[name]
    module_stems = {_normalised(e.question) for m in pack.modules if m.kind != "assessment"
                    for e in m.exercises}
    final = pack.module("final-assessment")
    assert [e.id for e in final.exercises if _normalised(e.question) in module_stems] == []


def test_one_breach_response_sequence_with_its_legal_basis(packs: dict[str, Pack]) -> None:
    """Lesson 7, its ordering exercise, the glossary and case 4 teach the same five steps."""
    sequences = {ZH: "止损 → 报告 → 评估 → 通知 → 整改",
                 EN: "stop the loss → report → assess → notify → fix"}
    for name, sequence in sequences.items():
        pack = packs[name]
        lesson = lesson_text(pack, "07-security-privacy")
        glossary = lesson_text(pack, "90-glossary")
        case = pack.exercise("c4-q1")
        drill = pack.exercise("m7-q6")
        assert sequence in lesson, name
        assert sequence.lower() in glossary.lower(), name
        assert sequence.lower() in case.question.lower(), name
        assert sequence.lower() in drill.explanation.lower(), name
        for law in (("第二十五条", "第二十九条", "第五十七条") if name == ZH
                    else ("Article 25", "Article 29", "Article 57")):
            assert law in lesson, (name, law)
        # both drills list the steps in the taught order: stop the loss first, report second
        for exercise in (case, drill):
            first, second = exercise.items[0], exercise.items[1]
            assert any(w in first.lower() for w in ("撤", "关闭", "recall", "shut")), exercise.id
            assert any(w in second.lower() for w in ("报告", "report")), exercise.id
    for name in EDITIONS:
        for module in packs[name].modules:
            text = (Path(packs[name].root) / module.file).read_text(encoding="utf-8")
            assert "报告 → 控制" not in text and "止损 → 固证" not in text, module.file


MINE = ("05-data-resources", "06-management-quality", "07-security-privacy", "08-talent",
        "09-classification-pia", "c3-quality-complaint", "c4-data-leak", "c7-talent-plan",
        "c8-health-data", "final-assessment")


if __name__ == "__main__":  # regenerate the fingerprints after the article changes
    FINGERPRINTS.write_text("\n".join(article_fingerprints(ARTICLE.read_text(encoding="utf-8")))
                            + "\n", encoding="utf-8")
