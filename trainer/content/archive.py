"""Pack archives: reproducible builds with SHA-256 digests, and safe copying out of a source.

A build is byte-for-byte repeatable: entries sorted, timestamps and permissions fixed, and a
``SHA256SUMS`` file listing every file, which import checks before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from trainer.content.digests import digests_text, verify_digests
from trainer.content.errors import ArchiveRefused, PackError, PackInvalid
from trainer.content.loader import validate_source
from trainer.content.model import Pack
from trainer.content.safety import DEFAULT_LIMITS, DIGESTS_FILE, Limits
from trainer.content.sources import FolderSource, PackSource, ZipSource

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class BuildResult:
    path: Path
    pack: Pack
    files: int
    size: int
    sha256: str  # of the whole archive


def build_pack(folder: Path, out: Path | None = None) -> BuildResult:
    """Validate ``folder`` and write a reproducible zip (default ``ID-VERSION.zip`` here)."""
    source = FolderSource(Path(folder).resolve())
    validation = validate_source(source)
    if validation.pack is None:
        raise PackInvalid(str(folder), validation.problems)
    pack = validation.pack
    default_name = f"{pack.id}-{pack.version}.zip"
    out = Path(out) if out is not None else Path.cwd() / default_name
    if out.is_dir():
        out = out / default_name
    out = out.resolve()
    # Earlier builds saved inside the pack folder never end up inside the next one.
    names = [n for n in source.names()
             if n != DIGESTS_FILE and not n.lower().endswith(".zip")]
    digests = {n: hashlib.sha256(source.read(n)).hexdigest() for n in names}
    entries = [(n, source.read(n)) for n in names]
    entries.append((DIGESTS_FILE, digests_text(digests).encode("utf-8")))
    entries.sort()
    _write_zip(out, entries)
    data = out.read_bytes()
    return BuildResult(out, pack, len(entries), len(data), hashlib.sha256(data).hexdigest())


def _write_zip(out: Path, entries: list[tuple[str, bytes]]) -> None:
    """Write atomically: a failed build never leaves half an archive behind."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = _new_file_beside(out)
    except OSError as exc:
        raise PackError(f"Cannot write {out}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(handle, "wb") as stream, zipfile.ZipFile(stream, "w") as archive:
            for name, data in entries:
                info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3
                info.external_attr = 0o644 << 16
                archive.writestr(info, data, compresslevel=9)
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _new_file_beside(out: Path) -> tuple[int, str]:
    """An open new file next to ``out`` with the usual permissions (0666 less the umask, as
    ``zip`` or a text editor would give it): ``mkstemp`` makes it owner-only (0600), and a
    pack put on a shared folder could then not be read by the other trainers or machines."""
    while True:
        temp = out.with_name(f".build-{uuid.uuid4().hex[:8]}.zip")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), str(temp)
        except FileExistsError:
            continue


def copy_source(source: PackSource, target: Path) -> None:
    """Write every file of ``source`` under ``target`` (a new folder), never outside it."""
    root = target.resolve()
    for name in source.names():
        path = (root / name).resolve()
        if not path.is_relative_to(root) or path == root:
            raise ArchiveRefused(f"'{name}' would be written outside the pack folder; refused.")
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as stream:  # "x": never follow or overwrite anything
            stream.write(source.read(name))


def extract_archive(path: Path, target: Path, limits: Limits = DEFAULT_LIMITS) -> Path:
    """Safely unpack a pack zip into ``target`` (which must not exist); all or nothing."""
    if target.exists():
        raise PackError(f"{target} already exists; choose a new folder.")
    source = ZipSource(Path(path), limits)
    temp = target.parent / f".{target.name}.partial"
    try:
        verify_digests(source)
        temp.mkdir(parents=True)
        copy_source(source, temp)
        os.replace(temp, target)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    finally:
        source.close()
    return target
