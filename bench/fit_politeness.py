"""Fit the checker's politeness model and compare it with a bag-of-words baseline.

    .venv/bin/python bench/fit_politeness.py [--folds 10] [--seed 0] [--words 50]
        [--min-df 10] [--c 0.3] [--write]

Data: the Stanford Politeness Corpus, Wikipedia part (Danescu-Niculescu-Mizil et al.,
ACL 2013), read at run time from ../shared/eval/politeness/wikipedia.annotated.csv and
never copied into the repository. The paper's task: the top quartile of the normalized
score (polite) against the bottom quartile (impolite), 1,089 requests each.

The model is the one that ships: the strategies of
:mod:`followup.domain.check.politeness` (yes/no each) plus a small lexicon of words,
under one L2-regularized logistic regression. The lexicon is learned inside each
training fold: the ``--words`` words, seen in at least ``--min-df`` training requests,
that best explain what a regression on the strategies alone gets wrong (see
:func:`lexicon`); the held-out fold never chooses its own words.

The baseline: a unigram bag of words (scikit-learn's CountVectorizer, binary) under a
logistic regression, on the same folds; its C is picked per fold by an inner 5-fold
search on the training part (so the baseline is at its best, not a straw man).

``--write`` fits the same procedure on all 2,178 rows and writes the weights to
src/followup/domain/check/data/politeness.json. numpy and scikit-learn are needed here
only (the ``bench`` extra); the package reads the weights in pure Python.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

try:
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
except ImportError:  # pragma: no cover - depends on the environment
    sys.exit("fit_politeness: needs numpy and scikit-learn: .venv/bin/pip install scikit-learn")

from followup.domain.check import politeness
from followup.domain.check.model import Kind
from followup.domain.check.text import Draft

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "politeness" / "wikipedia.annotated.csv"
OUT = ROOT / "src" / "followup" / "domain" / "check" / "data" / "politeness.json"
QUARTILE = 1089
#: Tokens that are artefacts of the corpus, not words a reader sees (links, numbers).
ARTEFACTS = frozenset({"url"})


def load(path: Path) -> tuple[list[str], np.ndarray]:
    """The requests of the top and bottom quartiles, and their labels (1 = polite)."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = [(float(r["Normalized Score"]), r["Request"]) for r in csv.DictReader(f)]
    rows.sort(key=lambda r: r[0])
    low, high = rows[:QUARTILE], rows[-QUARTILE:]
    if low[-1][0] >= high[0][0]:
        raise SystemExit("fit_politeness: the quartiles overlap; is this the right file?")
    texts = [t for _, t in low] + [t for _, t in high]
    return texts, np.array([0] * len(low) + [1] * len(high))


def features(texts: list[str]) -> tuple[np.ndarray, list[set[str]]]:
    """The strategies matrix (one column per strategy) and each request's word set."""
    names = list(politeness.STRATEGIES)
    x = np.zeros((len(texts), len(names)))
    words = []
    for i, text in enumerate(texts):
        draft = Draft(text, Kind.CHECK_IN)
        for name in politeness.strategies(draft):
            x[i, names.index(name)] = 1.0
        words.append({w for w in politeness.tokens(draft) if w.isalpha() and w not in ARTEFACTS})
    return x, words


def lexicon(
    x: np.ndarray, words: list[set[str]], y: np.ndarray, size: int, min_df: int, c: float
) -> list[str]:
    """The ``size`` words that best explain what the strategies alone get wrong.

    A regression on the strategies alone leaves a residual per request (label minus
    predicted probability); a word's score is the sum of the residuals of the requests
    that hold it, over the square root of their number (a z-like score). Words seen in
    fewer than ``min_df`` requests are not considered.
    """
    base = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    residual = y - base.predict_proba(x)[:, 1]
    sums: dict[str, float] = {}
    seen: dict[str, int] = {}
    for ws, r in zip(words, residual, strict=True):
        for w in ws:
            sums[w] = sums.get(w, 0.0) + float(r)
            seen[w] = seen.get(w, 0) + 1
    scored = sorted(
        ((abs(sums[w]) / seen[w] ** 0.5, w) for w in sums if seen[w] >= min_df), reverse=True
    )
    return sorted(w for _, w in scored[:size])


def design(x: np.ndarray, words: list[set[str]], vocab: list[str]) -> np.ndarray:
    """The strategies matrix with one yes/no column per lexicon word appended."""
    index = {w: j for j, w in enumerate(vocab)}
    extra = np.zeros((len(words), len(vocab)))
    for i, ws in enumerate(words):
        for w in ws & index.keys():
            extra[i, index[w]] = 1.0
    return np.hstack([x, extra])


