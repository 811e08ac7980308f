"""Reading a progress bundle: every member checked (zip CRCs, SHA-256 digests, counts, each
line, references) before anything touches the database.

The small tables are kept in memory; the attempts (possibly millions) are checked in one pass and
then streamed again during the merge, which re-checks their digest at the end: a file changed in
between makes the merge fail and roll back, so nothing is ever half-imported.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from trainer.errors import TrainerError
from trainer.reports.bundle_schema import FieldProblem, parse_record
from trainer.store.exchange import TABLES

FORMAT = "trainer-progress-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEMBERS = {table: f"{table}.jsonl" for table in TABLES}
MAX_UNCOMPRESSED = 4 * 1024**3  # 4 GB: far beyond a real machine's progress
MAX_RATIO = 200  # JSON lines compress ~10×; far more means a zip bomb


class BundleInvalid(TrainerError):
    """The file is not a complete, untouched progress bundle; nothing was imported."""


@dataclass(frozen=True)
class BundleManifest:
    format_version: int
    device_id: str
    device_name: str
    created_at: datetime
    app_version: str
    counts: dict[str, int]


@dataclass
class Bundle:
    """A checked bundle: its manifest, and its records as typed values (attempts streamed)."""

    path: Path
    manifest: BundleManifest
    records: dict[str, Any] = field(default_factory=dict)


# --- reading ---------------------------------------------------------------------------------


def read_bundle(path: Path) -> Bundle:
    """Open and check a bundle completely; BundleInvalid says what is wrong and where."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_names_and_sizes(path, archive)
            body, manifest = _read_manifest(path, archive)
            bundle = Bundle(path, manifest)
            for table in TABLES[:-1]:  # everything but the attempts, kept in memory
                bundle.records[table] = _read_list(path, archive, table,
                                                   body["members"].get(MEMBERS[table]))
            numbers, devices = _check_references(path, bundle)
            expected = body["members"].get(MEMBERS["attempts"])
            _read_member(path, archive, "attempts", expected,
                         _attempt_checker(path, numbers, devices))
            bundle.records["attempts"] = AttemptStream(path, expected["sha256"],
                                                       int(expected["records"]))
    except FileNotFoundError as exc:
        raise BundleInvalid(f"{path}: no such file.") from exc
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, zlib.error,
            NotImplementedError) as exc:  # the last: a damaged "made by version" field
        raise _damaged(path, str(exc)) from exc
    except OSError as exc:  # a folder, no permission, a removed USB stick …
        raise BundleInvalid(f"{path}: cannot be read ({exc.strerror or exc}).",
                            hint="Copy the file to this computer and try again.") from exc
    return bundle


