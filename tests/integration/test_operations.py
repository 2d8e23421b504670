"""What operators see: health, readiness, the metrics page (ours and Faust's), status."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request

from prometheus_client.utils import floatToGoString

from tests.conftest import SAMPLES
from tests.integration.conftest import Deployment, scrape, wait_for


def get(port: int, path: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
    except OSError:
        return 0, {}


def test_health_readiness_metrics_and_status(deployment: Deployment) -> None:
    d = deployment
    port = int(d.env["NEWSWIRE_WEB_PORT"])
    d.start_worker()
    wait_for(lambda: get(port, "/healthz")[0] == 200, 60, "/healthz to answer")
    wait_for(lambda: get(port, "/readyz")[0] == 200, 90, "/readyz to report ready")
    _, ready = get(port, "/readyz")
    assert ready["ready"] is True
    assert ready["recovery_completed"] is True
    assert ready["paused"] == []  # recovery done: every stream partition flows
    assert f"{d.settings.topic_raw}[0]" in ready["assigned"]

    d.produce([(SAMPLES / "01-defapress-81001.txt").read_bytes()])
    d.read_outputs(expected=1)
    text = scrape(port)
    # Ours and Faust's own sensors on one page.
    for name in ("newswire_build_info", "newswire_consumer_lag", "newswire_rebalances_total",
                 "newswire_story_table_entries", "newswire_ready 1.0", "faust_"):  # fmt: skip
        assert name in text, name
    assert 'faust="' in text
    # A worker that keeps up commits every interval: no backlog paces its commits.
    pause = f"newswire_commit_pause_seconds {floatToGoString(d.settings.commit_interval)}"
    wait_for(lambda: pause in scrape(port), 60, "the commit pause to show the interval")
    assert f'newswire_consumer_lag{{partition="0",topic="{d.settings.topic_raw}"}} 0.0' in text

    result = subprocess.run(
        [sys.executable, "-m", "streams", "status"], env=d.env, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ready" in result.stdout
    assert f"{d.settings.topic_raw}[0]" in result.stdout
