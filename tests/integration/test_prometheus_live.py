"""A real Prometheus (Debian's package) scrapes a real worker while good, duplicate and bad
input flows through the local Kafka; every dashboard query and alert expression is asked of
its HTTP API."""

from __future__ import annotations

import json
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from streams.devtools.processes import stop_process
from tests.conftest import SAMPLES, require_tool
from tests.integration.conftest import Deployment, free_port, wait_for
from tests.unit.test_grafana import panels_module

ALERTS = Path(__file__).resolve().parents[2] / "deploy" / "prometheus" / "alerts.yml"


def query(port: int, expr: str) -> dict[str, Any]:
    url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    with urllib.request.urlopen(url, timeout=10) as response:
        return dict(json.loads(response.read()))


@pytest.fixture
def prometheus(deployment: Deployment, tmp_path: Path) -> Any:
    binary = require_tool("prometheus", "prometheus")
    port = free_port()
    config = tmp_path / "prometheus.yml"
    config.write_text(yaml.safe_dump({
        "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
        "rule_files": [str(ALERTS)],
        "scrape_configs": [{
            "job_name": "newswire",
            "static_configs": [{"targets": [f"127.0.0.1:{deployment.env['NEWSWIRE_WEB_PORT']}"]}],
        }],
    }))  # fmt: skip
    log = (tmp_path / "prometheus.log").open("wb")
    proc = subprocess.Popen(
        [binary, f"--config.file={config}", f"--storage.tsdb.path={tmp_path / 'tsdb'}",
         f"--web.listen-address=127.0.0.1:{port}"],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield port
    finally:
        stop_process(proc)
        log.close()


def test_every_panel_returns_data_and_every_alert_parses(
    deployment: Deployment, prometheus: int
) -> None:
    d = deployment
    d.start_worker()
    pages = [p.read_bytes() for p in sorted(SAMPLES.iterdir())]  # good, duplicate and bad
    d.produce(pages)
    d.read_outputs(expected=len(pages))
    wait_for(lambda: _has(prometheus, 'up{job="newswire"} == 1'), 60, "Prometheus to scrape")
    wait_for(lambda: _has(prometheus, "newswire_messages_consumed_total > 0"), 60,
             "the worker's counters in Prometheus")  # fmt: skip
    # Rates need two samples after the traffic: keep traffic coming until every panel answers.
    empty: list[str] = []

    def all_panels_answer() -> bool:
        d.produce([pages[0]])
        empty[:] = [
            q for q in panels_module().queries() if not query(prometheus, q)["data"]["result"]
        ]
        return not empty

    wait_for(all_panels_answer, 90, "every panel query to return data", interval=2.0)
    assert empty == []
    rules = yaml.safe_load(ALERTS.read_text())["groups"][0]["rules"]
    for rule in rules:
        answer = query(prometheus, rule["expr"])
        assert answer["status"] == "success", (rule["alert"], answer)


def _has(port: int, expr: str) -> bool:
    try:
        return bool(query(port, expr)["data"]["result"])
    except OSError:
        return False
