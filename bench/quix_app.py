"""The second peer for ``bench/pipeline.py --compare``: a Quix Streams application doing the
same parse + enrich + dedupe with Newswire's pure core.

Written as Quix Streams' documentation shows: a StreamingDataFrame, exactly-once processing, a
``group_by`` to re-key by article key (Quix repartitions through an internal topic, as Newswire
does), and the dedupe state in Quix's state store (RocksDB), scoped to the key. No story stage,
no dead-letter topic, no metrics: the same core work as bench/naive_faust.py.

Run by the benchmark as ``python bench/quix_app.py``, configured by environment: QUIX_BROKER,
QUIX_GROUP, QUIX_SOURCE, QUIX_SINK, QUIX_STATE_DIR, QUIX_ENRICH.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from typing import Any

from quixstreams import Application, State

from streams.core import jsonio
from streams.core.dedupe import SeenRecord
from streams.core.enrich import load as load_enrichment
from streams.core.events import IngestMeta
from streams.core.pipeline import Parsed, dedupe_stage, parse_stage
from streams.core.records import Draft, StoryRequest

ENRICH = os.environ.get("QUIX_ENRICH", "true") == "true"


class _StateStore:
    """Quix's per-key state as a ``SeenStore`` (the state is already the key's)."""

    def __init__(self, state: State[Any, Any]) -> None:
        self.state = state

    def get(self, key: str) -> SeenRecord | None:
        value = self.state.get("seen")
        return SeenRecord.from_dict(value) if value is not None else None

    def put(self, key: str, record: SeenRecord) -> None:
        self.state.set("seen", record.to_dict())


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def parse(value: bytes) -> dict[str, Any] | None:
    now = datetime.now(UTC)
    parsed = parse_stage(
        value, ingest=IngestMeta("quix", 0, 0), now=now, max_bytes=1 << 21, enrichment=ENRICH
    )
    if not isinstance(parsed, Parsed):
        return None
    return {"key": parsed.key, "draft": parsed.draft.to_json().decode(), "t0": _now_ms()}


def dedupe(value: dict[str, Any], state: State[Any, Any]) -> bytes | None:
    draft = Draft.from_json(value["draft"].encode())
    outcome = dedupe_stage(draft, store=_StateStore(state), now=datetime.now(UTC))
    if not isinstance(outcome, StoryRequest):
        return None
    # When its parse began: Quix runs the stage after group_by in bursts (what the first stage
    # committed), so the benchmark times the run from the first parse to the last output.
    return jsonio.dumps({**outcome.event, "_parsed_ms": value["t0"]})


def main() -> None:
    load_enrichment()
    app = Application(
        broker_address=os.environ.get("QUIX_BROKER", "127.0.0.1:9092"),
        consumer_group=os.environ.get("QUIX_GROUP", "quix-bench"),
        auto_offset_reset="earliest",
        processing_guarantee="exactly-once",
        state_dir=os.environ.get("QUIX_STATE_DIR", "state"),
    )
    source = app.topic(
        os.environ.get("QUIX_SOURCE", "quix.in"),
        value_deserializer="bytes",
        key_deserializer="bytes",
    )
    sink = app.topic(
        os.environ.get("QUIX_SINK", "quix.out"), value_serializer="bytes", key_serializer="str"
    )
    sdf = app.dataframe(source)
    sdf = sdf.apply(parse).filter(lambda v: v is not None)
    sdf = sdf.group_by(lambda v: v["key"], name="article-key")
    sdf = sdf.apply(dedupe, stateful=True).filter(lambda v: v is not None)
    # Quix keeps the input's timestamp on what it produces; the benchmark times the outputs
    # by theirs, as it does Newswire's and Faust's, so each output gets the time it was made.
    sdf = sdf.set_timestamp(lambda value, key, timestamp, headers: _now_ms())
    sdf.to_topic(sink)
    app.run()


if __name__ == "__main__":
    main()
