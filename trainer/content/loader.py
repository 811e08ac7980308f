"""Load and validate a pack from a folder or a zip, collecting every problem (DESIGN §2).

``validate_pack`` never raises for a bad pack: it returns the pack (when it has no errors) and
all problems, each with file, line and a fix. ``load_pack`` raises ``PackInvalid`` instead.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from trainer.content.credits import check_course_hours
from trainer.content.digests import verify_digests
from trainer.content.errors import ArchiveRefused, PackInvalid
from trainer.content.framework import FRAMEWORK_FILE, read_framework
from trainer.content.itemcheck import check_items
from trainer.content.manifest import MANIFEST_FILE, Manifest, read_manifest
from trainer.content.model import Exercise, Framework, Module, Pack
from trainer.content.modules import ModuleContext, parse_module
from trainer.content.problems import Problem, Problems, did_you_mean_path
from trainer.content.safety import DEFAULT_LIMITS, Limits, check_layout, check_portable
from trainer.content.sources import PackSource, ZipSource, open_source
from trainer.content.textcheck import TextContext
from trainer.content.yamltext import LineDict, load_yaml


@dataclass(frozen=True)
class Validation:
    """The outcome of checking a pack: the pack itself only when there is no error."""

    pack: Pack | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def validate_pack(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Validation:
    """Check a pack folder or zip; raises only when the path does not exist."""
    try:
        source = open_source(path, limits)
    except ArchiveRefused as exc:
        return Validation(None, [_refusal(path, exc)])
    try:
        return validate_source(source)
    except ArchiveRefused as exc:
        return Validation(None, [_refusal(path, exc)])
    finally:
        source.close()


def _refusal(path: str | os.PathLike[str], exc: ArchiveRefused) -> Problem:
    """The archive's refusal as one problem (one line: message, then the hint)."""
    message = f"{exc.message} {exc.hint}" if exc.hint else exc.message
    return Problem(Path(path).name, 0, 0, "error", message)


def load_pack(path: str | os.PathLike[str]) -> Pack:
    """The pack at ``path``; ``PackInvalid`` (with every problem) when it has errors."""
    validation = validate_pack(path)
    if validation.pack is None:
        raise PackInvalid(str(path), validation.problems)
    return validation.pack


def validate_source(source: PackSource, known: list[Problem] | None = None) -> Validation:
    """Check ``source``. ``known``: the problems a full check of exactly these files found
    (``checkcache``): a pack with errors then stays refused without being read, and one
    without is read (to build the pack) but not checked again; should reading it find an error
    after all, it is checked in full."""
    if known is not None:
        if any(p.severity == "error" for p in known):
            return Validation(None, list(known))
        quick = _validate(source, item_checks=False)
        if quick.pack is not None:
            return Validation(quick.pack, list(known))
    return _validate(source, item_checks=True)


def _validate(source: PackSource, item_checks: bool) -> Validation:
    problems = Problems()
    if isinstance(source, ZipSource):
        verify_digests(source)  # raises ArchiveRefused, reported by validate_pack
    else:  # a zip's names were checked when it was opened; a folder's are checked here
        _check_names(source, problems)
    for link in source.links:
        problems.error(link, 0, "links (shortcuts) are not allowed in a pack; put the file "
                       "itself here.")
    manifest, framework = Manifest(), Framework((), (), ())
    data = manifest_data = _yaml_file(source, MANIFEST_FILE, problems)
    if data is not _UNREADABLE:
        manifest = read_manifest(data, problems)
    data = _yaml_file(source, FRAMEWORK_FILE, problems)
    if data is not _UNREADABLE:
        framework = read_framework(data, problems)
    modules = _modules(source, manifest, framework, problems)
    _check_unique_ids(modules, problems)
    check_course_hours(manifest.credit_hours, manifest.credit_line, modules, problems)
    if item_checks:
        check_items(modules, manifest.item_checks, problems, _item_line(manifest_data, manifest))
    ordered = _ordered(problems, manifest)
    if problems.has_errors:
        return Validation(None, ordered)
    pack = Pack(id=manifest.id, version=manifest.version, title=manifest.title,
                language=manifest.language, authors=manifest.authors, summary=manifest.summary,
                pass_mark=manifest.pass_mark, framework=framework, modules=tuple(modules),
                root=source.root, credit_hours=manifest.credit_hours)
    return Validation(pack, ordered)


_UNREADABLE = object()


def _item_line(data: object, manifest: Manifest) -> int:
    """Where pack-wide item-writing warnings point: 'item_checks:' if given, else the top."""
    return data.line_of("item_checks") if isinstance(data, LineDict) and "item_checks" in data \
        else manifest.line


def _check_names(source: PackSource, problems: Problems) -> None:
    """File names a zip of this folder could not be installed with (the same rules)."""
    names = source.names()
    for name in names:
        try:
            check_portable(name)
        except ArchiveRefused as exc:
            problems.error(name, 0, exc.message)
    try:
        check_layout(names)
    except ArchiveRefused as exc:
        problems.error(Path(source.label).name, 0, exc.message)


