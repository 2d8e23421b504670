"""Property tests on the pure core: bad input only ever raises our typed errors."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.core import jsonio
from streams.core.envelope import decode_message
from streams.core.errors import NewswireError
from streams.core.language import load_model
from streams.core.parser import parse_article
from tests.conftest import SAMPLES

# Loaded once, before the examples.
load_model()

GOOD = [
    (SAMPLES / name).read_bytes()
    for name in (
        "01-defapress-81001.txt",
        "04-defapress-81002-revised.txt",
        "10-envelope-81004.json",
    )
]


# No deadline: a wall-clock bound fails on a busy machine and says nothing about correctness.
# Parsing time is measured by bench/core.py and bench/hostile.py.
BOUND = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse_or_typed_error(raw: bytes) -> None:
    try:
        article = parse_article(decode_message(raw, max_bytes=64 * 1024))
    except NewswireError as exc:
        error = exc
    else:
        assert article.title
        assert article.lead or article.body
        return
    assert error.reason
    assert error.message


@BOUND
@given(st.binary(max_size=4096))
def test_arbitrary_bytes(raw: bytes) -> None:
    parse_or_typed_error(raw)


@BOUND
@given(st.text(max_size=2048))
def test_arbitrary_text(text: str) -> None:
    parse_or_typed_error(text.encode("utf-8", "surrogatepass"))


@BOUND
@given(
    st.sampled_from(GOOD),
    st.integers(min_value=0, max_value=4000),
    st.randoms(use_true_random=False),
    st.sampled_from(["truncate", "shuffle", "control", "bad_utf8", "drop_lines"]),
)
def test_mutated_samples(raw: bytes, cut: int, rng: random.Random, how: str) -> None:
    if how == "truncate":
        raw = raw[: cut % (len(raw) + 1)]
    elif how == "shuffle":
        lines = raw.split(b"\n")
        rng.shuffle(lines)
        raw = b"\n".join(lines)
    elif how == "control":
        pos = cut % (len(raw) + 1)
        raw = raw[:pos] + bytes([rng.randrange(0, 32)]) + raw[pos:]
    elif how == "bad_utf8":
        pos = cut % (len(raw) + 1)
        raw = raw[:pos] + b"\xc3\x28" + raw[pos:]
    else:
        lines = raw.split(b"\n")
        raw = b"\n".join(line for line in lines if rng.random() > 0.3)
    parse_or_typed_error(raw)


@given(
    st.recursive(
        # orjson encodes 64-bit integers; our envelopes carry none.
        st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_any_json_value_as_envelope(value: object) -> None:
    parse_or_typed_error(jsonio.dumps(value))
    assert jsonio.loads(jsonio.dumps(value)) == value
