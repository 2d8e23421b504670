"""The word lists enrichment reads, loaded once from ``streams/data``."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["Lexicon", "lexicon"]


def _read(name: str) -> str:
    return resources.files("streams.core").joinpath(f"data/{name}").read_text("utf-8")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Case-folded or exact word sets, as each look-up needs them."""

    roles: tuple[tuple[str, ...], ...]  # token tuples, longest first
    role_heads: frozenset[str]  # last words of roles: a name follows them
    role_words: frozenset[str]  # every word of a role
    honorifics: frozenset[str]  # as written in the list (also a feature of the model's)
    titles: frozenset[str]  # the honorifics with and without their dot: "Gen." is "Gen" as a word
    name_stopwords: frozenset[str]
    given_names: frozenset[str]  # common first names, as written (a feature of the model's)
    org_heads: frozenset[str]
    ministries: tuple[tuple[str, ...], ...]
    military_subjects: tuple[tuple[str, ...], ...]
    organizations: dict[str, str]  # alias -> canonical name (also a feature of the model's)
    known_bodies: dict[
        str, str
    ]  # alias -> canonical name: the above and organizations.json (rules only)
    speech_verbs: frozenset[str]
    report_verbs: frozenset[str]
    stopwords: frozenset[str]
    not_bodies: frozenset[str]  # abbreviations in capitals that name no body ("CEO", "GDP")
    topics: dict[str, dict[str, float]]
    topic_min_score: float
    topic_phrase_starts: frozenset[str]  # first words of the topic terms of several words
    topic_phrase_longest: int  # words in the longest topic term
    places: dict[str, Any]


def _phrases(words: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(w.split()) for w in words), key=len, reverse=True))


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon from the packaged data files."""
    lx = json.loads(_read("lexicon.json"))
    topics = json.loads(_read("topics.json"))
    stop = {
        w for line in _read("stopwords.txt").splitlines() if not line.startswith("#")
        for w in line.split()
    }  # fmt: skip
    given = {
        w for line in _read("given_names.txt").splitlines() if not line.startswith("#")
        for w in line.split()
    }  # fmt: skip
    terms = [term for weights in topics["topics"].values() for term in weights]
    organizations = {
        alias: name for name, aliases in lx["organizations"].items() for alias in aliases
    }
    return Lexicon(
        roles=_phrases(lx["roles"]),
        role_heads=frozenset(r.split()[-1] for r in lx["roles"]),
        role_words=frozenset(w for r in lx["roles"] for w in r.split()),
        honorifics=frozenset(lx["honorifics"]),
        titles=frozenset(h for title in lx["honorifics"] for h in (title, title.rstrip("."))),
        name_stopwords=frozenset(lx["name_stopwords"]),
        given_names=frozenset(given),
        org_heads=frozenset(lx["org_heads"]),
        ministries=_phrases(lx["ministries"]),
        military_subjects=_phrases(lx["military_subjects"]),
        organizations=organizations,
        known_bodies={
            **{
                alias: name
                for group in json.loads(_read("organizations.json"))["organizations"].values()
                for name, aliases in group.items()
                for alias in aliases
            },
            **organizations,
        },
        speech_verbs=frozenset(lx["speech_verbs"]),
        report_verbs=frozenset(lx["report_verbs"]),
        stopwords=frozenset(stop),
        not_bodies=frozenset(lx["not_bodies"]),
        topics={k: dict(v) for k, v in topics["topics"].items()},
        topic_min_score=float(topics["min_score"]),
        topic_phrase_starts=frozenset(t.split()[0] for t in terms if " " in t),
        topic_phrase_longest=max(len(t.split()) for t in terms),
        places=json.loads(_read("places.json")),
    )
