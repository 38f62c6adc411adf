"""The similarity engine: which items are about the same issue, whatever their wording.

One small interface, so that a better method (a sentence-embedding model shipped in a package, say) can replace
this one without touching the callers:

    engine = default_engine()
    engine.signature(text)           -> {term: count}, stored when an item is saved
    engine.vector(signature)         -> {term: weight}, unit length, weighted by the collection's document frequencies
    engine.score(a, b)               -> 0..1, cosine of the two vectors
    engine.similar(query, candidates, limit=5) -> [(key, score)], best first

The method chosen with the figures in ``docs/benchmarks.md``: character pairs of the text once the genre's words
are cut out (``lexicon.STOP_PHRASES``), plus one token per concept of the domain lexicon (``lexicon.CONCEPTS``),
weighted by inverse document frequency, compared by cosine. The number label (八届五次第0001号) and other
numbering is removed first: it says nothing about the issue.
"""

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

from . import lexicon

CONCEPT_PREFIX = "#"
_NUMERALS = "0-9〇零一二三四五六七八九十百千"
# 八届五次第0001号, 十四届二次会议第151号, 第20232414号, (第57号提案), 2022年度
_NUMBERING = re.compile(
    rf"[{_NUMERALS}]+届(?:[{_NUMERALS}]+次)?(?:会议|全会|常委会)?|第\s*[{_NUMERALS}]+\s*[号次件]|[0-9]+")
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)


