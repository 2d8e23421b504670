"""Transactional producers retry a refused request after 20 ms; other producers keep
aiokafka's back-off."""

from __future__ import annotations

from pathlib import Path

from streams.config.settings import Settings
from streams.runtime.faust_fixes.retry_backoff import TXN_RETRY_BACKOFF_MS, with_txn_retry_backoff
from streams.runtime.worker import build


def test_only_idempotent_producers_get_the_short_back_off() -> None:
    assert with_txn_retry_backoff({"enable_idempotence": True, "acks": "all"}) == {
        "enable_idempotence": True, "acks": "all", "retry_backoff_ms": TXN_RETRY_BACKOFF_MS,
    }  # fmt: skip
    assert "retry_backoff_ms" not in with_txn_retry_backoff({"acks": 1})


async def test_the_worker_transactional_producers_retry_after_20_ms(tmp_path: Path) -> None:
    # Async: aiokafka producers bind to the running loop when made.
    settings = Settings.from_env({"NEWSWIRE_STATE_DIR": str(tmp_path)})
    app = build(settings).app
    app.finalize()
    app.in_worker = True  # as in a worker, where Faust makes the producers transactional
    producer = app.producer._new_producer(transactional_id="newswire-test-0-0")
    try:
        assert producer._sender._retry_backoff == TXN_RETRY_BACKOFF_MS / 1000
    finally:
        await producer.stop()
