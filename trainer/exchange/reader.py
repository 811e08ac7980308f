"""Reading a progress bundle: sizes, signature, member digests, counts, every line and the
references between records are checked before anything touches the database.

The signature covers ``manifest.json`` exactly, and the manifest holds the SHA-256 of every
member, so one verified signature vouches for every byte. Whether the signing device is
*trusted* is the importing database's decision (``trainer.exchange.trust``). The small tables
are kept in memory; the attempts (possibly millions) are checked in one pass and streamed again
during the merge, which re-checks their digest at the end: a file changed in between makes the
merge fail and roll back, so nothing is ever half-imported.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from trainer.exchange.errors import BundleInvalid
from trainer.exchange.manifest import (
    MANIFEST,
    MAX_HEADER_BYTES,
    MEMBERS,
    SIGNATURE,
    BundleManifest,
    check_signature,
    parse_manifest,
)
from trainer.exchange.schema import FieldProblem, loads, parse_record
from trainer.store.exchange import TABLES

MAX_UNCOMPRESSED = 4 * 1024**3  # 4 GB: far beyond a real machine's progress
MAX_RATIO = 200  # JSON lines compress ~10×; far more means a zip bomb
MAX_LINE_BYTES = 1024**2  # one record; an answer is at most ~100,000 characters
CHUNK_BYTES = 256 * 1024


@dataclass
class Bundle:
    """A checked bundle: its manifest, and its records as typed values (attempts streamed)."""

    path: Path
    manifest: BundleManifest
    records: dict[str, Any] = field(default_factory=dict)


def read_bundle(path: Path) -> Bundle:
    """Open and check a bundle completely; BundleInvalid says what is wrong and where."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_sizes(path, archive)
            raw = _read_header(path, archive, MANIFEST)
            signature = _read_header(path, archive, SIGNATURE, missing_ok=True)
            body = check_signature(path, raw, signature)
            manifest = parse_manifest(path, body)
            _check_names(path, archive, manifest)
            bundle = Bundle(path, manifest)
            for table in TABLES[:-1]:  # everything but the attempts, kept in memory
                bundle.records[table] = (_read_list(path, archive, table, manifest.members)
                                         if MEMBERS[table] in (manifest.members or {}) else [])
            numbers, devices = _check_references(path, bundle)
            _read_member(path, archive, "attempts", manifest.members,
                         _attempt_checker(path, numbers, devices))
            bundle.records["attempts"] = AttemptStream(path, manifest.members[MEMBERS["attempts"]])
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

    def __init__(self, path: Path, expected: tuple[str, int]) -> None:
        self.path, (self.sha256, self.count) = path, expected

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        member = MEMBERS["attempts"]
        digest = hashlib.sha256()
        try:
            with zipfile.ZipFile(self.path) as archive, archive.open(member) as raw:
                for number, line in _lines(self.path, member, raw):
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


def _check_sizes(path: Path, archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if any(info.flag_bits & 0x1 for info in infos):
        raise BundleInvalid(f"{path}: the bundle holds encrypted entries; Trainer never makes "
                            "those, so it was changed or damaged.")
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise BundleInvalid(f"{path}: the bundle unpacks to {total:,} bytes, which no real "
                            "progress bundle does; it was refused.")


def _read_header(path: Path, archive: zipfile.ZipFile, name: str,
                 missing_ok: bool = False) -> bytes | None:
    """The manifest or the signature: small files, read whole."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        if missing_ok:
            return None
        raise BundleInvalid(f"{path}: not a Trainer progress bundle (no {name}).",
                            hint="Make bundles with 'trainer progress export -o FILE'.") from None
    if info.file_size > MAX_HEADER_BYTES:
        raise BundleInvalid(f"{path}: {name} is {info.file_size:,} bytes, far more than "
                            "Trainer writes; the bundle was refused.")
    return archive.read(info)


def _check_names(path: Path, archive: zipfile.ZipFile, manifest: BundleManifest) -> None:
    names = [info.filename for info in archive.infolist()]
    expected = {MANIFEST, SIGNATURE, *(manifest.members or {})}
    if set(names) != expected or len(names) != len(expected):
        odd = sorted(set(names) ^ expected) or ["duplicate entries"]
        raise BundleInvalid(f"{path}: unexpected contents: {', '.join(odd)}; the bundle was "
                            "changed after it was made.")


def _lines(path: Path, member: str, raw: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """Numbered lines, none longer than MAX_LINE_BYTES: read in chunks and split, so a giant
    line is refused without ever being held whole (and faster than readline with a limit)."""
    number, rest = 0, b""
    while chunk := raw.read(CHUNK_BYTES):
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        for line in lines:
            number += 1
            if len(line) >= MAX_LINE_BYTES:
                raise _too_long(path, member, number)
            yield number, line + b"\n"
        if len(rest) >= MAX_LINE_BYTES:
            raise _too_long(path, member, number + 1)
    if rest:
        yield number + 1, rest


def _too_long(path: Path, member: str, number: int) -> BundleInvalid:
    return BundleInvalid(f"{path}: {member}:{number}: the line is longer than "
                         f"{MAX_LINE_BYTES:,} bytes; no record is that large.")


def _read_member(path: Path, archive: zipfile.ZipFile, table: str,
                 expected: dict[str, tuple[str, int]],
                 take: Callable[[int, dict[str, Any]], None]) -> None:
    """Parse every line of one member, hand each record to ``take``, then check the digest."""
    member = MEMBERS[table]
    sha256, records = expected[member]
    digest = hashlib.sha256()
    count = 0
    with archive.open(member) as raw:
        for count, line in _lines(path, member, raw):
            if count > records:
                break  # more lines than the manifest says: the digest check below refuses
            digest.update(line)
            take(count, _parse_line(path, member, count, table, line))
    if digest.hexdigest() != sha256 or count != records:
        raise BundleInvalid(f"{path}: {member} does not match its digest in {MANIFEST}: the "
                            "bundle was changed or damaged after it was made; nothing was "
                            "imported.", hint="Export a new bundle on the machine that made it.")


def _read_list(path: Path, archive: zipfile.ZipFile, table: str,
               expected: dict[str, tuple[str, int]]) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    _read_member(path, archive, table, expected, lambda number, record: records.append(record))
    return records


def _parse_line(path: Path, member: str, number: int, table: str, line: bytes) -> dict[str, Any]:
    try:
        return parse_record(table, loads(line))
    except (ValueError, FieldProblem, RecursionError) as exc:  # JSONDecodeError: a ValueError
        raise BundleInvalid(f"{path}: {member}:{number}: {str(exc).rstrip('.')}.") from exc


def _check_references(path: Path, bundle: Bundle) -> tuple[set[str], set[Any]]:
    """Records must point at a learner of the same bundle, and be there once."""
    numbers = _unique(path, bundle, "learners", lambda r: r["employee_no"])
    devices = _unique(path, bundle, "devices", lambda r: r["id"])
    _unique(path, bundle, "enrollments", lambda r: (r["employee_no"], r["pack_id"]))
    _unique(path, bundle, "lesson_progress",
            lambda r: (r["employee_no"], r["pack_id"], r["module_id"]))
    _unique(path, bundle, "review_items",
            lambda r: (r["employee_no"], r["pack_id"], r["exercise_id"]))
    _unique(path, bundle, "review_answers", lambda r: r["attempt_id"])
    for table in ("enrollments", "lesson_progress", "review_items", "review_answers"):
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
