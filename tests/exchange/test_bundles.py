"""Progress bundles between two real databases: merge, idempotence, tampering, truncation, rights."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bundle_files import key_file, rewrite
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text

from trainer.config import Paths
from trainer.exchange.bundles import (
    BundleInvalid,
    export_bundle,
    import_bundle,
    preview_bundle,
    read_bundle,
)
from trainer.store import merge as merge_module
from trainer.store.audit import PROGRESS_MERGE, entries
from trainer.store.db import Database, open_database
from trainer.store.errors import PermissionDenied
from trainer.store.learners import create_learner, find_by_employee_no, update_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import attempts, lesson_states, record_attempt, record_lesson_progress

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TABLES = ("learners", "departments", "enrollments", "lesson_progress", "attempts", "devices")


def _open(root: Path, name: str) -> Database:
    return open_database(Paths(root / name).ensure())


@pytest.fixture
def machines(tmp_path: Path):
    a, b = _open(tmp_path, "a"), _open(tmp_path, "b")
    yield a, b
    a.close()
    b.close()


def _fill(db: Database) -> None:
    wang = create_learner(db, "1001", "王䶮", "临江市数据资源局", actor=COMMAND_LINE)
    li = create_learner(db, "1002", "李喆", "临江市财政局", actor=COMMAND_LINE)
    record_lesson_progress(db, wang.id, "digital-government", "m1", status="completed",
                           add_seconds=600, position={"scroll": 0.9})
    record_lesson_progress(db, li.id, "digital-government", "m1", add_seconds=120)
    for n in range(3):
        record_attempt(db, wang.id, "digital-government", "1.0.0", f"ex{n}", {"choice": n},
                       n / 2, {"data-literacy": 1.0}, T0 + timedelta(minutes=n))


def _snapshot(db: Database) -> dict[str, list[tuple]]:
    with db.reader() as session:
        return {t: sorted(map(tuple, session.execute(text(f"SELECT * FROM {t}"))), key=repr)
                for t in TABLES}


def test_export_then_import_brings_everything_and_twice_changes_nothing(
        machines: tuple[Database, Database], tmp_path: Path) -> None:
    a, b = machines
    _fill(a)
    file = tmp_path / "a.trainer-progress.zip"
    manifest = export_bundle(a, file, actor=COMMAND_LINE)
    assert manifest.counts == {"devices": 1, "learners": 2, "enrollments": 2,
                               "lesson_progress": 2, "review_items": 0,
                               "review_answers": 0, "attempts": 3}
    plan = preview_bundle(b, read_bundle(file), actor=COMMAND_LINE)
    assert (plan.learners_new, plan.attempts_new, plan.lessons_new) == (2, 3, 2)
    assert _snapshot(b)["learners"] == []  # the preview wrote nothing
    import_bundle(b, file, actor=COMMAND_LINE, trust_new_device=True)
    wang = find_by_employee_no(b, "1001")
    assert wang is not None and wang.department == "临江市数据资源局"
    assert [x.score for x in attempts(b, wang.id)] == [0.0, 0.5, 1.0]
    assert lesson_states(b, wang.id, "digital-government")["m1"].status == "completed"
    before = _snapshot(b)
    again = import_bundle(b, file, actor=COMMAND_LINE)
    assert again.changes == 0 and again.attempts_known == 3
    assert _snapshot(b) == before
    assert len(entries(b, COMMAND_LINE, action=PROGRESS_MERGE)) == 2


def test_merge_keeps_the_newer_profile_and_the_longest_study_time(
        machines: tuple[Database, Database], tmp_path: Path) -> None:
    a, b = machines
    _fill(a)
    export_bundle(a, tmp_path / "first.zip", actor=COMMAND_LINE)
    import_bundle(b, tmp_path / "first.zip", actor=COMMAND_LINE, trust_new_device=True)
    local = find_by_employee_no(b, "1001")
    assert local is not None
    update_learner(b, local.id, actor=COMMAND_LINE, name="王䶮（已更名）")  # newer here
    record_lesson_progress(b, local.id, "digital-government", "m1", add_seconds=60)
    wang_a = find_by_employee_no(a, "1001")
    assert wang_a is not None
    record_lesson_progress(a, wang_a.id, "digital-government", "m1", add_seconds=1200)
    export_bundle(a, tmp_path / "second.zip", actor=COMMAND_LINE)
    plan = import_bundle(b, tmp_path / "second.zip", actor=COMMAND_LINE)
    assert plan.learners_updated == 0 and plan.lessons_updated == 1
    merged = find_by_employee_no(b, "1001")
    assert merged is not None and merged.name == "王䶮（已更名）"
    state = lesson_states(b, local.id, "digital-government")["m1"]
    assert (state.seconds, state.status) == (1800, "completed")


def test_a_tampered_bundle_is_refused_and_nothing_changes(
        machines: tuple[Database, Database], tmp_path: Path) -> None:
    a, b = machines
    _fill(a)
    export_bundle(a, tmp_path / "good.zip", actor=COMMAND_LINE)
    rewrite(tmp_path / "good.zip", tmp_path / "bad.zip", lambda name, data:
             data.replace(b'"score":0.5', b'"score":1.0') if name == "attempts.jsonl" else data)
    before = _snapshot(b)
    with pytest.raises(BundleInvalid, match="attempts.jsonl does not match its digest"):
        import_bundle(b, tmp_path / "bad.zip", actor=COMMAND_LINE)
    assert _snapshot(b) == before


def test_fixing_the_digests_does_not_help_a_tamperer(
        machines: tuple[Database, Database], tmp_path: Path) -> None:
    a, b = machines
    _fill(a)
    export_bundle(a, tmp_path / "good.zip", actor=COMMAND_LINE)
    forger = tmp_path / "forger.pem"  # a key of their own: the signature names a's key
    forger.write_bytes(Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    best = lambda name, data: data.replace(b'"score":0.5', b'"score":1.0')  # noqa: E731
    rewrite(tmp_path / "good.zip", tmp_path / "bad.zip", best, sign_with=forger)
    before = _snapshot(b)
    with pytest.raises(BundleInvalid, match="signature does not match the bundle"):
        import_bundle(b, tmp_path / "bad.zip", actor=COMMAND_LINE, trust_new_device=True)
    assert _snapshot(b) == before


def test_a_bad_line_is_reported_with_member_and_line(
        machines: tuple[Database, Database], tmp_path: Path) -> None:
    """Even a bundle signed by its own device is checked value by value."""
    a, _ = machines
    _fill(a)
    export_bundle(a, tmp_path / "good.zip", actor=COMMAND_LINE)
    rewrite(tmp_path / "good.zip", tmp_path / "bad.zip",
            lambda name, data: data.replace(b'"score":0.5', b'"score":7'), sign_with=key_file(a))
    with pytest.raises(BundleInvalid, match=r"attempts.jsonl:2: the field 'score': A score "
                                            r"must be a number between 0 and 1"):
        read_bundle(tmp_path / "bad.zip")


def test_a_truncated_bundle_is_refused(machines: tuple[Database, Database],
                                       tmp_path: Path) -> None:
    a, b = machines
    _fill(a)
    export_bundle(a, tmp_path / "good.zip", actor=COMMAND_LINE)
    data = (tmp_path / "good.zip").read_bytes()
    (tmp_path / "cut.zip").write_bytes(data[: len(data) * 2 // 3])
    before = _snapshot(b)
    with pytest.raises(BundleInvalid, match="damaged or incomplete"):
        import_bundle(b, tmp_path / "cut.zip", actor=COMMAND_LINE)
    assert _snapshot(b) == before
    (tmp_path / "other.zip").write_bytes(b"not a zip at all")
    with pytest.raises(BundleInvalid, match="damaged or incomplete"):
        read_bundle(tmp_path / "other.zip")
    with pytest.raises(BundleInvalid, match="cannot be read"):
        read_bundle(tmp_path)  # a folder
    with zipfile.ZipFile(tmp_path / "good.zip") as archive:
        info = archive.getinfo("attempts.jsonl")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    good = list(read_bundle(tmp_path / "good.zip").records["attempts"])
    for offset in range(start, start + info.compress_size):  # every byte of the answers
        flipped = bytearray(data)
        flipped[offset] ^= 0x55
        (tmp_path / "flipped.zip").write_bytes(bytes(flipped))
        try:
            bundle = read_bundle(tmp_path / "flipped.zip")
        except BundleInvalid:
            continue
        assert list(bundle.records["attempts"]) == good  # a flip in unused padding bits
    with pytest.raises(BundleInvalid, match="no such file"):
        read_bundle(tmp_path / "missing.zip")


def test_a_failure_during_the_merge_leaves_nothing_half_imported(
        machines: tuple[Database, Database], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = machines
    _fill(a)
    export_bundle(a, tmp_path / "good.zip", actor=COMMAND_LINE)
    before = _snapshot(b)

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(merge_module, "_merge_attempts", disk_full)
    with pytest.raises(OSError):
        import_bundle(b, tmp_path / "good.zip", actor=COMMAND_LINE, trust_new_device=True)
    assert _snapshot(b) == before  # learners and lessons written before the failure rolled back


def test_a_learner_may_not_export_or_import(machines: tuple[Database, Database],
                                            tmp_path: Path) -> None:
    a, _ = machines
    learner = create_learner(a, "L1", "学员甲", actor=COMMAND_LINE)
    with pytest.raises(PermissionDenied):
        export_bundle(a, tmp_path / "x.zip", actor=learner)
    assert not (tmp_path / "x.zip").exists()
    export_bundle(a, tmp_path / "x.zip", actor=COMMAND_LINE)
    with pytest.raises(PermissionDenied):
        import_bundle(a, tmp_path / "x.zip", actor=learner)


def test_a_file_changed_between_preview_and_import_is_refused(
        machines: tuple[Database, Database], tmp_path: Path) -> None:
    a, b = machines
    _fill(a)
    file = tmp_path / "bundle.zip"
    export_bundle(a, file, actor=COMMAND_LINE)
    bundle = read_bundle(file)  # checked, as for the preview
    rewrite(file, tmp_path / "edited.zip", lambda name, data:
             data.replace(b'"score":0.5', b'"score":1.0') if name == "attempts.jsonl" else data)
    (tmp_path / "edited.zip").replace(file)
    before = _snapshot(b)
    with pytest.raises(BundleInvalid, match="changed while it was being imported"):
        import_bundle(b, bundle, actor=COMMAND_LINE, trust_new_device=True)
    assert _snapshot(b) == before


def test_merged_answers_count_in_hr_figures_at_once(machines: tuple[Database, Database],
                                                    tmp_path: Path) -> None:
    from datetime import date

    from tests.analytics.builders import mini_pack
    from trainer.analytics import summaries
    from trainer.analytics.cohort import cohort_competency, cohort_completion
    from trainer.analytics.filters import CohortFilter

    a, b = machines
    pack = mini_pack("digital-government")
    assert summaries.ensure(b, [pack])  # HR on b looked at the figures before the merge
    here = create_learner(b, "1001", "王䶮", "临江市数据资源局", actor=COMMAND_LINE)
    record_attempt(b, here.id, pack.id, "1", "e1", {}, 0.8, {}, T0)
    there = create_learner(a, "1001", "王䶮", "临江市数据资源局", actor=COMMAND_LINE)
    other = create_learner(a, "1002", "李喆", "临江市财政局", actor=COMMAND_LINE)
    for who, exercise, score, minutes in [(there, "e1", 1.0, 1), (there, "e1", 0.2, 2),
                                          (there, "e2", 0.5, 3), (other, "f1", 1.0, 4),
                                          (other, "f2", 0.5, 4)]:
        record_attempt(a, who.id, pack.id, "1", exercise, {}, score, {},
                       T0 + timedelta(minutes=minutes))
    export_bundle(a, tmp_path / "a.zip", actor=COMMAND_LINE)
    import_bundle(b, tmp_path / "a.zip", actor=COMMAND_LINE, trust_new_device=True)
    figures = {r.competency_id: r for r in cohort_competency(
        b, [pack], by="all", filters=CohortFilter(department="临江市数据资源局"))}
    assert figures["data-literacy"].score == pytest.approx(100 * (1.0 + 0.5 * 0.5) / 1.5)
    assert figures["data-sharing"].score == pytest.approx(50.0)
    # the summaries agree with a computation over the attempts themselves (a date range)
    everything = CohortFilter(since=date(2000, 1, 1))
    assert cohort_competency(b, [pack]) == cohort_competency(b, [pack], filters=everything)
    assert cohort_completion(b, [pack]) == cohort_completion(b, [pack], filters=everything)
    passed = {r.group: r.passed for r in cohort_completion(b, [pack])}
    assert passed == {"临江市数据资源局": 0, "临江市财政局": 1}  # 1.5 of 2 = 75 % ≥ 60 %
