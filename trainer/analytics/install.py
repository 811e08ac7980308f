"""Installing a course pack into the library: who may, and the audit entry, in one place.

The command line (acting as ``COMMAND_LINE``) and the GUI's library both call ``install_pack``,
so a learner is refused whichever way they try, and every install that changes the library is
audited with the same fields. ``content`` writes the files; ``store`` checks and records; they
meet here because neither may import the other (DESIGN §1).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from trainer.content.library import InstallResult, Library
from trainer.store import audit
from trainer.store.learners import fresh_actor
from trainer.store.permissions import Actor, allowed, require

log = logging.getLogger(__name__)

INSTALL_ROLES = ("trainer",)  # and administrators, who may do anything


def may_install(actor: Actor | None) -> bool:
    """Whether to offer installing at all (the screens hide the action otherwise)."""
    return allowed(actor, *INSTALL_ROLES)


def install_pack(db: Any, library: Library, path: Path, *, actor: Actor | None) -> InstallResult:
    """Validate and install ``path``, audit it, and register its weights for HR's figures.

    PermissionDenied before anything is read unless the actor (as the database knows them now)
    is a trainer or administrator. An install whose audit entry cannot be written is undone.
    """
    with db.reader() as session:
        who = fresh_actor(session, actor)
    require(who, *INSTALL_ROLES)
    result = library.install(Path(path))
    if not result.changed:
        return result
    pack = result.pack
    try:
        audit.record(db, who, audit.PACK_INSTALL, {
            "pack_id": pack.id, "version": pack.version, "title": pack.title,
            "replaced": result.previous if result.current else None,
            "newer_kept": None if result.current else result.previous,
            "source": Path(path).name, "path": str(result.path)})
    except BaseException:
        log.warning("Audit entry for %s %s failed; removing the install", pack.id, pack.version)
        library.discard(result)
        raise
    if result.current:  # HR's figures use this version's weights from now on
        from trainer.analytics import summaries

        summaries.ensure(db, [pack])
    return result
