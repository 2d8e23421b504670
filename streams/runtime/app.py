"""The Faust application, configured from :class:`~streams.config.settings.Settings`."""

from __future__ import annotations

import faust

from streams.config.settings import Settings
from streams.runtime.faust_fixes import CommitGate
from streams.runtime.faust_fixes import install as install_faust_fixes

__all__ = ["PRODUCER_BATCH_BYTES", "create_app"]

#: Records per partition in one produce request. Each transactional producer has one request
#: in flight to a broker, so Faust's 16 KiB (three 5 KB events) capped a hop at a few records
#: per round trip. Below Kafka's default ``message.max.bytes``, which applies to a batch.
PRODUCER_BATCH_BYTES = 512 * 1024
# Fetches stay at Faust's 1 MiB a partition. Faust hands a fetch's records to the streams in
# order, so with 8 MiB an ingest backlog held the re-keyed records back for seconds.


def create_app(settings: Settings, gate: CommitGate) -> faust.App:
    """A Faust app for ``settings``; the worker adds agents, tables and pages.

    ``gate`` is shared with the agents: commits wait for events in flight (see faust_fixes).
    """
    brokers = [f"kafka://{host.strip()}" for host in settings.kafka_bootstrap.split(",")]
    app = faust.App(
        settings.app_id,
        broker=brokers,
        broker_credentials=settings.connection.faust_credentials(),
        store=settings.store,
        processing_guarantee=settings.processing_guarantee,
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        datadir=str(settings.state_dir / "worker" / settings.app_id),
        # The web server serves /metrics; it binds where the settings say (127.0.0.1 by default).
        web_bind=settings.web_host,
        web_host=settings.web_host,
        web_port=settings.web_port,
        web_enabled=True,
        # A new consumer group reads the ingest topic from the start: nothing produced before
        # the first worker ran is skipped.
        consumer_auto_offset_reset="earliest",
        # Big enough for a page at the input limit in an envelope, and its dead-letter copy.
        producer_max_request_size=settings.max_request_bytes,
        producer_max_batch_size=PRODUCER_BATCH_BYTES,
        # Under exactly-once, outputs become visible when their transaction commits; this
        # interval bounds that wait on each of the three hops (parse, dedupe, story).
        broker_commit_interval=settings.commit_interval,
        autodiscover=False,
    )
    install_faust_fixes(app, gate, settings.commit_share)
    return app
