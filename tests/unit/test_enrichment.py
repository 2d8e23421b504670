"""Enrichment on the seed article and on focused snippets."""

from __future__ import annotations

import pytest

from streams.core.article import Article
from streams.core.enrich import enrich
from streams.core.envelope import decode_message
from streams.core.parser import parse_article


def article(body: str, *, title: str = "Headline", lead: str | None = None) -> Article:
    return Article(source="t", title=title, lead=lead, body=tuple(body.split("\n")),
                   language="en")  # fmt: skip


@pytest.fixture
def seed(seed_bytes: bytes) -> dict:  # type: ignore[type-arg]
    return enrich(parse_article(decode_message(seed_bytes, max_bytes=1 << 21))).to_dict()


def test_seed_people_with_full_names_roles_and_countries(seed: dict) -> None:  # type: ignore[type-arg]
    people = {p["name"]: p for p in seed["entities"]["persons"]}
    assert set(people) == {
        "Sergei Lavrov", "Jorge Arreaza", "Donald Trump", "Vladimir Putin", "Mike Pompeo",
        "Sergei Ryabkov", "Nicolas Maduro", "Juan Guaido",
    }  # fmt: skip
    assert (people["Sergei Lavrov"]["role"], people["Sergei Lavrov"]["affiliation"]) == (
        "Foreign Minister", "RU",
    )  # fmt: skip
    assert (people["Mike Pompeo"]["role"], people["Mike Pompeo"]["affiliation"]) == (
        "Secretary of State", "US",
    )  # fmt: skip
    assert people["Sergei Ryabkov"]["role"] == "Deputy Foreign Minister"
    # "Lavrov and Arreaza", "Lavrov's talks": surname mentions count for the full name.
    assert people["Sergei Lavrov"]["mentions"] == 4


def test_seed_countries_quotes_and_sources(seed: dict) -> None:  # type: ignore[type-arg]
    codes = [c["code"] for c in seed["countries"]]
    assert {"RU", "VE", "US", "CN", "FI"} <= set(codes)
    assert codes[0] == "VE"  # the story is about Venezuela
    assert {"text": "military action is possible", "speaker": "Mike Pompeo"} in seed["quotes"]
    assert {
        "text": "not looking at all to get involved in Venezuela", "speaker": "Vladimir Putin",
    } in seed["quotes"]  # fmt: skip
    speakers = {q["speaker"] for q in seed["quotes"]}
    assert speakers == {"Mike Pompeo", "Vladimir Putin"}
    orgs = {o["name"]: o for o in seed["entities"]["organizations"]}
    assert orgs["Russian Foreign Ministry"]["country"] == "RU"
    assert "Sputnik" in orgs
    assert {"source": "Sputnik", "cue": "reported"} in seed["attributions"]
    assert {"source": "Russian Foreign Ministry", "cue": "according to"} in seed["attributions"]
    topics = [t["topic"] for t in seed["topics"]]
    assert "diplomacy" in topics
    assert "military_security" in topics


def test_demonyms_count_for_their_country() -> None:
    text = "Venezuelan officials met Chilean envoys.\nTroops reached the Mexican border on Friday."
    e = enrich(article(text)).to_dict()
    assert {c["code"] for c in e["countries"]} == {"VE", "CL", "MX"}
    assert e["entities"]["locations"] == []  # a demonym names no place, for the model either


def test_seas_rivers_mountains_and_parts_of_the_world_are_places_of_no_country() -> None:
    text = (
        "Tankers left the Gulf of Aden for the Suez Canal, while floods on the Danube and snow "
        "in the Alps cut roads across Eastern Europe. Egypt said the canal stayed open."
    )
    e = enrich(article(text)).to_dict()
    places = {loc["name"]: loc for loc in e["entities"]["locations"]}
    for name in ("Gulf of Aden", "Suez Canal", "Danube", "Alps", "Eastern Europe"):
        assert places[name]["kind"] == "region"
        assert places[name]["country"] is None
    assert [c["code"] for c in e["countries"]] == ["EG"]


