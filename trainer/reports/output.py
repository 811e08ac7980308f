"""Writing an export safely: into a temporary file beside the target, renamed only when done.

A cancelled or failed export leaves no half-written file and never replaces a good older one.
"""

from __future__ import annotations

import os
import tempfile
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
    handle, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix,
                                    dir=target.parent)
    os.close(handle)
    temp = Path(name)
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