class Lexicon:
    """Concept phrases and stop phrases compiled into one longest-first pattern each."""

    def __init__(self, concepts: Mapping[str, Iterable[str]], stop_phrases: Iterable[str]):
        self.phrase_to_concept = {}
        for concept, phrases in concepts.items():
            for phrase in phrases:
                self.phrase_to_concept.setdefault(phrase.lower(), concept)
        self._concepts = self._pattern(self.phrase_to_concept)
        self._stops = self._pattern(stop_phrases)

    @staticmethod
    def _pattern(phrases):
        ordered = sorted({p.lower() for p in phrases if p}, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def concepts_and_rest(self, text: str) -> tuple[list[str], str]:
        found = []
        if self._concepts is not None:
            def take(match):
                found.append(self.phrase_to_concept[match.group(0)])
                return " "

            text = self._concepts.sub(take, text)
        if self._stops is not None:
            text = self._stops.sub(" ", text)
        return found, text


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _NUMBERING.sub(" ", text)


class SimilarityEngine:
    """Character pairs + domain concepts, IDF-weighted, cosine. ``df``/``documents`` come from the collection
    the items are compared within (the organisation's index); without them every term weighs the same."""

    def __init__(self, *, lexicon_: Lexicon | None = None, concept_weight: float = 2.0, unigram_weight: float = 0.0,
                 df: Mapping[str, int] | None = None, documents: int = 0):
        self.lexicon = lexicon_
        self.concept_weight = concept_weight
        self.unigram_weight = unigram_weight
        self.df = df if df is not None else {}
        self.documents = documents

    # -- signatures (stored) ---------------------------------------------------------------------------------------
    def signature(self, text: str) -> Counter:
        """The terms of a text with their counts: what is stored for an item when it is saved."""
        text = normalise(text)
        concepts, rest = self.lexicon.concepts_and_rest(text) if self.lexicon else ([], text)
        terms = Counter(CONCEPT_PREFIX + c for c in concepts)
        for segment in _SEPARATORS.split(rest):
            if len(segment) == 1:
                if self.unigram_weight:
                    terms[segment] += 1
                continue
            for i in range(len(segment) - 1):
                terms[segment[i:i + 2]] += 1
            if self.unigram_weight:
                terms.update(segment)
        return terms

    def fit(self, signatures: Iterable[Mapping[str, int]]) -> "SimilarityEngine":
        """Document frequencies from a collection (used by the evaluation and by tests)."""
        df = Counter()
        n = 0
        for signature in signatures:
            df.update(set(signature))
            n += 1
        self.df, self.documents = df, n
        return self

    # -- weighting and scoring -------------------------------------------------------------------------------------
    def idf(self, term: str) -> float:
        return math.log((self.documents + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def _term_weight(self, term: str) -> float:
        if term.startswith(CONCEPT_PREFIX):
            return self.concept_weight
        if len(term) == 1:
            return self.unigram_weight
        return 1.0

    def weight(self, term: str, count: int) -> float:
        return (1.0 + math.log(count)) * self.idf(term) * self._term_weight(term) if count > 0 else 0.0

    def norm(self, signature: Mapping[str, int]) -> float:
        return math.sqrt(sum(self.weight(t, n) ** 2 for t, n in signature.items()))

    def vector(self, signature: Mapping[str, int] | str) -> dict[str, float]:
        if isinstance(signature, str):
            signature = self.signature(signature)
        weights = {t: self.weight(t, n) for t, n in signature.items() if n > 0}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {t: w / norm for t, w in weights.items()} if norm else {}

    @staticmethod
    def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(w * b.get(t, 0.0) for t, w in a.items())

    def score(self, a, b) -> float:
        return self.cosine(self.vector(a), self.vector(b))

    def similar(self, query, candidates: Iterable[tuple[object, Mapping[str, int] | str]], *, limit: int = 5,
                threshold: float = 0.0) -> list[tuple[object, float]]:
        """(key, score) of the candidates most like ``query``, best first, at or above ``threshold``."""
        q = self.vector(query)
        scored = [(key, self.cosine(q, self.vector(sig))) for key, sig in candidates]
        scored = [s for s in scored if s[1] >= threshold and s[1] > 0]
        scored.sort(key=lambda s: -s[1])
        return scored[:limit]


class BM25Engine(SimilarityEngine):
    """The same terms scored by Okapi BM25 (query terms against document terms); normalised by the query's score
    against itself so that thresholds are comparable. Measured, not chosen (see docs/benchmarks.md)."""

    k1 = 1.2
    b = 0.75

    def __init__(self, *, average_length: float = 10.0, **kwargs):
        super().__init__(**kwargs)
        self.average_length = average_length

    def fit(self, signatures):
        signatures = list(signatures)
        super().fit(signatures)
        self.average_length = (sum(sum(s.values()) for s in signatures) / len(signatures)) if signatures else 10.0
        return self

    def idf(self, term):
        n, df = self.documents, self.df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _bm25(self, query, doc):
        length = sum(doc.values()) or 1
        total = 0.0
        for term in query:
            tf = doc.get(term, 0)
            if tf:
                total += self.idf(term) * self._term_weight(term) * tf * (self.k1 + 1) / (
                    tf + self.k1 * (1 - self.b + self.b * length / self.average_length))
        return total

    def score(self, a, b):
        a = self.signature(a) if isinstance(a, str) else a
        b = self.signature(b) if isinstance(b, str) else b
        own = self._bm25(a, a)
        return self._bm25(a, b) / own if own else 0.0

    def similar(self, query, candidates, *, limit=5, threshold=0.0):
        query = self.signature(query) if isinstance(query, str) else query
        own = self._bm25(query, query) or 1.0
        scored = []
        for key, sig in candidates:
            sig = self.signature(sig) if isinstance(sig, str) else sig
            s = self._bm25(query, sig) / own
            if s > 0 and s >= threshold:
                scored.append((key, s))
        scored.sort(key=lambda s: -s[1])
        return scored[:limit]


DEFAULT_LEXICON = Lexicon(lexicon.merged(lexicon.CONCEPTS, lexicon.TEST_ONLY, lexicon.AFTER_THIRD, lexicon.AFTER_FOURTH), lexicon.STOP_PHRASES)


# Chosen on the first collection of titles (docs/benchmarks.md): single characters count a little (乡间路 / 乡村道路
# share no pair but share 乡 and 路), concepts count three times a pair.
CONCEPT_WEIGHT = 3.0
UNIGRAM_WEIGHT = 0.1


def indexed(term: str) -> bool:
    """Whether a term goes into the inverted index: single characters are kept in the signature for the exact score
    but are too common to select candidates with."""
    return len(term) > 1


def default_engine(*, df: Mapping[str, int] | None = None, documents: int = 0) -> SimilarityEngine:
    """The engine the platform uses (the one chosen by the evaluation)."""
    return SimilarityEngine(lexicon_=DEFAULT_LEXICON, concept_weight=CONCEPT_WEIGHT, unigram_weight=UNIGRAM_WEIGHT,
                            df=df, documents=documents)
