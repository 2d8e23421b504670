"""The worker's log level holds for Faust's and aiokafka's loggers too."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import faust
import pytest

from streams.runtime.faust_fixes.quiet_worker import QuietWorker


@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield root
    root.handlers[:] = handlers
    root.setLevel(level)


async def test_warning_level_leaves_debug_calls_cheap(root_logger: logging.Logger) -> None:
    app = faust.App("newswire-log-test", broker="kafka://127.0.0.1:9092")
    # Faust's own worker lowers the root logger to DEBUG for its spinner: the reason for ours.
    # redirect_stdouts off: it would send this test session's stdout into the logger.
    faust.Worker(app, loglevel="WARNING", quiet=True, redirect_stdouts=False)._setup_logging()
    assert logging.getLogger("faust.topics").isEnabledFor(logging.DEBUG)

    QuietWorker(app, loglevel="WARNING", quiet=True, redirect_stdouts=False)._setup_logging()
    assert root_logger.level == logging.WARNING
    for name in ("faust.topics", "aiokafka.producer", "mode"):
        assert not logging.getLogger(name).isEnabledFor(logging.INFO), name
