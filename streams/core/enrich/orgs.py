"""Organisations: known bodies and news agencies by name, '<demonym> <subject> ministry'
phrases, '<demonym> army', capitalised phrases built on an organisation noun, and companies
the text describes as such ("Volvo, the Swedish truck maker", "shares of Daewoo")."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import ahocorasick

from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .places import Location
from .tokens import (
    Word,
    capitalised_runs,
    cue_matches,
    name_before,
    words_before,
    words_in,
    written_lower,
)

__all__ = [
    "Organization",
    "acronyms",
    "alias_automaton",
    "company_names",
    "company_stems",
    "count_body_mentions",
    "find_organizations",
    "place_name",
    "short_names",
    "spelt_name",
]

_CONNECTORS = frozenset({"of", "and", "for", "the", "on"})
_MINISTRY = re.compile(r"\bministry\b", re.IGNORECASE)

# A company's name: up to four capitalised words, "&" allowed between ("Procter & Gamble").
# Dots only inside a word ("S.p.A"): a dot before a space ends the sentence ("in Daewoo. The").
_CO_WORD = r"[A-Z][\w&-]*(?:\.[\w&-]+)*"
_CO = rf"{_CO_WORD}(?: (?:& )?{_CO_WORD}){{0,3}}"
_CO_AFTER = re.compile(_CO)  # the name starting where a clue ends
# What a company is called when the text describes it: "the Swedish truck maker". Words that
# describe people as well ("producer", "developer", "publisher") are not here.
_KIND = (
    r"(?:company|group|firm|maker|manufacturer|carrier|airline|insurer|retailer|lender|bank|"
    r"brokerage|conglomerate|miner|refiner|automaker|carmaker|chipmaker|drugmaker|steelmaker|"
    r"shipbuilder|subsidiary|affiliate|start-up|startup|news agency|newspaper|utility|chain)"
)
# The description ends the phrase: punctuation or the clause's verb follows it.
_KIND_END = (
    r"(?=[,.;:)]|$| (?:said|says|which|that|whose|has|had|is|was|will|would|reported|"
    r"announced|added|posted|plans|expects|told)\b)"
)
# Each clue is found from a short fixed part ("Volvo, the Swedish truck maker": ", the "),
# and the name is read next to it: a pattern that starts with the name would be tried at
# every capital of the article.
_APPOSITION = re.compile(r", (?:the|a|an) ")
_DESCRIBED = re.compile(rf"(?:[\w'-]+ ){{0,4}}?{_KIND}s?{_KIND_END}", re.MULTILINE)
_OWNED_AS = (
    r"s (?:shares|share price|stock|profits?|earnings|revenues?|sales|shareholders|"
    r"subsidiary|unit|board|chief executive|chief financial officer|chairman|net income|"
    r"turnover|market value|parent company)\b"
)
_OWNED = (re.compile("'" + _OWNED_AS), re.compile("\u2019" + _OWNED_AS))
_SHARES_OF = re.compile(r"hares (?:of|in) ")  # after an S or an s
# Deals name the company they are about: "a stake in Daewoo", "the takeover of Kvaerner".
_DEAL = re.compile(r"(?:stake in|takeover of|acquisition of|merger with|buyout of) ")
# "Analysts at Nordea and SEB": the people a firm employs name the firm after "at".
_STAFF_AT = re.compile(
    r"(?:nalysts?|conomists?|trategists?|raders?|ealers?|xecutives?|ankers?|"
    r"ortfolio managers?) (?:at|with)(?: the [a-z]+ firm)? "
)  # after the first letter, which may be a capital
# Clues of the trade, each found from fixed text first (see ``cue_matches``): the firm before
# its analyst's name ("Jefferies analyst Jonathan Matuszewski"), a company's ticker after its
# name ("Lowe's (LOW) stock", "Home Depot (ticker: HD)", "Acme (NYSE: ACM)").
_TRADE_BEFORE = (
    *(
        (cue, re.compile(rf"{re.escape(cue)}(?=[A-Z])"))
        for cue in (" analyst ", " analysts ", " economist ", " economists ", " strategist ")
    ),
    *(
        (cue, re.compile(rf" \({cue[1:]}: ?[A-Z]{{1,5}}(?:\.[A-Z]{{1,2}})?\)"))
        for cue in ("(NYSE", "(NASDAQ", "(Nasdaq", "(LSE", "(TSX", "(ticker", "(Ticker")
    ),
    *(
        (cue, re.compile(rf" \([A-Z]{{2,5}}\)(?={re.escape(cue[1:])}\b)"))
        for cue in (") stock", ") shares")
    ),
)  # fmt: skip
# A kind of company right before its name: "beauty company Coty", "construction goods giant
# Home Depot", "research firm Oanda".
_TRADE_AFTER = tuple(
    (cue, re.compile(rf"{cue}(?=[A-Z])"))  # opens on its fixed text: a fast scan
    for cue in ("company ", "firm ", "giant ", "retailer ", "chain ", "lender ", "insurer ",
                "startup ", "conglomerate ", "automaker ", "carmaker ", "chipmaker ",
                "drugmaker ")
)  # fmt: skip
_AND_CO = re.compile(rf" and ({_CO})")
_SHARES_MOVED = re.compile(
    r" shares (?:rose|fell|jumped|climbed|slipped|dropped|gained|lost|were|closed|ended|"
    r"surged|tumbled|slumped|edged|eased|firmed)\b"
)


@dataclass
class Organization:
    """An organisation, the country it belongs to when the text says, and its mentions."""

    name: str
    country: str | None = None
    mentions: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)


class _Found:
    """Organisations collected so far, and the spans no other entity may take."""

    def __init__(self, taken: list[tuple[int, int]], text: str = "") -> None:
        self.orgs: dict[str, Organization] = {}
        self.taken = taken
        self.text = text

    def add(
        self, name: str, country: str | None, start: int, end: int, *, longer: bool = False
    ) -> None:
        """Add a mention outside the taken spans; ``longer``: a name that holds a body found
        before replaces it there ("National Security Council" over "Security Council")."""
        if longer:
            inside = {
                (s, e) for o in self.orgs.values() for s, e in o.spans
                if start <= s and e <= end and e - s < end - start
            }  # fmt: skip
            if inside and not any(
                start < e and end > s and (s, e) not in inside for s, e in self.taken
            ):
                self._drop(inside)
        if any(start < e and end > s for s, e in self.taken):
            return
        org = self.orgs.setdefault(name, Organization(name, country))
        org.mentions += 1
        org.spans.append((start, end))
        self.taken.append((start, end))

    def _drop(self, spans: set[tuple[int, int]]) -> None:
        self.taken[:] = [span for span in self.taken if span not in spans]  # the caller's list
        for name, org in list(self.orgs.items()):
            org.spans = [span for span in org.spans if span not in spans]
            org.mentions = len(org.spans)
            if not org.spans:
                del self.orgs[name]


def _demonym_country(gaz: Gazetteer, word: str) -> tuple[str, str] | None:
    """(demonym, code) for a demonym or a country name ("Russia" -> "Russian")."""
    found = gaz.automaton.get(word, None)
    for place in found[1] if found else ():
        if place.kind == "demonym" and place.country:
            return word, place.country
        if place.kind == "country" and place.country:
            return gaz.demonyms.get(place.country, word), place.country
    return None


def alias_automaton(aliases: dict[str, str]) -> ahocorasick.Automaton:
    """An automaton over organisation aliases (alias -> canonical name); build it once."""
    automaton = ahocorasick.Automaton()
    for alias, name in aliases.items():
        automaton.add_word(alias, (alias, name))
    automaton.make_automaton()
    return automaton


def _known(text: str, known: ahocorasick.Automaton, found: _Found) -> None:
    """Known bodies and news agencies: one automaton pass, whole words, longest first."""
    hits = []
    for end_index, (alias, name) in known.iter(text):
        start, end = end_index - len(alias) + 1, end_index + 1
        if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue
        hits.append((start, end, name))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    for start, end, name in hits:
        found.add(name, None, start, end)


@functools.cache
def _by_last_word(
    subjects: tuple[tuple[str, ...], ...],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The subjects that end on each word, in their order (longest first)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for subject in subjects:
        index.setdefault(subject[-1], []).append(subject)
    return {word: tuple(group) for word, group in index.items()}


def _ministries(text: str, lex: Lexicon, gaz: Gazetteer, found: _Found) -> None:
    """'<demonym>? <subject> ministry': the Russian foreign ministry, Russia's foreign ministry."""
    by_last = _by_last_word(lex.ministries)
    for m in _MINISTRY.finditer(text):
        before = words_before(text, m.start(), 5)
        lowered = [w.text.lower() for w in before]
        # Only a subject ending on the word before "ministry" can match.
        for subject in by_last.get(lowered[-1], ()) if lowered else ():
            if len(subject) > len(lowered) or tuple(lowered[-len(subject) :]) != subject:
                continue
            rest = before[: -len(subject)]
            if rest and rest[-1].text == "'s":
                rest = rest[:-1]
            demonym = _demonym_country(gaz, rest[-1].text) if rest else None
            title = " ".join(x.capitalize() for x in subject)
            name = f"{demonym[0]} {title} Ministry" if demonym else f"{title} Ministry"
            start = rest[-1].start if demonym else before[-len(subject)].start
            found.add(name, demonym[1] if demonym else None, start, m.end())
            break


