"""Prometheus configuration and alert rules, checked and unit-tested by promtool."""

from __future__ import annotations

import subprocess

import pytest

from streams.runtime.metrics import Metrics
from tests.conftest import ROOT, require_tool

PROMETHEUS = ROOT / "deploy" / "prometheus"


@pytest.fixture(scope="module")
def promtool() -> str:
    return require_tool("promtool", "prometheus")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "config", "prometheus.yml"],
        ["check", "rules", "alerts.yml"],
        ["test", "rules", "alerts_test.yml"],
    ],
)
def test_promtool(promtool: str, args: list[str]) -> None:
    result = subprocess.run(
        [promtool, *args], cwd=PROMETHEUS, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout + result.stderr


def test_every_alert_has_a_promtool_test() -> None:
    rules = (PROMETHEUS / "alerts.yml").read_text()
    tests = (PROMETHEUS / "alerts_test.yml").read_text()
    alerts = [line.split(":", 1)[1].strip() for line in rules.splitlines()
              if line.strip().startswith("- alert:")]  # fmt: skip
    assert len(alerts) == 6
    for alert in alerts:
        assert f"alertname: {alert}" in tests, alert


def test_alert_metrics_exist_in_the_worker() -> None:
    names = {m.name for m in Metrics.create().registry.collect()}
    rules = (PROMETHEUS / "alerts.yml").read_text()
    for metric in ("newswire_consumer_lag", "newswire_dead_letters", "newswire_messages_consumed",
                   "newswire_end_to_end_latency_seconds", "newswire_ready"):  # fmt: skip
        assert metric in rules
        assert metric in names or metric == "newswire_consumer_lag", metric