def test_english_and_former_names_divisions_and_states_of_the_past() -> None:
    text = (
        "Flights from Cologne, Zurich and Sao Paulo landed in Kiev. Floods hit Bavaria and "
        "Sichuan, and troops left Chechnya.\nKosovo and Burma sent envoys; as in the days of "
        "the Soviet Union, Byzantium was on the agenda."
    )
    e = enrich(article(text)).to_dict()
    places = {loc["name"]: loc for loc in e["entities"]["locations"]}
    # Cities under their geonames names, whatever name the text uses.
    assert {"Köln", "Zürich", "São Paulo", "Kyiv"} <= set(places)
    assert (places["Bavaria"]["kind"], places["Bavaria"]["country"]) == ("region", "DE")
    assert places["Chechnya"]["country"] == "RU"
    assert places["Soviet Union"]["country"] is None  # a state of the past has no ISO code
    codes = {c["code"] for c in e["countries"]}
    assert {"DE", "CH", "BR", "UA", "CN", "RU", "XK", "MM"} <= codes


def test_a_place_or_a_person_inside_an_event_s_name_is_no_entity() -> None:
    text = (
        "Ana Petrova won the U.S. Open and flew to the Monaco Grand Prix. The Nobel Peace "
        "Prize went to a Kenyan group, and the Paris Agreement was signed before the Gulf War "
        "veterans met in Nairobi."
    )
    e = enrich(article(text)).to_dict()
    entities = e["entities"]
    names = {x["name"] for kind in ("persons", "organizations", "locations")
             for x in entities[kind]}  # fmt: skip
    assert not names & {"U.S", "U.S.", "United States", "Monaco", "Nobel", "Paris", "Gulf",
                        "Paris Agreement"}  # fmt: skip
    assert {"Ana Petrova", "Nairobi"} <= names
    # Nor does it count for the article's countries.
    assert {c["code"] for c in e["countries"]} == {"KE"}


def test_ambiguous_city_follows_the_article_or_stays_unresolved() -> None:
    # Two Tripolis (Libya, Lebanon), close in size: the article's other places decide.
    lebanon = enrich(article("Lebanese troops entered Tripoli on Sunday.")).to_dict()
    tripoli = next(x for x in lebanon["entities"]["locations"] if x["name"] == "Tripoli")
    assert (tripoli["country"], tripoli["resolved_by"]) == ("LB", "context")
    alone = enrich(article("The convoy reached Tripoli at dawn.")).to_dict()
    tripoli = next(x for x in alone["entities"]["locations"] if x["name"] == "Tripoli")
    assert tripoli["resolved_by"] in ("unresolved", "population")
    if tripoli["resolved_by"] == "unresolved":
        assert tripoli["country"] is None
        assert {"LB", "LY"} <= set(tripoli["candidates"])


def test_well_known_bodies_companies_parties_and_media_are_organisations() -> None:
    text = (
        "ExxonMobil and Gazprom cut output after the Fed and the Bundesbank held rates. "
        "The BJP, the ANC and UEFA sent delegations, and the BBC's Anna Ruiz filed the story."
    )
    e = enrich(article(text)).to_dict()["entities"]
    orgs = {o["name"] for o in e["organizations"]}
    assert {"ExxonMobil", "Gazprom", "Federal Reserve", "Bundesbank", "UEFA", "BBC"} <= orgs
    assert {"Bharatiya Janata Party", "African National Congress"} <= orgs
    assert {p["name"] for p in e["persons"]} == {"Anna Ruiz"}


def test_companies_the_text_describes_are_organisations_wherever_named() -> None:
    text = (
        "Brekkvik, the Norwegian engineering group, said profit fell. "
        "Shares in Talvora Motor rose 4 percent, and Quenby shares fell.\n"
        "Ostrava Steel's chief executive met Brekkvik's board. Talvora Motor did not comment.\n"
        "Japan, the world's third-largest carmaker, and Anna Ruiz, a bank analyst, spoke. "
        "Olga Brandvik, a director at the company, agreed. Quenby bought a stake in Daewoo. "
        "The takeover of Kvaerner was approved."
    )
    e = enrich(article(text)).to_dict()["entities"]
    orgs = {o["name"]: o["mentions"] for o in e["organizations"]}
    assert {"Brekkvik", "Talvora Motor", "Quenby", "Ostrava Steel", "Daewoo", "Kvaerner"} <= set(
        orgs
    )
    assert orgs["Brekkvik"] == 2  # the possessive's mention too
    assert orgs["Talvora Motor"] == 2
    # A country described as a carmaker is still the country; people stay people.
    assert "Japan" not in orgs
    assert "Japan" in {loc["name"] for loc in e["locations"]}
    assert {"Anna Ruiz", "Olga Brandvik"} <= {p["name"] for p in e["persons"]}


