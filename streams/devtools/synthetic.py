"""Synthetic article pages in the Defa Press layout, for load tests and benchmarks."""

from __future__ import annotations

import random
from datetime import datetime

__all__ = ["synthetic_article"]

_CITIES = ("TEHRAN", "ISFAHAN", "TABRIZ", "SHIRAZ", "MASHHAD", "AHVAZ", "KERMAN", "RASHT")
_SUBJECTS = (
    "provincial officials", "the transport ministry", "a university research team",
    "the central bank", "farmers' cooperatives", "the national oil company",
    "port authorities", "the health ministry", "city planners", "exporters",
)  # fmt: skip
_VERBS = ("announced", "reported", "confirmed", "outlined", "reviewed", "presented")
# Syllables for made-up lowercase words. Each article draws its own 64 and writes mostly with
# them, so unrelated articles differ as real news does: their SimHash signatures are about 30
# bits apart, and their bands spread. Written from fixed phrases, most articles fell within a
# few bits of each other and joined a handful of stories, which no news feed does.
_SYLLABLES = ("ba", "ke", "ri", "so", "tu", "la", "me", "ni", "po", "da", "fi", "go", "ha",
              "jo", "ku", "ve", "za", "ro", "si", "te", "mo", "nu", "pe", "lo")  # fmt: skip
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def _sentence(rng: random.Random, words: list[str]) -> str:
    def some(n: int) -> str:
        return " ".join(rng.sample(words, n))

    return (
        f"{rng.choice(_SUBJECTS).capitalize()} {rng.choice(_VERBS)} {some(4)} for the {some(3)} "
        f"on {rng.choice(('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Sunday'))}, with "
        f"{some(5)} in {rng.randint(2, 48)} {some(2)}."
    )


def synthetic_article(
    news_id: int,
    *,
    revision: int = 1,
    target_bytes: int = 3000,
    published: datetime | None = None,
) -> bytes:
    """A page with a unique news ID, about ``target_bytes`` long; ``revision`` alters the body.

    ``published`` sets the publish date and time (Tehran time, as the source gives it);
    otherwise they are drawn at random. Deterministic: the same arguments give the same bytes.
    """
    rng = random.Random(news_id)  # noqa: S311  # test data, not secrets: reproducible on purpose
    words = [_word(rng) for _ in range(64)]
    title = f"{rng.choice(_SUBJECTS).title()} Present Report No. {news_id}"
    day, month, year = rng.randint(1, 28), rng.choice(_MONTHS), rng.randint(2019, 2025)
    # One month of news, well inside the default retention: dedupe state never expires in a
    # load test unless the test sets the publish times itself.
    month, year = "Mar", 2024
    lines = [
        f"Updated in: {day:02d} {month} {year} - {rng.randint(10, 23)}:{rng.randint(0, 59):02d}",
        "",
        title,
        "",
        f"{rng.choice(_CITIES)} (defapress) \u2013 {_sentence(rng, words)}",
        f"News ID: {news_id}",
        f"Publish Date: {day:02d}{month} {year} - {rng.randint(0, 9):02d}:{rng.randint(0, 59):02d}"
        if published is None
        else f"Publish Date: {published:%d%b %Y - %H:%M}",
        "",
    ]
    body = [title + _sentence(rng, words)]
    size = sum(len(x) for x in lines)
    while size + sum(len(p) for p in body) < target_bytes - 60:
        body.append(" ".join(_sentence(rng, words) for _ in range(3)))
    if revision > 1:
        body.append(f"This report was revised (revision {revision}) with later figures.")
    for paragraph in body:
        lines += [paragraph, ""]
    lines += ["Message end/", "", "your comment"]
    return "\n".join(lines).encode()
