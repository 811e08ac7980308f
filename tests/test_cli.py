"""The ``trainer`` command's contract (DESIGN §5): version, help, data folder, exit statuses."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from trainer import __version__, cli
from trainer.errors import TrainerError


def run(argv: list[str]) -> int:
    """``main`` as the console script sees it: argparse's own exits become statuses."""
    try:
        return cli.main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.fixture
def fake_command(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A ``trainer fake`` sub-command whose handler does what the test puts in ``box``."""
    box: dict[str, Any] = {}

    def handler(args: Any, ctx: cli.CliContext) -> int:
        box["ctx"] = ctx
        action = box.get("action")
        if action is not None:
            return action()
        return 0

    def register(subparsers: Any) -> None:
        parser = subparsers.add_parser("fake", help="test command")
        parser.set_defaults(func=handler)

    module = types.ModuleType("tests_fake_command")
    module.register = register  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tests_fake_command", module)
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("tests_fake_command",))
    return box


def test_version_prints_name_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"trainer {__version__}"


def test_help_lists_options_and_exit_statuses(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    for text in ("--data-dir", "--database-url", "--version", "exit status"):
        assert text in out


def test_unknown_command_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["no-such-command"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice" in err and "Traceback" not in err


def test_wrong_usage_is_one_line_pointing_to_help(fake_command: dict[str, Any],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["fake", "--bogus"]) == 2
    err = capsys.readouterr().err
    assert err == "trainer: error: unrecognized arguments: --bogus (see 'trainer --help')\n"


def test_global_options_also_after_the_command(
        fake_command: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "sqlite:///elsewhere.db"
    assert run(["fake", "--data-dir", str(tmp_path / "after"), "--database-url", url]) == 0
    assert fake_command["ctx"].paths.data_dir == (tmp_path / "after").resolve()
    assert fake_command["ctx"].database_url == url
    assert run(["--data-dir", str(tmp_path / "before"), "fake"]) == 0  # not lost by the command
    assert fake_command["ctx"].paths.data_dir == (tmp_path / "before").resolve()
    assert run(["--data-dir", str(tmp_path / "before"), "fake", "--data-dir",
                str(tmp_path / "after")]) == 0  # the nearer one wins
    assert fake_command["ctx"].paths.data_dir == (tmp_path / "after").resolve()
    assert run(["fake", "--help"]) == 0
    assert "--data-dir" in capsys.readouterr().out


def test_no_command_opens_the_app_on_the_given_data_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_run_app(ctx: cli.CliContext) -> int:
        seen["ctx"] = ctx
        return 0

    monkeypatch.setattr("trainer.ui.app.run_app", fake_run_app)
    folder = tmp_path / "x"
    assert run(["--data-dir", str(folder), "--database-url", "sqlite:///elsewhere.db"]) == 0
    assert seen["ctx"].paths.data_dir == folder.resolve()
    assert seen["ctx"].database_url == "sqlite:///elsewhere.db"


def test_environment_chooses_data_folder_and_option_wins(
        fake_command: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAINER_DATA_DIR", str(tmp_path / "from-env"))
    assert run(["fake"]) == 0
    assert fake_command["ctx"].paths.data_dir == (tmp_path / "from-env").resolve()
    assert (tmp_path / "from-env" / "logs" / "trainer.log").exists()
    assert run(["--data-dir", str(tmp_path / "opt"), "fake"]) == 0
    assert fake_command["ctx"].paths.data_dir == (tmp_path / "opt").resolve()


def test_known_problem_is_one_clear_line_and_status_1(
        fake_command: dict[str, Any], data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def fail() -> int:
        raise TrainerError("The pack is broken.", hint="Run trainer pack validate.")

    fake_command["action"] = fail
    assert run(["fake"]) == 1
    err = capsys.readouterr().err
    assert err == "trainer: The pack is broken.\nRun trainer pack validate.\n"


def test_bug_points_to_the_log_without_a_traceback(
        fake_command: dict[str, Any], data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def crash() -> int:
        raise RuntimeError("boom")

    fake_command["action"] = crash
    assert run(["fake"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "a bug" in err and "trainer.log" in err
    log_text = (data_dir / "logs" / "trainer.log").read_text(encoding="utf-8")
    assert "RuntimeError: boom" in log_text


def test_unusable_data_folder_is_a_clear_problem(
        fake_command: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert run(["--data-dir", str(blocker / "data"), "fake"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("trainer: Cannot create the data folder") and "--data-dir" in err


def test_command_group_without_action_shows_its_help(capsys: pytest.CaptureFixture[str],
                                                     data_dir: Path) -> None:
    groups = [name for name in ("db", "pack", "learners") if name in cli.build_parser().format_help()]
    if not groups:
        pytest.skip("no command groups registered yet")
    assert run([groups[0]]) == 2
    assert "usage: trainer " + groups[0] in capsys.readouterr().err


def test_python_m_trainer_works(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "trainer", "--version"], capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0 and result.stdout.strip() == f"trainer {__version__}"


def test_app_without_display_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("display detection is for X11/Wayland")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert run(["--data-dir", str(tmp_path / "d")]) == 1
    assert "No graphical display" in capsys.readouterr().err


def test_opening_the_app_needs_no_command_modules() -> None:
    """``trainer`` alone parses only the global options; commands are for everything else."""
    args = cli.parse_gui_only(["--data-dir", "x", "--database-url", "sqlite://"])
    assert args is not None and args.data_dir == "x" and args.command is None
    for argv in (["pack", "list"], ["--help"], ["--version"], ["--data-dir"], ["--bogus"]):
        assert cli.parse_gui_only(argv) is None, argv