def _yaml_file(source: PackSource, name: str, problems: Problems) -> object:
    """The file's YAML, or ``_UNREADABLE`` when it is missing or broken (already reported)."""
    before = len(problems.items)
    text = read_text(source, name, problems, required=True)
    if text is None:
        return _UNREADABLE
    data = load_yaml(text, name, problems)
    return _UNREADABLE if len(problems.items) > before else data


def read_text(source: PackSource, name: str, problems: Problems,
              required: bool = False) -> str | None:
    """A pack file as text; a problem (with the bad byte's line) when it is not UTF-8."""
    if not source.exists(name):
        if required:
            problems.error(name, 0, f"the pack has no {name} at its top level; every pack "
                           "needs one (see 'trainer pack new').")
        return None
    data = source.read(name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.error(name, line, "this file is not UTF-8 text" + _guess_encoding(data) +
                       "; save it as UTF-8 (e.g. in Notepad: Save as → Encoding: UTF-8).",
                       column)
        return None
    if "\x00" in text:
        problems.error(name, 1, "this file contains NUL characters; is it really text?")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess_encoding(data: bytes) -> str:
    """Name the encoding the file is in: GB18030 (what Chinese Windows editors save) when the
    bytes are valid GB18030 and read as Chinese text; otherwise a guess, marked as such.

    A statistical guess alone calls a short Chinese course.yaml Big5 or CP949, which sends the
    author looking in the wrong place; GB18030 is checked first, like rosters and banks are.
    """
    if _reads_as_chinese(data):
        return " (it is GB18030 or GBK, as Chinese Windows editors save it)"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
    except Exception:  # a guess only; never let it hide the real message
        return ""
    return f" (it looks like {best.encoding})" if best is not None else ""


def _reads_as_chinese(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 decodes as GB18030 too, as nonsense
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    wide = [c for c in text if ord(c) > 0x7F]
    return bool(wide) and sum(map(_common_chinese, wide)) >= 0.9 * len(wide)


def _common_chinese(char: str) -> bool:
    """In GB2312 (everyday simplified Chinese); Big5 or Shift-JIS bytes read as GB18030 mostly
    land outside it."""
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _modules(source: PackSource, manifest: Manifest, framework: Framework,
             problems: Problems) -> list[Module]:
    names = source.names()
    markdown = [n for n in names if n.lower().endswith(".md")]
    competency_ids = tuple(c.id for c in framework.competencies)
    listed = {path for path, _ in manifest.modules}
    used: set[str] = set()
    modules: list[Module] = []
    for path, line in manifest.modules:
        if not source.exists(path):
            problems.error(MANIFEST_FILE, line, f"module file '{path}' does not exist"
                           f"{did_you_mean_path(path, markdown)}")
            continue
        text = read_text(source, path, problems)
        if text is None:
            continue
        context = ModuleContext(path, problems, competency_ids,
                                TextContext(path, problems, source.exists, names, used))
        module = parse_module(text, context)
        if module is not None:
            modules.append(module)
    for name in names:
        if name.startswith("images/") and name not in used and manifest.modules \
                and not problems.has_errors:
            problems.warning(name, 0, "no module uses this file; delete it, or refer to it "
                             "with ![说明](../images/…), to keep the pack small.")
    for name in markdown:
        if name.startswith("modules/") and name not in listed and manifest.modules:
            problems.error(name, 1, f"'{name}' is not listed under 'modules:' in course.yaml; "
                           f"add '  - {name}' there, or move the file out of modules/.")
    return modules


def _check_unique_ids(modules: list[Module], problems: Problems) -> None:
    """Module and exercise ids share one namespace across the pack."""
    seen: dict[str, str] = {}
    for module in modules:
        items: list[Module | Exercise] = [module, *module.exercises]
        for item in items:
            where = f"{item.file}:{item.line}" if isinstance(item, Exercise) else item.file
            line = item.line if isinstance(item, Exercise) else 1
            if not item.id:
                continue
            if item.id in seen:
                problems.error(item.file, line, f"id '{item.id}' is already used by "
                               f"{seen[item.id]}; ids must be unique in the whole pack.")
            else:
                kind = "exercise" if isinstance(item, Exercise) else "module"
                seen[item.id] = f"the {kind} at {where}"


def _ordered(problems: Problems, manifest: Manifest) -> list[Problem]:
    """Problems file by file in reading order (manifest, framework, modules), then by line."""
    order = {MANIFEST_FILE: 0, FRAMEWORK_FILE: 1}
    for index, (path, _) in enumerate(manifest.modules, 2):
        order[posixpath.normpath(path)] = index
    return sorted(problems.items, key=lambda p: (order.get(p.file, len(order)), p.file, p.line,
                                                 p.column))