class AttemptStream:
    """The bundle's attempts, parsed again line by line each time they are iterated."""

    def __init__(self, path: Path, sha256: str, count: int) -> None:
        self.path, self.sha256, self.count = path, sha256, count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        member = MEMBERS["attempts"]
        digest = hashlib.sha256()
        try:
            with zipfile.ZipFile(self.path) as archive, archive.open(member) as raw:
                for number, line in enumerate(raw, start=1):
                    digest.update(line)
                    yield _parse_line(self.path, member, number, "attempts", line)
        except (OSError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise _damaged(self.path, str(exc)) from exc
        if digest.hexdigest() != self.sha256:
            raise BundleInvalid(f"{self.path}: the file changed while it was being imported; "
                                "nothing was imported.")


def _damaged(path: Path, why: str) -> BundleInvalid:
    return BundleInvalid(f"{path}: the bundle is damaged or incomplete ({why}); nothing was "
                         "imported.", hint="Copy the file again from the machine that made it, "
                         "or export a new bundle there.")


def _check_names_and_sizes(path: Path, archive: zipfile.ZipFile) -> None:
    names = [info.filename for info in archive.infolist()]
    expected = {MANIFEST, *MEMBERS.values()}
    if set(names) != expected or len(names) != len(expected):
        if MANIFEST not in names:
            raise BundleInvalid(f"{path}: not a Trainer progress bundle (no {MANIFEST}).",
                                hint="Make bundles with 'trainer progress export -o FILE'.")
        odd = sorted(set(names) ^ expected) or ["duplicate entries"]
        raise BundleInvalid(f"{path}: unexpected contents: {', '.join(odd)}; the bundle was "
                            "changed after it was made.")
    if any(info.flag_bits & 0x1 for info in archive.infolist()):
        raise BundleInvalid(f"{path}: the bundle holds encrypted entries; Trainer never makes "
                            "those, so it was changed or damaged.")
    total = sum(info.file_size for info in archive.infolist())
    packed = sum(info.compress_size for info in archive.infolist()) or 1
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise BundleInvalid(f"{path}: the bundle unpacks to {total:,} bytes, which no real "
                            "progress bundle does; it was refused.")


def _read_manifest(path: Path, archive: zipfile.ZipFile) -> tuple[dict[str, Any], BundleManifest]:
    try:
        body = json.loads(archive.read(MANIFEST))
        if body.get("format") != FORMAT:
            raise ValueError("not a progress bundle manifest")
        version = int(body["format_version"])
        if version > FORMAT_VERSION:
            raise BundleInvalid(f"{path}: made by a newer Trainer (bundle format {version}).",
                                hint="Update Trainer on this machine, then import again.")
        manifest = BundleManifest(
            version, str(body["device"]["id"]), str(body["device"]["name"]),
            datetime.fromisoformat(body["created_at"]), str(body.get("app_version", "")),
            {table: int(body["counts"][table]) for table in TABLES})
        if not isinstance(body.get("members"), dict):
            raise ValueError("no member digests")
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BundleInvalid(f"{path}: {MANIFEST} is not valid ({exc}).") from exc
    return body, manifest


def _read_member(path: Path, archive: zipfile.ZipFile, table: str, expected: Any,
                 take: Callable[[int, dict[str, Any]], None]) -> None:
    """Parse every line of one member, hand each record to ``take``, then check the digest."""
    member = MEMBERS[table]
    if not isinstance(expected, dict) or "sha256" not in expected or "records" not in expected:
        raise BundleInvalid(f"{path}: {MANIFEST} has no digest for {member}.")
    digest = hashlib.sha256()
    count = 0
    with archive.open(member) as raw:
        for count, line in enumerate(raw, start=1):
            digest.update(line)
            take(count, _parse_line(path, member, count, table, line))
    if digest.hexdigest() != expected["sha256"] or count != expected["records"]:
        raise BundleInvalid(f"{path}: {member} does not match its digest in {MANIFEST}: the "
                            "bundle was changed or damaged after it was made; nothing was "
                            "imported.", hint="Export a new bundle on the machine that made it.")


def _read_list(path: Path, archive: zipfile.ZipFile, table: str, expected: Any
               ) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []

    def keep(number: int, record: dict[str, Any]) -> None:
        records.append(record)

    _read_member(path, archive, table, expected, keep)
    return records


def _parse_line(path: Path, member: str, number: int, table: str, line: bytes) -> dict[str, Any]:
    try:
        return parse_record(table, json.loads(line))
    except (ValueError, FieldProblem, RecursionError) as exc:  # JSONDecodeError: a ValueError
        raise BundleInvalid(f"{path}: {member}:{number}: {exc}.") from exc


def _check_references(path: Path, bundle: Bundle) -> tuple[set[str], set[Any]]:
    """Records must point at a learner of the same bundle, and be there once."""
    numbers = _unique(path, bundle, "learners", lambda r: r["employee_no"])
    devices = _unique(path, bundle, "devices", lambda r: r["id"])
    _unique(path, bundle, "lesson_progress",
            lambda r: (r["employee_no"], r["pack_id"], r["module_id"]))
    for table in ("enrollments", "lesson_progress"):
        for line, record in enumerate(bundle.records[table], start=1):
            _check_learner(path, table, line, record, numbers)
    return numbers, devices


def _check_learner(path: Path, table: str, line: int, record: dict[str, Any],
                   numbers: set[str]) -> None:
    if record["employee_no"] not in numbers:
        raise BundleInvalid(f"{path}: {MEMBERS[table]}:{line}: employee number "
                            f"{record['employee_no']} is not in {MEMBERS['learners']}.")


def _attempt_checker(path: Path, numbers: set[str], devices: set[Any]
                     ) -> Callable[[int, dict[str, Any]], None]:
    seen: set[int] = set()

    def check(line: int, record: dict[str, Any]) -> None:
        _check_learner(path, "attempts", line, record, numbers)
        if record.get("device_id") not in (None, *devices):
            raise BundleInvalid(f"{path}: {MEMBERS['attempts']}:{line}: unknown device.")
        key = record["id"].int
        if key in seen:
            raise BundleInvalid(f"{path}: {MEMBERS['attempts']}:{line}: appears twice "
                                f"({record['id']}).")
        seen.add(key)
    return check


def _unique(path: Path, bundle: Bundle, table: str, key: Callable[[dict[str, Any]], Any]
            ) -> set[Any]:
    seen: set[Any] = set()
    for line, record in enumerate(bundle.records[table], start=1):
        value = key(record)
        if value in seen:
            raise BundleInvalid(f"{path}: {MEMBERS[table]}:{line}: appears twice ({value}).")
        seen.add(value)
    return seen
