"""The peer for ``bench/pipeline.py --compare``: a plain Faust app doing the same parse + dedupe.

Written the way the Faust documentation's examples are: one agent, a table, ``await
topic.send()`` per event, Faust's defaults (at-least-once, no transactions, no re-key, no
dead-letter topic, no metrics). It parses and enriches with Newswire's pure core, so the
difference in throughput is the cost of the wiring, not of the work.

Run by the benchmark as ``python bench/naive_faust.py worker``, configured by environment:
NAIVE_BROKER, NAIVE_APP_ID, NAIVE_SOURCE, NAIVE_SINK, NAIVE_PARTITIONS, NAIVE_ENRICH.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

import faust

from streams.core import jsonio
from streams.core.dedupe import SeenRecord
from streams.core.enrich import load as load_enrichment
from streams.core.events import IngestMeta
from streams.core.pipeline import Rejected, dedupe_stage, parse_stage
from streams.core.records import StoryRequest

app = faust.App(
    os.environ.get("NAIVE_APP_ID", "naive"),
    broker=f"kafka://{os.environ.get('NAIVE_BROKER', '127.0.0.1:9092')}",
    store="memory://",
    topic_partitions=int(os.environ.get("NAIVE_PARTITIONS", "6")),
    web_enabled=False,
)
source = app.topic(os.environ.get("NAIVE_SOURCE", "naive.in"), value_serializer="raw")
sink = app.topic(os.environ.get("NAIVE_SINK", "naive.out"), value_serializer="raw")
seen = app.Table("seen", default=None, key_type=str, value_type=bytes)
ENRICH = os.environ.get("NAIVE_ENRICH", "true") == "true"


class _TableStore:
    """The table as a ``SeenStore``."""

    def get(self, key: str) -> SeenRecord | None:
        value = seen.get(key)
        return SeenRecord.from_dict(jsonio.loads(value)) if value is not None else None

    def put(self, key: str, record: SeenRecord) -> None:
        seen[key] = jsonio.dumps(record.to_dict())


@app.agent(source)
async def process(stream: Any) -> None:
    store = _TableStore()
    async for event in stream.events():
        m = event.message
        ingest = IngestMeta(m.topic, m.partition, m.offset, round(m.timestamp * 1000), m.key)
        now = datetime.now(UTC)
        parsed = parse_stage(
            event.value, ingest=ingest, now=now, max_bytes=1 << 21, enrichment=ENRICH
        )
        if isinstance(parsed, Rejected):
            continue
        outcome = dedupe_stage(parsed.draft, store=store, now=now)
        if isinstance(outcome, StoryRequest):
            await sink.send(key=outcome.key.encode(), value=jsonio.dumps(outcome.event))


if __name__ == "__main__":
    load_enrichment()
    app.main()
