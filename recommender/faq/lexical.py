"""Lexical side of FAQ retrieval: word analyzers and a BM25 index with scores in [0, 1]."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from spacy.language import Language

Analyzer = Callable[[Sequence[str]], list[list[str]]]

_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# spaCy's stop list drops these, but they change what a shop question means.
_KEEP = frozenset({"not", "no", "off", "back", "return", "full", "free", "first", "last"})
STOPWORDS = frozenset(w.lower() for w in STOP_WORDS) - _KEEP


def plain_analyzer(texts: Sequence[str]) -> list[list[str]]:
    """Lower-cased words without stop words (no model needed)."""
    return [[w for w in _WORD_RE.findall(t.lower()) if w not in STOPWORDS] for t in texts]


def lemma_analyzer(nlp: Language) -> Analyzer:
    """Analyzer returning lower-cased spaCy lemmas without stop words and punctuation."""

    skip = [name for name in ("parser", "ner") if name in nlp.pipe_names]  # lemmas need no parse

    def analyze(texts: Sequence[str]) -> list[list[str]]:
        docs = nlp.pipe(texts, disable=skip, batch_size=64)
        return [
            [
                lemma
                for tok in doc
                if not tok.is_punct and not tok.is_space
                for lemma in _WORD_RE.findall(tok.lemma_.lower())
                if lemma not in STOPWORDS
            ]
            for doc in docs
        ]

    return analyze


class Bm25Index:
    """Okapi BM25 over tokenized documents, normalized to [0, 1] per query.

    A document's score is divided by the sum of the query terms' IDF (terms unseen in the
    collection count with the highest IDF), so 1 means every query word matched once in a
    document of average length, and a question full of words the knowledge base never uses
    scores near 0 however well its one familiar word matches.
    """

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        assert k1 > 0 and 0 <= b <= 1, "BM25 needs k1 > 0 and 0 <= b <= 1"
        self.k1 = k1
        self.b = b

    def fit(self, docs: Sequence[Sequence[str]]) -> Bm25Index:
        """Index ``docs`` (lists of tokens)."""
        assert docs, "BM25 needs at least one document"
        self.n_docs_ = len(docs)
        self.lengths_ = np.array([len(d) for d in docs], dtype=np.float64)
        self.avg_length_ = max(float(self.lengths_.mean()), 1.0)
        self.tf_: list[Counter[str]] = [Counter(d) for d in docs]
        df: Counter[str] = Counter()
        for counts in self.tf_:
            df.update(counts.keys())
        self.idf_ = {t: self._idf(n) for t, n in df.items()}
        self.unseen_idf_ = self._idf(0)
        return self

    def _idf(self, df: int) -> float:
        return math.log(1.0 + (self.n_docs_ - df + 0.5) / (df + 0.5))

    def scores(self, query: Sequence[str]) -> np.ndarray:
        """Normalized BM25 score of every document for one tokenized query, shape (n_docs,)."""
        out = np.zeros(self.n_docs_, dtype=np.float64)
        terms = list(dict.fromkeys(query))
        if not terms:
            return out
        norm = self.k1 * (1 - self.b + self.b * self.lengths_ / self.avg_length_)
        for term in terms:
            idf = self.idf_.get(term)
            if idf is None:
                continue
            tf = np.array([counts.get(term, 0) for counts in self.tf_], dtype=np.float64)
            out += idf * tf * (self.k1 + 1) / (tf + norm)
        total = sum(self.idf_.get(t, self.unseen_idf_) for t in terms)
        return np.clip(out / total, 0.0, 1.0)
