"""The worker's status page, opened in headless Chromium: its charts show live data."""

from __future__ import annotations

import re
import subprocess
import threading
from pathlib import Path

from streams.devtools.synthetic import synthetic_article
from tests.conftest import ROOT, SAMPLES, require_tool
from tests.integration.conftest import Deployment, scrape, wait_for

OUTPUT = ROOT / "test-output"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip


def run(browser: str, tmp: Path, url: str, *extra: str) -> str:
    result = subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={tmp / 'profile'}", "--window-size=1280,900",
         "--virtual-time-budget=9000", *extra, url],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    return result.stdout


def test_status_page_charts_show_live_data(deployment: Deployment, tmp_path: Path) -> None:
    browser = require_tool("chromium", "chromium")
    d = deployment
    port = int(d.env["NEWSWIRE_WEB_PORT"])
    d.start_worker()
    pages = [p.read_bytes() for p in sorted(SAMPLES.iterdir())]
    d.produce(pages)
    d.read_outputs(expected=len(pages))
    wait_for(lambda: "newswire_messages_consumed_total" in scrape(port), 30, "metrics")
    url = f"http://127.0.0.1:{port}/status"
    # Traffic keeps flowing while the browser watches, so the rate charts have something to
    # show; bounded in count and time, stopped at the end.
    stop = threading.Event()

    def feed() -> None:
        for i in range(600):
            if stop.wait(0.25):
                return
            d.produce([synthetic_article(70_000 + i)])

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    dom = ""

    def page_shows_data() -> bool:
        nonlocal dom
        dom = run(browser, tmp_path, url, "--dump-dom")
        samples = re.search(r'data-samples="(\d+)"', dom)
        total_in = re.search(r'id="total-in">(\d+)<', dom)
        rate = re.search(r'data-max-throughput="([\d.e+-]+)"', dom)
        if not (samples and total_in and rate):
            return False
        return (
            int(samples.group(1)) >= 2 and int(total_in.group(1)) > 0 and float(rate.group(1)) > 0
        )

    try:
        wait_for(page_shows_data, 120, "the status page's charts to show data", interval=1.0)
        assert 'id="state">live<' in dom
        dlq = re.search(r'id="total-dlq">(\d+)<', dom)
        assert dlq is not None
        assert int(dlq.group(1)) == 4
        OUTPUT.mkdir(exist_ok=True)
        shot = OUTPUT / "status-page.png"
        shot.unlink(missing_ok=True)
        run(browser, tmp_path, url, f"--screenshot={shot}")
        assert shot.exists()
        assert shot.stat().st_size > 10_000
    finally:
        stop.set()
        feeder.join(30)
