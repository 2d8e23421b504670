"""Quotations and their speakers in the layouts newsrooms use, and never a guessed speaker."""

from __future__ import annotations

from streams.core.article import Article
from streams.core.enrich import enrich
from streams.core.text import repair


def _quotes(*paragraphs: str) -> list[tuple[str, str]]:
    article = Article("t", "Harbour plan", paragraphs[0], paragraphs[1:], language="en")
    return [(q["text"], q["speaker"]) for q in enrich(article).quotes]


def test_a_pronoun_after_the_quotation_names_the_person_mentioned_before() -> None:
    found = _quotes(
        "Port director Helga Marstrand presented the plan on Tuesday.",
        '"We will dredge the channel before the winter storms arrive," she said.',
    )
    assert found == [("We will dredge the channel before the winter storms arrive",
                      "Helga Marstrand")]  # fmt: skip


def test_a_role_after_the_quotation_names_the_person_who_holds_it() -> None:
    found = _quotes(
        "Transport Minister Okello Baraza visited the port on Monday.",
        "Dock workers met him at the gate.",
        '"The new cranes arrive in March," the minister said.',
    )
    assert found == [("The new cranes arrive in March", "Okello Baraza")]


def test_after_a_colon() -> None:
    found = _quotes(
        "Finance Minister Lucia Ferreira spoke to reporters in the capital.",
        'Ferreira said: "The budget will hold without new taxes this year."',
    )
    assert found == [("The budget will hold without new taxes this year", "Lucia Ferreira")]


def test_after_a_colon_without_a_speech_verb_the_sentence_s_person_speaks() -> None:
    found = _quotes(
        "Finance Minister Lucia Ferreira spoke to reporters in the capital.",
        "Her deputy Paulo Tavares was blunt: \u201eThe deficit is too high.\u201c",
        'The ministry\'s statement read: "Spending will be reviewed in the spring."',
    )
    # The statement names nobody in its paragraph: its quotation has no speaker of ours.
    assert found == [("The deficit is too high", "Paulo Tavares")]


def test_a_title_with_a_dot_ends_no_sentence_and_is_no_part_of_the_name() -> None:
    found = _quotes(
        "Port director Helga Marstrand presented the plan on Tuesday.",
        '"We will dredge the channel before winter," said Dr. Marstrand.',
        'Gen. Tomas Vik said: "The navy will keep the channel open."',
    )
    assert found == [
        ("We will dredge the channel before winter", "Helga Marstrand"),
        ("The navy will keep the channel open", "Tomas Vik"),
    ]


def test_a_quotation_over_several_paragraphs_is_one_quotation() -> None:
    found = _quotes(
        "Mayor Tomasz Wierzbicki opened the new bridge on Friday.",
        '"This bridge joins two halves of the city that were apart for forty years.',
        '"It carries trams, bicycles and people on foot, and it was built on time," '
        "Wierzbicki said.",
    )
    assert found == [(
        "This bridge joins two halves of the city that were apart for forty years. It carries "
        "trams, bicycles and people on foot, and it was built on time",
        "Tomasz Wierzbicki",
    )]  # fmt: skip


def test_other_quotation_marks() -> None:
    found = _quotes(
        "Energy Minister Sabine Kessler spoke on Thursday.",
        "Kessler said \u201eThe grid will be ready before winter comes\u201c.",
        "Kessler added \u00abWe have the money for the lines\u00bb.",
    )
    assert [s for _, s in found] == ["Sabine Kessler", "Sabine Kessler"]
    assert found[1][0] == "We have the money for the lines"


def test_an_unnamed_speaker_stays_unnamed() -> None:
    found = _quotes(
        "Port director Helga Marstrand presented the plan on Tuesday.",
        '"Nobody asked the fishermen what they think," a spokesman for the union said.',
    )
    assert found == []


def test_according_to_names_the_speaker() -> None:
    found = _quotes(
        "Port director Tomasz Wielgosz inspected the pier on Friday.",
        'According to Wielgosz, "the pier needs new piles before spring."',
    )
    assert found == [("the pier needs new piles before spring", "Tomasz Wielgosz")]


def test_a_quotation_that_goes_on_after_its_attribution_keeps_the_speaker() -> None:
    found = _quotes(
        "Mayor Inês Carvalho opened the ferry terminal on Sunday.",
        '"The ferry runs every hour," Carvalho said. "Night crossings start in May."',
        '"Nobody asked us about the fares."',
        "Dock workers waited at the gate.",
        '"We will strike," one of them shouted.',
    )
    # A paragraph that is a quotation and nothing else runs on from the paragraph before, as
    # wire copy writes it; one with its own unnamed speaker is left out, never guessed.
    assert found == [("The ferry runs every hour", "Inês Carvalho"),
                     ("Night crossings start in May", "Inês Carvalho"),
                     ("Nobody asked us about the fares", "Inês Carvalho")]  # fmt: skip


