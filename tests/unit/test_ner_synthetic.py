"""The wire-copy sentences written for training: well formed, tagged as a reader would."""

from __future__ import annotations

from streams.core.enrich.ner import tokenise
from streams.devtools.ner_data import entities
from streams.devtools.ner_synthetic import _FRAMES, synthetic_sentences


def test_the_same_seed_gives_the_same_sentences_and_another_seed_others() -> None:
    first = [s.words for s in synthetic_sentences(50)]
    assert first == [s.words for s in synthetic_sentences(50)]
    assert first != [s.words for s in synthetic_sentences(50, seed=2)]


def test_sentences_are_tokens_as_the_tagger_cuts_them_with_bio_tags() -> None:
    sentences = list(synthetic_sentences(3 * len(_FRAMES)))
    for s in sentences:
        text = " ".join(s.words)
        assert "{" not in text, text
        assert "}" not in text, text
        assert [t for t, _, _ in tokenise(text)] == s.words, text
        assert len(s.tags) == len(s.words)
        for i, tag in enumerate(s.tags):
            assert tag == "O" or (tag[:2] in ("B-", "I-") and tag[2:] in ("PER", "LOC", "ORG"))
            if tag.startswith("I-"):
                assert s.tags[i - 1][2:] == tag[2:], text  # continues an entity of its type
        assert not s.words[0][:1].islower(), text  # a sentence opens with a capital


def test_every_kind_is_there_and_towns_are_clubs_in_results() -> None:
    labels: dict[str, set[str]] = {"PER": set(), "LOC": set(), "ORG": set()}
    for s in synthetic_sentences(4 * len(_FRAMES)):
        for label, lo, hi in entities(s):
            labels[label].add(" ".join(s.words[lo:hi]))
    assert all(len(names) > 50 for names in labels.values())
    # A town written for its club is an organisation in these sentences, and a place in others.
    assert labels["ORG"] & labels["LOC"]
