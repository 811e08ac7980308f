"""Fuzzing the loader, the validator and the renderer (issue 13).

The quick properties at the top feed random manifests, module texts and bytes to the validator
in this process. The campaign at the bottom mutates real packs (courses/digital-government and
the fixture packs) with hostile constructs and random edits and runs each case in a worker
process with a memory limit and a time budget: a hang, a blow-up or any exception fails the
test with the case that caused it. ``TRAINER_FUZZ_EXAMPLES=5000`` runs a longer campaign.
"""

from __future__ import annotations

import base64
import os
import pickle
import select
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from fuzz_source import MemorySource
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.content.errors import PackError, PackInvalid
from trainer.content.loader import load_pack, validate_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "minimal"
BASE = {p.relative_to(FIXTURES).as_posix(): p.read_bytes()
        for p in FIXTURES.rglob("*") if p.is_file()}



scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)
KEYS = ["id", "version", "title", "language", "authors", "summary", "pass_mark", "modules",
        "levels", "competencies", "roles", "minutes", "kind", "item_checks", "draw",
        "max_recall"]
manifests = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), values, max_size=9)

LINES = ["---", ":::", "::: exercise single q-1", "::: exercise fill q-2", "::: exercise match",
         "::: exercise order q-3", "::: exercise open q-4", "competencies: data-sharing 0.5",
         "competencies: data-sharing 2, ,", "match: exact", "shuffle: maybe", "- [x] yes",
         "- [ ] no", "  > feedback", "> 解析：……", "1. first", "2. second", "- a -> b",
         "- [2] criterion", "- [x", "```", "~~~", "> [!NOTE] t", "![x](../images/a.png)",
         "![x](../../../etc/passwd)", "id: basics", "title: t", "minutes: 5", "kind: case",
         "", "text ____", "\t- tab", "- → ", "[!x]", "\x00", "\ufeff",
         # issue 18: cognitive levels, question pools, options the item-writing check reads
         "cognitive: recall", "cognitive: analyse", "cognitive: ???", "kind: assessment",
         "draw: {data-sharing: 2, data-literacy: 1}", "draw: [data-sharing]", "draw: {x: -1}",
         "max_recall: 0.5", "max_recall: yes", "::: exercise truefalse q-5",
         "::: exercise multiple q-6", "- [x] **unclosed", "- [ ] <div>x</div>", "- [ ] `"]
modules = st.lists(st.sampled_from(LINES) | st.text(max_size=30), max_size=40).map("\n".join)


def check(files: dict[str, bytes]) -> None:
    validation = validate_source(MemorySource(files))
    for problem in validation.problems:
        assert problem.severity in ("error", "warning") and problem.message
        assert problem.line >= 0
    assert (validation.pack is None) == any(p.severity == "error" for p in validation.problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(manifests)
def test_random_manifests_only_ever_give_problems(manifest: dict) -> None:  # type: ignore[type-arg]
    text = yaml.safe_dump(manifest, allow_unicode=True)
    check({**BASE, "course.yaml": text.encode("utf-8")})
    check({**BASE, "competencies.yaml": text.encode("utf-8")})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(modules)
def test_random_module_texts_only_ever_give_problems(text: str) -> None:
    check({**BASE, "modules/01-basics.md": text.encode("utf-8", "surrogatepass")})


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_only_ever_give_problems(data: bytes) -> None:
    check({**BASE, "modules/01-basics.md": data})
    check({**BASE, "course.yaml": data})


def test_load_pack_raises_only_pack_errors(tmp_path: Path) -> None:
    (tmp_path / "course.yaml").write_text("[unclosed", encoding="utf-8")
    try:
        load_pack(tmp_path)
    except PackInvalid as exc:
        assert isinstance(exc, PackError) and exc.problems


# --- the campaign: mutated real packs in a worker with limits -------------------------------

CASE_BUDGET_S = 10.0  # a real pack validates and renders in well under a second
EXAMPLES = int(os.environ.get("TRAINER_FUZZ_EXAMPLES", "120"))
WORKER = Path(__file__).with_name("fuzz_worker.py")
ROOT = Path(__file__).resolve().parents[2]
BASES = {name: sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                      if p.is_file() and p.suffix in (".md", ".yaml"))
         for name, folder in {"digital-government": ROOT / "courses" / "digital-government",
                              "minimal": FIXTURES,
                              "learner-mini": FIXTURES.parent / "learner-mini"}.items()}

