"""The whole pipeline on the real local Kafka, through a real `newswire worker` process."""

from __future__ import annotations

import base64
import signal
from collections import Counter

import pytest

from streams.core.pipeline import article_key
from streams.devtools.synthetic import synthetic_article
from tests.conftest import SAMPLES
from tests.integration.conftest import Deployment, metric, scrape, wait_for
from tests.schemas import validate_record

FIRST_WAVE = [
    "01-defapress-81001.txt",
    "02-defapress-81002.txt",
    "05-defapress-no-news-id.txt",
    "06-defapress-81003-crlf.txt",
    "07-malformed-empty.txt",
    "08-malformed-binary.bin",
    "09-malformed-not-an-article.txt",
    "10-envelope-81004.json",
    "11-malformed-truncated-envelope.json",
]
# Sent after the first wave has its outcomes: a re-scrape of 01 and a revision of 02.
SECOND_WAVE = ["03-defapress-81001-rescrape.txt", "04-defapress-81002-revised.txt"]


def test_samples_become_events_notices_and_dead_letters(deployment: Deployment) -> None:
    d = deployment
    d.start_worker()
    raw = {name: (SAMPLES / name).read_bytes() for name in FIRST_WAVE + SECOND_WAVE}
    assert d.produce([raw[n] for n in FIRST_WAVE]) == len(FIRST_WAVE)
    out = d.read_outputs(expected=len(FIRST_WAVE))
    assert sum(len(v) for v in out.values()) == len(FIRST_WAVE), d.logs()
    assert d.produce([raw[n] for n in SECOND_WAVE]) == 2
    out = d.read_outputs(expected=len(FIRST_WAVE) + 2)

    for records in out.values():
        for record in records:
            validate_record(record)

    enriched = {(e["article_key"], e["event_type"], e["revision"]) for e in out["enriched"]}
    fp_key = next(e["article_key"] for e in out["enriched"] if e["article_key"].startswith("fp:"))
    assert enriched == {
        ("defapress:81001", "created", 1),
        ("defapress:81002", "created", 1),
        ("defapress:81002", "updated", 2),
        ("defapress:81003", "created", 1),
        ("defapress:81004", "created", 1),
        (fp_key, "created", 1),
    }
    assert len(out["enriched"]) == 6
    [notice] = out["duplicates"]
    assert (notice["article_key"], notice["kept_revision"], notice["times_seen"]) == (
        "defapress:81001", 1, 2,
    )  # fmt: skip
    dead = {r["reason"]: base64.b64decode(r["original"]) for r in out["dlq"]}
    assert dead == {
        "empty": raw["07-malformed-empty.txt"],
        "not_utf8": raw["08-malformed-binary.bin"],
        "not_an_article": raw["09-malformed-not-an-article.txt"],
        "bad_envelope": raw["11-malformed-truncated-envelope.json"],
    }
    assert all(r["ingest"]["topic"] == d.settings.topic_raw for r in out["dlq"])

    # The worker's metrics agree with what came out.
    port = int(d.env["NEWSWIRE_WEB_PORT"])
    text = scrape(port)
    raw_topic, enriched_topic = d.settings.topic_raw, d.settings.topic_enriched
    assert metric(text, "newswire_messages_consumed_total", topic=raw_topic) == 11
    assert metric(text, "newswire_input_bytes_total", topic=raw_topic) == sum(
        len(v) for v in raw.values()
    )
    assert metric(text, "newswire_events_published_total", topic=enriched_topic,
                  event_type="created") == 5  # fmt: skip
    assert metric(text, "newswire_events_published_total", topic=enriched_topic,
                  event_type="updated") == 1  # fmt: skip
    assert metric(text, "newswire_duplicates_total") == 1
    for reason in dead:
        assert metric(text, "newswire_dead_letters_total", reason=reason) == 1
    assert metric(text, "newswire_dedupe_table_entries") == 5
    assert metric(text, "newswire_processing_seconds_count", stage="parse") == 11
    assert metric(text, "newswire_processing_seconds_count", stage="enrich") == 7
    assert metric(text, "newswire_processing_seconds_count", stage="dedupe") == 7
    assert metric(text, "newswire_processing_seconds_count", stage="publish") == 7
    assert metric(text, "newswire_end_to_end_latency_seconds_count") == 7


