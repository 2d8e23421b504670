"""Choosing dead letters to replay, and the exact bytes a replay sends (no broker)."""

from __future__ import annotations

from datetime import UTC, datetime

from streams.core import jsonio
from streams.core.errors import NotAnArticle, NotUtf8
from streams.core.events import IngestMeta, dead_letter
from streams.core.replay import Replay, ReplayFilter, replays


def _letter(raw: bytes, error: Exception, *, key: bytes | None, at: str, offset: int) -> bytes:
    ingest = IngestMeta("articles.raw", 1, offset, timestamp_ms=None, key=key)
    return jsonio.dumps(dead_letter(raw, error, ingest, failed_at=datetime.fromisoformat(at)))


LETTERS = [
    _letter(b"\xff\xfe\x00odd", NotUtf8("x"), key=None, at="2026-11-01T10:00:00+00:00", offset=3),
    _letter(
        b"<html>page</html>", NotAnArticle("y"), key=b"k1", at="2026-11-02T10:00:00+00:00", offset=4
    ),
    _letter(
        b'{"content": "env"}', NotAnArticle("z"), key=None, at="2026-11-03T10:00:00+00:00", offset=5
    ),
]


def test_every_letter_comes_back_with_its_exact_key_and_bytes() -> None:
    got = list(replays(LETTERS, ReplayFilter()))
    assert got == [
        Replay(None, b"\xff\xfe\x00odd", "not_utf8", "articles.raw[1]@3"),
        Replay(b"k1", b"<html>page</html>", "not_an_article", "articles.raw[1]@4"),
        Replay(None, b'{"content": "env"}', "not_an_article", "articles.raw[1]@5"),
    ]


def test_reason_since_and_max_narrow_the_choice() -> None:
    since = datetime(2026, 11, 2, tzinfo=UTC)
    got = list(replays(LETTERS, ReplayFilter(frozenset({"not_an_article"}), since, limit=1)))
    assert [r.where for r in got if isinstance(r, Replay)] == ["articles.raw[1]@4"]


def test_a_record_that_is_no_dead_letter_is_skipped_with_a_reason() -> None:
    got = list(replays([b"not json", b'{"reason": "x"}', LETTERS[1]], ReplayFilter()))
    assert [type(g).__name__ for g in got] == ["str", "str", "Replay"]
    assert all("not a dead letter" in g for g in got if isinstance(g, str))
