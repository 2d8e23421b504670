"""The ``newswire`` command."""

from __future__ import annotations

from streams.cli.main import main

__all__ = ["main"]
