"""What the pure core's stages are told, in one frozen object (no environment reading here)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PipelineConfig"]


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """What the stages need to know; the worker and ``newswire process`` build it the same
    way (``Settings.pipeline``), so they cannot disagree."""

    max_bytes: int = 2 * 1024 * 1024
    enrichment: bool = True
    story_max_distance: int = 3
    retention_days: float = 30.0
