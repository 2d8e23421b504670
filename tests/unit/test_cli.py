"""The Kafka-free CLI commands, run in-process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from streams.cli.main import cli
from streams.core import jsonio
from streams.runtime import worker
from streams.runtime.faust_fixes import hooks
from tests.conftest import SAMPLES
from tests.schemas import validate_record


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    for name in [k for k in __import__("os").environ if k.startswith("NEWSWIRE_")]:
        monkeypatch.delenv(name)
    return CliRunner()


def test_process_prints_one_valid_record_per_input(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["process", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    lines = [jsonio.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(list(SAMPLES.iterdir()))
    for record in lines:
        validate_record(record)
    kinds = [r.get("event_type") or r.get("reason") or "duplicate" for r in lines]
    assert kinds.count("created") == 5
    assert kinds.count("updated") == 1
    assert kinds.count("duplicate") == 1
    assert "processed 11 input(s)" in result.stderr


def test_process_envelope_flag_wraps_files(runner: CliRunner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.html"
    page.write_text(
        "<html lang='en'><body><h1>Headline</h1><p>TEHRAN (defapress) - Lead.</p>"
        "<p>News ID: 5</p><p>Body.</p></body></html>"
    )
    result = runner.invoke(cli, ["process", "--envelope", str(page)])
    assert result.exit_code == 0, result.output
    event = jsonio.loads(result.stdout)
    assert (event["title"], event["news_id"], event["body"]) == ("Headline", "5", ["Body."])


def test_unknown_setting_is_a_clear_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["process", str(SAMPLES)], env={"NEWSWIRE_PARTITONS": "3"})
    assert result.exit_code == 1
    assert "unknown setting(s) NEWSWIRE_PARTITONS" in result.output


def test_missing_file_is_a_clear_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["process", "no/such/file.txt"])
    assert result.exit_code == 1
    assert "no such file or folder: no/such/file.txt" in result.output


COMMANDS = ["kafka", "topics", "produce", "tail", "worker", "status", "process", "demo", "eval"]


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_every_command_has_help(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage: " in result.output


def test_worker_refuses_a_faust_without_the_hooks_it_patches(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = hooks.Hook("faust.transport.consumer", "Consumer", "_renamed_in_a_release", "test")
    monkeypatch.setattr(hooks.check_hooks, "__defaults__", ((*hooks.HOOKS, missing),))

    async def no_topics(settings: object) -> dict[str, str]:
        return {}

    # No broker here: topic creation is skipped; the check runs as the app is built.
    monkeypatch.setattr(worker, "ensure_topics", no_topics)
    monkeypatch.setenv("NEWSWIRE_STATE_DIR", str(tmp_path))
    result = runner.invoke(cli, ["worker"])
    assert isinstance(result.exception, hooks.FaustIncompatible)
    message = str(result.exception)
    assert "faust-streaming" in message
    assert "Consumer._renamed_in_a_release (used by test)" in message


def test_developer_commands_say_they_need_a_checkout(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in the wheel: the devtools package is not there.
    monkeypatch.setitem(sys.modules, "streams.devtools.localkafka", None)
    result = runner.invoke(cli, ["kafka", "status"])
    assert result.exit_code == 1
    assert "needs a source checkout" in result.output
