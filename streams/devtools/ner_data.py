"""Named-entity data in CoNLL and IOB2 files, read into documents of tagged sentences.

Tags become PER, LOC and ORG in BIO, whatever scheme a set uses: WikiGold's IOB1 (``I-`` only),
WNUT-17's types (person, location, corporation and group as ORG; products and creative works
are no entity of ours), CoNLL's MISC dropped. Documents break at ``-DOCSTART-`` lines and
``# newdoc`` comments; a file without either is one document per sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from streams.config.paths import checkout_root

__all__ = ["NER_DATA", "Document", "Sentence", "entities", "read_conll"]

#: ``../shared/ner`` beside a checkout (never in the project itself).
NER_DATA = (checkout_root() or Path.cwd()).parent / "shared" / "ner"

_TYPES = {
    "PER": "PER", "PERSON": "PER",
    "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC",
    "ORG": "ORG", "CORPORATION": "ORG", "GROUP": "ORG",
}  # fmt: skip


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]  # B-PER, I-LOC, O...


@dataclass
class Document:
    sentences: list[Sentence]


def _tag(raw: str) -> str:
    if raw in ("O", "-", "_") or len(raw) < 3 or raw[1] != "-":
        return "O"
    kind = _TYPES.get(raw[2:].upper())
    return f"{raw[0].upper()}-{kind}" if kind else "O"


def _bio(tags: list[str]) -> list[str]:
    """IOB1 or BIO in, BIO out: an I- that does not continue its type begins an entity."""
    out: list[str] = []
    for tag in tags:
        continues = out and out[-1] != "O" and out[-1][2:] == tag[2:]
        out.append("B-" + tag[2:] if tag.startswith("I-") and not continues else tag)
    return out


def _split(line: str) -> tuple[str, str] | None:
    parts = line.split("\t") if "\t" in line else line.split()
    if len(parts) < 2:
        return None
    # UNER's IOB2: index, token, tag, then annotation columns.
    if len(parts) >= 3 and parts[0].isdigit() and (parts[2] == "O" or parts[2][1:2] == "-"):
        return parts[1], parts[2]
    return parts[0], parts[-1]


def read_conll(path: Path) -> list[Document]:
    """The documents of one file."""
    documents: list[Document] = []
    has_breaks = False
    current: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []

    def end_sentence() -> None:
        if words:
            current.append(Sentence(list(words), _bio(tags)))
            words.clear()
            tags.clear()

    def end_document() -> None:
        end_sentence()
        if current:
            documents.append(Document(list(current)))
            current.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("# newdoc") or stripped.startswith("-DOCSTART-"):
            has_breaks = True
            end_document()
            continue
        if stripped.startswith("#"):
            continue
        if not stripped:
            end_sentence()
            continue
        pair = _split(stripped)
        if pair is not None:
            words.append(pair[0])
            tags.append(_tag(pair[1]))
    end_document()
    if not has_breaks:  # one document per sentence
        return [Document([s]) for d in documents for s in d.sentences]
    return documents


def entities(sentence: Sentence) -> Iterator[tuple[str, int, int]]:
    """(label, first token, end token) of each entity in a tagged sentence."""
    label, start = None, 0
    for i, tag in enumerate([*sentence.tags, "O"]):
        if label is not None and not (tag.startswith("I-") and tag[2:] == label):
            yield label, start, i
            label = None
        if tag.startswith("B-"):
            label, start = tag[2:], i
