"""People: full names found after a role or in running text, their role and affiliation, and
later surname-only mentions resolved to the full name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .tokens import Token

__all__ = ["Person", "find_people"]

_PARTICLES = frozenset(
    {"al", "bin", "ibn", "de", "da", "van", "von", "der", "la", "le", "el", "of"}
)
_MAX_NAME_TOKENS = 4
_CONTEXT_BEFORE = 6
# Arabic-style family names: al-Sudani, el-Sisi, bin Salman (as a particle above).
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|at|az|ul)-[A-Z]")
# A capitalised pair followed by one of these is a geographic feature, not a person.
_FEATURES = frozenset(
    {"river", "lake", "mountains", "mountain", "dam", "desert", "island", "islands", "valley",
     "bay", "plain", "canal", "strait", "reservoir", "reservoirs"}
)  # fmt: skip


@dataclass
class Person:
    """A person and what the text says about them."""

    name: str
    role: str | None = None
    affiliation: str | None = None  # ISO country code
    mentions: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def surnames(self) -> tuple[str, ...]:
        """How later mentions name this person: the last name, also without an al- prefix."""
        last = self.name.split()[-1]
        if _ARTICLE_PREFIX.match(last):
            return (last, last.split("-", 1)[1])
        return (last,)


def _word(token: Token) -> bool:
    return (token.capitalised and token.text[0].isalpha()) or bool(
        _ARTICLE_PREFIX.match(token.text)
    )


def _runs(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """[i, j) index ranges of capitalised word runs (particles allowed inside), each within
    one line: a headline's last word and the lead's first are never one name."""
    runs, i, n = [], 0, len(tokens)
    while i < n:
        if _word(tokens[i]):
            j = i + 1
            while (
                j < n
                and "\n" not in text[tokens[j - 1].end : tokens[j].start]
                and (
                    _word(tokens[j])
                    or (tokens[j].text in _PARTICLES and j + 1 < n and _word(tokens[j + 1]))
                )
            ):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _is_place_word(gaz: Gazetteer, word: str) -> bool:
    return any(p.kind in ("country", "demonym") for p in _readings(gaz, word))


def _readings(gaz: Gazetteer, word: str) -> tuple:  # type: ignore[type-arg]
    found = gaz.automaton.get(word, None)
    return found[1] if found else ()


def _role_and_affiliation(
    context: list[str], lex: Lexicon, gaz: Gazetteer
) -> tuple[str | None, str | None]:
    context = [w for w in context if w not in (",", "'s")]
    words = [w.lower() for w in context]
    role_words: list[str] | None = None
    for phrase in lex.roles:
        if len(phrase) <= len(words) and tuple(words[-len(phrase) :]) == phrase:
            role_words = context[-len(phrase) :]
            context = context[: -len(phrase)]
            break
    if role_words is None:
        return None, None
    # "First Vice President", "Foreign Ministry spokesman": capitalised words that are no
    # place belong to the title.
    while (
        context
        and context[-1][0].isupper()
        and not _is_place_word(gaz, context[-1])
        and (context[-1] not in lex.name_stopwords or context[-1].lower() in lex.role_words)
    ):
        role_words.insert(0, context.pop())
    role = " ".join(w if w.lower() in ("of", "the") else w[0].upper() + w[1:] for w in role_words)
    affiliation = None
    for w in reversed(context[-3:]):
        for p in _readings(gaz, w):
            if p.kind in ("country", "demonym"):
                affiliation = p.country
                break
        if affiliation:
            break
    return role, affiliation


def find_people(
    text: str, tokens: list[Token], lex: Lexicon, gaz: Gazetteer, discover_from: int
) -> list[Person]:
    """People in ``text``; new full names are only taken from offset ``discover_from`` on
    (headlines are title case, so every word there looks like a name)."""
    people: dict[str, Person] = {}
    skip = lex.name_stopwords | lex.honorifics | lex.org_heads
    for i, j in _runs(text, tokens):
        if tokens[i].start < discover_from:
            continue
        # The name starts after the last title word in the run: "Saudi Energy Minister
        # Abdulaziz bin Salman" -> "Abdulaziz bin Salman".
        k = i
        for m in range(i, j):
            if tokens[m].text.lower() in lex.role_heads or tokens[m].text in lex.honorifics:
                k = m + 1
        while k < j and (tokens[k].text in skip or _is_place_word(gaz, tokens[k].text)
                         or tokens[k].text in _PARTICLES):  # fmt: skip
            k += 1
        name_tokens = tokens[k:j]
        if not 2 <= len(name_tokens) <= _MAX_NAME_TOKENS:
            continue
        if any(t.text in lex.name_stopwords or _is_place_word(gaz, t.text) for t in name_tokens):
            continue
        name = " ".join(t.text for t in name_tokens)
        if name in lex.organizations or any(t.text in lex.org_heads for t in name_tokens):
            continue
        if j < len(tokens) and tokens[j].text.lower() in _FEATURES:
            continue
        context = [t.text for t in tokens[max(0, i - _CONTEXT_BEFORE) : k]]
        role, affiliation = _role_and_affiliation(context, lex, gaz)
        person = people.setdefault(name, Person(name))
        if person.role is None and role is not None:
            person.role, person.affiliation = role, affiliation
    _count_mentions(text, tokens, people)
    return sorted(people.values(), key=lambda p: (-p.mentions, p.name))


def _count_mentions(text: str, tokens: list[Token], people: dict[str, Person]) -> None:
    by_surname: dict[str, list[Person]] = {}
    for person in people.values():
        for surname in person.surnames:
            by_surname.setdefault(surname, []).append(person)
    by_first: dict[str, list[tuple[list[str], Person]]] = {}
    for person in people.values():
        parts = person.name.split()
        by_first.setdefault(parts[0], []).append((parts, person))
    i = 0
    while i < len(tokens):
        word = tokens[i].text
        full = next(
            (
                (parts, person)
                for parts, person in by_first.get(word, ())
                if [t.text for t in tokens[i : i + len(parts)]] == parts
            ),
            None,
        )
        if full is not None:
            parts, person = full
            person.mentions += 1
            person.spans.append((tokens[i].start, tokens[i + len(parts) - 1].end))
            i += len(parts)
            continue
        owners = by_surname.get(word, [])
        # A surname shared by two people is not counted for either: never a silent guess.
        if len(owners) == 1:
            owners[0].mentions += 1
            owners[0].spans.append((tokens[i].start, tokens[i].end))
        i += 1
