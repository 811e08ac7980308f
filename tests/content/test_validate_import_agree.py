"""``trainer pack validate`` and ``trainer pack import`` agree on every zip (issue 13).

Both open and check a zip through one path (``open_source``, then ``validate_source``); import
then only copies. Every fixture pack, zipped flat and inside a top folder, and a set of hostile
archives go through both: a zip that validates installs, and a zip that is refused by one is
refused by the other, with the same first error.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.content.errors import PackError
from trainer.content.library import Library
from trainer.content.loader import validate_pack

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "packs"
PACKS = sorted([FIXTURES / "minimal", FIXTURES / "learner-mini",
                *(p for p in (FIXTURES / "broken").iterdir() if p.is_dir()),
                *(p for p in (ROOT / "courses").iterdir() if (p / "course.yaml").exists())])
MINIMAL = [(p.relative_to(FIXTURES / "minimal").as_posix(), p.read_bytes())
           for p in sorted((FIXTURES / "minimal").rglob("*")) if p.is_file()]


def _entries(folder: Path, prefix: str = "") -> list[tuple[str, bytes]]:
    return [(prefix + p.relative_to(folder).as_posix(), p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()]


def _gbk_names(entries: list[tuple[str, bytes]]) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """Entries as a Chinese Windows archiver stores them: GBK names, no UTF-8 flag."""
    result = []
    for name, data in entries:
        info = zipfile.ZipInfo(name.replace("01-basics", "第一课"))
        info.flag_bits &= ~0x800
        result.append((info, data))
    return result


HOSTILE: dict[str, list[tuple[str, bytes]]] = {
    "dot-segment": [*MINIMAL, ("modules/./01-basics.md", MINIMAL[-1][1])],
    "double-slash": [(n.replace("modules/", "modules//"), d) for n, d in MINIMAL],
    "dot-prefix": [("./" + n, d) for n, d in MINIMAL],
    "file-and-folder": [*MINIMAL, ("images", b"x"), ("images/a.png", b"y")],
    "long-name": [*MINIMAL, ("images/" + "a" * 300 + ".png", b"x")],
    "reserved-name": [*MINIMAL, ("images/CON.png", b"x")],
    "trailing-dot": [*MINIMAL, ("images/a.png.", b"x")],
    "unicode-twins": [*MINIMAL, ("images/caf\u00e9.png", b"x"), ("images/cafe\u0301.png", b"y")],
    "case-twins": [*MINIMAL, ("images/A.png", b"x"), ("images/a.png", b"y")],
    "traversal": [*MINIMAL, ("../evil.md", b"x")],
    "absolute": [*MINIMAL, ("/etc/evil.md", b"x")],
    "backslash": [*MINIMAL, ("modules\\evil.md", b"x")],
    "top-folder-and-stray-file": [*(("top/" + n, d) for n, d in MINIMAL), ("readme.txt", b"x")],
    "two-top-folders": [*(("a/" + n, d) for n, d in MINIMAL), *(("b/" + n, d) for n, d in MINIMAL)],
    "nested-top-folders": [("a/b/" + n, d) for n, d in MINIMAL],
    "yaml-alias": [(n, b"a: &a [x]\nb: *a\n" if n == "course.yaml" else d) for n, d in MINIMAL],
    "gb18030-manifest": [(n, d.decode().encode("gb18030") if n == "course.yaml" else d)
                         for n, d in MINIMAL],
    "deep-list": [(n, d + b"\n" + b"\n".join(b"  " * i + b"- x" for i in range(300))
                   if n.endswith(".md") else d) for n, d in MINIMAL],
    "empty": [],
}


def _write(path: Path, entries: list[tuple[str, bytes]] | list[tuple[zipfile.ZipInfo, bytes]]
           ) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return path


def _zips(folder: Path) -> list[Path]:
    zips = []
    for pack in PACKS:
        label = pack.name
        zips.append(_write(folder / f"{label}.zip", _entries(pack)))
        zips.append(_write(folder / f"{label}-in-folder.zip", _entries(pack, f"{label}/")))
    for label, entries in HOSTILE.items():
        zips.append(_write(folder / f"hostile-{label}.zip", entries))
    zips.append(_write(folder / "gbk-names.zip", _gbk_names(MINIMAL)))
    (folder / "not-a-zip.zip").write_bytes(b"PK\x03\x04 not really")
    zips.append(folder / "not-a-zip.zip")
    return zips


def _import(path: Path, packs_dir: Path) -> str | None:
    """None when installed, else the first line of the refusal."""
    try:
        Library(packs_dir).install(path)
    except PackError as exc:
        return exc.message
    return None


def test_validate_and_import_agree_on_every_zip(tmp_path: Path) -> None:
    zips = _zips(tmp_path)
    disagreements = []
    for number, path in enumerate(zips):
        validation = validate_pack(path)
        refused = _import(path, tmp_path / f"library-{number}")
        if validation.ok != (refused is None):
            disagreements.append(f"{path.name}: validate {'ok' if validation.ok else 'refused'}"
                                 f", import {refused or 'ok'}")
        elif refused is not None:
            first = validation.errors[0].message
            assert first.split(" ", 1)[0] in refused or first[:40] in refused, (path.name, first,
                                                                               refused)
    assert disagreements == []
    assert sum(1 for p in zips if validate_pack(p).ok) >= 4  # the good packs, both layouts


@pytest.mark.parametrize("name", ["learner-mini-in-folder", "hostile-file-and-folder",
                                  "hostile-long-name", "gbk-names"])
def test_the_commands_agree_end_to_end(name: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = {p.stem: p for p in _zips(tmp_path)}[name]
    data = str(tmp_path / "data")
    validated = main(["--data-dir", data, "pack", "validate", str(path)])
    imported = main(["--data-dir", data, "pack", "import", str(path)])
    _, err = capsys.readouterr()
    assert validated == imported, err
    assert "Traceback" not in err