def test_a_quoted_paragraph_after_indirect_speech_is_that_speaker_s() -> None:
    found = _quotes(
        "Negotiator Omar Haddad met the envoy on Monday.",
        "Haddad said it was only the latest move to force a deal.",
        '"They wanted us on our knees. We stand tall."',
    )
    assert found == [("They wanted us on our knees. We stand tall", "Omar Haddad")]


def test_names_inside_a_quotation_never_speak_for_another() -> None:
    found = _quotes(
        "Aide Jennifer Lind testified on Tuesday.",
        '"The reference to Senator Biden sounded political," Lind said.',
        '"I can\'t speak to his motive," she said.',
    )
    assert found[-1] == ("I can't speak to his motive", "Jennifer Lind")


def test_the_name_nearest_the_verb_speaks_not_the_body_before_it() -> None:
    found = _quotes(
        "The port authority met the unions on Wednesday.",
        '"Talks will resume next week," union spokeswoman Ayesha Rahman said.',
        'Rahman was later quoted as saying "the strike is off for now."',
    )
    assert found == [("Talks will resume next week", "Ayesha Rahman"),
                     ("the strike is off for now", "Ayesha Rahman")]  # fmt: skip


def test_a_partial_quotation_after_a_verb_of_judgement_is_its_subject_s() -> None:
    quotes = _quotes(
        'Foreign Minister Amir Rezaei called the proposal "a serious step backwards".',
        'Opposition leader Katrin Vollmer accused the government of "playing for time".',
    )
    assert quotes == [
        ("a serious step backwards", "Amir Rezaei"),
        ("playing for time", "Katrin Vollmer"),
    ]


def test_a_name_or_label_in_quote_marks_is_no_quotation() -> None:
    quotes = _quotes(
        'Katrin Vollmer founded a group called "Citizens for Reform" in 2019.',
        'Under the so-called "peace plan", Amir Rezaei said nothing new.',
        'The "old guard" lost, Rezaei said.',
    )
    assert quotes == []


def test_the_person_of_the_attribution_speaks_not_the_body_beside_them() -> None:
    found = _quotes(
        "The harbour board met on Tuesday.",
        '"We will not sell the docks," said Harbour Board Secretary Ingrid Solheim in Bergen.',
        '"Costs are rising," Tomas Vik, Nordhavn Shipping\'s chief executive, said.',
    )
    assert found == [("We will not sell the docks", "Ingrid Solheim"),
                     ("Costs are rising", "Tomas Vik")]  # fmt: skip


def test_a_body_named_anywhere_can_be_the_speaker() -> None:
    # The body is found at its first mention; the quotation names it again later.
    found = _quotes(
        "Shares in Nordhavn Shipping ASA fell after the ferry contract went to a rival.",
        '"We are reviewing the tender," said a Nordhavn Shipping ASA spokesperson when '
        "contacted by Reuters.",
    )
    assert found == [("We are reviewing the tender", "Nordhavn Shipping ASA")]


def test_two_apostrophes_close_a_quotation_as_a_double_mark_does() -> None:
    # Some desks type the closing mark as two apostrophes; the parser makes it a double mark.
    typed = "\u201cThe strike is over,\u2019\u2019 Rahman said. \u201cWe go back on Monday.\u201d"
    assert repair(typed) == '"The strike is over," Rahman said. "We go back on Monday."'
    assert repair("``Done,'' he said.") == '"Done," he said.'
    found = _quotes("Union leader Ayesha Rahman spoke after the vote.", repair(typed))
    assert found == [("The strike is over", "Ayesha Rahman"),
                     ("We go back on Monday", "Ayesha Rahman")]  # fmt: skip


def test_a_pronoun_names_the_subject_of_the_sentence_before_not_its_last_name() -> None:
    found = _quotes(
        "The ferry strike entered its third day.",
        "Union leader Ayesha Rahman, who met Harbour Secretary Tomas Vik on Monday, "
        "rejected the offer.",
        '"We are not going back for this," she said.',
    )
    assert found == [("We are not going back for this", "Ayesha Rahman")]


def test_the_n_year_old_is_the_person_named_before() -> None:
    found = _quotes(
        "Coach Marco Otero was appointed on Tuesday.",
        'The 56-year-old said after his appointment: "I am excited to be here."',
    )
    assert found == [("I am excited to be here", "Marco Otero")]


