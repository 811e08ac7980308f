"""Writing an export safely: into a temporary file beside the target, renamed only when done.

A cancelled or failed export leaves no half-written file and never replaces a good older one.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from trainer.errors import TrainerError


class ExportError(TrainerError):
    """An export cannot be written (folder missing, disk full, file open in another program)."""


@contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces ``target``, on any failure it is removed."""
    target = Path(target)
    if not target.parent.is_dir():
        raise ExportError(f"{target.parent}: no such folder.",
                          hint="Create the folder first or choose another place to save.")
    temp = _new_temp_file(target)
    try:
        yield temp
        os.replace(temp, target)
    except PermissionError as exc:
        raise ExportError(f"{target}: cannot write this file ({exc.strerror}).",
                          hint="Close it if a spreadsheet or PDF viewer has it open, "
                               "or save under another name.") from exc
    except OSError as exc:
        raise ExportError(f"{target}: writing failed ({exc.strerror or exc}).",
                          hint="Check the free disk space and that the folder is writable.") \
            from exc
    finally:
        temp.unlink(missing_ok=True)


def _new_temp_file(target: Path) -> Path:
    """An empty file beside ``target`` with the usual permissions (0666 less the umask), as a
    saved report should have; ``mkstemp`` would make it owner-only (0600)."""
    while True:
        temp = target.with_name(f".{target.stem}-{uuid.uuid4().hex[:8]}{target.suffix}")
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        except OSError as exc:
            raise ExportError(f"{target}: cannot write in this folder ({exc.strerror}).",
                              hint="Choose a folder you can write to.") from exc
        return temp