# Hostile constructs found in review and their relatives, each given a size.
HOSTILE: dict[str, Callable[[int], str]] = {
    "yaml-laughs": lambda n: "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi",
                                                                  strict=True))
        + "? [*i, *i, *i]\n: x\n",
    "yaml-tag": lambda n: ["title: !!timestamp 2024-01-01", "x: !!set {a, b}",
                           "x: !!binary aGk=", "x: !custom y", "x: !!python/object:os.system y",
                           "- !!timestamp 2024-01-01"][n % 6],
    "yaml-deep": lambda n: "x: " + "[" * (n % 3000) + "]" * (n % 3000),
    "yaml-deep-block": lambda n: "".join("  " * i + f"k{i}:\n" for i in range(n % 200)),
    "yaml-anchor-key": lambda n: "? &k [a]\n: b\nc: *k",
    "date": lambda n: "summary: 2024-01-01",
    "deep-list": lambda n: "\n".join("  " * i + "- x" for i in range(n % 1200)),
    "deep-ordered": lambda n: "\n".join("   " * i + "1. x" for i in range(n % 600)),
    "deep-quote": lambda n: ">" * (n % 3000) + " x",
    "deep-mixed": lambda n: "- > " * (n % 1500) + "x",
    "brackets": lambda n: "[" * (n % 20000),
    "nested-brackets": lambda n: "[" * (n % 5000) + "a" + "]" * (n % 5000),
    "links": lambda n: "[a](" * (n % 5000),
    "images": lambda n: "![a](" * (n % 5000),
    "tags": lambda n: "<a " * (n % 5000),
    "spans": lambda n: "<span>" * (n % 5000),
    "entities": lambda n: "&amp;" * (n % 50000),
    "emphasis": lambda n: "*_" * (n % 20000),
    "backticks": lambda n: "`a" * (n % 20000),
    "long-line": lambda n: "字" * (n * 50 % 600000),
    "table": lambda n: "| a | b |\n| - | - |\n" + "| x | y |\n" * (n % 5000),
    "wide-table": lambda n: "|" + " a |" * (n % 3000) + "\n|" + " - |" * (n % 3000),
    "definitions": lambda n: "a\n: b\n" * (n % 3000),
    "fences": lambda n: "~~~\n" * (n % 5000),
    "callouts": lambda n: "> [!NOTE]\n> x\n\n" * (n % 4000),
    "quotes": lambda n: "> x\n\n" * (n % 4000),
    "admonitions": lambda n: "\n".join("    " * i + "!!! note" for i in range(n % 300)),
    "indent": lambda n: " " * (n % 5000) + "x",
    "html-image": lambda n: '<img src="/etc/passwd"> <img src="file:///etc/x.png">',
    "exercise": lambda n: "::: exercise single q-fuzz\ncompetencies: data-sharing\n\n?\n\n"
                          "- [x] a\n- [ ] b\n:::",
    "nul": lambda n: "\x00" * (n % 10 + 1),
    "pool": lambda n: f"draw: {{data-sharing: {n % 5}, nothing: x}}\nmax_recall: {n % 3 / 2}",
    "item-checks": lambda n: f"item_checks: {{longest_key_share: {n % 4}, stem_cue: off, "
                             "x: [1], same_stem_similarity: 0.5}",
    "item": lambda n: "::: exercise single q-item\ncompetencies: data-sharing\ncognitive: "
                      "recall\n\n" + "题干" * (n % 500) + "\n\n- [x] **" + "长" * (n % 1000)
                      + "\n- [ ] <div>b</div>\n:::",
}


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """A base pack, one of its files, and that file mutated by a few random edits."""
    base = draw(st.sampled_from(sorted(BASES)))
    name = draw(st.sampled_from(BASES[base]))
    folder = {"digital-government": ROOT / "courses" / "digital-government",
              "minimal": FIXTURES, "learner-mini": FIXTURES.parent / "learner-mini"}[base]
    data = (folder / name).read_bytes()
    for _ in range(draw(st.integers(1, 3))):
        lines = data.split(b"\n")
        at = draw(st.integers(0, len(lines)))
        kind = draw(st.sampled_from(["hostile", "hostile", "delete", "duplicate", "bytes",
                                     "flip"]))
        if kind == "hostile":
            maker = HOSTILE[draw(st.sampled_from(sorted(HOSTILE)))]
            snippet = maker(draw(st.integers(0, 1 << 20))).encode("utf-8")
            lines[at:at] = [b"", snippet, b""] if draw(st.booleans()) else [snippet]
        elif kind == "delete":
            del lines[at:at + draw(st.integers(1, 20))]
        elif kind == "duplicate" and lines:
            line = lines[min(at, len(lines) - 1)]
            lines[at:at] = [line] * draw(st.integers(1, 2000))
        elif kind == "bytes":
            lines[at:at] = [draw(st.binary(max_size=40))]
        else:
            joined = b"\n".join(lines)
            if joined:
                spot = draw(st.integers(0, len(joined) - 1))
                joined = joined[:spot] + bytes([joined[spot] ^ draw(st.integers(1, 255))]) + \
                    joined[spot + 1:]
            lines = joined.split(b"\n")
        data = b"\n".join(lines)
    return base, name, data


