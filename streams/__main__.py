"""``python -m streams`` runs the ``newswire`` command line."""

from __future__ import annotations

from streams.cli.main import main

main()
