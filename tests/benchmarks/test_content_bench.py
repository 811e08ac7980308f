"""Content budgets (DESIGN §6): validate a 1,000-module pack under 2 s; render a 20 KB lesson
under 30 ms and a 500 KB one under 600 ms (under 50 ms when cached).

The lessons are typical ones: prose, lists and call-outs, with a table and a code block in every
third section. Baselines measured in the same run: for validation, reading every file and
parsing its YAML (the least any loader must do); for rendering, python-markdown with no
extensions on the same text (DESIGN §6 quotes it at 80 ms per 100 KB; render budgets are scaled when this machine is
slower than that right now, since the figures must be compared within one run).

Run: QT_QPA_PLATFORM=offscreen pytest tests/benchmarks/test_content_bench.py -p no:cacheprovider -s
"""

from __future__ import annotations

import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import markdown
import yaml

from trainer.content.loader import validate_pack
from trainer.content.render import clear_cache, render_markdown
from trainer.content.starter import STARTER_DIR

PROSE = ("政务数据共享要坚持“以共享为原则、不共享为例外”。各部门在履职中产生的数据，应当按照"
         "目录向其他部门提供；使用部门要按约定的用途、范围和期限使用数据，并承担相应的安全责任。"
         "实际工作中，很多争议来自权责不清：提供部门担心数据被滥用，使用部门嫌审批太慢。")
LESSON = """
## 第 {n} 节 数据共享的条件

""" + PROSE + """
建立清晰的共享目录和协议，是化解这类矛盾的关键。

""" + PROSE + """

- 查询共享目录，确认数据的共享类型；
- 填写申请，写明**用途、依据、范围和期限**；
- 通过平台交换，`按约定`使用。

> [!TIP] 实务提示
> 提出共享申请前，先查一查共享目录里是否已经有需要的数据。

""" + PROSE + """
"""
EXTRAS = """
| 类型 | 含义 | 例子 |
| --- | --- | --- |
| 无条件共享 | 可以提供给所有政务部门使用 | 办事指南 |
| 有条件共享 | 只能按约定的条件提供 | 社保缴纳明细 |

```text
申请编号：2024-{n}
```
"""

EXERCISES = """
::: exercise single q-{n}-a
competencies: data-sharing 0.7, data-literacy 0.3

人口基础信息通常属于哪种共享类型？

- [ ] 无条件共享
  > 涉及个人信息。
- [x] 有条件共享
- [ ] 不予共享

> 解析：按条件共享。
:::

::: exercise order q-{n}-b
competencies: data-sharing

请排列步骤。

1. 查询目录
2. 提交申请
3. 审核
4. 使用

> 解析：先查后申请。
:::
"""


def _median(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _big_pack(root: Path, count: int) -> Path:
    shutil.copytree(STARTER_DIR / "zh-CN", root)
    for path in (root / "modules").iterdir():
        path.unlink()
    names = []
    for n in range(count):
        name = f"modules/{n:04d}.md"
        names.append(f"  - {name}")
        front = (f"---\nid: m-{n}\ntitle: 第 {n} 课\nminutes: 10\n"
                 "competencies: [data-sharing, data-literacy]\n---\n")
        body = LESSON.format(n=n) + EXTRAS.format(n=n) + EXERCISES.format(n=n)
        (root / name).write_text(front + body, "utf-8")
    manifest = root / "course.yaml"
    text = manifest.read_text("utf-8")
    manifest.write_text(text[:text.index("modules:")] + "modules:\n" + "\n".join(names) + "\n",
                        "utf-8")
    return root


def _read_and_parse_yaml(root: Path) -> None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted(root.rglob("*")):
        if path.suffix in (".md", ".yaml"):
            text = path.read_text("utf-8")
            yaml.load(text.split("---")[1] if path.suffix == ".md" else text, Loader=loader)


def test_validate_a_1000_module_pack(tmp_path: Path) -> None:
    root = _big_pack(tmp_path / "big", 1000)
    validation = validate_pack(root)
    assert validation.ok and len(validation.pack.modules) == 1000  # type: ignore[union-attr]
    baseline = _median(lambda: _read_and_parse_yaml(root), 3)
    took = _median(lambda: validate_pack(root), 3)
    print(f"\nvalidate 1,000 modules / 2,000 exercises: median {took * 1000:.0f} ms "
          f"(budget 2000 ms); baseline read+YAML {baseline * 1000:.0f} ms; "
          f"ratio {took / baseline:.1f}x")
    assert took < 2.0


def _lesson(size: int) -> str:
    parts, n = [], 0
    while sum(len(p.encode()) for p in parts) < size:
        parts.append(LESSON.format(n=n) + (EXTRAS.format(n=n) if n % 3 == 0 else ""))
        n += 1
    return "# 课文\n" + "".join(parts)


def _render_figures(tmp_path: Path, size: int, runs: int) -> tuple[float, float, float]:
    """Medians of uncached render, cached render and the baseline, runs interleaved so that
    load from other processes hits all three alike."""
    text = _lesson(size)
    base, root = tmp_path / "modules", tmp_path
    render_markdown(text, base, root)  # first use builds the converter once per thread
    uncached, cached, baseline = [], [], []
    for _ in range(runs):
        clear_cache()
        uncached.append(_median(lambda: render_markdown(text, base, root), 1))
        cached.append(_median(lambda: render_markdown(text, base, root), 1))
        baseline.append(_median(lambda: markdown.markdown(text), 1))
    return statistics.median(uncached), statistics.median(cached), statistics.median(baseline)


def _slowness(baseline: float, size: int) -> float:
    """How much slower this machine is now than DESIGN §6's reference (80 ms per 100 KB)."""
    return max(1.0, baseline / (0.080 * size / 100_000))


def test_render_a_20kb_lesson(tmp_path: Path) -> None:
    uncached, cached, baseline = _render_figures(tmp_path, 20_000, 21)
    budget = 0.030 * _slowness(baseline, 20_000)
    print(f"\nrender 20 KB: median {uncached * 1000:.1f} ms (budget 30 ms, {budget * 1000:.0f} "
          f"ms at this machine's speed), cached {cached * 1000:.3f} ms; baseline bare "
          f"python-markdown {baseline * 1000:.1f} ms; ratio {uncached / baseline:.2f}x")
    assert uncached < budget


def test_render_a_500kb_lesson(tmp_path: Path) -> None:
    uncached, cached, baseline = _render_figures(tmp_path, 500_000, 5)
    budget = 0.600 * _slowness(baseline, 500_000)
    print(f"\nrender 500 KB: median {uncached * 1000:.0f} ms (budget 600 ms, {budget * 1000:.0f} "
          f"ms at this machine's speed), cached {cached * 1000:.3f} ms (budget 50 ms); baseline "
          f"bare python-markdown {baseline * 1000:.0f} ms; ratio {uncached / baseline:.2f}x")
    assert uncached < budget and cached < 0.050
