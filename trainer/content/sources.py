"""Where a pack's files come from: a folder or a zip, behind one small interface.

The loader reads both the same way, so a zip can be validated in memory before anything of it is
written to disk (DESIGN §2: installing validates first).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path, PurePosixPath

from trainer.content.errors import ArchiveRefused, PackNotFound
from trainer.content.safety import (
    DEFAULT_LIMITS,
    DIGESTS_FILE,
    Limits,
    check_archive,
    is_ignored,
    read_member,
)

MANIFEST = "course.yaml"


class PackSource:
    """The files of one pack, named by pack-relative POSIX paths."""

    def __init__(self, root: Path, label: str) -> None:
        self.root = root
        self.label = label
        self.links: list[str] = []  # links found (refused by the validator)
        self._files: dict[str, object] = {}

    def names(self) -> list[str]:
        return sorted(self._files)

    def exists(self, name: str) -> bool:
        return name in self._files

    def read(self, name: str) -> bytes:
        raise NotImplementedError

    def close(self) -> None:
        """Release the underlying file, if any."""


class FolderSource(PackSource):
    def __init__(self, root: Path) -> None:
        super().__init__(root, str(root))
        for folder, dirs, files in os.walk(root):
            base = Path(folder)
            for name in list(dirs):
                if (base / name).is_symlink():
                    self.links.append((base / name).relative_to(root).as_posix())
                    dirs.remove(name)
            for name in files:
                path = base / name
                relative = path.relative_to(root).as_posix()
                if is_ignored(relative):
                    continue
                if path.is_symlink():
                    self.links.append(relative)
                    continue
                self._files[relative] = path
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))

    def read(self, name: str) -> bytes:
        path = self._files[name]
        assert isinstance(path, Path)
        return path.read_bytes()


class ZipSource(PackSource):
    """A zip checked entry by entry before use; the pack may sit in one top-level folder."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        super().__init__(path, str(path))
        self.limits = limits
        try:
            self._zip = _open_zip(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise ArchiveRefused(f"{path} is not a readable zip file: {exc}",
                                 hint="Build pack archives with 'trainer pack build'.") from exc
        try:
            infos = check_archive(self._zip, limits)
        except ArchiveRefused:
            self._zip.close()
            raise
        prefix = _common_root(infos)
        for info in infos:
            relative = info.filename[len(prefix):]
            if relative:
                self._files[relative] = info

    def read(self, name: str) -> bytes:
        info = self._files[name]
        assert isinstance(info, zipfile.ZipInfo)
        try:
            return read_member(self._zip, info, self.limits)
        except NotImplementedError as exc:
            raise ArchiveRefused(f"'{info.filename}' uses a compression method this app "
                                 f"cannot read ({exc}).",
                                 hint="Build the archive with 'trainer pack build'.") from exc

    def close(self) -> None:
        self._zip.close()


def _open_zip(path: Path) -> zipfile.ZipFile:
    """Open a zip; names stored without the UTF-8 flag are read as GB18030 when that works.

    Archivers on Chinese Windows write file names in the local code page without saying so;
    read as the zip default (CP437) they become gibberish and no module would be found.
    """
    archive = zipfile.ZipFile(path)
    legacy = [i for i in archive.infolist() if not i.flag_bits & 0x800 and not i.filename.isascii()]
    if not legacy:
        return archive
    archive.close()
    try:
        return zipfile.ZipFile(path, metadata_encoding="gb18030")
    except UnicodeDecodeError:
        return zipfile.ZipFile(path)


def _common_root(infos: list[zipfile.ZipInfo]) -> str:
    """'' when course.yaml is at the top; 'folder/' for a zip of the whole pack folder."""
    names = [i.filename for i in infos]
    if MANIFEST in names or DIGESTS_FILE in names:
        return ""
    tops = {PurePosixPath(n).parts[0] for n in names if "/" in n}
    if len(tops) == 1 and all("/" in n for n in names):
        top = tops.pop()
        if f"{top}/{MANIFEST}" in names:
            return f"{top}/"
    return ""


def open_source(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> PackSource:
    """A folder or a ``.zip`` file; a clear error for anything else."""
    target = Path(path)
    if target.is_dir():
        return FolderSource(target.resolve())
    if target.is_file():
        if zipfile.is_zipfile(target):
            return ZipSource(target.resolve(), limits)
        raise ArchiveRefused(f"{target} is neither a pack folder nor a zip file.",
                           hint="Give the folder that holds course.yaml, or a .zip built by "
                                "'trainer pack build'.")
    raise PackNotFound(f"{target} does not exist.")
