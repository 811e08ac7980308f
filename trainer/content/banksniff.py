"""What a question-bank file really is, whatever its name says.

WPS and ERP systems save CSV or HTML tables under an ``.xlsx`` name, people rename a Word file to
``.gift``, and a download can be empty. Each importer asks ``check_bank_file`` first, so the
trainer reads what the file is and how to fix it instead of a parser's confusion.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from trainer.content.errors import PackError

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97–2003 .xls, Word .doc, WPS .et/.wps
_HTML = (b"<!doctype html", b"<html", b"<table", b"<?xml", b"<head", b"<meta")


def sniff(head: bytes, path: Path) -> str:
    """``empty``, ``xlsx``, ``docx``, ``zip``, ``ole``, ``xml``, ``html``, ``binary`` or
    ``text``."""
    if not head.strip():
        return "empty"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return "zip"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        return "zip"
    if head.startswith(_OLE):
        return "ole"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16, Notepad's "Unicode": decode_bank reads it
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"<?xml") and b"<quiz" in lowered[:2048]:
        return "xml"
    if lowered.startswith(_HTML):
        return "html"
    if b"\x00" in head[:4096]:
        return "binary"
    return "text"


_WHAT = {
    "docx": "a Word document", "zip": "a zip archive", "ole": "an old Excel/Word (97–2003) file",
    "html": "a web page (HTML)", "xml": "Moodle XML", "binary": "not text", "text": "plain text (such as CSV)",
    "xlsx": "an Excel workbook",
}


def check_bank_file(path: Path, expected: str) -> None:
    """Refuse an empty file or one whose content is not ``expected`` (``xlsx`` or ``text``)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise PackError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    kind = sniff(head, path)
    if kind == "empty":
        raise PackError(f"{path.name} is empty.",
                        hint="Choose the file that holds the questions.")
    if kind == expected:
        return
    what = _WHAT[kind]
    if expected == "xlsx":
        if kind == "ole":
            raise PackError(f"{path.name} is an Excel 97–2003 (.xls) workbook, which cannot be "
                            "read.", hint="Open it in Excel or WPS and save it as 'Excel "
                            "workbook (*.xlsx)', then import the .xlsx file.")
        raise PackError(f"{path.name} is not an Excel workbook: it is {what}.",
                        hint="Open it in Excel or WPS and save it as 'Excel workbook (*.xlsx)', "
                        "then import the .xlsx file.")
    raise PackError(f"{path.name} is not a text question bank: it is {what}.",
                    hint="Excel banks go through 'from-xlsx'; GIFT and Aiken banks are plain "
                    "text files (save as .txt, UTF-8).")
