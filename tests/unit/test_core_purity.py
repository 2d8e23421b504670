"""The pure core must load without Kafka, Faust or Prometheus."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "streams.pipeline",
    "streams.parser",
    "streams.dedupe",
    "streams.events",
    "streams.envelope",
    "streams.settings",
    "streams.enrich",
    "streams.stories",
    "streams.language",
    "streams.evaluate",
]
FORBIDDEN = ["faust", "mode", "aiokafka", "prometheus_client"]


def test_core_imports_no_kafka_faust_or_prometheus() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + f"print(','.join(m for m in {FORBIDDEN!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