@pytest.mark.parametrize("keyed", [False, True], ids=["rekeyed", "keyed-by-producer"])
def test_sigkilled_worker_restarts_without_losing_or_recreating(
    deployment: Deployment, keyed: bool
) -> None:
    """Unkeyed inputs pass the re-key hop; inputs keyed by article key (as `newswire produce`
    sends them) are deduped where they arrive. Either way, a SIGKILL loses and repeats
    nothing."""
    d = deployment
    n = 400
    pages = [synthetic_article(10_000 + i) for i in range(n)]
    # Every 10th article is sent twice, every 20th also as a revision: 400 + 40 + 20 inputs.
    pages += [synthetic_article(10_000 + i) for i in range(0, n, 10)]
    pages += [synthetic_article(10_000 + i, revision=2) for i in range(0, n, 20)]
    total = len(pages)
    first = d.start_worker()
    keys = [
        found.encode() if keyed and (found := article_key(page, max_bytes=1 << 21)) else None
        for page in pages
    ]
    d.produce(pages, keys)
    wait_for(lambda: len(d.read_outputs(expected=50, stall=5)["enriched"]) >= 50, 90,
             "the first 50 events")  # fmt: skip
    inline = metric(scrape(int(d.env["NEWSWIRE_WEB_PORT"])), "newswire_parse_routes_total",
                    route="inline")  # fmt: skip
    assert (inline > 0) == keyed
    d.stop(first, signal.SIGKILL)
    d.start_worker()
    out = d.read_outputs(expected=total)

    created = Counter(e["article_key"] for e in out["enriched"] if e["event_type"] == "created")
    assert len(created) == n, "every distinct article has a created event"
    assert max(created.values()) == 1, "no article was published twice as created"
    # A repeat may be judged against either revision, depending on which arrived first; the
    # totals per key are fixed: one event per distinct content, one notice per exact repeat.
    events_per_key = Counter(e["article_key"] for e in out["enriched"])
    assert sum(events_per_key.values()) == n + n // 20
    assert len(out["duplicates"]) == n // 10
    assert out["dlq"] == []
    assert sum(len(v) for v in out.values()) == total
    revisions = {(e["article_key"], e["revision"]) for e in out["enriched"]}
    assert len(revisions) == len(out["enriched"]), "no revision number was used twice"


@pytest.mark.parametrize("store", ["memory://", "rocksdb://"])
def test_graceful_restart_handles_nothing_twice(deployment: Deployment, store: str) -> None:
    """SIGTERM, restart, send everything again: each input has exactly one outcome.

    With either table store the dedupe state survives the restart: every article sent again
    is a repeat.
    """
    d = deployment
    d.env["NEWSWIRE_STORE"] = store
    pages = [p.read_bytes() for p in sorted(SAMPLES.iterdir())]
    worker = d.start_worker()
    d.produce(pages)
    first = d.read_outputs(expected=len(pages))
    assert sum(len(v) for v in first.values()) == len(pages)
    d.stop(worker, signal.SIGTERM)
    assert worker.returncode == 0, d.logs()

    d.start_worker()
    d.produce(pages)
    # One more article per ingest partition: its outcome comes after anything the restarted
    # worker replays from that partition, so waiting for them bounds the wait for replays.
    sentinels = [synthetic_article(90_000 + p) for p in range(d.settings.partitions)]
    d.produce_to_partitions(sentinels)
    total = 2 * len(pages) + len(sentinels)
    out = d.read_outputs(expected=total)
    counts = {k: len(v) for k, v in out.items()}
    # Second time round every article is a repeat and every bad input a dead letter again.
    assert counts == {"enriched": 6 + len(sentinels), "duplicates": 1 + 7, "dlq": 4 + 4}
    ingest = Counter(
        (r["ingest"]["partition"], r["ingest"]["offset"]) for v in out.values() for r in v
    )
    assert max(ingest.values()) == 1, "an input was handled twice"


def test_reposts_join_one_story_across_a_restart(deployment: Deployment) -> None:
    """The story index is a changelog-backed GlobalTable: a restarted worker still knows it."""
    d = deployment
    original = synthetic_article(55_001)
    reposts = [original.replace(b"News ID: 55001", f"News ID: {n}".encode()) for n in (7701, 7702)]
    worker = d.start_worker()
    d.produce([original])
    d.read_outputs(expected=1)
    d.produce([reposts[0]])
    out = d.read_outputs(expected=2)
    d.stop(worker, signal.SIGTERM)
    d.start_worker()
    d.produce([reposts[1]])
    out = d.read_outputs(expected=3)
    events = {e["article_key"]: e for e in out["enriched"]}
    assert set(events) == {"defapress:55001", "defapress:7701", "defapress:7702"}
    stories = {e["story_id"] for e in events.values()}
    assert len(stories) == 1
    assert events["defapress:7702"]["similar_to"][0]["distance"] == 0
    assert metric(scrape(int(d.env["NEWSWIRE_WEB_PORT"])), "newswire_story_joins_total") == 1
