"""Language identification of article text, offline, with py3langid's bundled model.

We score with py3langid's own model and its own steps (byte n-gram walk, naive Bayes,
length-tempered softmax), restricted to languages with an ISO 639-1 code. The scoring is ours
for one reason, cost: the library keeps the restricted table as a column slice of a float16,
column-major array, and gathering a text's rows from it was more than half of detection. The
same table, row-major float32, gives the same answers at a fifth of that cost.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from typing import Any

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

__all__ = ["MIN_CONFIDENCE", "SAMPLE_CHARS", "detect_language", "load_model"]

#: Below this normalised probability the answer is ``und``: a wrong code is worse than none.
MIN_CONFIDENCE = 0.90
#: Title, lead and the first paragraphs up to this length decide; more text costs time and
#: hardly ever changes the answer.
SAMPLE_CHARS = 800


@dataclass(frozen=True, slots=True)
class _Model:
    nextmove: Any  # DFA transitions over bytes: state row base + byte -> next state
    rowbase: list[int]
    output: list[int]  # state -> feature index, or -1
    table: np.ndarray  # feature x language log-probabilities, row-major float32
    prior: np.ndarray
    labels: list[str]
    aliases: list[tuple[int, int]]  # (first, duplicate) columns of one label


@functools.cache
def _model() -> _Model:
    library = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # Only languages with an ISO 639-1 code: the model's three-letter classes (creoles, small
    # regional languages) otherwise take probability from English on names-heavy news text.
    keep = [i for i, code in enumerate(library.nb_classes) if len(code) == 2]
    labels = [library.nb_classes[i] for i in keep]
    first: dict[str, int] = {}
    aliases = []
    for column, label in enumerate(labels):
        if label in first:
            aliases.append((first[label], column))
        else:
            first.setdefault(label, column)
    return _Model(
        nextmove=library.tk_nextmove,
        rowbase=[row << 8 for row in library.tk_row],
        output=list(library.tk_output),
        table=np.ascontiguousarray(np.asarray(library.nb_ptc)[:, keep], dtype=np.float32),
        prior=np.asarray(library.nb_pc, dtype=np.float32)[keep],
        labels=labels,
        aliases=aliases,
    )


# The model's features are byte n-grams found by walking a DFA, one Python step per byte. News
# repeats its words, so a word's walk from a given state is remembered: the same features, in
# the same order, at a dict look-up per word instead of a step per byte.
_CHUNK = re.compile(rb"[^ ]+ ?| ")
_WALKED: dict[tuple[int, bytes], tuple[int, tuple[int, ...]]] = {}
_MAX_WALKED = 20_000  # about 300 bytes each


def _walk(model: _Model, state: int, chunk: bytes) -> tuple[int, tuple[int, ...]]:
    nextmove, rowbase, output = model.nextmove, model.rowbase, model.output
    found = []
    for byte in chunk:
        state = nextmove[rowbase[state] + byte]
        feature = output[state]
        if feature >= 0:
            found.append(feature)
    return state, tuple(found)


def _classify(text: str) -> tuple[str, float]:
    model = _model()
    if text.isupper():
        text = text.lower()
    data = unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")
    found: list[int] = []
    state = 0
    walked = _WALKED
    for chunk in _CHUNK.findall(data):
        step = walked.get((state, chunk))
        if step is None:
            step = walked[(state, chunk)] = _walk(model, state, chunk)
        state = step[0]
        found += step[1]
    if len(walked) > _MAX_WALKED:
        walked.clear()
    if not found:
        return "und", 0.0
    counts = Counter(found)
    rows = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
    weights = np.log1p(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
    scores = weights @ model.table[rows] + model.prior
    # Tempered by sqrt(bytes), as the model was calibrated, so confidence means the same at
    # any length.
    scores *= 1.0 / math.sqrt(len(data))
    np.exp(scores - scores.max(), out=scores)
    scores /= scores.sum()
    for kept, duplicate in model.aliases:
        scores[kept] += scores[duplicate]
        scores[duplicate] = 0.0
    best = int(scores.argmax())
    return model.labels[best], float(scores[best])


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language, or ``und`` when the model is not sure."""
    sample = text[:SAMPLE_CHARS]
    # Stop at the 12th letter: counting all 800 characters cost a twentieth of parsing.
    if next(islice((ch for ch in sample if ch.isalpha()), 11, None), None) is None:
        return "und"
    code, confidence = _classify(sample)
    return code if confidence >= MIN_CONFIDENCE else "und"


def load_model() -> None:
    """Load the model now (about a second), not on the first article a worker handles."""
    _model()