def test_parties_and_the_firms_whose_staff_speak_are_organisations() -> None:
    text = (
        "The Green Party and the Left Party gained, the Sweden Democrats lost, and opposition "
        "leader Ulf Berglund of the Christian Democrats conceded.\n"
        "Economists at Nordvik and KSB said the krona would firm."
    )
    e = enrich(article(text)).to_dict()["entities"]
    orgs = {o["name"] for o in e["organizations"]}
    assert {"Green Party", "Left Party", "Sweden Democrats", "Christian Democrats"} <= orgs
    assert {"Nordvik", "KSB"} <= orgs
    assert "Ulf Berglund" in {p["name"] for p in e["persons"]}
    assert "Sweden" not in {loc["name"] for loc in e["locations"]}  # the party's name


def test_an_occupation_before_a_name_is_its_role_not_part_of_it() -> None:
    text = "Historian David Crouch and lawyer Maria Lopez spoke. Crouch said the file was lost."
    persons = enrich(article(text)).to_dict()["entities"]["persons"]
    assert {(p["name"], p["role"], p["mentions"]) for p in persons} == {
        ("David Crouch", "Historian", 2),
        ("Maria Lopez", "Lawyer", 1),
    }


def test_one_word_names_after_a_title_and_titles_that_stop_at_commas() -> None:
    text = (
        "President Halvorsen met Secretary of State Mbeki-Tan on Monday. "
        "In Tromso, Chancellor Ilse Varga said talks went well.\n"
        "Varga's spokesman Piet Dalen confirmed it. Ingrid Halvorsen flew home; the "
        "Associate Team stayed, and the team's leader, Muhammed Sheikh Khalil, joined them. "
        "General Mills cut its prices."
    )
    persons = enrich(article(text)).to_dict()["entities"]["persons"]
    found = {p["name"]: (p["role"], p["mentions"]) for p in persons}
    # "President Halvorsen" is the article's Ingrid Halvorsen, with the role.
    assert found["Ingrid Halvorsen"] == ("President", 2)
    assert "Halvorsen" not in found
    assert found["Mbeki-Tan"][0] == "Secretary of State"
    # A title takes no word before a comma or a possessive.
    assert found["Ilse Varga"][0] == "Chancellor"
    assert found["Piet Dalen"][0] == "Spokesman"
    # A rank written out opens company names too: "General Mills" names nobody.
    assert "Mills" not in found
    # A word the text also writes in lower case is no name; a title inside a name stays.
    assert "Team" not in found
    assert "Khalil" not in found


def test_the_owner_of_a_wife_or_an_aide_is_a_person() -> None:
    text = "Talks resumed.\nOkonkwo's wife attended, and Vestergaard's aides stayed in Oslo."
    persons = {p["name"] for p in enrich(article(text)).to_dict()["entities"]["persons"]}
    assert {"Okonkwo", "Vestergaard"} <= persons
    assert "Oslo" not in persons


def test_honorifics_are_not_part_of_names() -> None:
    e = enrich(article("Mr. John Smith met Dr. Maria Lopez. Smith said the talks went well."))
    names = {p["name"]: p["mentions"] for p in e.to_dict()["entities"]["persons"]}
    assert names == {"John Smith": 2, "Maria Lopez": 1}


def test_quote_after_the_speaker_and_quote_before_it() -> None:
    text = (
        'Foreign Minister Ali Rezaei said that "the door to talks is open". '
        '"We will not wait forever," Rezaei told reporters.'
    )
    e = enrich(article(text)).to_dict()
    assert e["quotes"] == [
        {"text": "the door to talks is open", "speaker": "Ali Rezaei"},
        {"text": "We will not wait forever", "speaker": "Ali Rezaei"},
    ]


def test_unattributed_and_one_word_quotes_are_not_quotations() -> None:
    e = enrich(article('The so-called "reform" and the "final phase of the plan" went ahead.'))
    assert e.to_dict()["quotes"] == []


def test_non_english_articles_get_empty_entities() -> None:
    a = Article(source="t", title="عنوان", lead=None, body=("متن خبر",), language="fa")
    e = enrich(a).to_dict()
    assert e["entities"] == {"persons": [], "organizations": [], "locations": []}


def test_topic_terms_of_two_and_three_words_count() -> None:
    # "secretary of state" (0.3) alone reaches the topic threshold; so does "foreign minister".
    for text in ("The Secretary of State arrived late.", "The foreign minister arrived late."):
        topics = {t["topic"]: t["score"] for t in enrich(article(text)).to_dict()["topics"]}
        assert topics.get("diplomacy", 0) >= 0.3, text
    # The words apart do not make the term.
    scattered = enrich(article("The secretary said the state of the roads was poor.")).to_dict()
    assert "diplomacy" not in {t["topic"] for t in scattered["topics"]}


