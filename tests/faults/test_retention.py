"""Bounded state: an endless stream of new IDs does not grow the tables or their changelogs.

3,000 new articles published half an hour apart (62 days of news) go through one worker with
a retention of 7 days (336 articles' worth). The dedupe table, the story index and the live
keys of the dedupe changelog must stay near that window, not grow with the stream.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from streams.devtools.synthetic import synthetic_article
from streams.runtime.clients import tail_topic
from tests.integration.conftest import Deployment, metric, scrape

ARTICLES = 3_000
STEP = timedelta(minutes=30)
RETENTION_DAYS = 7
WINDOW = int(timedelta(days=RETENTION_DAYS) / STEP)  # articles within the retention: 336
# The sweep checks two keys per event, so expired keys linger for up to one pass over their
# partition's keys: allow the window three times over.
BOUND = 3 * WINDOW


def _live_keys(bootstrap: str, topic: str) -> int:
    async def read() -> int:
        last: dict[bytes | None, bool] = {}
        async for record in tail_topic(
            bootstrap, topic, from_beginning=True, max_records=None, idle_timeout=2.0
        ):
            last[record.key] = bool(record.value)  # a tombstone reads as empty
        return sum(last.values())

    return asyncio.run(read())


def _rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def test_state_stays_within_the_retention_on_an_endless_stream(deployment: Deployment) -> None:
    d = deployment
    d.env["NEWSWIRE_RETENTION_DAYS"] = str(RETENTION_DAYS)
    worker = d.start_worker()
    port = int(d.env["NEWSWIRE_WEB_PORT"])
    tehran = ZoneInfo("Asia/Tehran")
    start = datetime.now(UTC) - timedelta(days=70)
    pages = [
        synthetic_article(700_000 + i, published=(start + i * STEP).astimezone(tehran))
        for i in range(ARTICLES)
    ]
    started = time.monotonic()
    d.produce(pages)
    out = d.read_outputs(expected=ARTICLES)
    elapsed = time.monotonic() - started
    assert len(out["enriched"]) == ARTICLES
    page = scrape(port)
    entries = metric(page, "newswire_dedupe_table_entries")
    stories = metric(page, "newswire_story_table_entries")
    expired = metric(page, "newswire_state_expired_total", table="dedupe")
    expired_stories = metric(page, "newswire_state_expired_total", table="stories")
    changelog = _live_keys(d.settings.kafka_bootstrap, f"{d.settings.app_id}-dedupe-changelog")
    story_changelog = _live_keys(
        d.settings.kafka_bootstrap, f"{d.settings.app_id}-story-articles-changelog"
    )
    rss = _rss_mib(worker.pid)
    print(
        f"\nretention {RETENTION_DAYS} days over {ARTICLES} articles (62 days) in {elapsed:.0f}s: "
        f"dedupe table {entries:.0f} keys, changelog {changelog} live keys, story index "
        f"{stories:.0f} articles (changelog {story_changelog}); "
        f"expired {expired:.0f} keys and {expired_stories:.0f} story entries; "
        f"worker RSS {rss:.0f} MiB"
    )
    assert WINDOW <= entries <= BOUND
    assert WINDOW <= changelog <= BOUND
    assert entries + expired == ARTICLES
    # One story entry an article, expired with the retention like the dedupe keys.
    assert WINDOW <= stories <= BOUND
    assert stories + expired_stories == ARTICLES
    assert story_changelog <= BOUND
