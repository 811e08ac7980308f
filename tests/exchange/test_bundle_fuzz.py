"""Mutated bundles, with hypothesis: each one is refused whole (nothing half-imported) or
imported completely with consistent summaries; nothing ever raises anything but a known error.

Two attackers: one edits bytes of the file without the key (the signature or the digests must
catch it), one holds the device's key and signs whatever it edits (every value must still
pass the store's rules). TRAINER_FUZZ_EXAMPLES raises the number of cases (default 80 each).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bundle_files import key_file, rewrite, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from trainer.config import Paths
from trainer.errors import TrainerError
from trainer.exchange.bundles import BundleManifest, export_bundle, import_bundle, read_bundle
from trainer.exchange.errors import BundleInvalid
from trainer.exchange.schema import SCHEMAS
from trainer.store import devices, summary
from trainer.store.db import Database, open_database
from trainer.store.learners import create_learner
from trainer.store.models import Attempt
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_attempt, record_lesson_progress

EXAMPLES = int(os.environ.get("TRAINER_FUZZ_EXAMPLES", "80"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
MEMBERS = ("devices", "learners", "enrollments", "lesson_progress", "attempts")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
    st.floats(), st.text(max_size=12),
    st.sampled_from(["\x00", "\ud800", "1e308", "9999-12-31T00:00:00", "2026-03-02T09:00:00",
                     "digital-government", "ex0", "data-literacy", "1.0.0", "completed",
                     "admin", str(uuid.UUID(int=7)), "", " ", "a" * 300]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=14), inner, max_size=4),
    st.dictionaries(st.sampled_from(["data-literacy", "data-sharing"]), inner, max_size=2)),
    max_leaves=10)
fields = st.sampled_from(sorted({f for schema in SCHEMAS.values() for f in schema}) + ["x"])


def _fill(db: Database) -> None:
    people = [create_learner(db, f"10{n:02d}", f"学员{n}", "临江市数据资源局", actor=COMMAND_LINE)
              for n in range(3)]
    for n, person in enumerate(people):
        record_lesson_progress(db, person.id, "digital-government", "m1", add_seconds=60 * n,
                               position={"scroll": n / 3})
        for k in range(3):
            record_attempt(db, person.id, "digital-government", "1.0.0", f"ex{k}",
                           {"choice": [k, n]}, k / 2, {"data-literacy": 0.5, "data-sharing": 1},
                           T0 + timedelta(minutes=k))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, BundleManifest]:
    folder = tmp_path_factory.mktemp("fuzz")
    with open_database(Paths(folder / "sender").ensure()) as sender:
        _fill(sender)
        manifest = export_bundle(sender, folder / "good.zip", actor=COMMAND_LINE)
        return folder / "good.zip", key_file(sender), manifest


@pytest.fixture(scope="module")
def hr(made: tuple[Path, Path, BundleManifest],
       tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """HR's database, trusting the sender's key; one for every case (refusals change nothing,
    and what an accepted case adds is checked on the spot)."""
    _, _, manifest = made
    with open_database(Paths(tmp_path_factory.mktemp("hr")).ensure()) as db:
        with db.session() as session:
            devices.trust_key(session, uuid.UUID(manifest.device_id), manifest.device_name,
                              manifest.public_key, COMMAND_LINE, manifest.fingerprint)
        yield db


TALLY = {"cases": 0, "refused": 0, "imported": 0}


def _import_whole_or_nothing(hr: Database, file: Path) -> None:
    """The property: a known refusal that changed nothing, or a complete, consistent import."""
    TALLY["cases"] += 1
    before = snapshot(hr)
    try:
        bundle = read_bundle(file)
        import_bundle(hr, bundle, actor=COMMAND_LINE)
    except BundleInvalid:
        TALLY["refused"] += 1
        assert snapshot(hr) == before
        return
    except TrainerError as exc:  # any other known refusal must also leave HR's data alone
        TALLY["refused"] += 1
        assert snapshot(hr) == before, exc
        return
    TALLY["imported"] += 1
    ids = {record["id"] for record in bundle.records["attempts"]}
    with hr.reader() as session:
        assert not any(summary.out_of_step(session).values())
        assert ids <= set(session.scalars(select(Attempt.id)))


@FUZZ
@given(data=st.data())
def test_bytes_edited_without_the_key_are_refused(
        made: tuple[Path, Path, BundleManifest], hr: Database, tmp_path: Path,
        data: st.DataObject) -> None:
    good = made[0].read_bytes()
    edits = data.draw(st.lists(st.tuples(st.integers(0, len(good) - 1), st.integers(1, 255)),
                               min_size=1, max_size=4))
    mutated = bytearray(good)
    for offset, xor in edits:
        mutated[offset] ^= xor
    cut = data.draw(st.one_of(st.none(), st.integers(0, len(good))))
    file = tmp_path / f"bytes-{uuid.uuid4().hex[:8]}.zip"
    file.write_bytes(bytes(mutated[:cut] if cut is not None else mutated))
    _import_whole_or_nothing(hr, file)


@FUZZ
@given(data=st.data())
def test_records_edited_and_signed_with_the_device_key_are_checked_value_by_value(
        made: tuple[Path, Path, BundleManifest], hr: Database, tmp_path: Path,
        data: st.DataObject) -> None:
    good, key, _ = made
    member = data.draw(st.sampled_from(MEMBERS))
    action = data.draw(st.sampled_from(["set", "drop", "delete-line", "copy-line", "garbage"]))
    field = data.draw(fields)
    value = data.draw(values)
    raw = data.draw(st.binary(max_size=20))

    def change(name: str, content: bytes) -> bytes:
        if name != f"{member}.jsonl":
            return content
        lines = content.splitlines(keepends=True)
        if not lines:
            return content
        at = data.draw(st.integers(0, len(lines) - 1))
        record = json.loads(lines[at])
        if action == "set":
            record[field] = value
        elif action == "drop":
            record.pop(field, None)
        elif action == "delete-line":
            del lines[at]
            return b"".join(lines)
        elif action == "copy-line":
            lines.insert(at, lines[at])
            return b"".join(lines)
        else:
            lines.insert(at, raw + b"\n")
            return b"".join(lines)
        text = json.dumps(record, ensure_ascii=False, allow_nan=True)
        lines[at] = text.encode("utf-8", "surrogatepass") + b"\n"
        return b"".join(lines)

    file = tmp_path / f"signed-{uuid.uuid4().hex[:8]}.zip"
    rewrite(good, file, change, sign_with=key)
    _import_whole_or_nothing(hr, file)


def test_zz_campaign_figures(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints the campaign's totals (run with -s); every case above passed its property."""
    with capsys.disabled():
        print(f"\nbundle fuzz: {TALLY['cases']} cases, {TALLY['refused']} refused whole, "
              f"{TALLY['imported']} imported whole, 0 half-imported, 0 crashes")
    assert TALLY["cases"] >= 2
