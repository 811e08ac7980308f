"""The ``trainer`` command (DESIGN §5). With no sub-command it opens the desktop app.

Sub-commands live in ``trainer/commands/<name>.py``; each module has
``register(subparsers) -> None`` and sets ``func(args, ctx) -> int`` on its parsers. Modules are
imported only to build the parser; heavy libraries are imported inside the handlers.

Exit status: 0 success, 1 a problem the user must fix (one clear line on stderr), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from trainer import __version__
from trainer.config import ENV_DATABASE_URL, Paths, resolve_paths, setup_logging
from trainer.errors import TrainerError

log = logging.getLogger(__name__)

# One line per sub-command module; each adds its own parsers.
COMMAND_MODULES: tuple[str, ...] = (
    "trainer.commands.pack",
    "trainer.commands.db",
    "trainer.commands.admin",
    "trainer.commands.learners",
    "trainer.commands.report",
    "trainer.commands.progress",
    "trainer.commands.demo",
    "trainer.commands.certificate",
    "trainer.commands.credits",
    "trainer.commands.plan",
)


class CliContext:
    """What every handler needs: the data folder and the database URL (None = SQLite there).

    A plain class, not a dataclass: opening the desktop app passes through here, and building
    a dataclass (with its module) costs the first paint time (issue 14)."""

    def __init__(self, paths: Paths, database_url: str | None) -> None:
        self.paths = paths
        self.database_url = database_url
        self._cache: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"CliContext(paths={self.paths!r}, database_url={self.database_url!r})"

    def database(self) -> Any:
        """Open (and upgrade) the database once per command; see trainer.store.db."""
        if "db" not in self._cache:
            from trainer.store.db import open_database

            self._cache["db"] = open_database(self.paths, self.database_url)
        return self._cache["db"]

    def close(self) -> None:
        """Close the database a command opened: waits for its backup, and notes a file that
        was checked as sound, so the next start need not check it again."""
        db = self._cache.pop("db", None)
        if db is not None:
            db.close()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # exit 2: one line saying what and where to look
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


EPILOG = """\
exit status: 0 success, 1 a problem to fix (the message says what and how), 2 wrong usage.
The desktop app and every command use the same data folder; whoever can run this command can
read that folder, so it acts as the folder's administrator.
"""


GLOBAL_OPTIONS = {"--data-dir": "data_dir", "--database-url": "database_url"}


def _add_global_options(parser: argparse.ArgumentParser, default: Any = None) -> None:
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help="data folder (default: TRAINER_DATA_DIR or the user data folder)")
    parser.add_argument("--database-url", metavar="URL", default=default,
                        help="database URL (default: SQLite in the data folder; "
                             "also TRAINER_DATABASE_URL)")


def _share_global_options(parser: argparse.ArgumentParser) -> None:
    """Accept the global options after any (sub-)command too: ``trainer demo --data-dir D``.
    SUPPRESS keeps a value given before the command when it is not repeated after it."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for child in {id(p): p for p in action.choices.values()}.values():
            if "--data-dir" not in child._option_string_actions:
                _add_global_options(child, argparse.SUPPRESS)
            _share_global_options(child)


def parse_gui_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options when ``argv`` holds only global options (so: open the app), else None.

    Opening the app then builds no parser and imports no sub-command module, which keeps the
    first window quick; anything else (a command, --help, a mistake) goes to the full parser.
    """
    values: dict[str, str | None] = dict.fromkeys(GLOBAL_OPTIONS.values())
    items = list(argv)
    index = 0
    while index < len(items):
        name, equals, value = items[index].partition("=")
        dest = GLOBAL_OPTIONS.get(name)
        if dest is None:
            return None
        if not equals:
            index += 1
            if index == len(items) or items[index].startswith("-"):
                return None  # a missing value: the full parser says so
            value = items[index]
        values[dest] = value
        index += 1
    return argparse.Namespace(command=None, **values)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="trainer",
        description="Digital-government skills training. With no command, opens the desktop app.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"trainer {__version__}")
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that command has not been written yet
                continue
            raise
        module.register(sub)
    _share_global_options(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``trainer`` command; returns the exit status (see the module docstring)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = parse_gui_only(arguments)
    if args is None:
        parser = build_parser()
        args = parser.parse_args(arguments)
    try:
        paths = resolve_paths(args.data_dir)
        database_url = args.database_url or os.environ.get(ENV_DATABASE_URL) or None
        ctx = CliContext(paths=paths, database_url=database_url)
        if args.command is None:
            # Start-up creates tens of thousands of objects that all stay alive (modules, Qt
            # wrappers): collecting them before the first paint only costs time (~3 % of
            # it). run_app turns the collector back on once the sign-in list is drawn.
            gc.disable()
            try:
                from trainer.ui.app import end_quickly, run_app

                status = run_app(ctx)
            finally:
                gc.enable()
            if argv is None:  # this process's own command line: it ends now
                end_quickly()
            return status
        func = getattr(args, "func", None)
        if func is None:  # a command group given without its action
            _subparser(build_parser(), args.command).print_help(sys.stderr)
            return 2
        paths.ensure()
        setup_logging(paths)
        try:
            return int(func(args, ctx) or 0)
        finally:
            ctx.close()
    except TrainerError as exc:
        print(f"trainer: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("trainer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        known = _database_error(exc)
        if known is not None:
            print(f"trainer: {known}", file=sys.stderr)
            return known.exit_code
        return _report_bug(args.data_dir)


def _database_error(exc: BaseException) -> TrainerError | None:
    """A database driver error that escaped the store's guards is still the user's to fix (a
    full disk, a locked or damaged file): the store words it (DESIGN §7)."""
    if not type(exc).__module__.startswith(("sqlite3", "sqlalchemy")):
        return None
    from trainer.store.engine import known_error

    known = known_error(exc)
    if known is not None:
        log.warning("Database error outside the store's guard", exc_info=exc)
    return known


def _subparser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices[command]  # type: ignore[no-any-return]


def _report_bug(data_dir: str | None) -> int:
    """A bug: the traceback goes to the log file, the user gets one line saying where it is."""
    where = ""
    try:
        paths = resolve_paths(data_dir)
        setup_logging(paths)
        where = f" Details are in {paths.log_file}."
    except Exception:  # noqa: BLE001 - reporting a bug must not raise another
        pass
    log.exception("Unexpected error")
    print(f"trainer: an unexpected error occurred (a bug).{where}", file=sys.stderr)
    return 1