def test_the_subject_before_an_apposition_speaks_not_a_name_inside_it() -> None:
    found = _quotes(
        "Marta Lindqvist, a spokeswoman for the mission against Islamic State in Iraq, told "
        'reporters on Monday that the claim "is entirely false," and that "the border stays '
        'open."',
        'Tomas Okafor, the chief of Harbour Police, said: "The crews are safe tonight."',
    )
    assert found == [
        ("is entirely false", "Marta Lindqvist"),
        ("the border stays open", "Marta Lindqvist"),
        ("The crews are safe tonight", "Tomas Okafor"),
    ]
    # Without an apposition the name next to the verb speaks.
    assert _quotes('After talks with Ingrid Holm, Pavel Rusu said: "We are ready to talk."') == [
        ("We are ready to talk", "Pavel Rusu")
    ]


def test_a_pronoun_before_the_verb_is_the_sentence_s_subject_not_the_name_nearest() -> None:
    found = _quotes(
        "Daniel Osei Jr. was charged on Monday.",
        "Osei was arrested after a call he made to Ruth Banda's office, in which he said he "
        'would "burn the whole place down."',
    )
    assert found == [("burn the whole place down", "Daniel Osei Jr.")]


def test_a_body_that_rejects_a_claim_as_quoted_words_says_them() -> None:
    found = _quotes('The Pentagon rejected the accusations as "patently false," on Monday.')
    assert found == [("patently false", "Pentagon")]


def test_testimony_is_speech() -> None:
    found = _quotes(
        "State Department official Dana Voss met the envoy in Kyiv.",
        '"I then heard the president ask about it," Voss testified.',
    )
    assert found == [("I then heard the president ask about it", "Dana Voss")]


def test_long_appositions_bodies_as_it_and_participles_next_to_a_name() -> None:
    found = _quotes(
        '"We saw a need to bring on more providers," Steve Carlsen, deputy associate '
        "administrator for exploration in the agency's science directorate, said on Monday.",
        'The decision to "drop the case for good" was taken, the Harbour Prosecution Authority '
        'said. "The evidence has weakened," it added.',
        'Foreign Minister Ayman Tarek warned of "dangerous consequences" on Sunday. The '
        'opposition tried to oust President Luis Mora, urging troops to back "the final '
        'phase".',
    )
    assert found == [
        ("We saw a need to bring on more providers", "Steve Carlsen"),
        ("drop the case for good", "Harbour Prosecution Authority"),
        ("The evidence has weakened", "Harbour Prosecution Authority"),
        ("dangerous consequences", "Ayman Tarek"),
    ]


def test_a_quotation_ending_on_its_own_stop_is_attributed_in_the_next_sentence() -> None:
    found = _quotes(
        "Ambassador Lena Ortiz spoke on Monday.",
        '"Is he going to do it?" Ortiz asked. "He will do it tomorrow," she said.',
    )
    assert found == [("Is he going to do it?", "Lena Ortiz"),
                     ("He will do it tomorrow", "Lena Ortiz")]  # fmt: skip


def test_a_statement_s_words_are_its_issuer_s() -> None:
    found = _quotes(
        "On Monday, Harrow Records issued a statement about the tour.",
        'The statement, which was obtained by the Daily Courier, said the labels had "come to '
        'terms on a licensing deal."',
        '"We were shocked by her posts," the statement read.',
        'The company later denied it in a statement. "We did nothing wrong," the statement added.',
    )
    assert found == [
        ("come to terms on a licensing deal", "Harrow Records"),
        ("We were shocked by her posts", "Harrow Records"),
        ("We did nothing wrong", "Harrow Records"),
    ]


def test_a_pronoun_subject_goes_back_past_sentences_that_open_on_a_pronoun() -> None:
    found = _quotes(
        "Dale Moran faces up to ten years in prison.",
        "He was arrested in April after a call to the office of Senator Ruth Ebbing.",
        'During the call, he asked about her staff, called Ebbing a "liar" and said, "someone '
        'ought to stop her."',
        '"You never know why these things happen," said the actor. "It makes you human."',
    )
    assert ("someone ought to stop her", "Dale Moran") in found
    assert all(speaker != "Ruth Ebbing" for _, speaker in found)


def test_said_the_actor_and_described_as_the_quotation() -> None:
    found = _quotes(
        "Actor Mark Pell was voted off the show on Monday, in what host Dana Reyes described "
        'as the "hardest verdict so far this season."',
        '"You never know why these things happen," said the actor. "It makes you human."',
        'The group backed the so-called "peace plan" on Sunday.',
    )
    assert ("hardest verdict so far this season", "Dana Reyes") in found
    assert ("You never know why these things happen", "Mark Pell") in found
    assert all(text != "peace plan" for text, _ in found)
