"""Prometheus metrics of a worker, as one typed bundle built on a replaceable registry."""

from __future__ import annotations

import platform
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from streams import __version__

__all__ = ["FIELD_WARNINGS", "LagCollector", "Metrics"]

# Per-stage work is measured at 50 µs to 15 ms per article on a laptop core; the buckets span
# 25 µs to 1 s so a slow outlier (a 2 MiB page, a GC pause) still lands in a bucket of its own.
STAGE_BUCKETS = (
    0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
    0.25, 1.0,
)  # fmt: skip
# End to end passes three hops, each visible only when its transaction commits (every 50 ms
# by default), and a backlog adds seconds: milliseconds to minutes.
LATENCY_BUCKETS = (
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Metrics:
    """Every ``newswire_*`` metric; docs/operations.md lists them."""

    registry: CollectorRegistry
    messages_consumed: Counter
    input_bytes: Counter
    events_published: Counter
    duplicates: Counter
    dead_letters: Counter
    field_warnings: Counter
    parse_routes: Counter
    processing_seconds: Histogram
    end_to_end_latency_seconds: Histogram
    dedupe_table_entries: Gauge
    story_table_entries: Gauge
    story_joins: Counter
    expired: Counter
    rebalances: Counter
    ready: Gauge
    commit_pause_seconds: Gauge
    build_info: Gauge

    @classmethod
    def create(
        cls, registry: CollectorRegistry | None = None, versions: dict[str, str] | None = None
    ) -> Metrics:
        """Register the metrics on ``registry`` (a fresh one by default, so tests stay apart).

        ``versions`` names the libraries to show in build info (faust, aiokafka).
        """
        r = registry if registry is not None else CollectorRegistry()
        versions = versions or {}
        build_info = Gauge(
            "newswire_build_info",
            "Always 1; labels say which Newswire, Python, Faust and aiokafka this worker runs.",
            ["version", "python", "faust", "aiokafka"],
            registry=r,
        )
        build_info.labels(
            __version__,
            platform.python_version(),
            versions.get("faust", "unknown"),
            versions.get("aiokafka", "unknown"),
        ).set(1)
        return cls(
            registry=r,
            messages_consumed=Counter(
                "newswire_messages_consumed_total",
                "Input messages taken from a topic, good or bad.",
                ["topic"],
                registry=r,
            ),
            input_bytes=Counter(
                "newswire_input_bytes_total",
                "Bytes of input message values taken from a topic.",
                ["topic"],
                registry=r,
            ),
            events_published=Counter(
                "newswire_events_published_total",
                "Article events published, by topic and created/updated.",
                ["topic", "event_type"],
                registry=r,
            ),
            duplicates=Counter(
                "newswire_duplicates_total",
                "Exact repeats dropped (each one noticed on the duplicates topic).",
                registry=r,
            ),
            dead_letters=Counter(
                "newswire_dead_letters_total",
                "Inputs sent to the dead-letter topic, by reason code.",
                ["reason"],
                registry=r,
            ),
            parse_routes=_with_series(
                Counter(
                    "newswire_parse_routes_total",
                    "Parsed articles by route: deduped where they arrived (inline: the producer "
                    "keyed them by article key) or re-keyed through the parsed topic.",
                    ["route"],
                    registry=r,
                ),
                (("inline",), ("rekeyed",)),
            ),
            field_warnings=_with_series(
                Counter(
                    "newswire_field_warnings_total",
                    "Articles published with a field left null because it could not be read, "
                    "by field and code.",
                    ["field", "code"],
                    registry=r,
                ),
                FIELD_WARNINGS,
            ),
            processing_seconds=Histogram(
                "newswire_processing_seconds",
                "Time per message in each stage: parse, enrich, dedupe, story, publish.",
                ["stage"],
                buckets=STAGE_BUCKETS,
                registry=r,
            ),
            end_to_end_latency_seconds=Histogram(
                "newswire_end_to_end_latency_seconds",
                "From the raw message's Kafka timestamp to the event or notice being sent.",
                buckets=LATENCY_BUCKETS,
                registry=r,
            ),
            dedupe_table_entries=Gauge(
                "newswire_dedupe_table_entries",
                "Article keys held in this worker's dedupe table partitions.",
                registry=r,
            ),
            story_table_entries=Gauge(
                "newswire_story_table_entries",
                "Articles in the story index (held whole by the story agent's worker).",
                registry=r,
            ),
            rebalances=Counter(
                "newswire_rebalances_total",
                "Consumer group rebalances this worker took part in.",
                registry=r,
            ),
            ready=Gauge(
                "newswire_ready",
                "1 when partitions are assigned and table recovery is done (as /readyz), else 0.",
                registry=r,
            ),
            commit_pause_seconds=Gauge(
                "newswire_commit_pause_seconds",
                "Seconds between timed commits now: the commit interval, longer while a backlog "
                "waits and commits are slow (NEWSWIRE_COMMIT_SHARE).",
                registry=r,
            ),
            story_joins=Counter(
                "newswire_story_joins_total",
                "Articles that joined a story another article had started (near-duplicates).",
                registry=r,
            ),
            expired=Counter(
                "newswire_state_expired_total",
                "Table entries removed because they passed the retention (by publish time).",
                ["table"],
                registry=r,
            ),
            build_info=build_info,
        )


class LagCollector(Collector):
    """``newswire_consumer_lag``: messages behind the end, per topic-partition, read at scrape
    time from a callable the worker gives (so no bookkeeping per event)."""

    def __init__(self, read: Callable[[], Iterable[tuple[str, int, int]]]) -> None:
        self.read = read

    def collect(self) -> Iterable[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "newswire_consumer_lag",
            "Messages between this worker's position and the end, per assigned partition.",
            labels=["topic", "partition"],
        )
        for topic, partition, lag in self.read():
            family.add_metric([topic, str(partition)], lag)
        yield family


#: The (field, code) pairs the parser warns about; their series exist from start-up at 0, so
#: that a rate over them reads 0 rather than no data.
FIELD_WARNINGS = (
    ("published_at", "unparsed_date"),
    ("updated_at", "unparsed_date"),
    ("published_at", "implausible_date"),
    ("updated_at", "implausible_date"),
    ("news_id", "invalid_id"),
)


def _with_series(counter: Counter, labels: tuple[tuple[str, ...], ...]) -> Counter:
    for values in labels:
        counter.labels(*values)
    return counter
