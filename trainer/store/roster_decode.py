"""Roster bytes to text, judged line by line so a file that mixes encodings names the right line.

Excel and WPS write CSV as UTF-8 with a BOM ("CSV UTF-8"), as GB18030 ("CSV" on a Chinese
Windows) or as UTF-16 with a BOM ("Unicode text"). A roster pasted together from two of them
mixes encodings. Decoding the whole file first as UTF-8 and then as GB18030 blames the wrong
line: in a UTF-8 file with one GB18030 line, GB18030 fails on the first *UTF-8* line (UTF-8's
three-byte characters rarely pair up as GB18030), and GB18030 silently accepts many UTF-8 lines
as mojibake. charset-normalizer cannot help: it judges whole files and finds nothing for a
mixed one. So each line is judged on its own: a line valid in only one of UTF-8 and GB18030
is in that one; a line valid in both goes to the encoding that reads as common Chinese. A file with both kinds is refused, naming the lines in the minority encoding.
charset-normalizer is only asked about a file in which no line is UTF-8 or GB18030 (a
Windows-1252 export of an English roster, say), and its guess is only taken when every
encoding it finds plausible reads the file the same way. Otherwise (a cp1252 file that it would
read as cp775, turning Müller into M³ller) the read stops with ``RosterEncodingUnsure``: the
candidates with how one line reads in each, so the user picks with ``--encoding`` (the dialog
offers them as a list).
"""

from __future__ import annotations

import codecs
from pathlib import Path

from trainer.store.errors import StoreError

SAVE_AS_UTF8 = "Save the roster as 'CSV UTF-8' from Excel or WPS, or as an .xlsx workbook."
SHOWN_LINES = 5


SHOWN_CANDIDATES = 4
# Below this share of common Chinese characters, text read as GB18030 is taken for mojibake
# (a Windows-1252 "Müller" reads as "M黮ler"); real rosters score far above it, rare names too.
PLAUSIBLE_CHINESE = 0.5
WESTERN_FIRST = ("cp1252", "utf_8", "gb18030")  # shown first among the candidates


class RosterUnreadable(StoreError):
    """The roster file cannot be read as a table (wrong format, damaged, empty)."""


class RosterEncodingUnsure(RosterUnreadable):
    """No encoding is certain; ``candidates`` holds (encoding, how the sample line reads)."""

    def __init__(self, message: str, *, hint: str, candidates: list[tuple[str, str]]) -> None:
        super().__init__(message, hint=hint)
        self.candidates = candidates


