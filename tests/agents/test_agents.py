"""The agents' routing, with Faust's in-memory test context (no broker)."""

from __future__ import annotations

import asyncio
import base64
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock

import pytest
from aiokafka.partitioner import DefaultPartitioner

from streams.config.settings import Settings
from streams.core import jsonio
from streams.core.batches import BATCH_BYTES
from streams.core.dedupe import DictSeenStore
from streams.core.events import IngestMeta
from streams.core.pipeline import Parsed, dedupe_stage, parse_stage
from streams.core.records import StoryRequest
from streams.devtools.synthetic import synthetic_article
from streams.runtime.agents import STORY_KEY
from streams.runtime.app import PRODUCER_BATCH_BYTES
from streams.runtime.worker import Newswire, build
from tests.conftest import SAMPLES


@pytest.fixture
async def newswire(tmp_path: Path, request: pytest.FixtureRequest) -> Newswire:
    # Async, so the app binds to the test's running loop. One parsing process unless a test
    # asks for more (``parametrize("newswire", [2], indirect=True)``).
    processes = getattr(request, "param", 1)
    settings = Settings.from_env(
        {"NEWSWIRE_STATE_DIR": str(tmp_path), "NEWSWIRE_PROCESSES": str(processes)}
    )
    nw = build(settings)
    nw.app.finalize()
    nw.app.conf.store = "memory://"
    nw.app.flow_control.resume()
    return nw


# The parse agent in the worker's process, and with a pool of two child processes.
BOTH_WAYS = pytest.mark.parametrize("newswire", [1, 2], indirect=True, ids=["1proc", "2proc"])


async def routed(newswire: Newswire, count: int) -> None:
    """Wait until the parse agent has routed ``count`` inputs (at once in one process; after
    the pool's children answer with two)."""
    consumed = newswire.metrics.messages_consumed.labels(newswire.settings.topic_raw)
    deadline = asyncio.get_running_loop().time() + 120
    while consumed._value.get() < count:
        assert asyncio.get_running_loop().time() < deadline, "the parse agent routed too few"
        await asyncio.sleep(0.05)


def sent(mock: AsyncMock) -> list[dict[str, Any]]:
    return [jsonio.loads(call.kwargs["value"]) for call in mock.await_args_list]


def partition_of(newswire: Newswire, key: bytes) -> int:
    """The partition Kafka's default partitioner gives ``key`` on the worker's topics."""
    partitions = list(range(newswire.settings.partitions))
    return int(DefaultPartitioner()(key, partitions, partitions))


def drafts_sent(mock: AsyncMock) -> list[tuple[int, dict[str, Any]]]:
    """Each draft sent to the re-key topic, with its partition (a record holds a batch)."""
    return [
        (call.kwargs["partition"], jsonio.loads(line))
        for call in mock.await_args_list
        for line in call.kwargs["value"].split(b"\n")
    ]


async def commit(newswire: Newswire) -> None:
    """What a commit does before it takes the offsets: the held story requests go out."""
    async with newswire.gate.commit():
        pass


def capture(newswire: Newswire, monkeypatch: pytest.MonkeyPatch, *topics: str) -> list[AsyncMock]:
    """Replace the ``send`` of each named topic with a mock that records what was sent."""
    mocks = [AsyncMock() for _ in topics]
    for name, mock in zip(topics, mocks, strict=True):
        monkeypatch.setattr(getattr(newswire.topics, name), "send", mock)
    return mocks