class Worker:
    """The worker process; restarted after a case kills it or runs out of time."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> subprocess.Popen[str]:
        if self.process is None or self.process.poll() is not None:
            env = dict(os.environ, PYTHONPATH=os.pathsep.join(
                [str(ROOT), os.environ.get("PYTHONPATH", "")]))
            self.process = subprocess.Popen([sys.executable, str(WORKER)], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, text=True, env=env)
            assert self.process.stdout is not None
            assert self.process.stdout.readline().strip() == "ready"
        return self.process

    def run(self, case: tuple[str, str, bytes]) -> tuple[str, float, str]:
        process = self.start()
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(base64.b64encode(pickle.dumps(case)).decode() + "\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], CASE_BUDGET_S)
        if not ready:
            self.stop()
            return ("hang", CASE_BUDGET_S, f"no answer within {CASE_BUDGET_S:.0f} s")
        line = process.stdout.readline()
        if not line:
            code = process.wait()
            self.stop()
            return ("died", 0.0, f"the worker died (exit status {code})")
        return pickle.loads(base64.b64decode(line))  # noqa: S301 - our own worker

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()
            self.process = None


@pytest.fixture(scope="module")
def worker() -> Iterator[Worker]:
    running = Worker()
    yield running
    running.stop()


def test_mutated_real_packs_never_hang_blow_up_or_raise(worker: Worker) -> None:
    """Every case answers within the budget, inside the memory limit, with problems only."""
    trials: list[float] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(mutations())
    def case(mutation: tuple[str, str, bytes]) -> None:
        outcome, seconds, detail = worker.run(mutation)
        trials.append(seconds)
        base, name, data = mutation
        assert outcome == "ok", f"{base}/{name} ({len(data):,} bytes): {outcome}: {detail}"
        assert seconds < CASE_BUDGET_S

    case()
    print(f"\nfuzz campaign: {len(trials)} cases, slowest {max(trials):.2f} s, "
          f"total {sum(trials):.1f} s")
