"""``trainer pack new``: a valid starter pack that shows every exercise type."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from trainer.content.errors import PackError
from trainer.content.manifest import PACK_ID

STARTER_DIR = Path(__file__).resolve().parent / "starter"


def starter_languages() -> list[str]:
    return sorted(p.name for p in STARTER_DIR.iterdir() if (p / "course.yaml").is_file())


def create_starter(target: Path, language: str = "zh-CN", pack_id: str | None = None) -> Path:
    """Copy the starter pack into ``target`` (new or empty) with an id from its folder name."""
    template = STARTER_DIR / language
    if not (template / "course.yaml").is_file():
        raise PackError(f"There is no starter pack in '{language}'.",
                        hint=f"Choose one of: {', '.join(starter_languages())}.")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise PackError(f"{target} already exists and is not empty.",
                        hint="Choose a new folder name; nothing was changed.")
    pack_id = pack_id or _id_from_name(target.name)
    if not PACK_ID.match(pack_id):
        raise PackError(f"'{pack_id}' cannot be a pack id.",
                        hint="Use lowercase letters, digits, '-' and '.'.")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(template, target, dirs_exist_ok=True)
    manifest = target / "course.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = re.sub(r"^id: my-course", f"id: {pack_id}".ljust(len("id: my-course")), text,
                  count=1, flags=re.MULTILINE)
    manifest.write_text(text, encoding="utf-8")
    return target


def _id_from_name(name: str) -> str:
    slug = re.sub(r"[^a-z0-9.-]+", "-", name.lower()).strip("-.")
    return slug if slug and PACK_ID.match(slug) else "my-course"
