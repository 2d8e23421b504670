"""People: full names found after a role or in running text, their role and affiliation, and
later surname-only mentions resolved to the full name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from dataclasses import dataclass, field

from .gazetteer import Gazetteer, Place
from .lexicon import Lexicon
from .tokens import Word, capitalised_runs, name_before, words_before, words_in, written_lower

__all__ = [
    "Person",
    "count_mentions",
    "find_people",
    "fold_surnames",
    "initialled_owner",
    "role_and_affiliation",
]

_PARTICLES = frozenset(
    {"al", "bin", "ibn", "de", "da", "van", "von", "der", "la", "le", "el", "of"}
)
_MAX_NAME_WORDS = 4
_CONTEXT_BEFORE = 6
# Arabic-style family names: al-Sudani, el-Sisi (bin is a particle above).
# Generational suffixes after a surname.
_SUFFIXES = frozenset(("Jr", "Sr", "II", "III", "IV"))
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|at|az|ul)-[A-Z]")
# A capitalised pair followed by one of these is a geographic feature, not a person.
_FEATURE_AFTER = re.compile(
    r"[ \t]+(?:river|lake|mountains?|dam|desert|islands?|valley|bay|plain|canal|strait|"
    r"reservoirs?)\b"
)


# Military ranks written out also open company and brand names ("General Mills", "Captain
# Marvel"): a single word after them is no name (after "Gen." it is).
_RANK_WORDS = frozenset(
    ("General", "Captain", "Major", "Admiral", "Commander", "Colonel", "Sergeant",
     "Lieutenant", "Marshal", "Private", "Corporal")
)  # fmt: skip

# Words only a person has: "Yeltsin's wife", "Arafat's aide" name Yeltsin and Arafat.
_KIN = (
    r"s (?:wife|husband|son|daughter|mother|father|brother|sister|widow|lawyers?|attorneys?|"
    r"aides?|advisers?|advisors?|bodyguards?)\b"
)
_OWNER_CUES = (re.compile("'" + _KIN), re.compile("\u2019" + _KIN))  # fixed text first: fast
_ONE_NAME = re.compile(r"[A-Z][a-z][\w-]+")


@dataclass
class Person:
    """A person and what the text says about them."""

    name: str
    role: str | None = None
    affiliation: str | None = None  # ISO country code
    mentions: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)
    sure: bool = False  # a person by what the text says of them, whatever the model reads
    variants: list[str] = field(default_factory=list)  # other full names ("Pat Carlineo")

    @property
    def surnames(self) -> tuple[str, ...]:
        """How later mentions name this person: the last name (before a suffix: "Carlineo" of
        "Patrick Carlineo Jr."), also without an al- prefix."""
        words = self.name.split()
        while len(words) > 2 and words[-1].rstrip(".,") in _SUFFIXES:
            words.pop()
        last = words[-1]
        if _ARTICLE_PREFIX.match(last):
            return (last, last.split("-", 1)[1])
        return (last,)


def _readings(gaz: Gazetteer, word: str) -> tuple[Place, ...]:
    found = gaz.automaton.get(word, None)
    return found[1] if found else ()


def _is_place_word(gaz: Gazetteer, word: str) -> bool:
    return any(p.kind in ("country", "demonym") for p in _readings(gaz, word))


def role_and_affiliation(
    context: list[str], lex: Lexicon, gaz: Gazetteer
) -> tuple[str | None, str | None]:
    # The title takes no word before a comma or a possessive ("In Bonn, Chancellor Kohl",
    # "Yeltsin's spokesman"); the affiliation looks through them ("Russia's Foreign Minister").
    cut = max((i + 1 for i, w in enumerate(context) if w in (",", "'s")), default=0)
    reach = len([w for w in context[cut:] if w not in (",", "'s")])
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
    extendable = reach - len(role_words)
    # "First Vice President", "Foreign Ministry spokesman": capitalised words that are no
    # place belong to the title.
    while (
        extendable > 0
        and context
        and context[-1][0].isupper()
        and not _is_place_word(gaz, context[-1])
        and (context[-1] not in lex.name_stopwords or context[-1].lower() in lex.role_words)
    ):
        role_words.insert(0, context.pop())
        extendable -= 1
    role = " ".join(w if w.lower() in ("of", "the") else w[0].upper() + w[1:] for w in role_words)
    affiliation = None
    for w in reversed(context[-3:]):
        affiliation = next(
            (p.country for p in _readings(gaz, w) if p.kind in ("country", "demonym")), None
        )
        if affiliation:
            break
    return role, affiliation


def _name_in_run(
    run: list[Word], lex: Lexicon, gaz: Gazetteer, *, sentence_start: bool = False
) -> tuple[int, list[Word]]:
    """Index where the name starts in the run, and its words (empty when there is none). A
    run that opens a sentence may open on a word capitalised only for that ("If", "Once")."""
    k = 0
    if sentence_start and len(run) > 2 and run[0].text.lower() in lex.stopwords:
        k = 1
    of_at: int | None = None
    for m, w in enumerate(run):
        if w.text.lower() in lex.role_heads or w.text in lex.titles:
            k = m + 1  # the name follows the last title word
        elif w.text == "of" and of_at is None:
            of_at = m
        # "Acme's Anna Ruiz": the owner is no part of the name; but in "Rosaly Lopes of
        # NASA's Jet Propulsion Laboratory" the name came before "of".
        elif w.text == "'s" and m < len(run) - 1 and (of_at is None or of_at - k < 2):
            k = max(k, m + 1)
    skip = lex.name_stopwords | lex.titles | lex.org_heads
    # Nor a player's position in a table row: "CB Greedy Williams".
    while k < len(run) and (run[k].text in skip or run[k].text in _PARTICLES
                            or _is_place_word(gaz, run[k].text)
                            or (run[k].text.isupper() and len(run[k].text) <= 3
                                and len(run) - k > 2)):  # fmt: skip
        k += 1
    name = [w for w in run[k:] if w.text != "'s"]
    # "Kofi Annan of Ghana", "Ahmed Saleh of the ministry": the name ends before "of".
    name = next((name[:i] for i, w in enumerate(name) if w.text == "of"), name)
    # One word right after a role or a title is a name too: "President Clinton", "Mr Okafor".
    # Only where nothing before the title could be part of a name ("Muhammed Sheikh Khalil").
    titled = (
        len(name) == 1 and 0 < k < len(run) and name[0] is run[k]
        and (run[k - 1].text.lower() in lex.role_heads or run[k - 1].text in lex.titles)
        and run[k - 1].text not in _RANK_WORDS
        and len(name[0].text) > 2 and not name[0].text.isupper()
        and all(
            w.text.lower() in lex.role_words or w.text in lex.titles or w.text == "'s"
            or w.text in lex.name_stopwords or _is_place_word(gaz, w.text)
            for w in run[:k]
        )
    )  # fmt: skip
    if not (titled or 2 <= len(name) <= _MAX_NAME_WORDS):
        return k, []
    if any(w.text in lex.name_stopwords or _is_place_word(gaz, w.text) for w in name):
        return k, []
    if any(w.text in lex.org_heads for w in name):
        return k, []
    return k, name


def _body_tails(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Where each capitalised run with an organisation noun goes on after that noun: the rest
    of a body's name, no person ("National Institute on Drug Abuse", "Michigan Department
    of Health and Human Services")."""
    tails = []
    for start, end in capitalised_runs(text, organisations=True):
        run = text[start:end]
        if " " not in run:
            continue
        # Plain splits and offsets: building words for every run cost a tenth of the finder.
        words = run.split(" ")
        at = next((i for i, w in enumerate(words) if w in lex.org_heads), None)
        if at is None or at == len(words) - 1:
            continue
        head_end = start + len(" ".join(words[: at + 1]))
        # Up to a role or a title: "Bank of England Governor Mark Carney" names a person.
        stop, offset = end, head_end + 1
        for w in words[at + 1 :]:
            if w.lower() in lex.role_heads or w in lex.titles:
                stop = offset
                break
            offset += len(w) + 1
        if head_end < stop:
            tails.append((head_end, stop))
    return tails


