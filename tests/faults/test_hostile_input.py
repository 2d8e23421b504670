"""10,000 malformed messages, mixed with good ones, through the real Kafka: every bad one
lands on the DLQ with a specific reason and its exact bytes, an article with one unreadable
field is published with a warning, every good one is processed, and the worker never
restarts."""

from __future__ import annotations

import base64
import random
import time
from collections import Counter
from collections.abc import Callable

from streams.core import jsonio
from streams.devtools.synthetic import synthetic_article
from tests.integration.conftest import Deployment

BAD = 10_000
GOOD = 300
MIB = 1024 * 1024


def _random_bytes(rng: random.Random, i: int) -> bytes:
    # Random bytes behind a lone continuation byte: never UTF-8, never read as an envelope.
    return b"\x80" + bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 300)))


#: An article whose date cannot be read: published, its date null, with a warning.
WARNED = "warning"

# One kind of malformed message per row: how to make it, and the reason it must get.
KINDS: list[tuple[Callable[[random.Random, int], bytes], str]] = [
    (_random_bytes, "not_utf8"),
    (lambda rng, i: b"", "empty"),
    (lambda rng, i: b'{"content": "Title\\nTEHRAN (defapress) - Lead', "bad_envelope"),
    (lambda rng, i: jsonio.dumps({"content": 42, "url": ["x"]}), "bad_envelope"),
    (lambda rng, i: jsonio.dumps({"content": "x", "content_type": "image/png"}),
     "unsupported_content_type"),
    (lambda rng, i: f"just some words {i}\nand another line".encode(), "not_an_article"),
    (lambda rng, i: f"Title {i}\nTEHRAN (defapress) - Lead.\nPublish Date: 99Foo 2019 - 10:00\n"
     .encode(), WARNED),
    (lambda rng, i: b"abc\x00def" * 10, "binary"),
    (lambda rng, i: jsonio.dumps({"content": "Title\nTEHRAN (defapress) - x", "extra": "f"}),
     "bad_envelope"),
    (lambda rng, i: b"   \n\t  ", "empty"),
]  # fmt: skip


def hostile(rng: random.Random, i: int) -> tuple[bytes, str]:
    """One malformed message and the reason it must get."""
    make, reason = KINDS[i % len(KINDS)]
    return make(rng, i), reason


def test_ten_thousand_hostile_messages(deployment: Deployment) -> None:
    d = deployment
    rng = random.Random(2024)
    messages: list[tuple[bytes, str | None]] = [hostile(rng, i) for i in range(BAD)]
    # Huge inputs: over the 2 MiB input limit, close to what the ingest topic accepts
    # (limit + 1 MiB), and a huge field inside an envelope.
    messages.append((b"x" * (3 * MIB - 64 * 1024), "too_large"))
    messages.append((jsonio.dumps({"content": "y" * (2 * MIB)}), "too_large"))
    messages += [(synthetic_article(600_000 + i), None) for i in range(GOOD)]
    rng.shuffle(messages)
    worker = d.start_worker()
    started = time.monotonic()
    for i in range(0, len(messages), 2000):
        d.produce([m for m, _ in messages[i : i + 2000]])
    out = d.read_outputs(expected=len(messages))
    elapsed = time.monotonic() - started

    assert worker.poll() is None, "the worker stopped"
    warned = sum(reason == WARNED for _, reason in messages)
    assert len(out["enriched"]) == GOOD + warned
    assert out["duplicates"] == []
    with_warning = [e for e in out["enriched"] if e["warnings"]]
    assert len(with_warning) == warned
    assert all(
        e["published_at"] is None
        and e["warnings"]
        == [{"field": "published_at", "code": "unparsed_date", "value": "99Foo 2019 - 10:00"}]
        for e in with_warning
    )
    expected = Counter(reason for _, reason in messages if reason and reason != WARNED)
    got = Counter(r["reason"] for r in out["dlq"])
    assert got == expected
    # Every dead letter keeps the exact bytes it was given.
    sent_bad = Counter(m for m, reason in messages if reason and reason != WARNED)
    kept = Counter(base64.b64decode(r["original"]) for r in out["dlq"])
    assert kept == sent_bad
    print(
        f"\nhostile input: {len(messages)} messages ({BAD + 2} bad, {GOOD} good) in "
        f"{elapsed:.1f}s; DLQ reasons {dict(got)}; {warned} published with a warning; lost 0, "
        "duplicated 0, worker restarts 0"
    )
