"""Newswire: a stream processor that turns raw news pages into normalised article events.

The package splits into a pure core (parsing, normalising, dedupe decisions, event building),
which never imports Kafka, Faust or Prometheus, and thin wiring around it (app, topics, tables,
agents, metrics, CLI).
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
