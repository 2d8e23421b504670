"""Train the entity recogniser on ``../shared/ner/train`` (``make train-ner``).

Reproducible: the same files and settings give the same weights (L-BFGS is deterministic and
the all-capitals copies are chosen by position, not at random). Writes the model and, beside
it, ``ner.json``: the files it learnt from (with their SHA-256), the counts and the settings.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import pycrfsuite

from streams.core.enrich.gazetteer import gazetteer
from streams.core.enrich.lexicon import lexicon
from streams.core.enrich.ner import MODEL_FILE, Featuriser
from streams.devtools.ner_data import NER_DATA, Sentence, read_conll
from streams.devtools.ner_synthetic import synthetic_sentences

__all__ = ["main", "sentence_items"]

DATA_DIR = Path(__file__).resolve().parent.parent / "core" / "data"
#: Settings chosen on held-out training data (a tenth of each set), never on the eval sets.
PARAMS = {"c1": 0.15, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
#: Times each set is learnt from, by file-name prefix (others once).
COPIES: dict[str, int] = {}
#: Every n-th sentence is added again in capitals: datelines and headlines are written so.
UPPER_EVERY = 8
#: Wire-copy sentences written for the project (streams.devtools.ner_synthetic), added to the
#: public sets: they hold the companies, parties, clubs and datelines those sets lack.
SYNTHETIC = 4000


def sentence_items(featuriser: Featuriser, words: list[str]) -> list[list[str]]:
    """Features of a tokenised sentence, its phrase marks computed as on raw text."""
    text = " ".join(words)
    tokens, at = [], 0
    for w in words:
        tokens.append((w, at, at + len(w)))
        at += len(w) + 1
    return featuriser.features(words, featuriser.marks(text, tokens))


def _train_sentences(files: list[Path]) -> list[Sentence]:
    return [s for f in files for d in read_conll(f) for s in d.sentences]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=NER_DATA / "train")
    parser.add_argument("--out", type=Path, default=DATA_DIR / MODEL_FILE)
    parser.add_argument(
        "--hold-out", action="store_true",
        help="train on nine tenths, report on the last tenth of each file",
    )  # fmt: skip
    parser.add_argument("--params", type=json.loads, default={}, help="settings to override")
    parser.add_argument(
        "--copies", type=json.loads, default={},
        help='times each file is learnt from, by name prefix: {"wikigold": 2, "wnut": 0}',
    )  # fmt: skip
    parser.add_argument(
        "--synthetic",
        type=int,
        default=SYNTHETIC,
        help="wire-copy sentences written for the project to add (0: none)",
    )
    args = parser.parse_args()
    files = sorted(args.data.glob("*.conll"))
    if not files:
        raise SystemExit(f"no training data in {args.data} (it lives in ../shared/ner/train)")
    featuriser = Featuriser(gazetteer(), lexicon())
    trainer = pycrfsuite.Trainer(verbose=False)
    params = {**PARAMS, **args.params}
    trainer.set_params(params)
    held: list[Sentence] = []
    sentences = tokens = 0
    started = time.monotonic()
    copies = {**COPIES, **args.copies}
    sources: list[tuple[str, list[Sentence]]] = [(f.name, _train_sentences([f])) for f in files]
    sources.append(("synthetic", list(synthetic_sentences(args.synthetic))))
    for name, source in sources:
        times = next((n for prefix, n in copies.items() if name.startswith(prefix)), 1)
        sents = source
        if args.hold_out:
            cut = len(source) * 9 // 10
            sents, rest = source[:cut], source[cut:]
            held += rest
        for i, s in enumerate(sents * times):
            trainer.append(sentence_items(featuriser, s.words), s.tags)
            if i % UPPER_EVERY == 0:
                upper = [w.upper() for w in s.words]
                trainer.append(sentence_items(featuriser, upper), s.tags)
            sentences += 1
            tokens += len(s.words)
    print(f"training on {sentences:,} sentences, {tokens:,} tokens from {len(files)} files")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    seconds = time.monotonic() - started
    print(f"model {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in {seconds:.0f} s")
    if args.hold_out:
        _report(args.out, featuriser, held)
        return
    manifest = {
        "model": MODEL_FILE,
        "trained_on": [
            {"file": f.name, "sha256": hashlib.sha256(f.read_bytes()).hexdigest()} for f in files
        ],
        "sentences": sentences,
        "tokens": tokens,
        "synthetic_sentences": args.synthetic,
        "capital_copies_every": UPPER_EVERY,
        "copies": copies,
        "params": params,
        "pycrfsuite": pycrfsuite.__version__ if hasattr(pycrfsuite, "__version__") else None,
    }
    (args.out.parent / "ner.json").write_text(json.dumps(manifest, indent=2) + "\n")


def _report(model: Path, featuriser: Featuriser, held: list[Sentence]) -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    right = total = 0
    for s in held:
        predicted = tagger.tag(sentence_items(featuriser, s.words))
        for p, g in zip(predicted, s.tags, strict=True):
            if g != "O" or p != "O":
                total += 1
                right += p == g
    print(f"held-out entity tokens tagged right: {right}/{total} ({right / max(total, 1):.3f})")


if __name__ == "__main__":
    main()
