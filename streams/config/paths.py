"""Where a source checkout keeps what the developer tooling reads (samples, corpora, deploy)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["checkout_root"]


def checkout_root() -> Path | None:
    """The project folder when running from a checkout (editable install); None in a wheel."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").exists() and (root / "streams").is_dir() else None
