"""The agents' routing, with Faust's in-memory test context (no broker)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock

import pytest

from streams import jsonio
from streams.events import IngestMeta
from streams.pipeline import Parsed, parse_stage
from streams.settings import Settings
from streams.worker import Newswire, build
from tests.conftest import SAMPLES


@pytest.fixture
async def newswire(tmp_path: Path) -> Newswire:
    # Async, so the app binds to the test's running loop.
    settings = Settings.from_env({"NEWSWIRE_STATE_DIR": str(tmp_path)})
    nw = build(settings)
    nw.app.finalize()
    nw.app.conf.store = "memory://"
    nw.app.flow_control.resume()
    return nw


def sent(mock: AsyncMock) -> list[dict[str, Any]]:
    return [jsonio.loads(call.kwargs["value"]) for call in mock.await_args_list]


async def test_parse_agent_routes_articles_to_rekey_and_bad_input_to_dlq(
    newswire: Newswire, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed, dlq = AsyncMock(), AsyncMock()
    monkeypatch.setattr(newswire.topics.parsed, "send", parsed)
    monkeypatch.setattr(newswire.topics.dlq, "send", dlq)
    async with newswire.agents.parse.test_context() as agent:
        await agent.put((SAMPLES / "01-defapress-81001.txt").read_bytes(), key=b"untrusted")
        await agent.put(b"\xff\xfe not text")
    assert [c.kwargs["key"] for c in parsed.await_args_list] == [b"defapress:81001"]
    assert sent(parsed)[0]["title"].startswith("Iran, Iraq Open Freight Rail Link")
    [dead] = sent(dlq)
    assert dead["reason"] == "not_utf8"
    consumed = newswire.metrics.messages_consumed.labels(newswire.settings.topic_raw)
    assert consumed._value.get() == 2
    assert newswire.metrics.dead_letters.labels("not_utf8")._value.get() == 1


async def test_dedupe_agent_publishes_then_notices_repeat(
    newswire: Newswire, monkeypatch: pytest.MonkeyPatch
) -> None:
    enriched, duplicates = AsyncMock(), AsyncMock()
    monkeypatch.setattr(newswire.topics.enriched, "send", enriched)
    monkeypatch.setattr(newswire.topics.duplicates, "send", duplicates)
    outcome = parse_stage(
        (SAMPLES / "02-defapress-81002.txt").read_bytes(),
        ingest=IngestMeta("articles.raw", 0, 7, timestamp_ms=1_700_000_000_000),
        now=datetime.now(UTC),
        max_bytes=1 << 21,
    )
    assert isinstance(outcome, Parsed)
    async with newswire.agents.dedupe.test_context() as agent:
        for _ in range(2):
            await agent.put(jsonio.dumps(outcome.draft), key=outcome.key.encode())
    [event] = sent(enriched)
    assert (event["event_type"], event["revision"]) == ("created", 1)
    [notice] = sent(duplicates)
    assert (notice["kept_revision"], notice["times_seen"]) == (1, 2)
    assert newswire.metrics.duplicates._value.get() == 1
