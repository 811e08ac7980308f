"""A pack held in memory, so the fuzz tests can try thousands without touching the disk."""

from __future__ import annotations

from pathlib import Path

from trainer.content.sources import PackSource


class MemorySource(PackSource):
    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__(Path("/nonexistent/pack"), "memory")
        self._files = dict(files)

    def read(self, name: str) -> bytes:
        value = self._files[name]
        assert isinstance(value, bytes)
        return value
