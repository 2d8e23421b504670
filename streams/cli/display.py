"""Short human-readable views of published records, for ``tail`` and ``demo``."""

from __future__ import annotations

from streams.core import jsonio

__all__ = ["format_record"]


def format_record(topic: str, partition: int, offset: int, value: bytes) -> str:
    """A short human view of one published record."""
    try:
        doc = jsonio.loads(value)
    except jsonio.JSONDecodeError:
        return f"{topic}[{partition}]@{offset} (not JSON) {value[:200]!r}"
    if not isinstance(doc, dict):
        return f"{topic}[{partition}]@{offset} {doc!r}"
    where = f"{topic}[{partition}]@{offset}"
    schema = doc.get("schema", "")
    if schema.startswith("newswire.article"):
        return (
            f"{where} {doc['event_type'].upper()} {doc['article_key']} rev {doc['revision']}\n"
            f"    {doc['title']}\n"
            f"    {doc['dateline']['city'] or '-'} ({doc['dateline']['agency'] or '-'}) | "
            f"published {doc['published_at'] or '-'} | {doc['word_count']} words | "
            f"{len(doc['body'])} paragraphs"
        )
    if schema.startswith("newswire.duplicate"):
        return (
            f"{where} DUPLICATE {doc['article_key']} of rev {doc['kept_revision']} "
            f"(seen {doc['times_seen']} times since {doc['first_seen']})"
        )
    if schema.startswith("newswire.dead-letter"):
        return (
            f"{where} DEAD LETTER reason={doc['reason']} ({doc['original_size']} bytes): "
            f"{doc['message']}"
        )
    return f"{where} {value.decode('utf-8', 'replace')[:300]}"