def _mentions(text: str, kind: str) -> dict[str, int]:
    """Each entity of ``kind`` the enrichment finds in ``text``, with its mentions."""
    found = enrich(article(text)).to_dict()["entities"][kind]
    return {x["name"]: x["mentions"] for x in found}


def test_a_body_counts_every_mention_and_a_possessive_owner_is_no_part_of_it() -> None:
    orgs = _mentions(
        "Officials met at Norway's Progress Party offices and at Nordhavn Shipping ASA.\n"
        "Later Nordhavn Shipping ASA said it would bid, and Vox Media's Code Media panel "
        "discussed it. Shares in McDonald's Corp were flat.",
        "organizations",
    )
    assert orgs["Nordhavn Shipping ASA"] == 2
    assert "Progress Party" in orgs
    assert "Vox Media" in orgs
    assert not any(name.startswith(("Norway", "Vox Media's")) for name in orgs)
    assert any(name.startswith("McDonald's") for name in orgs)  # a name, not an owner


def test_a_world_city_outweighs_a_small_namesake_in_a_country_the_article_names() -> None:
    text = "Colombia lost to Belgium on the first day of the finals in Madrid."
    e = enrich(article(text)).to_dict()
    madrid = next(x for x in e["entities"]["locations"] if x["name"] == "Madrid")
    assert (madrid["country"], madrid["resolved_by"]) == ("ES", "population")
    # Close in size, the article's country still decides (the two Tripolis above).


def test_a_company_s_short_name_is_the_company_even_where_it_names_a_place() -> None:
    text = (
        "Emirates Airline ordered 30 jets from Brekkvik Group Corp on Wednesday.\n"
        "Emirates said the United Arab Emirates carrier would take them in 2021, and "
        "Brekkvik said it would hire."
    )
    orgs = _mentions(text, "organizations")
    assert orgs["Emirates Airline"] == 2
    assert orgs["Brekkvik Group Corp"] == 2  # and its name ends before the day
    # The country's own name stays a place.
    assert _mentions(text, "locations").get("United Arab Emirates") == 1


def test_initials_in_brackets_after_a_name_are_a_body_but_not_a_place_s() -> None:
    orgs = _mentions(
        "The Harbour Safety Review Board (HSRB) opened an inquiry on Monday.\n"
        "The HSRB said the Democratic Republic of Congo (DRC) ferry had no permit. "
        "Officials (AP) said more would follow.",
        "organizations",
    )
    assert orgs["HSRB"] == 2
    assert "DRC" not in orgs


def test_a_name_before_of_keeps_its_place_beside_a_possessive() -> None:
    e = enrich(article(
        "It was said by Ingrid Solheim of NASA's Jet Propulsion Laboratory in California.\n"
        "The Bank of England's Peter Lund agreed, and Acme's Anna Ruiz did not."
    )).to_dict()  # fmt: skip
    people = {p["name"] for p in e["entities"]["persons"]}
    assert {"Ingrid Solheim", "Peter Lund", "Anna Ruiz"} <= people
    orgs = {o["name"] for o in e["entities"]["organizations"]}
    assert {"Jet Propulsion Laboratory", "Bank of England"} <= orgs


def test_a_state_abbreviated_in_a_dateline_is_the_state() -> None:
    places = _mentions("HAYWARD, Calif. (AP) — Police in St. Louis, Mo., said so.", "locations")
    assert places["California"] == 1
    assert places["Missouri"] == 1


def test_a_dateline_in_capitals_names_its_town_whatever_its_size() -> None:
    # Capitals elsewhere are read only for places of a million people or more.
    places = _mentions("NEW DELHI: Police arrested two men on Monday.", "locations")
    assert places == {"New Delhi": 1}
    # A town too small for the gazetteer is one when its state follows; no person either.
    e = enrich(article("", lead="ST. JOSEPH, Mich. (AP) — Health officials said so.")).to_dict()
    town = next(x for x in e["entities"]["locations"] if x["name"] == "St. Joseph")
    assert (town["country"], town["mentions"]) == ("US", 1)
    assert e["entities"]["persons"] == []
    # A heading in capitals is no place.
    assert _mentions("UPDATE 2-Police arrested two men on Monday.", "locations") == {}


