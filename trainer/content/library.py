"""The pack library: built-in packs plus packs installed in the data folder (DESIGN §2).

Installed packs live in ``packs_dir/ID/VERSION``. Installing validates first, copies into a
temporary folder beside the library, then renames it into place, so a failed install changes
nothing. Old versions stay on disk: learner history names the version it was made with.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from trainer.content import checkcache
from trainer.content.archive import copy_source
from trainer.content.digests import file_digests
from trainer.content.errors import PackConflict, PackError, PackInvalid, PackNotFound
from trainer.content.loader import Validation, validate_source
from trainer.content.manifest import parse_version
from trainer.content.model import Pack
from trainer.content.problems import Problem
from trainer.content.safety import DEFAULT_LIMITS, Limits
from trainer.content.sources import FolderSource, open_source

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LibraryEntry:
    """One pack folder in the library, valid or not (for ``pack list`` and the workspace)."""

    path: Path
    origin: str  # "built-in" | "installed"
    pack: Pack | None
    errors: int
    current: bool  # the version learners see for this id

    def as_dict(self) -> dict[str, object]:
        pack = self.pack
        return {"id": pack.id if pack else None, "version": pack.version if pack else None,
                "title": pack.title if pack else None, "language": pack.language if pack else None,
                "origin": self.origin, "current": self.current, "errors": self.errors,
                "path": str(self.path)}

    def line(self) -> str:
        if self.pack is None:
            return (f"! {self.path}: not usable ({self.errors} error(s)); see 'trainer pack "
                    f"validate {self.path}'")
        mark = "*" if self.current else " "
        return (f"{mark} {self.pack.id:<28} {self.pack.version:<10} {self.pack.language:<6} "
                f"{self.origin:<9} {self.pack.title}")


@dataclass(frozen=True)
class InstallResult:
    pack: Pack
    changed: bool  # False when the same version with the same content was already there
    path: Path
    previous: str | None = None  # the version that was current before, if any
    removed_ids: tuple[str, ...] = ()  # module/exercise ids of ``previous`` that are gone
    current: bool = True  # False when an older version than the current one was installed
    warnings: tuple[Problem, ...] = ()  # what the validator warned about (item-writing check…)


def _ids(pack: Pack) -> list[str]:
    return [m.id for m in pack.modules] + [e.id for e in pack.exercises()]


class Library:
    """Finds, loads (with a cache) and installs packs; safe to share between threads."""

    def __init__(self, packs_dir: Path, bundled_dir: Path | None = None,
                 limits: Limits = DEFAULT_LIMITS, cache_dir: Path | None = None) -> None:
        """``cache_dir``: where what checking each unchanged folder found is remembered
        between runs (``checkcache``); without it every folder is checked in full."""
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.packs_dir = Path(packs_dir)
        self.limits = limits
        self.bundled_dir = Path(bundled_dir) if bundled_dir else None
        self._lock = threading.RLock()
        self._cache: dict[Path, Validation] = {}

    def refresh(self) -> None:
        """Forget loaded packs (after files changed behind the library's back)."""
        with self._lock:
            self._cache.clear()

    def entries(self) -> list[LibraryEntry]:
        folders = self._folders()
        validations = [(path, origin, self._validation(path)) for path, origin in folders]
        current = {id(p) for p in self._newest(v.pack for _, _, v in validations)}
        entries = [LibraryEntry(path, origin, v.pack, len(v.errors),
                                v.pack is not None and id(v.pack) in current)
                   for path, origin, v in validations]
        return sorted(entries, key=lambda e: (e.pack is None, e.pack.id if e.pack else "",
                                              parse_version(e.pack.version) if e.pack else ()))

    def packs(self) -> list[Pack]:
        """The current (newest valid) version of every pack, sorted by title."""
        valid = (self._validation(path).pack for path, _ in self._folders())
        return sorted(self._newest(valid), key=lambda p: (p.title.casefold(), p.id))

    def get(self, pack_id: str, version: str | None = None) -> Pack:
        """The current version of a pack, or the given version."""
        if version is None:
            candidates = [p for p in self.packs() if p.id == pack_id]
        else:
            candidates = [p for path, _ in self._folders()
                          if (p := self._validation(path).pack) is not None
                          and p.id == pack_id and p.version == version]
        if candidates:
            return candidates[0]
        what = f"{pack_id} {version}" if version else pack_id
        raise PackNotFound(f"No course pack '{what}' in the library.",
                           hint="See 'trainer pack list'; install one with 'trainer pack import'.")

    def versions(self, pack_id: str) -> list[str]:
        found = {v.pack.version for path, _ in self._folders()
                 if (v := self._validation(path)).pack and v.pack.id == pack_id}
        return sorted(found, key=parse_version)

    def install(self, path: Path) -> InstallResult:
        """Validate, copy to a temporary folder, rename into place; nothing changes on failure."""
        source = open_source(path, self.limits)
        try:
            validation = validate_source(source)
            if validation.pack is None:
                raise PackInvalid(str(path), validation.problems)
            pack = validation.pack
            existing = self._same_version(pack)
            if existing is not None:
                if file_digests(FolderSource(existing)) != file_digests(source):
                    raise PackConflict(
                        f"{pack.id} {pack.version} is already installed with different content.",
                        hint="Raise the version in course.yaml (e.g. 1.0.1) and build again.")
                return InstallResult(self._validation(existing).pack or pack, False, existing,
                                     warnings=tuple(validation.warnings))
            before = next((p for p in self.packs() if p.id == pack.id), None)
            target = self._place(source, pack)
        finally:
            source.close()
        with self._lock:
            self._cache.pop(target, None)
        log.info("Installed pack %s %s into %s", pack.id, pack.version, target)
        installed = self._validation(target).pack or pack
        warnings = tuple(validation.warnings)
        if before is None:
            return InstallResult(installed, True, target, warnings=warnings)
        kept = set(_ids(installed))
        return InstallResult(
            installed, True, target, before.version,
            tuple(i for i in _ids(before) if i not in kept),
            parse_version(installed.version) >= parse_version(before.version), warnings)

    def discard(self, result: InstallResult) -> None:
        """Undo ``install`` (its caller could not record it): remove the new version's folder."""
        if not result.changed:
            return
        shutil.rmtree(result.path, ignore_errors=True)
        parent = result.path.parent
        if parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
        with self._lock:
            self._cache.pop(result.path, None)
        log.info("Removed pack %s %s again from %s", result.pack.id, result.pack.version,
                 result.path)

    def _place(self, source: object, pack: Pack) -> Path:
        self.packs_dir.mkdir(parents=True, exist_ok=True)
        temp = self.packs_dir / f".incoming-{uuid.uuid4().hex}"
        parent = self.packs_dir / pack.id
        target = parent / pack.version
        created_parent = not parent.exists()
        try:
            temp.mkdir()
            copy_source(source, temp)  # type: ignore[arg-type]
            parent.mkdir(exist_ok=True)
            os.rename(temp, target)
        except BaseException as exc:
            shutil.rmtree(temp, ignore_errors=True)
            if created_parent and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
            if isinstance(exc, OSError):
                raise PackError(f"Cannot install {pack.id} {pack.version} into "
                                f"{self.packs_dir}: {exc.strerror or exc}",
                                hint="Nothing was changed. Check the disk space and the data "
                                     "folder's permissions.") from exc
            raise
        return target

    def _same_version(self, pack: Pack) -> Path | None:
        for path, _ in self._folders():
            other = self._validation(path).pack
            if other and other.id == pack.id and other.version == pack.version:
                return path
        return None

    def _folders(self) -> list[tuple[Path, str]]:
        folders: list[tuple[Path, str]] = []
        if self.bundled_dir and self.bundled_dir.is_dir():
            folders += [(p, "built-in") for p in sorted(self.bundled_dir.iterdir())
                        if p.is_dir() and (p / "course.yaml").is_file()]
        if self.packs_dir.is_dir():
            for id_dir in sorted(self.packs_dir.iterdir()):
                if id_dir.is_dir() and not id_dir.name.startswith("."):
                    folders += [(p, "installed") for p in sorted(id_dir.iterdir())
                                if p.is_dir() and (p / "course.yaml").is_file()]
        return folders

    def _validation(self, path: Path) -> Validation:
        with self._lock:
            cached = self._cache.get(path)
            if cached is None:
                cached = self._check(path)
                if cached.pack is None:
                    log.warning("Pack folder %s is invalid (%d errors)", path, len(cached.errors))
                self._cache[path] = cached
            return cached

    def _check(self, path: Path) -> Validation:
        """Validate a folder, or only read it when its files were checked before."""
        if self.cache_dir is None:
            return validate_source(FolderSource(path))
        key = checkcache.fingerprint(path, self.limits)
        known = checkcache.lookup(self.cache_dir, path, key) if key else None
        validation = validate_source(FolderSource(path), known)
        if key and (known is None or validation.problems != known):
            checkcache.store(self.cache_dir, path, key, validation.problems)
        return validation

    @staticmethod
    def _newest(packs: object) -> list[Pack]:
        best: dict[str, Pack] = {}
        for pack in packs:  # type: ignore[attr-defined]
            if pack is None:
                continue
            known = best.get(pack.id)
            if known is None or parse_version(pack.version) >= parse_version(known.version):
                best[pack.id] = pack
        return list(best.values())