@functools.cache
def _military_pattern(subjects: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    alternatives = "|".join(" ".join(map(re.escape, s)) for s in subjects)
    return re.compile(rf"\b(?:{alternatives})\b")


def _militaries(text: str, lex: Lexicon, gaz: Gazetteer, found: _Found) -> None:
    """'<demonym> army|navy|military|...': the Iranian army."""
    for m in _military_pattern(lex.military_subjects).finditer(text.lower()):
        before = words_before(text, m.start(), 1)
        if not before:
            continue
        word = before[0].text
        demonym = _demonym_country(gaz, word)
        if demonym is not None and word == demonym[0]:
            title = " ".join(x.capitalize() for x in m.group().split())
            found.add(f"{word} {title}", demonym[1], before[0].start, m.end())


def _named_bodies(text: str, lex: Lexicon, gaz: Gazetteer, found: _Found, start_at: int) -> None:
    """Capitalised phrases on an organisation noun: Ministry of Roads and Urban Development."""
    for start, end in capitalised_runs(text, organisations=True):
        if start < start_at or " " not in text[start:end]:
            continue  # an organisation's name has at least two words
        run = [w for w in words_in(text, start, end) if w.text != ","]
        for words in _bodies_in_run(run, lex, gaz):
            _named_body(words, lex, gaz, found)


_WHEN = frozenset((
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
))  # fmt: skip


def _bodies_in_run(words: list[Word], lex: Lexicon, gaz: Gazetteer) -> list[list[Word]]:
    """ "Straitline Shipping Corp and Meridian Freight Holdings" is two bodies: a run splits at
    an "and" right after an organisation noun, or between two parts that each hold one
    ("Ministry of Roads and Urban Development" stays one); at an "of" with a body only
    after it; and at the possessive of a body, initials or a place ("Vietnam's Communist
    Party", "Vox Media's Code Media", "NASA's Jet Propulsion Laboratory"; not "McDonald's
    Corp"). A name ends before a day or a month ("Acme
    Holdings Plc on Wednesday", "the Senate in March")."""
    parts: list[list[Word]] = [[]]
    for i, w in enumerate(words):
        if i + 1 < len(words) and w.text[:1].islower() and words[i + 1].text in _WHEN:
            parts.append([])
            break
        if w.text in ("'s", "\u2019s") and parts[-1]:
            owner = " ".join(x.text for x in parts[-1])
            if (
                _has_head(parts[-1], lex)
                or owner.isupper()  # initials: "NASA's Jet Propulsion Laboratory"
                or owner in lex.known_bodies
                or gaz.automaton.get(owner, None) is not None
            ):
                parts.append([])
                continue
        # "Ulf Berglund of the Christian Democrats": a body after "of" whose part before has
        # no organisation noun is a body of its own ("Bank of England" stays one).
        if (
            w.text == "of"
            and i
            and not _has_head(parts[-1], lex)
            and _has_head(_until_and(words, i + 1), lex)
        ):
            parts.append([])
            continue
        if (
            w.text == "and"
            and i
            and (
                words[i - 1].text in lex.org_heads
                # Two bodies either side: "Bank of England and Acme Holdings Inc".
                or (_has_head(parts[-1], lex) and _has_head(_until_and(words, i + 1), lex))
            )
        ):
            parts.append([])
            continue
        parts[-1].append(w)
    return [part for part in parts if part]


def _has_head(words: list[Word], lex: Lexicon) -> bool:
    return any(w.text in lex.org_heads for w in words)


def _until_and(words: list[Word], start: int) -> list[Word]:
    out = []
    for w in words[start:]:
        if w.text == "and":
            break
        out.append(w)
    return out


def _named_body(words: list[Word], lex: Lexicon, gaz: Gazetteer, found: _Found) -> None:
    """One capitalised phrase: an organisation if an organisation noun is in it."""
    span = [w.text for w in words]
    if len(span) < 2 or not any(w in lex.org_heads for w in span):
        return
    demonym = _demonym_country(gaz, span[0])
    first = 0
    if span[0] in lex.name_stopwords and not demonym:
        first = 1
    while first < len(span) and span[first] in _CONNECTORS:
        first += 1  # "the Left Party" of "the Green Party and the Left Party"
    # A sentence's first word the text also writes in lower case: "Former", "Key".
    if (
        first < len(span) - 2
        and _opens_sentence(found.text, words[first].start)
        and written_lower(found.text, span[first])
    ):
        first += 1
    while span and span[-1] in _CONNECTORS:
        span.pop()
    if len(span) - first < 2:
        return
    if gaz.automaton.exists(" ".join(span[first:])):
        return  # a place, though an organisation noun is in it ("Soviet Union")
    country = (
        demonym[1]
        if demonym
        else next((c[1] for w in span if (c := _demonym_country(gaz, w))), None)
    )
    # A body the lists know inside this name is this one ("National Security Council" holds
    # "Security Council"), unless the name is two bodies ("United Nations and European Union").
    name = " ".join(span[first:]).replace(" 's", "'s").replace(" \u2019s", "\u2019s")
    found.add(
        name, country, words[first].start, words[len(span) - 1].end, longer=" and " not in name
    )


def _opens_sentence(text: str, at: int) -> bool:
    return at == 0 or text[at - 1] == "\n" or text[max(0, at - 2) : at] in (". ", "? ", "! ", '" ')


def company_names(text: str, lex: Lexicon, gaz: Gazetteer, start_at: int) -> set[str]:
    """Names the text calls a company: by a description ("Volvo, the Swedish truck maker"),
    its shares, profit, board or chief executive, its staff, or a deal about it ("a stake in
    Daewoo"). No list holds most companies."""
    names: set[str] = set()
    for candidate in _company_clues(text, start_at):
        words = candidate.split(" ")
        while words and (words[0] in lex.name_stopwords or words[0].lower() in lex.stopwords):
            words.pop(0)
        name = " ".join(words).rstrip(".")
        # A place or a country is no company ("Brazil, the world's largest producer"), nor
        # is a person.
        if (
            len(name) > 1
            and gaz.automaton.get(name, None) is None
            and name.split(" ")[0] not in lex.given_names
            and name.split(" ")[0].lower() not in lex.role_words
            and name.split(" ")[0] not in lex.titles
        ):
            names.add(name)
    return names


def _company_clues(text: str, start_at: int) -> list[str]:
    """The names next to each company clue, as written."""
    found: list[str | None] = []
    for m in _APPOSITION.finditer(text, start_at):
        if _DESCRIBED.match(text, m.end()):
            found.append(name_before(text, m.start(), start_at))
    for pattern in (*_OWNED, _SHARES_MOVED):
        found += [name_before(text, m.start(), start_at) for m in pattern.finditer(text, start_at)]
    for m in _SHARES_OF.finditer(text, start_at):
        at = m.start() - 1
        after = _CO_AFTER.match(text, m.end())
        if after and text[at : at + 1] in ("S", "s") and not text[at - 1 : at].isalnum():
            found.append(after.group())
    for m in _DEAL.finditer(text, start_at):
        if after := _CO_AFTER.match(text, m.end()):
            found.append(after.group())
    for m in _STAFF_AT.finditer(text, start_at):
        if after := _CO_AFTER.match(text, m.end()):
            found.append(after.group())
            if more := _AND_CO.match(text, after.end()):
                found.append(more.group(1))
    found += _named_by_trade(text, start_at)
    return [name for name in found if name]


def _named_by_trade(text: str, start_at: int) -> list[str | None]:
    """Names the trade marks as companies: a firm's analyst ("Jefferies analyst"), a ticker
    ("Lowe's (LOW) stock"), a kind of company before the name ("beauty company Coty")."""
    found = [
        name_before(text, m.start(), start_at) for m in cue_matches(text, _TRADE_BEFORE, start_at)
    ]
    for m in cue_matches(text, _TRADE_AFTER, start_at):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-"):
            continue  # inside a longer word: "subcompany"
        if after := _CO_AFTER.match(text, m.end()):
            found.append(after.group())
    return found


def _companies(text: str, names: set[str], found: _Found, start_at: int) -> None:
    """Every mention of the companies ``names`` that no other finder took."""
    names = names - found.orgs.keys()
    if not names:
        return
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    mentions = re.compile(rf"(?<![\w&-])(?:{alternatives})(?![\w&-])")
    for m in mentions.finditer(text, start_at):
        found.add(m.group(), None, m.start(), m.end())


def find_organizations(
    text: str,
    lex: Lexicon,
    gaz: Gazetteer,
    *,
    known: ahocorasick.Automaton,
    taken: list[tuple[int, int]],
    discover_from: int,
    companies: set[str] | None = None,
) -> list[Organization]:
    """Organisations named in ``text``, outside the ``taken`` spans (people); the spans of
    those found are added to ``taken``. ``companies``: :func:`company_names` of the text,
    when the caller has them."""
    found = _Found(taken, text)
    _known(text, known, found)
    _ministries(text, lex, gaz, found)
    _militaries(text, lex, gaz, found)
    _named_bodies(text, lex, gaz, found, discover_from)
    if companies is None:
        companies = company_names(text, lex, gaz, discover_from)
    _companies(text, companies, found, discover_from)
    return sorted(found.orgs.values(), key=lambda o: (-o.mentions, o.name))


def count_body_mentions(text: str, orgs: list[Organization], taken: list[tuple[int, int]]) -> None:
    """Every mention of each body's name, not only where it was found: the events count
    them, and a quotation's speaker may be named at any of them ("said a WeWork
    spokesperson"). Not inside the ``taken`` spans (people, places, events) or another
    body's name."""
    occupied = sorted(taken + [span for o in orgs for span in o.spans])
    for org in orgs:
        known = set(org.spans)
        at = text.find(org.name)
        while at >= 0:
            end = at + len(org.name)
            whole = (at == 0 or not _joins(text[at - 1])) and (
                end == len(text) or not _joins(text[end])
            )
            if whole and (at, end) not in known and not _overlaps(at, end, occupied):
                org.spans.append((at, end))
                org.mentions += 1
            at = text.find(org.name, end)
        org.spans.sort()


def _joins(ch: str) -> bool:
    return ch.isalnum() or ch in "-_"


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


# What a company's name ends on and its later mentions leave out: "SoftBank" for "SoftBank
# Group Corp", "Emirates" for "Emirates Airline".
_COMPANY_TAILS = frozenset((
    "Corp", "Corp.", "Corporation", "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "PLC", "Plc", "AG",
    "SA", "S.A.", "NV", "N.V.", "GmbH", "ASA", "SpA", "Co", "Co.", "Group", "Holdings",
    "Airline", "Airlines", "Airways", "Motors", "Industries", "Bancorp", "Limited", "Bhd",
    "Tbk", "Oyj", "&",
))  # fmt: skip


def company_stems(orgs: list[Organization]) -> dict[str, Organization]:
    """Each company's name without its legal form or trade, and the company."""
    stems: dict[str, Organization] = {}
    for org in orgs:
        words = org.name.split()
        while len(words) > 1 and words[-1] in _COMPANY_TAILS:
            words.pop()
        stem = " ".join(words)
        if stem != org.name and len(stem) > 2 and stem[0].isupper():
            stems.setdefault(stem, org)
    return stems


def short_names(
    text: str,
    stems: dict[str, Organization],
    orgs: list[Organization],
    locations: list[Location],
    taken: list[tuple[int, int]],
) -> list[Location]:
    """A company's name without its legal form or trade (``stems``: "SoftBank", "Emirates")
    names it wherever the article writes it, as a club's short name names the club: those
    mentions become the company's, places included ("Emirates" is no mention of the Emirates
    there). Not inside the ``taken`` spans (people, events) or another body's name; the
    places left."""
    if not stems:
        return locations
    occupied = sorted(taken + [span for o in orgs for span in o.spans])
    # A place's name that holds the short name ("United Arab Emirates") keeps it.
    places = {span for loc in locations for span in loc.spans}
    occupied += [(s, e) for s, e in places]
    moved: set[tuple[int, int]] = set()
    for stem, org in stems.items():
        at = text.find(stem)
        while at >= 0:
            end = at + len(stem)
            whole = (at == 0 or not _joins(text[at - 1])) and (
                end == len(text) or not _joins(text[end])
            )
            if whole and ((at, end) in places or not _overlaps(at, end, occupied)):
                org.spans.append((at, end))
                org.mentions += 1
                moved.add((at, end))
            at = text.find(stem, end)
        org.spans.sort()
    kept = []
    for loc in locations:
        loc.spans = [span for span in loc.spans if span not in moved]
        loc.mentions = len(loc.spans)
        if loc.mentions:
            kept.append(loc)
    return kept


# A body's initials in brackets after its name: "the New York State Attorney General (NYAG)".
_BRACKETED = re.compile(r"\(([A-Z][A-Z&]{1,7})\)")
_RUN_WORD = re.compile(r"[\w'\u2019.&-]+")


def acronyms(
    text: str, orgs: list[Organization], gaz: Gazetteer, taken: list[tuple[int, int]]
) -> list[Organization]:
    """Initials in brackets that spell the capitalised name right before them name a body
    there and wherever the article writes them again ("Ministry of Trade, Industry and Energy
    (MOTIE)"); not a place's ("Democratic Republic of Congo (DRC)") or a known body's."""
    if "(" not in text:
        return orgs
    known = {o.name for o in orgs}
    found = list(orgs)
    for m in _BRACKETED.finditer(text):
        initials = m.group(1)
        if initials in known or _overlaps(m.start(1), m.end(1), taken):
            continue
        name = spelt_name(text, m.start(), initials)
        if name is None or place_name(name, gaz):
            continue
        org = Organization(initials, mentions=1, spans=[m.span(1)])
        found.append(org)
        known.add(initials)
    return found


def spelt_name(text: str, at: int, initials: str) -> str | None:
    """The capitalised name on the line right before ``at`` that ``initials`` spell, if any."""
    line_start = text.rfind("\n", 0, at) + 1
    return _spelt_by(initials, _RUN_WORD.findall(text[max(line_start, at - 120) : at]))


def place_name(name: str, gaz: Gazetteer) -> bool:
    """A place, or a name that ends on one ("Democratic Republic of Congo")."""
    words = name.split()
    return any(gaz.automaton.get(" ".join(words[-n:]), None) is not None for n in (1, 2, 3))


def _spelt_by(initials: str, words: list[str]) -> str | None:
    """The shortest run of ``words`` ending at the last one, opening on a capitalised word,
    whose words' first letters hold ``initials`` in order, first and last included."""
    letters = initials.replace("&", "").lower()
    for k in range(len(words) - 1, -1, -1):
        run = words[k:]
        if len(run) < 2 or not run[0][:1].isupper() or not run[-1][:1].isupper():
            continue
        firsts = "".join(w[0].lower() for w in run if w[:1].isalpha())
        if firsts[:1] == letters[:1] and firsts[-1:] == letters[-1:] and _in_order(letters, firsts):
            return " ".join(run)
    return None


def _in_order(letters: str, firsts: str) -> bool:
    it = iter(firsts)
    return all(ch in it for ch in letters)