def fit(
    x: np.ndarray, words: list[set[str]], y: np.ndarray, args: argparse.Namespace
) -> tuple[list[str], LogisticRegression]:
    """The shipped procedure on one training set: pick the lexicon, fit the regression."""
    vocab = lexicon(x, words, y, args.words, args.min_df, args.c) if args.words else []
    clf = LogisticRegression(C=args.c, max_iter=5000)
    clf.fit(design(x, words, vocab), y)
    return vocab, clf


def cross_validate(
    texts: list[str], x: np.ndarray, words: list[set[str]], y: np.ndarray, args: argparse.Namespace
) -> dict[str, list[float]]:
    """Accuracy per fold of the shipped model, strategies alone, and bag of words."""
    folds = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=args.seed)
    out: dict[str, list[float]] = {"model": [], "strategies": [], "bow": [], "bow_c1": []}
    docs = np.array(texts, dtype=object)
    alone = argparse.Namespace(**{**vars(args), "words": 0})
    for train, test in folds.split(x, y):
        tr_words = [words[i] for i in train]
        te_words = [words[i] for i in test]
        for key, a in (("model", args), ("strategies", alone)):
            vocab, clf = fit(x[train], tr_words, y[train], a)
            acc = clf.score(design(x[test], te_words, vocab), y[test])
            out[key].append(float(acc))
        vec = CountVectorizer(binary=True)
        bow_train = vec.fit_transform(docs[train])
        bow = GridSearchCV(LogisticRegression(max_iter=5000), {"C": [0.1, 0.3, 1, 3]}, cv=5)
        bow.fit(bow_train, y[train])
        plain = LogisticRegression(max_iter=5000).fit(bow_train, y[train])
        out["bow_c1"].append(float(plain.score(vec.transform(docs[test]), y[test])))
        out["bow"].append(float(bow.score(vec.transform(docs[test]), y[test])))
    return out


def weights_file(
    x: np.ndarray,
    words: list[set[str]],
    y: np.ndarray,
    args: argparse.Namespace,
    figures: dict[str, float],
) -> dict[str, object]:
    """The weights file: the model fitted on every row, with how it was made and scored."""
    vocab, clf = fit(x, words, y, args)
    coef = [round(float(c), 4) for c in clf.coef_[0]]
    names = list(politeness.STRATEGIES)
    return {
        "about": "Politeness model of followup's draft checker: logistic regression over the "
        "strategies of Danescu-Niculescu-Mizil et al. (2013) and a small lexicon. Written by "
        "bench/fit_politeness.py --write; do not edit by hand.",
        "data": "Stanford Politeness Corpus, Wikipedia requests (CC BY 4.0): top vs bottom "
        f"quartile of the normalized score, {len(y)} rows",
        "fit": {"c": args.c, "words": args.words, "min_df": args.min_df},
        "cross_validation": figures,
        "weights": {
            "intercept": round(float(clf.intercept_[0]), 4),
            "strategies": dict(zip(names, coef[: len(names)], strict=True)),
            "lexicon": dict(zip(vocab, coef[len(names) :], strict=True)),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--words", type=int, default=50, help="lexicon size (0: none)")
    parser.add_argument("--min-df", type=int, default=10)
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    parser.add_argument("--write", action="store_true", help="write the shipped weights")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(
            f"fit_politeness: {args.data} is absent; the corpus is read from ../shared at "
            "run time and is not in the repository.",
            file=sys.stderr,
        )
        return 2
    texts, y = load(args.data)
    x, words = features(texts)
    scores = cross_validate(texts, x, words, y, args)
    figures: dict[str, float] = {"folds": args.folds, "seed": args.seed}
    print(f"{len(y)} requests ({int(y.sum())} polite), {args.folds}-fold, seed {args.seed}")
    for key, label in (
        ("model", f"strategies + {args.words}-word lexicon (shipped)"),
        ("strategies", "strategies alone"),
        ("bow", "bag of words (unigrams), C by inner 5-fold"),
        ("bow_c1", "bag of words (unigrams), C = 1"),
    ):
        acc = np.array(scores[key])
        figures[key] = round(float(acc.mean()), 4)
        print(f"  {label:<48} {acc.mean():.2%} (sd {acc.std():.2%})")
    wins = sum(m > b for m, b in zip(scores["model"], scores["bow"], strict=True))
    print(f"  shipped model ahead of bag of words on {wins} of {args.folds} folds")
    if args.write:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        data = weights_file(x, words, y, args, figures)
        args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
