"""SHA-256 digests of a pack's files, written by ``pack build`` and checked on import."""

from __future__ import annotations

import hashlib

from trainer.content.errors import ArchiveRefused
from trainer.content.safety import DIGESTS_FILE
from trainer.content.sources import PackSource


def file_digests(source: PackSource) -> dict[str, str]:
    """SHA-256 of every file of the pack except the digest list itself."""
    return {name: hashlib.sha256(source.read(name)).hexdigest()
            for name in source.names() if name != DIGESTS_FILE}


def digests_text(digests: dict[str, str]) -> str:
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(digests.items()))


def verify_digests(source: PackSource) -> None:
    """Refuse an archive whose files do not match its ``SHA256SUMS`` (when it has one)."""
    if not source.exists(DIGESTS_FILE):
        return
    expected: dict[str, str] = {}
    for number, line in enumerate(source.read(DIGESTS_FILE).decode("utf-8", "replace")
                                  .splitlines(), 1):
        digest, _, name = line.partition("  ")
        if not line.strip():
            continue
        if len(digest) != 64 or not name:
            raise ArchiveRefused(f"{DIGESTS_FILE} line {number} is not 'DIGEST  PATH'; the "
                                 "archive is damaged.")
        expected[name] = digest.lower()
    actual = file_digests(source)
    for name in sorted(set(expected) | set(actual)):
        if name not in actual:
            raise ArchiveRefused(f"'{name}' is listed in {DIGESTS_FILE} but missing from the "
                                 "archive; it is incomplete.")
        if name not in expected:
            raise ArchiveRefused(f"'{name}' is in the archive but not in {DIGESTS_FILE}; it was "
                                 "changed after it was built.")
        if expected[name] != actual[name]:
            raise ArchiveRefused(f"'{name}' does not match its SHA-256 digest; the archive is "
                                 "damaged or was changed after it was built.",
                                 hint="Ask the author for a fresh copy.")
