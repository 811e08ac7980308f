"""The fuzz campaign's worker process: validates and renders mutated packs under a memory limit.

Started by ``test_fuzz.py``; reads cases from stdin and answers on stdout, one pickled object a
line each way. It runs in its own process with an address-space limit, so a case that would take
gigabytes (a YAML alias bomb) fails that case with MemoryError instead of taking the machine,
and the test can kill it when a case hangs. Each answer: ``("ok" | "error", seconds, detail)``.
"""

from __future__ import annotations

import base64
import pickle
import resource
import sys
import time
import traceback
from pathlib import Path

MEMORY_LIMIT = 1536 * 1024 * 1024  # address space; the worker needs about 300 MB


def base_packs() -> dict[str, dict[str, bytes]]:
    """The real packs the mutations start from, each held in memory by pack-relative name."""
    root = Path(__file__).resolve().parents[2]
    folders = {"digital-government": root / "courses" / "digital-government",
               "minimal": root / "tests" / "fixtures" / "packs" / "minimal",
               "learner-mini": root / "tests" / "fixtures" / "packs" / "learner-mini"}
    return {name: {p.relative_to(folder).as_posix(): p.read_bytes()
                   for p in sorted(folder.rglob("*")) if p.is_file()}
            for name, folder in folders.items()}


def run_case(bases: dict[str, dict[str, bytes]], base: str, name: str, data: bytes) -> str:
    """Validate the pack with ``name`` replaced by ``data``; render every text of it."""
    from fuzz_source import MemorySource

    from trainer.content.loader import validate_source
    from trainer.content.render import clear_cache, render_markdown

    files = {**bases[base], name: data}
    validation = validate_source(MemorySource(files))
    for problem in validation.problems:
        assert problem.severity in ("error", "warning") and problem.message, problem
        assert problem.line >= 0 and problem.file, problem
    assert (validation.pack is None) == any(p.severity == "error" for p in validation.problems)
    clear_cache()
    root = Path("/nonexistent/pack")
    rendered = 0
    if name.endswith(".md"):  # the raw file too: the renderer must cope with anything
        render_markdown(data.decode("utf-8", "replace"), root / "modules", root)
        rendered += 1
    if validation.pack is not None:
        for module in validation.pack.modules:
            for block in module.blocks:
                texts = [getattr(block, "markdown", "")] + [
                    getattr(block, key, "") for key in ("question", "explanation")]
                for text in filter(None, texts):
                    render_markdown(text, root / "modules", root, validation.pack.language)
                    rendered += 1
    return f"{len(validation.problems)} problems, {rendered} texts rendered"


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    sys.setrecursionlimit(1000)
    bases = base_packs()
    print("ready", flush=True)
    for line in sys.stdin:
        base, name, data = pickle.loads(base64.b64decode(line))  # noqa: S301 - our own parent
        start = time.perf_counter()
        try:
            outcome = ("ok", run_case(bases, base, name, data))
        except BaseException:  # noqa: BLE001 - every failure is the finding
            outcome = ("error", traceback.format_exc(limit=8)[-3000:])
        answer = (outcome[0], time.perf_counter() - start, outcome[1])
        print(base64.b64encode(pickle.dumps(answer)).decode(), flush=True)


if __name__ == "__main__":
    main()
