"""Finding people by pinyin (no Qt): full pinyin, initials, surnames read as surnames, and
10,000 names filtered per keystroke without lag."""

from __future__ import annotations

import random
import time

import pytest

from trainer.analytics.namesearch import matches, name_key, person_key, query_words


def found(name: str, query: str) -> bool:
    return matches(person_key(name, "1001", "办公室"), query_words(query))


@pytest.mark.parametrize("query", ["张伟", "zhangwei", "zw", "ZW", "zhang wei", "zhangw",
                                   "ｚｈａｎｇ", "张 bgs", "bangong", "1001"])
def test_zhang_wei_is_found_by_characters_pinyin_and_initials(query: str) -> None:
    assert found("张伟", query)


@pytest.mark.parametrize("query", ["lw", "zhangwu", "zhangweibgs", "2002"])
def test_other_queries_do_not_find_zhang_wei(query: str) -> None:
    assert not found("张伟", query), "a word never spans two fields or another reading"


@pytest.mark.parametrize("name, full, initials, wrong", [
    ("曾凡", "zengfan", "zf", "cengfan"),
    ("单雄信", "shanxiongxin", "sxx", "danxiongxin"),
    ("解放", "xiefang", "xf", "jiefang"),
    ("仇英", "qiuying", "qy", "chouying"),
    ("朴正", "piaozheng", "pz", "puzheng"),
    ("区志", "ouzhi", "oz", "quzhi"),
    ("尉迟恭", "yuchigong", "ycg", "weichigong"),
])
def test_surnames_are_read_as_surnames(name: str, full: str, initials: str, wrong: str) -> None:
    assert found(name, full) and found(name, initials)
    assert not found(name, wrong), f"{name} is not read {wrong}"


def test_only_the_first_character_takes_the_surname_reading() -> None:
    assert found("张曾", "zhangceng"), "曾 in a given name keeps its usual reading"
    assert found("王单", "wangdan")


def test_names_without_chinese_are_matched_as_written() -> None:
    assert matches(name_key("Wang Fang"), query_words("wang FANG"))
    assert not matches(name_key("Wang Fang"), query_words("wf"))


def test_ten_thousand_names_filter_without_lag() -> None:
    """Keys built once for 10,000 names; each keystroke is then only substring tests."""
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗曾单解仇朴欧阳"
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红"
    rnd = random.Random(17)
    people = [(rnd.choice(surnames) + "".join(rnd.choice(given) for _ in range(rnd.choice((1, 2)))),
               f"{10000 + n}", rnd.choice(["办公室", "数据管理局", "民政局", "人社局"]))
              for n in range(10_000)]
    name_key.cache_clear()
    start = time.perf_counter()
    keys = [person_key(*person) for person in people]
    built = time.perf_counter() - start
    worst = 0.0
    for typed in ("z", "zh", "zha", "zhan", "zhang", "zhang w", "zw", "曾", "zengf"):
        start = time.perf_counter()
        words = query_words(typed)
        hits = [key for key in keys if matches(key, words)]
        worst = max(worst, time.perf_counter() - start)
        assert hits or typed == "zengf"
    print(f"keys for 10,000: {built * 1000:.0f} ms; worst keystroke: {worst * 1000:.1f} ms")
    assert built < 1.0, f"building 10,000 keys took {built:.2f} s"
    assert worst < 0.05, f"one keystroke over 10,000 names took {worst * 1000:.0f} ms"


def test_every_character_reads_as_pypinyin_reads_it() -> None:
    """The compact reading table gives, for each of pypinyin's ~42,000 characters, what
    ``lazy_pinyin(char, style=Style.NORMAL)`` gives (ü as v, ê kept, ḿ/ń as m/n)."""
    from pypinyin import Style, lazy_pinyin

    from trainer.analytics.namesearch import _load_readings, fold

    table = _load_readings()
    assert len(table) > 40_000
    wrong = [(chr(code), ours, theirs) for code, ours in table.items()
             if ours != (theirs := fold(lazy_pinyin(chr(code), style=Style.NORMAL)[0]))]
    assert not wrong, wrong[:20]
    assert matches(name_key("吕绿"), query_words("lvlv")) and found("〇一", "lingyi")


def test_reading_names_keeps_no_phrase_dictionary() -> None:
    """Reading names (the sign-in list's keys after a roster import, HR's tables) must not load
    pypinyin's phrase dictionary: ~55 MB resident for the rest of the session, which reading
    one character at a time never uses. In a fresh process, so nothing else imported it."""
    import os
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    import trainer

    code = textwrap.dedent("""
        import sys
        def rss():
            status = open("/proc/self/status").read().split("VmRSS:")[1]
            return int(status.split()[0]) / 1024
        from trainer.analytics.namesearch import name_key, person_key, sort_key
        before = rss()
        keys = [person_key("曾凡" + chr(0x4E00 + n), "1001", "数据管理局") for n in range(5000)]
        assert "zengfan" in keys[0] and sort_key("吕伟").startswith("lv wei")
        print("pypinyin" in sys.modules, rss() - before)
    """)
    env = dict(os.environ, PYTHONPATH=str(Path(trainer.__file__).resolve().parents[1]))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True, env=env)
    imported, grown = done.stdout.split()
    assert imported == "False", "pypinyin itself (and its phrase dictionary) was imported"
    if sys.platform.startswith("linux"):
        assert float(grown) < 15, f"reading 5,000 names grew the process by {grown} MB"


def test_the_table_is_read_through_pypinyin_where_its_file_is_not_found(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A frozen build that lays pypinyin out otherwise still reads names, the same way."""
    import importlib.util

    from trainer.analytics import namesearch

    from_file = namesearch._table()
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    assert namesearch._table() == from_file
