"""Pack archives: reproducible builds, and hostile zips refused with the disk left as it was."""

from __future__ import annotations

import shutil
import stat
import warnings
import zipfile
from pathlib import Path

import pytest

from trainer.content.archive import build_pack
from trainer.content.errors import ArchiveRefused, PackConflict, PackInvalid
from trainer.content.library import Library
from trainer.content.loader import validate_pack
from trainer.content.safety import Limits

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "packs"
MINIMAL = FIXTURES / "minimal"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else b"")
            for p in sorted(folder.rglob("*"))}


def pack_files() -> list[tuple[str, bytes]]:
    return [(p.relative_to(MINIMAL).as_posix(), p.read_bytes())
            for p in sorted(MINIMAL.rglob("*")) if p.is_file()]


def write_zip(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # a duplicate name is one of the hostile cases
        for name, data in entries:
            archive.writestr(name, data)
    return path


def link_entry(name: str, target: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target.encode()


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "data" / "packs", None)


def test_build_is_reproducible_and_lists_digests(tmp_path: Path) -> None:
    first = build_pack(MINIMAL, tmp_path / "a.zip")
    second = build_pack(MINIMAL, tmp_path / "b.zip")
    assert first.path.read_bytes() == second.path.read_bytes()
    with zipfile.ZipFile(first.path) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        sums = archive.read("SHA256SUMS").decode()
    assert "  modules/01-basics.md\n" in sums and "  course.yaml\n" in sums
    assert validate_pack(first.path).ok


def test_build_refuses_an_invalid_pack_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(PackInvalid):
        build_pack(FIXTURES / "broken" / "single-no-correct", tmp_path / "x.zip")
    assert list(tmp_path.iterdir()) == []


def test_install_then_reinstall_same_version_changes_nothing(tmp_path: Path,
                                                            library: Library) -> None:
    built = build_pack(MINIMAL, tmp_path / "p.zip")
    result = library.install(built.path)
    assert result.changed and result.path == library.packs_dir / "broken-example" / "1.0.0"
    before = snapshot(library.packs_dir)
    again = library.install(built.path)
    assert not again.changed
    assert snapshot(library.packs_dir) == before


def test_newer_version_becomes_current_and_ids_stay(tmp_path: Path, library: Library) -> None:
    library.install(MINIMAL)
    newer = tmp_path / "newer"
    shutil.copytree(MINIMAL, newer)
    manifest = newer / "course.yaml"
    manifest.write_text(manifest.read_text("utf-8").replace("1.0.0", "1.1.0"), "utf-8")
    library.install(newer)
    assert [p.version for p in library.packs()] == ["1.1.0"]
    assert library.versions("broken-example") == ["1.0.0", "1.1.0"]
    assert library.get("broken-example").exercise("q-type").id == "q-type"
    assert library.get("broken-example", "1.0.0").version == "1.0.0"


def test_same_version_with_other_content_is_refused(tmp_path: Path, library: Library) -> None:
    library.install(MINIMAL)
    changed = tmp_path / "changed"
    shutil.copytree(MINIMAL, changed)
    module = changed / "modules" / "01-basics.md"
    module.write_text(module.read_text("utf-8").replace("三类", "四类"), "utf-8")
    before = snapshot(library.packs_dir)
    with pytest.raises(PackConflict, match="Raise the version"):
        library.install(changed)
    assert snapshot(library.packs_dir) == before


def test_a_zip_of_the_pack_folder_is_accepted(tmp_path: Path, library: Library) -> None:
    entries = [(f"my-pack/{name}", data) for name, data in pack_files()]
    result = library.install(write_zip(tmp_path / "hand.zip", entries))  # type: ignore[arg-type]
    assert result.pack.id == "broken-example"


HOSTILE = {
    "zip-slip": ([("../evil.txt", b"x")], "leaves its folder"),
    "deep-slip": ([("modules/../../evil.txt", b"x")], "leaves its folder"),
    "absolute": ([("/tmp/evil.txt", b"x")], "absolute path"),
    "drive": ([("C:/evil.txt", b"x")], "absolute path"),
    "backslash": ([("..\\evil.txt", b"x")], "unusable file name"),
    "link": ([link_entry("images/flow.png", "/etc/passwd")], "link"),
    "bomb": ([("images/big.png", b"\0" * (8 * 1024 * 1024))], "zip bomb"),
    "duplicate": ([("course.yaml", b"id: x\n")], "twice"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_archive_is_refused_and_the_disk_stays_as_it_was(case: str, tmp_path: Path,
                                                                library: Library) -> None:
    extra, message = HOSTILE[case]
    archive = write_zip(tmp_path / "hostile.zip", [*pack_files(), *extra])  # type: ignore[list-item]
    library.install(MINIMAL)  # something already installed must survive untouched
    before = snapshot(tmp_path)
    with pytest.raises(ArchiveRefused, match=message):
        library.install(archive)
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "evil.txt").exists()
    validation = validate_pack(archive)
    assert not validation.ok and message in validation.problems[0].message


def test_too_many_files_and_too_large_are_refused(tmp_path: Path) -> None:
    many = write_zip(tmp_path / "many.zip",
                     [*pack_files(), *[(f"images/{i}.txt", b"") for i in range(30)]])
    small = Library(tmp_path / "packs", None, Limits(max_files=20))
    with pytest.raises(ArchiveRefused, match="at most 20"):
        small.install(many)
    tight = Library(tmp_path / "packs", None, Limits(max_total_size=1000))
    with pytest.raises(ArchiveRefused, match="unpacks to"):
        tight.install(write_zip(tmp_path / "big.zip", pack_files()))
    assert not (tmp_path / "packs").exists() or list((tmp_path / "packs").iterdir()) == []


def test_changed_file_fails_its_digest(tmp_path: Path, library: Library) -> None:
    built = build_pack(MINIMAL, tmp_path / "p.zip")
    with zipfile.ZipFile(built.path) as archive:
        entries = [(n, archive.read(n)) for n in archive.namelist()]
    tampered = [(n, d.replace("三类".encode(), "四类".encode())) for n, d in entries]
    with pytest.raises(ArchiveRefused, match="does not match its SHA-256"):
        library.install(write_zip(tmp_path / "t.zip", tampered))  # type: ignore[arg-type]
    added = [*entries, ("images/extra.png", b"x")]
    with pytest.raises(ArchiveRefused, match="not in SHA256SUMS"):
        library.install(write_zip(tmp_path / "a.zip", added))  # type: ignore[arg-type]
    assert not library.packs_dir.exists() or not any(library.packs_dir.iterdir())


def test_folder_with_a_link_is_invalid(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    shutil.copytree(MINIMAL, folder)
    (folder / "images").mkdir()
    (folder / "images" / "x.png").symlink_to("/etc/passwd")
    validation = validate_pack(folder)
    assert [str(p) for p in validation.errors] == [
        "images/x.png: error: links (shortcuts) are not allowed in a pack; put the file itself "
        "here."]


def test_install_reports_ids_a_new_version_drops(tmp_path: Path, library: Library) -> None:
    library.install(MINIMAL)
    newer = tmp_path / "newer"
    shutil.copytree(MINIMAL, newer)
    (newer / "course.yaml").write_text(
        (newer / "course.yaml").read_text("utf-8").replace("1.0.0", "2.0.0"), "utf-8")
    module = newer / "modules" / "01-basics.md"
    module.write_text(module.read_text("utf-8").replace("q-type", "q-kind"), "utf-8")
    result = library.install(newer)
    assert (result.previous, result.removed_ids, result.current) == ("1.0.0", ("q-type",), True)
    older = tmp_path / "older"
    shutil.copytree(MINIMAL, older)
    (older / "course.yaml").write_text(
        (older / "course.yaml").read_text("utf-8").replace("1.0.0", "0.9.0"), "utf-8")
    assert not library.install(older).current
    assert library.get("broken-example").version == "2.0.0"


class _GbkName(zipfile.ZipInfo):
    """What archivers on Chinese Windows write: GBK names without the UTF-8 flag."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # noqa: N802 - zipfile's name
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def test_a_zip_with_gbk_file_names_is_read(tmp_path: Path, library: Library) -> None:
    archive = tmp_path / "gbk.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for name, data in pack_files():
            handle.writestr(_GbkName(f"示例课程/{name}"), data)
    result = library.install(archive)
    assert result.pack.id == "broken-example"


def test_file_name_case_mismatch_is_explained(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    shutil.copytree(MINIMAL, folder)
    module = folder / "modules" / "01-basics.md"
    module.write_text(module.read_text("utf-8").replace(
        "政务数据分为三类。", "政务数据分为三类。\n\n![图](../images/Flow.png)"), "utf-8")
    (folder / "images").mkdir()
    (folder / "images" / "flow.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    messages = [p.message for p in validate_pack(folder).errors]
    assert messages == ["image '../images/Flow.png' does not exist (looked for "
                        "'images/Flow.png' in the pack) — the file is named "
                        "'../images/flow.png'; upper and "
                        "lower case must match (they do on Windows, not in a zip or on other "
                        "systems)"]


def test_build_into_a_folder_or_the_pack_itself(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    shutil.copytree(MINIMAL, folder)
    first = build_pack(folder, folder)  # -o the pack folder: ID-VERSION.zip inside it
    assert first.path == folder / "broken-example-1.0.0.zip"
    second = build_pack(folder, tmp_path / "again.zip")
    with zipfile.ZipFile(second.path) as archive:
        assert not any(n.endswith(".zip") for n in archive.namelist())
    assert first.path.read_bytes() == second.path.read_bytes()


def test_extract_archive_is_all_or_nothing(tmp_path: Path) -> None:
    from trainer.content.archive import extract_archive

    built = build_pack(MINIMAL, tmp_path / "p.zip")
    out = extract_archive(built.path, tmp_path / "out")
    assert validate_pack(out).ok and (out / "SHA256SUMS").is_file()
    hostile = write_zip(tmp_path / "h.zip", [*pack_files(), ("../evil.txt", b"x")])  # type: ignore[list-item]
    before = snapshot(tmp_path)
    with pytest.raises(ArchiveRefused):
        extract_archive(hostile, tmp_path / "out2")
    assert snapshot(tmp_path) == before
