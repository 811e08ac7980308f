"""Question banks from other tools (Moodle GIFT, Aiken), as neutral questions.

The parsers in ``gift.py`` and ``aiken.py`` produce ``BankQuestion`` values and problems with
lines; ``bankwriter.py`` turns the questions into a module of our Markdown format. Keeping the
three apart lets each parser be tested on its own syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer.content.errors import PackError
from trainer.content.problems import Problems


@dataclass(frozen=True)
class BankOption:
    text: str
    credit: float  # share of full marks for choosing it: 1.0 right, 0 wrong, between: partial
    feedback: str = ""


@dataclass(frozen=True)
class BankQuestion:
    """One question in a form every exercise type of ours can be written from."""

    kind: str  # single | multiple | truefalse | fill | match | open | text
    line: int  # where it starts in the source file
    title: str
    text: str  # the question (or, for "text", a passage of plain description)
    category: str = ""
    options: tuple[BankOption, ...] = ()  # single, multiple, truefalse (true first)
    answers: tuple[str, ...] = ()  # fill
    pairs: tuple[tuple[str, str], ...] = ()  # match
    explanation: str = ""
    partial: tuple[tuple[str, float], ...] = ()  # fill from a numerical: partly right answers
    other_feedback: str = ""  # fill from a numerical: feedback for any other answer
    knowledge: str = ""  # 知识点 of an Excel bank: the competency it trains


@dataclass
class Bank:
    """What a parser found: the questions it could convert and every problem, with its line."""

    source: str  # file name, for problem messages
    questions: list[BankQuestion] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)

    def skip(self, line: int, message: str) -> None:
        """A question that cannot be converted: reported, and the rest still converts."""
        self.problems.error(self.source, line, message)

    def warn(self, line: int, message: str) -> None:
        self.problems.warning(self.source, line, message)


def decode_bank(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) first, then GB18030, which Chinese Windows tools write;
    UTF-16 with its BOM (Notepad's "Unicode") too."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16").replace("\r\n", "\n").replace("\r", "\n")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise PackError(
                f"{source} is neither UTF-8 nor GB18030 text (byte {exc.start}).",
                hint="Save the question bank as UTF-8 in your editor and try again.",
            ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")
