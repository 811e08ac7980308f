"""Limits and checks that make reading an untrusted zip safe (DESIGN §7).

Every entry is checked before a single byte is written or parsed: no absolute paths, no ``..``,
no links, no encryption, no duplicates, and bounded file count, sizes and compression ratio.
"""

from __future__ import annotations

import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from trainer.content.errors import ArchiveRefused

DIGESTS_FILE = "SHA256SUMS"
IGNORED_NAMES = frozenset({"Thumbs.db", "desktop.ini", "__MACOSX"})
_BAD_CHARS = re.compile(r'[\x00-\x1f\x7f\\:*?"<>|]')
# Names Windows cannot create (learners' machines run Windows): CON, NUL, COM1, … with any
# extension, and names ending in a dot or a space.
_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$", re.IGNORECASE)
MAX_NAME_LENGTH = 160  # characters of a pack-relative path; the data folder comes before it


@dataclass(frozen=True)
class Limits:
    """Bounds for pack archives; generous for real packs, tiny next to a zip bomb."""

    max_files: int = 2000
    max_file_size: int = 64 * 1024 * 1024
    max_total_size: int = 256 * 1024 * 1024
    max_ratio: float = 100.0  # uncompressed ÷ compressed, for entries over ratio_floor
    ratio_floor: int = 1024 * 1024


DEFAULT_LIMITS = Limits()


def is_ignored(relative: str) -> bool:
    """Hidden files and operating-system clutter never belong to a pack."""
    return any(part.startswith(".") or part in IGNORED_NAMES
               for part in PurePosixPath(relative).parts)


def check_member_name(name: str) -> None:
    """Refuse a path that could land outside the target folder or is unportable."""
    if not name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise ArchiveRefused(f"The archive contains an absolute path '{name}'; refused.",
                             hint="Build the archive with 'trainer pack build'.")
    parts = PurePosixPath(name).parts
    if ".." in parts:
        raise ArchiveRefused(f"The archive contains a path that leaves its folder: '{name}'; "
                             "refused.", hint="Build the archive with 'trainer pack build'.")
    if _BAD_CHARS.search(name.rstrip("/")):
        raise ArchiveRefused(f"The archive contains an unusable file name {name!r}; refused.",
                             hint="Rename files to plain names (letters, digits, - _ .).")
    check_portable(name.rstrip("/"))


def check_portable(name: str) -> None:
    """Refuse a pack-relative path that some computer could not store as it is: so whatever
    validates here also installs, on Windows, macOS and Linux alike."""
    hint = "Rename it to a plain name (letters, digits, - _ .) and build the pack again."
    parts = name.split("/")
    if "" in parts or "." in parts:
        raise ArchiveRefused(f"'{name}' is not a plain path (it has an empty or '.' part); "
                             "refused.", hint=hint)
    if len(name) > MAX_NAME_LENGTH:
        raise ArchiveRefused(f"'{name[:60]}…' is {len(name)} characters long; at most "
                             f"{MAX_NAME_LENGTH} are allowed for a path inside a pack.", hint=hint)
    for part in parts:
        if part.endswith((".", " ")) or _RESERVED.match(part):
            raise ArchiveRefused(f"'{name}' cannot be stored on Windows ('{part}' is a reserved "
                                 "name or ends in a dot or space); refused.", hint=hint)


def name_key(name: str) -> str:
    """Names that are the same file on Windows or macOS (case, Unicode normal form) match."""
    return unicodedata.normalize("NFC", name.rstrip("/")).casefold()


def check_layout(names: list[str]) -> None:
    """Refuse two names for one file, and a file that is also a folder of another entry."""
    seen: dict[str, str] = {}
    for name in names:
        key = name_key(name)
        if key in seen:
            raise ArchiveRefused(f"The archive contains '{name}' twice (as '{seen[key]}'); "
                                 "refused.", hint="Keep one of them.")
        seen[key] = name
    folders = {name_key(n.rsplit("/", cut)[0]) for n in names
               for cut in range(1, n.rstrip("/").count("/") + 1)}
    for name in names:
        if not name.endswith("/") and name_key(name) in folders:
            raise ArchiveRefused(f"'{name}' is a file, but other entries are inside a folder "
                                 "of that name; refused.", hint="Rename the file or the folder.")


def is_link(info: zipfile.ZipInfo) -> bool:
    mode = (info.external_attr >> 16) & 0o170000
    return mode == stat.S_IFLNK


def check_archive(archive: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS) -> list[zipfile.ZipInfo]:
    """Check every entry; return the file entries (directories and clutter left out)."""
    infos = archive.infolist()
    if len(infos) > limits.max_files:
        raise ArchiveRefused(f"The archive has {len(infos)} entries; at most {limits.max_files} "
                             "are allowed.", hint="Is this really a course pack?")
    files: list[zipfile.ZipInfo] = []
    total = compressed = 0
    for info in infos:
        check_member_name(info.filename)
    check_layout([info.filename for info in infos])
    for info in infos:
        if is_link(info):
            raise ArchiveRefused(f"The archive contains a link '{info.filename}'; links are "
                                 "not allowed in a pack.", hint="Replace it with the file itself.")
        if info.flag_bits & 0x1:
            raise ArchiveRefused(f"'{info.filename}' in the archive is encrypted; refused.")
        if info.is_dir() or is_ignored(info.filename):
            continue
        _check_size(info, limits)
        total += info.file_size
        compressed += info.compress_size
        files.append(info)
    if total > limits.max_total_size:
        raise ArchiveRefused(f"The archive unpacks to {total:,} bytes; at most "
                             f"{limits.max_total_size:,} are allowed.")
    if total > limits.ratio_floor and total > limits.max_ratio * max(compressed, 1):
        raise ArchiveRefused("The archive's compression ratio is suspiciously high "
                             f"({total / max(compressed, 1):.0f}:1); refused as a possible "
                             "zip bomb.")
    return files


def _check_size(info: zipfile.ZipInfo, limits: Limits) -> None:
    if info.file_size > limits.max_file_size:
        raise ArchiveRefused(f"'{info.filename}' unpacks to {info.file_size:,} bytes; at most "
                             f"{limits.max_file_size:,} are allowed per file.")
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
        raise ArchiveRefused(f"'{info.filename}' has a compression ratio of {ratio:.0f}:1; "
                             "refused as a possible zip bomb.")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    """Read one entry, never trusting the sizes the archive claims."""
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(1 << 16):
                size += len(chunk)
                if size > min(info.file_size, limits.max_file_size):
                    raise ArchiveRefused(f"'{info.filename}' unpacks to more than it declares; "
                                         "refused.")
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ArchiveRefused(f"'{info.filename}' in the archive is damaged: {exc}") from exc
    return b"".join(chunks)