def find_people(
    text: str, lex: Lexicon, gaz: Gazetteer, discover_from: int, not_people: Set[str] = frozenset()
) -> list[Person]:
    """People in ``text``; new full names are only taken from offset ``discover_from`` on
    (headlines are title case, so every word there looks like a name). Names in
    ``not_people`` (companies the text describes as such, named events) are none."""
    people: dict[str, Person] = {}
    tails = _body_tails(text, lex)
    for start, end in capitalised_runs(text):
        # A name has at least two words, and the rest of a body's name is none.
        if (
            start < discover_from
            or " " not in text[start:end]
            or any(s <= start and end <= e for s, e in tails)
        ):
            continue
        run = words_in(text, start, end)
        opens = start == 0 or text[start - 1] == "\n" or text[max(0, start - 2) : start] in (
            ". ", "? ", "! ", '" ',
        )  # fmt: skip
        k, name_words = _name_in_run(run, lex, gaz, sentence_start=opens)
        if not name_words:
            continue
        name = " ".join(w.text for w in name_words)
        if len(name_words) == 1 and written_lower(text, name):
            continue  # "Associate Team": a word the text also writes in lower case is no name
        written = text[name_words[0].start : name_words[-1].end]
        if written.replace(".", "") == name.replace(".", ""):
            name = written  # initials keep their dots: "George W. Bush"
        if name.endswith((" Jr", " Sr")) and text.startswith(".", name_words[-1].end):
            name += "."  # and so does a suffix: "Patrick Carlineo Jr."
        if name in lex.known_bodies or name in not_people or _FEATURE_AFTER.match(text, end):
            continue
        if gaz.automaton.exists(name):
            continue  # a place of several words ("New York", "South Carolina")
        context = [w.text for w in words_before(text, start, _CONTEXT_BEFORE)]
        context += [w.text for w in run[:k]]
        role, affiliation = role_and_affiliation(context, lex, gaz)
        person = people.setdefault(name, Person(name))
        if person.role is None and role is not None:
            person.role, person.affiliation = role, affiliation
    owners = [name_before(text, m.start(), discover_from)
              for cue in _OWNER_CUES for m in cue.finditer(text, discover_from)]  # fmt: skip
    for owner in owners:
        if owner is None or not _ONE_NAME.fullmatch(owner):
            continue
        if not (
            owner in lex.name_stopwords or owner.lower() in lex.stopwords
            or owner in lex.known_bodies or owner in not_people or gaz.automaton.exists(owner)
        ):  # fmt: skip
            people.setdefault(owner, Person(owner)).sure = True
    fold_surnames(people)
    count_mentions(text, people)
    return sorted(people.values(), key=lambda p: (-p.mentions, p.name))


