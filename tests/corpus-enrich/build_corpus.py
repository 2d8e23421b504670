"""Writes the labelled enrichment corpus: articles written for this project, in the Defa Press
layout, each with the people, organisations, countries, quotations and topics a careful reader
finds in it. The expectations are written by hand below, never produced by the enricher. Run
`python tests/corpus-enrich/build_corpus.py` after changing a spec."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def page(news_id: int, title: str, city: str, lead: str, body: list[str]) -> str:
    lines = [
        "Updated in: 10 March 2024 - 10:00", "", title, "",
        f"{city.upper()} (defapress) \u2013 {lead}", f"News ID: {news_id}",
        "Publish Date: 09Mar 2024 - 18:00", "", title + body[0], "",
    ]  # fmt: skip
    for p in body[1:]:
        lines += [p, ""]
    lines += ["Message end/", "", "your comment"]
    return "\n".join(lines)


# (name, title, city, lead, body, expected)
SPECS = [
    (
        "e01-iran-oman-talks",
        "Iran and Oman Discuss Gulf Security",
        "Tehran",
        "Iranian Foreign Minister Hossein Amir-Abdollahian held talks with his Omani counterpart Badr Albusaidi in Muscat on Monday.",
        [
            "The two ministers discussed maritime security in the Strait of Hormuz and trade between their countries.",
            'Amir-Abdollahian said that "the security of the region must be provided by the countries of the region".',
            "Albusaidi told reporters that Oman would keep its channels open to all sides, according to the Omani foreign ministry.",
        ],
        {
            "persons": ["Hossein Amir-Abdollahian", "Badr Albusaidi"],
            "organizations": ["Omani Foreign Ministry"],
            "countries": ["IR", "OM"],
            "quotes": [
                [
                    "the security of the region must be provided by the countries of the region",
                    "Hossein Amir-Abdollahian",
                ]
            ],
            "topics": ["diplomacy"],
        },
    ),
    (
        "e02-russia-china-energy",
        "Russia and China Agree on New Gas Pipeline",
        "Moscow",
        "Russian President Vladimir Putin and Chinese President Xi Jinping agreed on Tuesday to speed up work on a new gas pipeline.",
        [
            "The pipeline would carry gas from western Siberia to northern China through Mongolia.",
            '"This project is of strategic importance for both our countries," Putin said after the meeting.',
            "Xi said China was ready to increase its purchases of Russian energy, Xinhua reported.",
        ],
        {
            "persons": ["Vladimir Putin", "Xi Jinping"],
            "organizations": ["Xinhua"],
            "countries": ["RU", "CN", "MN"],
            "quotes": [
                ["This project is of strategic importance for both our countries", "Vladimir Putin"]
            ],
            "topics": ["energy", "diplomacy"],
        },
    ),
    (
        "e03-iaea-inspection",
        "IAEA Chief Visits Tehran",
        "Tehran",
        "The head of the International Atomic Energy Agency, Rafael Grossi, arrived in Tehran on Sunday for talks with Iranian officials.",
        [
            "Grossi is expected to meet the head of the Atomic Energy Organization of Iran, Mohammad Eslami.",
            'Eslami said that "cooperation with the agency will continue within the framework of the safeguards agreement".',
            "The visit comes weeks after a report by the agency on Iran's nuclear programme.",
        ],
        {
            "persons": ["Rafael Grossi", "Mohammad Eslami"],
            "organizations": [
                "International Atomic Energy Agency",
                "Atomic Energy Organization of Iran",
            ],
            "countries": ["IR"],
            "quotes": [
                [
                    "cooperation with the agency will continue within the framework of the safeguards agreement",
                    "Mohammad Eslami",
                ]
            ],
            "topics": ["diplomacy"],
        },
    ),
    (
        "e04-venezuela-election",
        "Venezuela Sets Date for Presidential Election",
        "Caracas",
        "Venezuela's electoral council said on Tuesday the presidential election would be held in July.",
        [
            "President Nicolas Maduro is expected to run for a third term.",
            "Opposition leader Maria Corina Machado, who is barred from holding office, called the date a trap.",
            'US Secretary of State Antony Blinken said Washington was "watching closely" whether the vote would be free.',
        ],
        {
            "persons": ["Nicolas Maduro", "Maria Corina Machado", "Antony Blinken"],
            "organizations": [],
            "countries": ["VE", "US"],
            "quotes": [["watching closely", "Antony Blinken"]],
            "topics": ["politics_elections"],
        },
    ),
    (
        "e05-turkey-syria",
        "Turkey and Syria Hold Security Talks",
        "Ankara",
        "Turkish Defence Minister Yasar Guler met his Syrian counterpart in Moscow on Wednesday, the Turkish defence ministry said.",
        [
            "The talks were hosted by Russian Defence Minister Sergei Shoigu.",
            "The ministers discussed the situation in northern Syria and the return of refugees.",
            'Guler said that "the fight against terrorism remains our priority".',
        ],
        {
            "persons": ["Yasar Guler", "Sergei Shoigu"],
            "organizations": ["Turkish Defence Ministry"],
            "countries": ["TR", "SY", "RU"],
            "quotes": [["the fight against terrorism remains our priority", "Yasar Guler"]],
            "topics": ["diplomacy", "military_security"],
        },
    ),
    (
        "e06-opec-output",
        "OPEC Keeps Oil Output Unchanged",
        "Vienna",
        "OPEC and its allies decided on Sunday to keep their oil output unchanged until the end of June.",
        [
            "Saudi Energy Minister Abdulaziz bin Salman said the market was balanced.",
            "Oil prices rose slightly after the decision, Reuters reported.",
            "Iranian Oil Minister Javad Owji said Iran would keep raising its crude exports.",
        ],
        {
            "persons": ["Abdulaziz bin Salman", "Javad Owji"],
            "organizations": ["OPEC", "Reuters"],
            "countries": ["SA", "IR"],
            "quotes": [],
            "topics": ["energy"],
        },
    ),
    (
        "e07-un-human-rights",
        "UN Rapporteur Criticises Detentions",
        "Geneva",
        "A United Nations human rights rapporteur on Friday criticised the detention of journalists in several countries.",
        [
            "The rapporteur, Irene Khan, told the Human Rights Council that press freedom was under pressure.",
            '"Journalists must be able to work without fear," Khan said.',
            "The council will discuss her report next week.",
        ],
        {
            "persons": ["Irene Khan"],
            "organizations": ["United Nations", "Human Rights Council"],
            "countries": [],
            "quotes": [["Journalists must be able to work without fear", "Irene Khan"]],
            "topics": ["human_rights"],
        },
    ),
    (
        "e08-iraq-rail",
        "Iraq and Iran Sign Rail Agreement",
        "Baghdad",
        "Iraqi Prime Minister Mohammed Shia al-Sudani and Iranian First Vice President Mohammad Mokhber signed a rail agreement in Baghdad on Thursday.",
        [
            "The line will connect the Iranian town of Shalamcheh with Basra.",
            'Sudani said that "the railway will serve pilgrims and traders alike".',
        ],
        {
            "persons": ["Mohammed Shia al-Sudani", "Mohammad Mokhber"],
            "organizations": [],
            "countries": ["IQ", "IR"],
            "quotes": [
                ["the railway will serve pilgrims and traders alike", "Mohammed Shia al-Sudani"]
            ],
            "topics": ["transport_infrastructure", "diplomacy"],
        },
    ),
    (
        "e09-nato-summit",
        "NATO Leaders Meet in Vilnius",
        "Vilnius",
        "NATO leaders gathered in Vilnius on Tuesday for a two-day summit dominated by the war in Ukraine.",
        [
            "NATO Secretary General Jens Stoltenberg said allies would agree on new defence plans.",
            'Ukrainian President Volodymyr Zelensky said that "uncertainty is weakness" in a message to the allies.',
            "Russia's foreign ministry called the summit a provocation, TASS reported.",
        ],
        {
            "persons": ["Jens Stoltenberg", "Volodymyr Zelensky"],
            "organizations": ["NATO", "Russian Foreign Ministry", "TASS"],
            "countries": ["LT", "UA", "RU"],
            "quotes": [["uncertainty is weakness", "Volodymyr Zelensky"]],
            "topics": ["military_security", "diplomacy"],
        },
    ),
    (
        "e10-pakistan-gas",
        "Pakistan Asks for More Time on Gas Pipeline",
        "Islamabad",
        "Pakistan has asked Iran for more time to complete its part of a gas pipeline between the two countries.",
        [
            "Pakistani Petroleum Minister Musadik Malik said the project faced financing problems.",
            "Iran completed its section of the pipeline years ago, according to the National Iranian Gas Company.",
        ],
        {
            "persons": ["Musadik Malik"],
            "organizations": ["National Iranian Gas Company"],
            "countries": ["PK", "IR"],
            "quotes": [],
            "topics": ["energy"],
        },
    ),
    (
        "e11-afghan-water",
        "Iran and Afghanistan Discuss Helmand Water",
        "Zahedan",
        "Iranian and Afghan officials met in Kabul on Monday to discuss Iran's share of water from the Helmand river.",
        [
            "Iran's Energy Minister Ali Akbar Mehrabian said the water treaty of 1973 must be respected.",
            'An official of the Taliban government said that "there is not enough water in the river because of the drought".',
        ],
        {
            "persons": ["Ali Akbar Mehrabian"],
            "organizations": ["Taliban"],
            "countries": ["IR", "AF"],
            # An unnamed member speaks for the body that the text names.
            "quotes": [
                ["there is not enough water in the river because of the drought", "Taliban"]
            ],
            "topics": ["environment_water"],
        },
    ),
    (
        "e12-azerbaijan-border",
        "Azerbaijan and Armenia Hold Border Talks",
        "Baku",
        "Azerbaijani and Armenian officials met on the border on Friday to discuss the demarcation of their frontier.",
        [
            "Azerbaijani Deputy Prime Minister Shahin Mustafayev led his country's delegation.",
            "The Armenian side was led by Deputy Prime Minister Mher Grigoryan.",
            "Both sides said the talks were constructive, the Azerbaijani foreign ministry said.",
        ],
        {
            "persons": ["Shahin Mustafayev", "Mher Grigoryan"],
            "organizations": ["Azerbaijani Foreign Ministry"],
            "countries": ["AZ", "AM"],
            "quotes": [],
            "topics": ["diplomacy"],
        },
    ),
    (
        "e13-india-chabahar",
        "India Signs Chabahar Port Deal",
        "Chabahar",
        "India and Iran signed a ten-year contract on Monday for the operation of a terminal at the port of Chabahar.",
        [
            "Indian Ports Minister Sarbananda Sonowal attended the signing ceremony.",
            '"This contract will make Chabahar a hub for regional trade," Sonowal said.',
        ],
        {
            "persons": ["Sarbananda Sonowal"],
            "organizations": [],
            "countries": ["IN", "IR"],
            "quotes": [
                ["This contract will make Chabahar a hub for regional trade", "Sarbananda Sonowal"]
            ],
            "topics": ["economy_sanctions", "transport_infrastructure"],
        },
    ),
    (
        "e14-eu-sanctions",
        "EU Adopts New Sanctions Package",
        "Brussels",
        "The European Union adopted a new package of sanctions on Friday targeting drone makers.",
        [
            "EU foreign policy chief Josep Borrell said the measures would limit access to technology.",
            "Tehran condemned the decision, the Iranian foreign ministry said in a statement.",
        ],
        {
            "persons": ["Josep Borrell"],
            "organizations": ["European Union", "Iranian Foreign Ministry"],
            "countries": ["IR"],
            "quotes": [],
            "topics": ["economy_sanctions"],
        },
    ),
    (
        "e15-qatar-mediation",
        "Qatar Mediates Prisoner Exchange",
        "Doha",
        "Qatar helped arrange an exchange of prisoners between Iran and the United States, officials said on Monday.",
        [
            "Qatari Foreign Ministry spokesman Majed al-Ansari said five prisoners would be released by each side.",
            'White House spokesman John Kirby said that "the families have waited a long time for this day".',
        ],
        {
            "persons": ["Majed al-Ansari", "John Kirby"],
            "organizations": ["Qatari Foreign Ministry", "White House"],
            "countries": ["QA", "IR", "US"],
            "quotes": [["the families have waited a long time for this day", "John Kirby"]],
            "topics": ["diplomacy", "human_rights"],
        },
    ),
    (
        "e16-drought-isfahan",
        "Farmers Protest Water Shortage in Isfahan",
        "Isfahan",
        "Farmers gathered in Isfahan on Saturday to protest against the diversion of water from the Zayandeh Rud river.",
        [
            "Provincial governor Reza Mortazavi met a delegation of the protesters.",
            '"We have not had water for our fields for three years," one farmer told reporters.',
            "The energy ministry said new water would be released in the spring.",
        ],
        {
            "persons": ["Reza Mortazavi"],
            "organizations": ["Energy Ministry"],
            "countries": ["IR"],
            "quotes": [],
            "topics": ["environment_water", "agriculture_food"],
        },
    ),
    (
        "e17-japan-visit",
        "Japanese Minister Visits Tehran",
        "Tehran",
        "Japanese Foreign Minister Yoko Kamikawa arrived in Tehran on Sunday for a two-day visit.",
        [
            "Kamikawa met President Ebrahim Raisi and discussed regional tensions.",
            'Raisi said that "Japan can play a constructive role in the region".',
        ],
        {
            "persons": ["Yoko Kamikawa", "Ebrahim Raisi"],
            "organizations": [],
            "countries": ["JP", "IR"],
            "quotes": [["Japan can play a constructive role in the region", "Ebrahim Raisi"]],
            "topics": ["diplomacy"],
        },
    ),
    (
        "e18-naval-drill",
        "Iran, Russia and China Hold Naval Drill",
        "Chabahar",
        "The navies of Iran, Russia and China began a joint exercise in the Gulf of Oman on Tuesday.",
        [
            "Iranian navy commander Shahram Irani said the drill would last five days.",
            "Chinese and Russian warships arrived at Chabahar on Monday, the Iranian army said.",
        ],
        {
            "persons": ["Shahram Irani"],
            "organizations": ["Iranian Army", "Iranian Navy"],
            "countries": ["IR", "RU", "CN"],
            "quotes": [],
            "topics": ["military_security"],
        },
    ),
    (
        "e19-saudi-embassy",
        "Saudi Embassy Reopens in Tehran",
        "Tehran",
        "Saudi Arabia reopened its embassy in Tehran on Wednesday after seven years.",
        [
            "Saudi ambassador Abdullah Alanazi presented his credentials to President Ebrahim Raisi.",
            'Alanazi said that "a new chapter has begun in our relations".',
            "The move follows an agreement mediated by China in March, according to Xinhua.",
        ],
        {
            "persons": ["Abdullah Alanazi", "Ebrahim Raisi"],
            "organizations": ["Xinhua"],
            "countries": ["SA", "IR", "CN"],
            "quotes": [["a new chapter has begun in our relations", "Abdullah Alanazi"]],
            "topics": ["diplomacy"],
        },
    ),
    (
        "e20-brics-membership",
        "Iran Joins BRICS",
        "Tehran",
        "Iran became a full member of BRICS on Monday along with four other countries.",
        [
            "South African President Cyril Ramaphosa welcomed the new members.",
            'Iranian President Ebrahim Raisi said that "membership will strengthen our economy".',
        ],
        {
            "persons": ["Cyril Ramaphosa", "Ebrahim Raisi"],
            "organizations": ["BRICS"],
            "countries": ["IR", "ZA"],
            "quotes": [["membership will strengthen our economy", "Ebrahim Raisi"]],
            "topics": ["diplomacy"],
        },
    ),
    (
        "e21-hospital-aid",
        "Red Cross Sends Medical Aid",
        "Kerman",
        "The Red Cross sent medical aid to Kerman on Friday after a deadly attack in the city.",
        [
            "Iranian Health Minister Bahram Einollahi visited the wounded in hospital.",
            '"All the wounded are receiving care," Einollahi told state television.',
        ],
        {
            "persons": ["Bahram Einollahi"],
            "organizations": ["Red Cross"],
            "countries": ["IR"],
            "quotes": [["All the wounded are receiving care", "Bahram Einollahi"]],
            "topics": ["health"],
        },
    ),
    (
        "e22-central-bank",
        "Central Bank Raises Interest Rates",
        "Tehran",
        "The Central Bank of Iran raised its main interest rate on Sunday to fight inflation.",
        [
            "Central bank governor Mohammad Reza Farzin said inflation would fall below 30 percent.",
            'Farzin said that "the new rate will reduce pressure on prices".',
        ],
        {
            "persons": ["Mohammad Reza Farzin"],
            "organizations": ["Central Bank of Iran"],
            "countries": ["IR"],
            "quotes": [["the new rate will reduce pressure on prices", "Mohammad Reza Farzin"]],
            "topics": ["economy_sanctions"],
        },
    ),
    (
        "e23-egypt-trade",
        "Egypt and Iran Discuss Direct Flights",
        "Cairo",
        "Egyptian and Iranian officials discussed the resumption of direct flights between Cairo and Tehran.",
        [
            "Egyptian Foreign Minister Sameh Shoukry received an Iranian delegation in Cairo.",
            "The two sides agreed to form a working group, the Egyptian foreign ministry said.",
        ],
        {
            "persons": ["Sameh Shoukry"],
            "organizations": ["Egyptian Foreign Ministry"],
            "countries": ["EG", "IR"],
            "quotes": [],
            "topics": ["diplomacy"],
        },
    ),
    (
        "e24-satellite-launch",
        "Iran Launches Three Satellites",
        "Semnan",
        "Iran launched three satellites into orbit on Sunday from a spaceport in Semnan province.",
        [
            "Communications Minister Issa Zarepour said the satellites would test new technology.",
            '"This launch shows the progress of our space industry," Zarepour said.',
            "The United States and European countries criticised the launch, AFP reported.",
        ],
        {
            "persons": ["Issa Zarepour"],
            "organizations": ["Agence France-Presse"],
            "countries": ["IR", "US"],
            "quotes": [["This launch shows the progress of our space industry", "Issa Zarepour"]],
            "topics": ["science_technology"],
        },
    ),
    (
        "e25-wheat-exports",
        "Kazakhstan Increases Wheat Exports to Iran",
        "Astana",
        "Kazakhstan increased its wheat exports to Iran by 40 percent last year, the Kazakh agriculture ministry said.",
        [
            "Most of the wheat was shipped across the Caspian Sea to the port of Amirabad.",
            "Kazakh Agriculture Minister Aidarbek Saparov said exports would rise again this year.",
        ],
        {
            "persons": ["Aidarbek Saparov"],
            "organizations": ["Kazakh Agriculture Ministry"],
            "countries": ["KZ", "IR"],
            "quotes": [],
            "topics": ["agriculture_food", "economy_sanctions"],
        },
    ),
    (
        "e26-football-derby",
        "Lindqvist Double Sends Valby United Top",
        "Copenhagen",
        "Striker Marcus Lindqvist scored twice as Valby United beat Hillsborough Rovers 3-1 on Saturday to go top of the league.",
        [
            "Rovers had led through an early header from Tom Ashcroft before Lindqvist equalised just after the break.",
            'Valby coach Henrik Dahl said: "We were slow in the first half, but the players kept their heads."',
            '"Marcus was everywhere today," he added.',
        ],
        {
            "persons": ["Marcus Lindqvist", "Tom Ashcroft", "Henrik Dahl"],
            "organizations": ["Valby United", "Hillsborough Rovers"],
            "countries": ["DK"],
            "quotes": [
                ["We were slow in the first half, but the players kept their heads", "Henrik Dahl"],
                ["Marcus was everywhere today", "Henrik Dahl"],
            ],
            "topics": [],
        },
    ),
    (
        "e27-shipping-merger",
        "Two Shipping Groups Agree to Merge",
        "Singapore",
        "Straitline Shipping Corp and Meridian Freight Holdings agreed on Thursday to merge in a deal worth 4 billion dollars.",
        [
            "Straitline chief executive Wei Ling Tan will lead the combined company, the firms said in a statement.",
            '"Together we can offer a weekly service from Asia to every port in Europe," Tan said.',
            '"Customers will see the first joint sailings in the spring.',
            '"Nobody will lose a contract because of this deal," she said.',
        ],
        {
            "persons": ["Wei Ling Tan"],
            "organizations": ["Straitline Shipping Corp", "Meridian Freight Holdings"],
            "countries": [],
            "quotes": [
                [
                    "Together we can offer a weekly service from Asia to every port in Europe",
                    "Wei Ling Tan",
                ],
                [
                    "Customers will see the first joint sailings in the spring. Nobody will lose a contract because of this deal",
                    "Wei Ling Tan",
                ],
            ],
            "topics": [],
        },
    ),
    (
        "e28-capitals-storm",
        "STORM CLOSES PORTS IN NORWAY AND DENMARK",
        "Oslo",
        "A winter storm closed ports in NORWAY and DENMARK on Sunday, and ferries between Oslo and Copenhagen stayed in harbour.",
        [
            "The Norwegian Coastal Administration said waves of nine metres were measured off Bergen.",
            "Danish Transport Minister Jesper Holm said the ferries would sail again once the wind dropped.",
        ],
        {
            "persons": ["Jesper Holm"],
            "organizations": ["Norwegian Coastal Administration"],
            "countries": ["NO", "DK"],
            "quotes": [],
            "topics": [],
        },
    ),
    (
        "e29-russian-grain",
        "Россия увеличила экспорт зерна в Иран",
        "Moscow",
        "Россия в этом году увеличила поставки пшеницы в Иран, сообщили в министерстве сельского хозяйства.",
        [
            "Основная часть зерна идёт через Каспийское море из Астрахани.",
            "Следующая партия отправится из Москвы в Тегеран по железной дороге через Казахстан.",
        ],
        {
            "persons": [],
            "organizations": [],
            "countries": ["RU", "IR", "KZ"],
            "quotes": [],
            "topics": [],
        },
    ),
    (
        "e30-spanish-oil",
        "Venezuela y China firman un acuerdo petrolero",
        "Caracas",
        "Venezuela y China firmaron el martes en Caracas un acuerdo para aumentar la producción de petróleo.",
        [
            "El acuerdo fue celebrado también en Pekín, donde la delegación venezolana llegó el lunes.",
            "Estados Unidos no comentó el acuerdo.",
        ],
        {
            "persons": [],
            "organizations": [],
            "countries": ["VE", "CN", "US"],
            "quotes": [],
            "topics": [],
        },
    ),
    (
        "e31-tennis-results",
        "Lind Beats Petrova To Reach Nordic Open Final",
        "Oslo",
        "Top seed Maria Lind of Sweden beat Ana Petrova in straight sets on Saturday to reach the final of the Nordic Open.",
        [
            "Results from the women's semi-finals on Saturday:",
            "Maria Lind (Sweden) beat Ana Petrova (Russia) 6-3 6-4",
            "Ingrid Solberg (Norway) beat Chiara Ferri (Italy) 7-5 2-6 6-3",
            "Results from the marathon on Sunday:",
            "1. Tomas Berg (Norway) 2:08:31",
            "2. Okafor (Nigeria) 2:09:02",
            "3. Willem de Graaf (Netherlands) 2:09:40",
        ],
        {
            "persons": [
                "Maria Lind",
                "Ana Petrova",
                "Ingrid Solberg",
                "Chiara Ferri",
                "Tomas Berg",
                "Okafor",
                "Willem de Graaf",
            ],
            "organizations": [],
            "countries": ["SE", "RU", "NO", "IT", "NG", "NL"],
            "quotes": [],
            "topics": [],
        },
    ),
    (
        "e32-match-report",
        "Bristol Held At Norwich As Brighton Go Top",
        "London",
        "Brighton went top of the second division on Saturday after a 3-1 win over Cardiff, while second-placed Bristol drew 0-0 with Norwich.",
        [
            "Portsmouth beat Stoke 2-1 with a late goal from Daniel Okoro, and Leicester lost 1-0 to Hull.",
            '"We were the better side for an hour," Brighton manager Helen Marsh said. "Now we have to stay there."',
            "Bristol play Brighton at home next Saturday.",
        ],
        {
            "persons": ["Daniel Okoro", "Helen Marsh"],
            "organizations": [
                "Brighton",
                "Cardiff",
                "Bristol",
                "Norwich",
                "Portsmouth",
                "Stoke",
                "Leicester",
                "Hull",
            ],
            "countries": ["GB"],
            "quotes": [
                ["We were the better side for an hour", "Helen Marsh"],
                ["Now we have to stay there", "Helen Marsh"],
            ],
            "topics": [],
        },
    ),
    (
        "e33-cricket-scoreboard",
        "Barlow Holds Firm As Rain Cuts Second Test",
        "Leeds",
        "Kevin Barlow made an unbeaten 58 before rain ended play early on the first day of the second test against Pakistan on Thursday.",
        [
            "Scoreboard at the close:",
            "K. Barlow not out 58, T. Ellison c Qadir b Rafiq 17, D. Morland lbw b Imran 4",
            "Barlow said the pitch would favour the bowlers once the sun came out.",
        ],
        {
            "persons": ["Kevin Barlow", "T. Ellison", "D. Morland", "Qadir", "Rafiq", "Imran"],
            "organizations": [],
            "countries": ["PK"],
            "quotes": [],
            "topics": [],
        },
    ),
    (
        "e34-company-results",
        "Brekkvik Profit Falls As Offshore Orders Slow",
        "Oslo",
        "Brekkvik, the Norwegian engineering group, said third-quarter profit fell 18 percent as orders from offshore oil fields slowed.",
        [
            "Shares in Brekkvik fell 4 percent in Oslo, while Talvora Motor gained after Daewoo said it would buy a stake in the carmaker.",
            "Brekkvik's chief executive, Ingrid Solheim, said the company would cut 600 jobs in Norway and Scotland.",
            '"We have to match our costs to a smaller market," Solheim told analysts on a call.',
            "Analysts at Harbourline Securities AG expect orders to recover next year.",
        ],
        {
            "persons": ["Ingrid Solheim"],
            "organizations": ["Brekkvik", "Talvora Motor", "Daewoo", "Harbourline Securities AG"],
            "countries": ["NO", "GB"],
            "quotes": [["We have to match our costs to a smaller market", "Ingrid Solheim"]],
            "topics": ["economy_sanctions"],
        },
    ),
    (
        "e35-titles-and-exonyms",
        "Brandt And Dravin Agree To Meet Again",
        "Munich",
        "Chancellor Ulrike Brandt met President Dravin near Munich on Tuesday, a day after talks in Cologne on trade and gas.",
        [
            "In Bavaria, Foreign Minister Jonas Weller said the two sides would meet again in Kiev in the spring.",
            "Dravin's spokesman Pavel Orlov said the president would also visit Sicily and Zurich before the end of the year.",
            'Brandt called the talks "a good start for a difficult winter".',
            '"We have more to do," Dravin told reporters.',
            'The so-called "Munich format" of talks began in 2019.',
        ],
        {
            "persons": ["Ulrike Brandt", "Dravin", "Jonas Weller", "Pavel Orlov"],
            "organizations": [],
            "countries": ["DE", "UA", "IT", "CH"],
            "quotes": [
                ["a good start for a difficult winter", "Ulrike Brandt"],
                ["We have more to do", "Dravin"],
            ],
            "topics": ["diplomacy"],
        },
    ),
]


def main() -> None:
    for old in HERE.glob("*.txt"):
        old.unlink()
    for old in HERE.glob("*.json"):
        old.unlink()
    for i, (name, title, city, lead, body, expected) in enumerate(SPECS):
        (HERE / f"{name}.txt").write_text(page(85000 + i, title, city, lead, body), "utf-8")
        (HERE / f"{name}.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=2) + "\n", "utf-8"
        )
    print(f"wrote {len(SPECS)} articles to {HERE}")


if __name__ == "__main__":
    main()