def decode_text(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """The file's text and the encoding it was read in; RosterUnreadable names the bad lines.
    ``encoding`` (the user's choice) is used as given, strictly."""
    if encoding:
        return _chosen(data, path, encoding), encoding
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, path, "utf-8-sig", "UTF-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel "Unicode text"
        return _strict(data, path, "utf-16", "UTF-16"), "utf-16"
    lines = data.split(b"\n")
    judged = [_judge(line) for line in lines]
    sure = {encoding: [n for n, (kind, certain) in enumerate(judged, start=1)
                       if kind == encoding and certain] for encoding in ("utf-8", "gb18030")}
    neither = [n for n, (kind, _) in enumerate(judged, start=1) if kind is None]
    if sure["utf-8"] and sure["gb18030"]:
        raise _mixed(path, lines, sure["utf-8"], sure["gb18030"])
    if neither:
        if not any(kind in ("utf-8", "gb18030") for kind, _ in judged):
            guessed = _guess(data, path)
            if guessed is not None:
                return guessed
        raise _not_valid(path, lines, neither, "gb18030" if sure["gb18030"] else "utf-8")
    if sure["gb18030"] or (not sure["utf-8"] and _mostly_gb(judged)):
        text = data.decode("gb18030")
        if _common_share(text) < PLAUSIBLE_CHINESE:  # a Western file GB18030 happens to accept
            return _guess(data, path, also=(text, "gb18030")) or (text, "gb18030")
        return text, "gb18030"
    return data.decode("utf-8"), "utf-8"


def _judge(line: bytes) -> tuple[str | None, bool]:
    """The line's encoding ("ascii", "utf-8", "gb18030" or None for neither), and whether that
    is certain. A line valid in both (short ones often are: 钱 in GB18030 is Ǯ in UTF-8) goes
    to the encoding in which more of its characters are common Chinese ones; it is certain
    only when that share differs by half or more, otherwise it follows the rest of the file."""
    if line.isascii():
        return "ascii", False
    texts = {}
    for encoding in ("utf-8", "gb18030"):
        try:
            texts[encoding] = line.decode(encoding)
        except UnicodeDecodeError:
            continue
    if len(texts) < 2:
        return next(iter(texts), None), True
    utf8, gb = _common_share(texts["utf-8"]), _common_share(texts["gb18030"])
    return ("utf-8" if utf8 >= gb else "gb18030"), abs(utf8 - gb) >= 0.5


def _mostly_gb(judged: list[tuple[str | None, bool]]) -> bool:
    votes = [kind for kind, _ in judged if kind in ("utf-8", "gb18030")]
    return votes.count("gb18030") > votes.count("utf-8")


def _common_share(text: str) -> float:
    """Share of the non-ASCII characters that are common in Chinese text: the 3,755 most used
    characters (GB2312 level 1), CJK punctuation and full-width forms. Text decoded in the
    wrong encoding is mostly rare characters, symbols and letters of other scripts."""
    others = [ch for ch in text if ord(ch) > 0x7F]
    common = 0
    for ch in others:
        if "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef":
            common += 1
            continue
        try:
            encoded = ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 0xB0 <= encoded[0] <= 0xD7
    return common / len(others) if others else 1.0


def _strict(data: bytes, path: Path, encoding: str, title: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        before = data[:exc.start].decode(encoding, errors="replace")
        line = before.count("\n") + 1
        raise RosterUnreadable(
            f"{path}:{line}: this line is not valid {title} although the file starts as "
            f"{title} (a byte-order mark); was it pasted from another file?",
            hint=SAVE_AS_UTF8) from exc


def _chosen(data: bytes, path: Path, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise RosterUnreadable(f"{path}: {encoding!r} is not an encoding name.",
                               hint="Use a name such as utf-8, gb18030, cp1252 or "
                                    "latin-1.") from None
    if data.startswith(codecs.BOM_UTF8) and encoding.replace("-", "_").lower() in ("utf_8",
                                                                                   "utf8"):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise RosterUnreadable(f"{path}:{line}: this line is not valid {encoding}, the encoding "
                               "given with --encoding.",
                               hint="Give the encoding the file was saved in, or leave out "
                                    "--encoding to let Trainer tell.") from exc


def _guess(data: bytes, path: Path, also: tuple[str, str] | None = None
           ) -> tuple[str, str] | None:
    """charset-normalizer's guess when every plausible encoding reads the file alike; else
    RosterEncodingUnsure with the candidates (``also``: one more reading, offered too)."""
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        return None
    readings: dict[str, str] = {}
    for match in results:
        readings.setdefault(str(match), match.encoding)
    if also is not None:
        readings.setdefault(*also)
    if len(readings) == 1:
        return str(results[0]), results[0].encoding
    raise _unsure(path, data, [(text, name) for text, name in readings.items()])


def _unsure(path: Path, data: bytes, readings: list[tuple[str, str]]) -> RosterEncodingUnsure:
    """Name the first line the candidates read differently, as each reads it."""
    readings.sort(key=lambda item: (WESTERN_FIRST.index(item[1])
                                    if item[1] in WESTERN_FIRST else len(WESTERN_FIRST)))
    readings = readings[:SHOWN_CANDIDATES]
    split = [text.splitlines() for text, _ in readings]
    line = next((n for n, variants in enumerate(zip(*split, strict=False))
                 if len(set(variants)) > 1), 0)
    candidates = [(name, _clip(lines[line] if line < len(lines) else ""))
                  for (_, name), lines in zip(readings, split, strict=True)]
    shown = "; ".join(f"as {name}: {text!r}" for name, text in candidates)
    return RosterEncodingUnsure(
        f"{path}:{line + 1}: the file's encoding cannot be told for sure; this line reads "
        f"differently in each likely one ({shown}). Nothing was read.",
        hint=f"Give the right one with --encoding (for example --encoding {candidates[0][0]}), "
             "or save the roster as 'CSV UTF-8' and import that file.",
        candidates=candidates)


def _clip(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 40 else text[:40] + "…"


def _listed(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:SHOWN_LINES])
    more = len(numbers) - SHOWN_LINES
    return shown + (f" and {more} more" if more > 0 else "")


def _preview(line: bytes, encoding: str) -> str:
    text = line.decode(encoding, errors="replace").strip()
    return text if len(text) <= 40 else text[:40] + "…"


def _mixed(path: Path, lines: list[bytes], utf8: list[int], gb: list[int]) -> RosterUnreadable:
    """Most lines in one encoding, a few in the other: name the few."""
    if len(gb) <= len(utf8):
        odd, odd_name, odd_codec, main = gb, "GB18030", "gb18030", "UTF-8"
    else:
        odd, odd_name, odd_codec, main = utf8, "UTF-8", "utf-8", "GB18030"
    first = odd[0]
    others = f" (also line {_listed(odd[1:])})" if len(odd) > 1 else ""
    return RosterUnreadable(
        f"{path}:{first}: this line is in {odd_name} but the rest of the file is in {main}"
        f"{others}; it reads {_preview(lines[first - 1], odd_codec)!r}. The file mixes two "
        "encodings, so it was not read.",
        hint="Retype or re-paste those lines in Excel or WPS and save the whole roster again "
             "as 'CSV UTF-8' (or as an .xlsx workbook).")


def _not_valid(path: Path, lines: list[bytes], bad: list[int], main: str) -> RosterUnreadable:
    """Lines that are neither UTF-8 nor GB18030, shown as the rest of the file reads."""
    others = f" (also line {_listed(bad[1:])})" if len(bad) > 1 else ""
    return RosterUnreadable(
        f"{path}:{bad[0]}: the text is not valid UTF-8 or GB18030{others}; it reads "
        f"{_preview(lines[bad[0] - 1], main)!r}.",
        hint=SAVE_AS_UTF8)