def initialled_owner(name: str, people: Iterable[Person]) -> Person | None:
    """The one person whose full name ``name`` abbreviates ("K. Barlow", "J.R. Barlow":
    "Kevin Barlow"), if any."""
    initials, _, surname = name.rpartition(" ")
    if not initials.endswith(".") or not surname:
        return None
    matches = [
        p for p in people
        if p.name != name and p.name.endswith(" " + surname) and p.name.startswith(initials[0])
        and "." not in p.name.split()[0]
    ]  # fmt: skip
    return matches[0] if len(matches) == 1 else None


def _core(name: str) -> list[str]:
    """A full name's words without initials and suffixes: "Patrick W. Carlineo Jr." gives
    Patrick Carlineo."""
    words = [
        w for w in name.split() if not (len(w.rstrip(".")) == 1 or w.rstrip(".,") in _SUFFIXES)
    ]
    return words if len(words) >= 2 else []


def _fold_variants(people: dict[str, Person]) -> None:
    """One person written several ways is one person, named as the text first names them:
    "Patrick W. Carlineo", "Patrick Carlineo Jr." and "Pat Carlineo" (same surname, a first
    name that opens the other)."""
    names = list(people)
    for i, name in enumerate(names):
        core = _core(name)
        if not core or name not in people:
            continue
        for other in names[i + 1 :]:
            alt = _core(other)
            if other not in people or not alt or alt[-1] != core[-1] or len(alt) != len(core):
                continue
            first, second = core[0], alt[0]
            if min(len(first), len(second)) >= 3 and (
                first.startswith(second) or second.startswith(first)
            ):
                variant = people.pop(other)
                owner = people[name]
                owner.variants += [other, *variant.variants]
                if owner.role is None and variant.role is not None:
                    owner.role, owner.affiliation = variant.role, variant.affiliation


def fold_surnames(people: dict[str, Person]) -> None:
    """A one-word name that is the surname of exactly one full name is that person ("President
    Clinton" and "Bill Clinton"), and so are initials before it that open that name ("K.
    Barlow" in a scoreboard below "Kevin Barlow"); the full name takes its role if it has
    none."""
    _fold_variants(people)
    for name in list(people):
        if " " not in name:
            owners = [p for p in people.values() if " " in p.name and name in p.surnames]
        elif "." in name.split()[0]:
            owner = initialled_owner(name, people.values())
            owners = [owner] if owner else []
        else:
            # A surname of several words: "Van Der Beek" of "James Van Der Beek".
            owners = [p for p in people.values() if p.name.endswith(" " + name)]
        if len(owners) == 1:
            single, owner = people.pop(name), owners[0]
            owner.variants += [name, *single.variants]
            if owner.role is None and single.role is not None:
                owner.role, owner.affiliation = single.role, single.affiliation


def count_mentions(text: str, people: dict[str, Person]) -> None:
    """Count (afresh) each person's mentions: the full name, and the surname where no other
    person has it."""
    for person in people.values():
        person.mentions, person.spans = 0, []
    if not people:
        return
    forms: dict[str, Person | None] = {}
    for person in people.values():
        for surname in person.surnames:
            # A surname shared by two people counts for neither: never a silent guess.
            forms[surname] = None if surname in forms and forms[surname] is not person else person
    for person in people.values():
        forms[person.name] = person
        for variant in person.variants:
            forms[variant] = person
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    for m in re.finditer(rf"(?<![\w-])(?:{alternatives})(?![\w-])", text):
        owner = forms[m.group()]
        if owner is not None:
            owner.mentions += 1
            owner.spans.append(m.span())