def test_the_dateline_city_the_parser_split_off_is_a_place_but_not_a_country() -> None:
    plain = Article(source="t", title="Headline", lead="OPEC kept its output.", body=(),
                    language="en", dateline_city="Vienna")  # fmt: skip
    e = enrich(plain).to_dict()
    vienna = next(x for x in e["entities"]["locations"] if x["name"] == "Vienna")
    assert (vienna["country"], vienna["mentions"]) == ("AT", 1)
    # A bureau's city is not what the story is about.
    assert "AT" not in {c["code"] for c in e["countries"]}


def test_initials_before_a_known_surname_are_that_person() -> None:
    people = _mentions(
        "Kevin Barlow made 58 before rain stopped play.\n"
        "Scoreboard: K. Barlow not out 58, T. Ellison 17.",
        "persons",
    )
    assert "K. Barlow" not in people
    assert people["Kevin Barlow"] == 2


def test_one_person_written_several_ways_is_one_person() -> None:
    people = _mentions(
        "Patrick W. Halloran was charged on Monday. Patrick Halloran Jr. denied it.\n"
        "Pat Halloran's lawyer said Halloran would appeal.",
        "persons",
    )
    assert people == {"Patrick W. Halloran": 4}


def test_compass_parts_and_counties_are_places_of_their_own() -> None:
    places = _mentions(
        "Fires burned in Southern California, West Michigan and North London, in Napa County "
        "and San Diego County, and in County Cork. One Napa County official spoke.\n"
        "The commander of Kowloon West district agreed. North Korea and South Africa did not.",
        "locations",
    )
    assert places == {
        "Southern California": 1, "West Michigan": 1, "North London": 1, "Napa County": 2,
        "San Diego County": 1, "County Cork": 1, "Kowloon West": 1, "North Korea": 1,
        "South Africa": 1,
    }  # fmt: skip
    # A list of places ending in "County" or "City" is no list of clubs.
    assert _mentions("Officials in Napa County, Mexico City and Leeds met.", "organizations") == {}


def test_a_longer_body_name_holds_a_known_one_and_its_tail_is_no_person() -> None:
    orgs = _mentions(
        "Former National Security Council official Tim Hale spoke to the National Institute "
        "on Drug Abuse and the Michigan Department of Health and Human Services.\n"
        "The United Nations and European Union agreed, as did the UN Security Council, and "
        "the former envoy said so.",
        "organizations",
    )
    assert {"National Security Council", "National Institute on Drug Abuse",
            "Michigan Department of Health and Human Services", "United Nations",
            "European Union"} <= orgs.keys()  # fmt: skip
    assert not {"Security Council", "Former National Security Council", "National Institute",
                "United Nations and European Union"} & orgs.keys()  # fmt: skip
    people = _mentions("The National Institute on Drug Abuse said so.", "persons")
    assert "Drug Abuse" not in people


def test_a_role_inside_a_capitalised_run_is_no_part_of_the_name() -> None:
    people = _mentions(
        "Indiana House Speaker Brian Bosma spoke, and Republican state schools Superintendent "
        "Jennifer McCormick agreed. NASA Administrator Jim Bridenstine did not.",
        "persons",
    )
    assert {"Brian Bosma", "Jennifer McCormick", "Jim Bridenstine"} <= people.keys()
    titles = ("Speaker", "Superintendent", "Administrator")
    assert not any(name.split()[0] in titles for name in people)


def test_the_trade_names_companies_analysts_tickers_and_kinds() -> None:
    orgs = _mentions(
        "Beauty company Lorvik rose. Tomas Hale, equity strategist at Brandt Tabor, said so, "
        "and Keswick analyst Jon Marr agreed.\n"
        "Meanwhile peer Sandholm's (SND) stock fell, and Fellmark (ticker: FMK) reported.\n"
        "The company Chairman John Smith spoke. Maria Lind (SWE) won.",
        "organizations",
    )
    assert {"Lorvik", "Brandt Tabor", "Keswick", "Sandholm's", "Fellmark"} <= orgs.keys()
    assert not {"Chairman John Smith", "Maria Lind", "John Smith", "FMK", "SWE"} & orgs.keys()


def test_a_position_before_a_player_and_a_demonym_before_a_role_are_no_names() -> None:
    found = enrich(article(
        "Pos Player Plays\nCB Greedy Wilkins 73 99% 6 tackles.\nDL Larry Okoye 63 85% 1 sack.\n"
        "Pakistani Petroleum Minister Musa Khan said the pipeline faced problems."
    )).to_dict()["entities"]  # fmt: skip
    people = {p["name"] for p in found["persons"]}
    assert not any(name.startswith(("CB ", "DL ")) for name in people)
    assert "Pakistani Petroleum" not in {o["name"] for o in found["organizations"]}
