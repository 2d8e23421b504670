"""The load-test articles: the benchmarks' figures depend on them looking like a news feed."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from itertools import combinations
from statistics import median

from streams.core.config import PipelineConfig
from streams.core.dedupe import DictSeenStore
from streams.core.events import IngestMeta
from streams.core.pipeline import Published, process
from streams.core.stories import DictStoryIndex, band_keys, simhash
from streams.devtools.synthetic import synthetic_article

ARTICLES = 200


def _signatures() -> list[int]:
    return [simhash(synthetic_article(40_000 + i).decode()) for i in range(ARTICLES)]


def test_unrelated_articles_are_as_far_apart_as_real_news() -> None:
    # Unrelated news stories' signatures are about 32 bits apart; none near enough to join.
    signatures = _signatures()
    distances = [(a ^ b).bit_count() for a, b in combinations(signatures, 2)]
    assert min(distances) > PipelineConfig().story_max_distance
    assert median(distances) >= 24


def test_their_bands_spread_as_real_news_does() -> None:
    # The story index's cost follows how many entries share a band.
    bands = Counter(band for s in _signatures() for band in band_keys(s))
    assert max(bands.values()) <= 3


def test_each_is_a_new_article_of_its_own_story_and_reads_the_same_every_time() -> None:
    assert synthetic_article(41_000) == synthetic_article(41_000)
    seen, index, now, stories = DictSeenStore(), DictStoryIndex(), datetime.now(UTC), set()
    for i in range(20):
        page = synthetic_article(41_000 + i)
        out = process(page, store=seen, ingest=IngestMeta("t", 0, i), now=now, stories=index)
        assert isinstance(out, Published)
        assert out.event["event_type"] == "created"
        stories.add(out.event["story_id"])
    assert len(stories) == 20
