"""JSON Schema validators for the published records, shared by every test tier."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


@functools.cache
def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        doc = json.loads(path.read_text("utf-8"))
        resources.append((doc["$id"], Resource.from_contents(doc)))
    return Registry().with_resources(resources)


@functools.cache
def validator(name: str) -> Draft202012Validator:
    doc = json.loads((SCHEMAS / name).read_text("utf-8"))
    Draft202012Validator.check_schema(doc)
    return Draft202012Validator(
        doc, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def validate_record(record: dict[str, Any]) -> None:
    """Validate any published record against the schema its ``schema`` field names."""
    name = {
        "newswire.article.v1": "article-event.v1.json",
        "newswire.duplicate.v1": "duplicate-notice.v1.json",
        "newswire.dead-letter.v1": "dead-letter.v1.json",
    }[record["schema"]]
    validator(name).validate(record)
