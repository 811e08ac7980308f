"""What a roster file really is, judged by its first bytes rather than its name.

WPS, ERP and HR systems often write a "spreadsheet" that is something else under an Excel
name: CSV or tab-separated text called ``.xlsx`` or ``.xls``, a web page (an HTML table) called
``.xls``, an Excel 97-2003 workbook renamed ``.xlsx``. Trusting the name gives a confusing
"damaged zip" message or, worse, reads a web page's markup as people. So the content decides:
a zip is a workbook, text is CSV whatever its name, and the rest is refused with what it is and
how to save it as something Trainer reads.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from trainer.store.roster_decode import RosterUnreadable

WORKBOOK, TEXT = "workbook", "text"
SAVE_AGAIN = ("Open it in Excel or WPS and use 'Save as' → Excel workbook (.xlsx) or "
              "'CSV UTF-8', then import that file.")
_OLE = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls, WPS .et, Word .doc
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML = (b"<!doctype", b"<html", b"<table", b"<?xml", b"<head", b"<meta", b"<body", b"<style")


def file_kind(path: Path, head: bytes, size: int) -> str:
    """WORKBOOK or TEXT; RosterUnreadable for an empty file or one Trainer cannot read."""
    suffix = path.suffix.lower()
    if size == 0 or not head.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise RosterUnreadable(f"{path}: the file is empty (0 people).",
                               hint="Check that you chose the right file; the first row must "
                                    "hold column names, one person per row.")
    if head.startswith(b"PK\x03\x04"):
        if suffix in (".ods", ".numbers"):
            raise RosterUnreadable(f"{path}: {suffix} spreadsheets cannot be read.", hint=SAVE_AGAIN)
        return WORKBOOK
    if head.startswith(_OLE):
        raise RosterUnreadable(
            f"{path}: this is an Excel 97-2003 workbook (.xls) or a WPS .et file, whatever its "
            "name says; Trainer cannot read that format.", hint=SAVE_AGAIN)
    text = _text_start(head)
    if text.startswith(_HTML) or b"<table" in text[:4096]:
        raise RosterUnreadable(
            f"{path}: this is a web page (an HTML table), whatever its name says; systems that "
            "'export to Excel' often write one, and it is not a workbook.", hint=SAVE_AGAIN)
    if b"\x00" in head and not head.startswith(_BOMS[1:]):
        raise RosterUnreadable(f"{path}: this is not a roster: it is neither a workbook nor "
                               "text (CSV).", hint=SAVE_AGAIN)
    if suffix in (".numbers", ".ods"):
        raise RosterUnreadable(f"{path}: {suffix} spreadsheets cannot be read.", hint=SAVE_AGAIN)
    return TEXT


def _text_start(head: bytes) -> bytes:
    """The first bytes without BOM and blank space, lower case, UTF-16 narrowed to ASCII."""
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    if head[1:2] == b"\x00" or head[:1] == b"\x00":
        head = head.replace(b"\x00", b"")
    return head.lstrip(b" \t\r\n").lower()
