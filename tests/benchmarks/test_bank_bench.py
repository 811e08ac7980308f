"""Excel question bank budget (issue 19): 100,000 rows convert in minutes and bounded memory.

A workbook shaped as Excel and WPS save them (shared strings), four question types, chapters of
5,000 rows; ``trainer pack from-xlsx`` runs in its own process, so its peak memory is its own.
Prints the wall time and the peak resident memory; stages measured here on the shared 2-core
machine: reading ~25 s (openpyxl read-only), Markdown ~7 s, validating the written pack ~55 s.

Run: pytest tests/benchmarks/test_bank_bench.py -p no:cacheprovider -s
(TRAINER_BENCH_BANK_ROWS=20000 for a quicker run)
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROWS = int(os.environ.get("TRAINER_BENCH_BANK_ROWS", "100000"))
SECONDS = 240 * ROWS / 100_000  # budget: four minutes for 100,000 rows, progress shown
PEAK_MB = 600


def _bank(path: Path) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))  # shared strings, as Excel and WPS write
    sheet = book.add_worksheet("题库")
    header = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "知识点", "章节"]
    for column, value in enumerate(header):
        sheet.write_string(0, column, value)
    for row in range(1, ROWS + 1):
        kind = ("单选", "多选", "判断", "填空")[row % 4]
        options = ["甲", "乙", "丙", "丁"] if kind in ("单选", "多选") else [""] * 4
        answer = {"单选": "B", "多选": "A,C", "判断": "对", "填空": "平台|共享平台"}[kind]
        stem = f"第 {row} 题：统一的____交换数据。" if kind == "填空" else f"第 {row} 题：哪一项正确？"
        cells = [kind, stem, *options, answer, "解析文字", "数据共享与开放",
                 f"第 {row // 5000 + 1} 章"]
        for column, value in enumerate(cells):
            if value:
                sheet.write_string(row, column, value)
    book.close()
    return path


def test_100k_row_bank_converts_within_budget(tmp_path: Path) -> None:
    bank = _bank(tmp_path / "big.xlsx")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "trainer", "--data-dir", str(tmp_path / "d"),
                           "pack", "from-xlsx", str(bank), "-o", str(tmp_path / "pack")],
                          env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\n{ROWS:,} rows: {seconds:.1f} s, peak {peak_mb:.0f} MB")
    assert done.returncode == 0, done.stderr
    assert f"Converted {ROWS} question(s)" in done.stdout
    modules = list((tmp_path / "pack" / "modules").glob("*.md"))
    assert len(modules) >= ROWS // 200  # 200 questions a module at most, chapter by chapter
    assert seconds < SECONDS
    assert peak_mb < PEAK_MB