@BOTH_WAYS
async def test_parse_agent_routes_articles_to_rekey_and_bad_input_to_dlq(
    newswire: Newswire, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed, dlq = capture(newswire, monkeypatch, "parsed", "dlq")
    async with newswire.agents.parse.test_context() as agent:
        await agent.put((SAMPLES / "01-defapress-81001.txt").read_bytes(), key=b"untrusted")
        await agent.put(b"\xc3\x28 not text")  # a broken UTF-8 sequence
        await routed(newswire, 2)
        assert parsed.await_args_list == []  # held for the commit, with others of its partition
        await commit(newswire)
    [(partition, draft)] = drafts_sent(parsed)
    assert partition == partition_of(newswire, b"defapress:81001")
    assert draft["event"]["article_key"] == "defapress:81001"
    assert draft["event"]["title"].startswith("Iran, Iraq Open Freight Rail Link")
    [dead] = sent(dlq)
    assert dead["reason"] == "not_utf8"
    consumed = newswire.metrics.messages_consumed.labels(newswire.settings.topic_raw)
    assert consumed._value.get() == 2
    assert newswire.metrics.dead_letters.labels("not_utf8")._value.get() == 1


@BOTH_WAYS
async def test_an_article_keyed_by_its_producer_is_deduped_where_it_arrives(
    newswire: Newswire, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed, to_story, duplicates = capture(newswire, monkeypatch, "parsed", "stories", "duplicates")
    raw = (SAMPLES / "01-defapress-81001.txt").read_bytes()
    key = b"defapress:81001"
    runner_partition = DefaultPartitioner()(
        key, list(range(newswire.settings.partitions)), list(range(newswire.settings.partitions))
    )
    async with newswire.agents.parse.test_context() as agent:
        for _ in range(2):
            await agent.put(raw, key=key, partition=runner_partition)
        # The same key in another partition is not where its state lives: re-keyed.
        other = (runner_partition + 1) % newswire.settings.partitions
        await agent.put(raw, key=key, partition=other)
        await routed(newswire, 3)
        await commit(newswire)
    assert [c.kwargs["key"] for c in to_story.await_args_list] == [STORY_KEY]
    assert sent(duplicates)[0]["times_seen"] == 2
    assert [(p, d["event"]["article_key"]) for p, d in drafts_sent(parsed)] == [
        (runner_partition, key.decode())
    ]
    routes = newswire.metrics.parse_routes
    assert routes.labels("inline")._value.get() == 2
    assert routes.labels("rekeyed")._value.get() == 1


@BOTH_WAYS
async def test_an_unreadable_date_is_published_with_a_warning_and_counted(
    newswire: Newswire, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed, dlq = capture(newswire, monkeypatch, "parsed", "dlq")
    page = b"Title\nTEHRAN (defapress) - Lead.\nNews ID: 5\nPublish Date: soon-ish\nBody.\n"
    async with newswire.agents.parse.test_context() as agent:
        await agent.put(page)
        await routed(newswire, 1)
        await commit(newswire)
    assert dlq.await_args_list == []
    [(_, draft)] = drafts_sent(parsed)
    assert draft["event"]["published_at"] is None
    assert draft["event"]["warnings"] == [
        {"field": "published_at", "code": "unparsed_date", "value": "soon-ish"}
    ]
    warnings = newswire.metrics.field_warnings
    assert warnings.labels("published_at", "unparsed_date")._value.get() == 1
    assert warnings.labels("news_id", "invalid_id")._value.get() == 0


async def test_dedupe_agent_sends_new_article_to_story_stage_then_notices_repeat(
    newswire: Newswire, monkeypatch: pytest.MonkeyPatch
) -> None:
    to_story, duplicates = AsyncMock(), AsyncMock()
    monkeypatch.setattr(newswire.topics.stories, "send", to_story)
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
            await agent.put(outcome.draft.to_json(), key=outcome.key.encode())
        # Requests wait for a full batch or the commit that ends their transaction.
        assert to_story.await_args_list == []
        await commit(newswire)
    # Every new article goes to the story stage under the one key that gives it one owner.
    assert [c.kwargs["key"] for c in to_story.await_args_list] == [STORY_KEY]
    [request] = sent(to_story)
    assert (request["event"]["event_type"], request["event"]["revision"]) == ("created", 1)
    assert int(request["simhash"]) > 0
    assert request["ingest_ms"] == 1_700_000_000_000
    [notice] = sent(duplicates)
    assert (notice["kept_revision"], notice["times_seen"]) == (1, 2)
    assert newswire.metrics.duplicates._value.get() == 1


async def test_story_agent_publishes_with_story_and_counts_a_join(
    newswire: Newswire, monkeypatch: pytest.MonkeyPatch
) -> None:
    enriched = AsyncMock()
    monkeypatch.setattr(newswire.topics.enriched, "send", enriched)
    store = DictSeenStore()
    now = datetime.now(UTC)
    original = synthetic_article(71_001)
    repost = original.replace(b"News ID: 71001", b"News ID: 71999")
    requests = []
    for offset, page in enumerate((original, repost)):
        parsed = parse_stage(page, ingest=IngestMeta("t", 0, offset), now=now, max_bytes=1 << 21)
        assert isinstance(parsed, Parsed)
        request = dedupe_stage(parsed.draft, store=store, now=now)
        assert isinstance(request, StoryRequest)
        requests.append(request.to_json())
    async with newswire.agents.story.test_context() as agent:
        for request in requests:
            await agent.put(request, key=STORY_KEY)
    first, second = sent(enriched)
    assert [c.kwargs["key"] for c in enriched.await_args_list] == [
        b"defapress:71001",
        b"defapress:71999",
    ]
    assert second["story_id"] == first["story_id"]
    assert second["similar_to"][0]["article_key"] == "defapress:71001"
    assert newswire.metrics.story_joins._value.get() == 1
    created = newswire.metrics.events_published.labels(newswire.settings.topic_enriched, "created")
    assert created._value.get() == 2


@pytest.mark.parametrize("agent_name", ["dedupe", "story"])
async def test_unreadable_internal_record_goes_to_dlq_and_the_agent_goes_on(
    newswire: Newswire, monkeypatch: pytest.MonkeyPatch, agent_name: str
) -> None:
    dlq, to_story, enriched = AsyncMock(), AsyncMock(), AsyncMock()
    monkeypatch.setattr(newswire.topics.dlq, "send", dlq)
    monkeypatch.setattr(newswire.topics.stories, "send", to_story)
    monkeypatch.setattr(newswire.topics.enriched, "send", enriched)
    now = datetime.now(UTC)
    parsed = parse_stage(synthetic_article(72_001), ingest=IngestMeta("t", 0, 0), now=now,
                         max_bytes=1 << 21)  # fmt: skip
    assert isinstance(parsed, Parsed)
    if agent_name == "dedupe":
        good, key = parsed.draft.to_json(), parsed.key.encode()
    else:
        request = dedupe_stage(parsed.draft, store=DictSeenStore(), now=now)
        assert isinstance(request, StoryRequest)
        good, key = request.to_json(), STORY_KEY
    garbage = [b"\xff not json", b'{"event": 1}', b"[1, 2]"]
    agent = getattr(newswire.agents, agent_name)
    async with agent.test_context() as context:
        for value in garbage:
            await context.put(value, key=key)
        await context.put(good, key=key)
        await commit(newswire)
    dead = sent(dlq)
    assert [d["reason"] for d in dead] == ["internal_error"] * len(garbage)
    assert [base64.b64decode(d["original"]) for d in dead] == garbage
    assert all("unreadable record on" in d["message"] for d in dead)
    # The good record after the garbage is still handled.
    assert len((to_story if agent_name == "dedupe" else enriched).await_args_list) == 1
    assert newswire.metrics.dead_letters.labels("internal_error")._value.get() == len(garbage)


async def test_the_producers_batch_more_than_fausts_default(newswire: Newswire) -> None:
    # Faust's 16 KiB batch held three events per produce request (see streams.runtime.app).
    producer = newswire.app.producer._settings_default()  # what the aiokafka driver passes on
    assert producer["max_batch_size"] == PRODUCER_BATCH_BYTES >= 32 * 16 * 1024
    # A batch is one message to the broker: within Kafka's default message.max.bytes.
    assert PRODUCER_BATCH_BYTES <= 1_048_588


def _drafts(first: int, count: int) -> list[Parsed]:
    now = datetime.now(UTC)
    out = []
    for i in range(count):
        page = synthetic_article(first + i)
        parsed = parse_stage(page, ingest=IngestMeta("t", 0, i), now=now, max_bytes=1 << 21)
        assert isinstance(parsed, Parsed)
        out.append(parsed)
    return out


async def test_dedupe_agent_batches_story_requests_and_a_commit_sends_the_rest(
    newswire: Newswire, monkeypatch: pytest.MonkeyPatch
) -> None:
    [to_story] = capture(newswire, monkeypatch, "stories")
    drafts = _drafts(73_000, 40)  # ~5 KB requests: more than one batch's 128 KiB
    async with newswire.agents.dedupe.test_context() as agent:
        for parsed in drafts:
            await agent.put(parsed.draft.to_json(), key=parsed.key.encode())
        full = len(to_story.await_args_list)
        assert full >= 1  # a full batch goes at once, inside the event that overflowed it
        await commit(newswire)
        assert len(to_story.await_args_list) == full + 1  # the commit sent what was held
        await commit(newswire)
        assert len(to_story.await_args_list) == full + 1  # and holds nothing after
    records = [c.kwargs["value"] for c in to_story.await_args_list]
    assert all(c.kwargs["key"] == STORY_KEY for c in to_story.await_args_list)
    assert all(len(r) <= BATCH_BYTES for r in records)
    keys = [StoryRequest.from_json(line).key for r in records for line in r.split(b"\n")]
    assert keys == [parsed.key for parsed in drafts]  # each once, in input order


async def test_story_agent_reads_a_batch_in_order_and_refuses_only_its_bad_line(
    newswire: Newswire, monkeypatch: pytest.MonkeyPatch
) -> None:
    enriched, dlq = capture(newswire, monkeypatch, "enriched", "dlq")
    store, now = DictSeenStore(), datetime.now(UTC)
    lines = []
    for parsed in _drafts(74_000, 3):
        request = dedupe_stage(parsed.draft, store=store, now=now)
        assert isinstance(request, StoryRequest)
        lines.append(request.to_json())
    lines.insert(1, b"{not a request")
    async with newswire.agents.story.test_context() as agent:
        await agent.put(b"\n".join(lines), key=STORY_KEY)
    assert [c.kwargs["key"] for c in enriched.await_args_list] == [
        b"defapress:74000",
        b"defapress:74001",
        b"defapress:74002",
    ]
    [dead] = sent(dlq)
    assert base64.b64decode(dead["original"]) == b"{not a request"


async def test_parse_agent_holds_drafts_per_partition_until_the_commit(
    newswire: Newswire, monkeypatch: pytest.MonkeyPatch
) -> None:
    [parsed] = capture(newswire, monkeypatch, "parsed")
    pages = [synthetic_article(75_000 + i) for i in range(30)]
    async with newswire.agents.parse.test_context() as agent:
        for page in pages:
            await agent.put(page)  # unkeyed: every draft goes through the re-key topic
        await routed(newswire, len(pages))
        assert parsed.await_args_list == []  # 30 drafts of ~4 KB fill no batch
        await commit(newswire)
        records = len(parsed.await_args_list)
        await commit(newswire)
        assert len(parsed.await_args_list) == records  # nothing held after the commit
    drafts = drafts_sent(parsed)
    # Each draft in its key's partition, each once, and in input order within a partition.
    keys = [draft["event"]["article_key"] for _, draft in drafts]
    assert sorted(keys) == sorted(f"defapress:{75_000 + i}" for i in range(30))
    assert all(p == partition_of(newswire, d["event"]["article_key"].encode()) for p, d in drafts)
    for partition in {p for p, _ in drafts}:
        mine = [d["event"]["article_key"] for p, d in drafts if p == partition]
        assert mine == sorted(mine)  # the keys' numbers follow the input order
    assert records == len({p for p, _ in drafts})  # one record per partition


async def test_dedupe_agent_reads_a_batch_in_order_and_refuses_only_its_bad_line(
    newswire: Newswire, monkeypatch: pytest.MonkeyPatch
) -> None:
    to_story, dlq = capture(newswire, monkeypatch, "stories", "dlq")
    lines = [parsed.draft.to_json() for parsed in _drafts(76_000, 3)]
    lines.insert(2, b'{"event": "not a draft"}')
    async with newswire.agents.dedupe.test_context() as agent:
        await agent.put(b"\n".join(lines))
        await commit(newswire)
    [record] = [c.kwargs["value"] for c in to_story.await_args_list]
    keys = [StoryRequest.from_json(line).key for line in record.split(b"\n")]
    assert keys == ["defapress:76000", "defapress:76001", "defapress:76002"]
    [dead] = sent(dlq)
    assert base64.b64decode(dead["original"]) == b'{"event": "not a draft"}'
