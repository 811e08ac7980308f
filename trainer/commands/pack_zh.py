"""What ``pack build``, ``pack import`` and ``pack info`` print, in the user's language.

``pack validate`` already speaks Chinese in a Chinese locale (or with the interface language
set to Chinese); the commands that validate on the way (build, import) and ``info`` follow the
same choice, so a trainer never meets a Chinese checker and an English builder. Lower layers
raise in English; the Chinese comes from ``trainer.errors_zh`` and the validator's own
catalogue (``trainer.content.messages_zh``) for the pack problem a message quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from trainer.errors import TrainerError


def chinese(language: str) -> bool:
    return language.lower().startswith("zh")


@contextmanager
def errors_in(language: str) -> Iterator[None]:
    """Re-raise a known problem worded in ``language`` (same exit status)."""
    try:
        yield
    except TrainerError as exc:
        if not chinese(language):
            raise
        translated = _translated(exc)
        if translated is None:
            raise
        raise translated from exc


def _translated(exc: TrainerError) -> TrainerError | None:
    from trainer.content.errors import PackInvalid
    from trainer.errors_zh import to_chinese

    message = to_chinese(exc.message, _problem)
    if message is None:
        return None
    if isinstance(exc, PackInvalid):
        hint: str | None = f"请运行 trainer pack validate {exc.source} 查看全部问题。"
    elif exc.hint and "'trainer " in exc.hint:
        hint = exc.hint  # the Chinese catalogue words it for the app; here the command helps
    else:
        hint = (to_chinese(exc.hint) or exc.hint) if exc.hint else None
    error = TrainerError(message, hint=hint)
    error.exit_code = exc.exit_code
    return error


def _problem(text: str) -> str:
    """``FILE:LINE: error: message`` quoted in a message, as ``pack validate`` words it."""
    from trainer.content.messages_zh import SEVERITY
    from trainer.content.messages_zh import to_chinese as problem_to_chinese

    match = re.match(r"^(.*?): (error|warning): (.*)$", text, re.S)
    if match is None:
        return text
    where, severity, message = match.groups()
    return f"{where}: {SEVERITY[severity]}: {problem_to_chinese(message)}"


def built(path: str, files: int, size: int, sha256: str, language: str) -> list[str]:
    if chinese(language):
        return [f"已写出 {path}（{files} 个文件，{size:,} 字节）。",
                f"SHA-256：{sha256}（与文件一起提供，学员的电脑可以据此核对）"]
    return [f"Wrote {path} ({files} files, {size:,} bytes).",
            f"SHA-256: {sha256}  (give it with the file; learners' machines can compare)"]


def installed(title: str, ident: str, version: str, language: str) -> str:
    if chinese(language):
        return f"已安装 {title}（{ident} {version}）。"
    return f"Installed {title} ({ident} {version})."


def newer_stays(previous: str, language: str) -> str:
    if chinese(language):
        return f"注意：已安装的 {previous} 版本更新，学员看到的仍是它。"
    return f"Note: {previous} is newer and stays the version learners see."


def ids_gone(count: int, previous: str, shown: str, language: str) -> str:
    if chinese(language):
        return (f"注意：{previous} 版本中的 {count} 个编号在新版本中没有了（{shown}）；学员在这些"
                "题目和模块上的历史成绩保留，但不再计入这个版本。")
    return (f"Note: {count} id(s) of version {previous} are gone ({shown}); learners keep "
            "their past results for them, but they no longer count in this version.")


def already(ident: str, version: str, language: str) -> str:
    if chinese(language):
        return f"{ident} {version} 已经安装，没有改动。"
    return f"{ident} {version} is already installed; nothing changed."
