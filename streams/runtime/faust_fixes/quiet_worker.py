"""Faust's worker without its start-up spinner.

At WARNING and above Faust turns a terminal spinner on every log record, so it sets the root
logger to DEBUG: every debug call in Faust and aiokafka (one per record sent) then built a
record that was thrown away, 3 % of a busy worker's time, and the log got escape codes.
"""

from __future__ import annotations

import logging

import faust

__all__ = ["QuietWorker"]


class QuietWorker(faust.Worker):
    """A ``faust.Worker`` whose root logger stays at the level it is given."""

    def on_setup_root_logger(self, logger: logging.Logger, level: int) -> None:
        self.spinner = None
        super().on_setup_root_logger(logger, level)
