"""The crisis classifier: four classes (none, 112, 113, Veilig Thuis) and a tier.

Word n-grams (1-2) and character n-grams (2-5, within words, so spelling errors, youth language
and other languages still share pieces) over the folded text, plus the pattern and cue features
of ``bot.crisis.features``, into a class-weighted logistic regression. The message is read whole:
reading it clause by clause as well (``by_clause``: the highest clause score counts) was measured
and raised the false alarms more than the recall (docs/evaluation.md), so it is off.

The thresholds (``sure``, ``possible``) are chosen by leave-one-writer-out cross-validation on
the corpus (``bench/crisis_cv.py``, figures in docs/evaluation.md): sure stays precise, possible
is tuned for recall.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Optional, Sequence, Tuple

import numpy as np

from bot.crisis import features
from bot.crisis.text import clauses, fold

LABELS = ("none", "112", "113", "veilig_thuis")
CRISIS_LABELS = LABELS[1:]
LOKET_OF_LABEL = {"112": "alarmnummer-112", "113": "zelfmoordpreventie-113", "veilig_thuis": "veilig-thuis"}
NEED_OF_LABEL = {"112": "levensgevaar", "113": "suicidaal", "veilig_thuis": "huiselijk_geweld"}
LABEL_OF_NEED = {need: label for label, need in NEED_OF_LABEL.items()}
LOKET_OF_NEED = {need: LOKET_OF_LABEL[label] for label, need in NEED_OF_LABEL.items()}

SURE = 0.4       # defaults = config.yml; chosen by leave-one-writer-out cross-validation
POSSIBLE = 0.15
TOKEN = r"(?u)\b\w+\b"


@dataclass(frozen=True)
class Assessment:
    """What the crisis net says about one message."""

    label: str                      # the most likely crisis class ("112", "113", "veilig_thuis") or "none"
    tier: Optional[str]             # "sure", "possible" or None
    score: float                    # the crisis class's score, 0..1
    scores: Dict[str, float] = field(default_factory=dict)
    patterns: Tuple[str, ...] = ()  # crisis needs whose hand-written patterns matched

    @property
    def need(self) -> Optional[str]:
        return NEED_OF_LABEL.get(self.label) if self.tier else None

    @property
    def loket_type(self) -> Optional[str]:
        return LOKET_OF_LABEL.get(self.label) if self.tier else None

    @property
    def sure(self) -> bool:
        return self.tier == "sure"

    def as_dict(self) -> Dict[str, object]:
        return {"label": self.label, "tier": self.tier, "score": round(self.score, 4),
                "scores": {k: round(v, 4) for k, v in self.scores.items()}, "patterns": list(self.patterns)}


NONE = Assessment(label="none", tier=None, score=0.0)


class CrisisModel:
    def __init__(self, C: float = 16.0, sure: float = SURE, possible: float = POSSIBLE,
                 by_clause: bool = False, patterns_at_least_possible: bool = True,
                 sure_112: Optional[float] = None, attempt_112: Optional[float] = None):
        self.C = C
        self.sure = sure
        # danger to life first: a 112 score this high is the 112 route even below ``sure`` (the
        # signs of a medical emergency are spread over the classes more than words like "zelfmoord")
        self.sure_112 = sure_112
        # suicidal AND signs of acting now (on the roof, pills taken, driving off to do it): a sure
        # 113 whose 112 score is this high goes to 112 first, danger to life before the talk line
        # (the score stays the 113 score: how sure the net is that this is a crisis at all)
        self.attempt_112 = attempt_112
        self.possible = possible
        self.by_clause = by_clause
        self.patterns_at_least_possible = patterns_at_least_possible
        self._words = self._chars = self._clf = None
        self._scale: Optional[float] = None

    # --- training -------------------------------------------------------------------------
    def fit(self, texts: Sequence[str], labels: Sequence[str], weights: Optional[Sequence[float]] = None) -> "CrisisModel":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        unknown = set(labels) - set(LABELS)
        if unknown:
            raise ValueError(f"unknown crisis labels: {sorted(unknown)}")
        self._words = TfidfVectorizer(preprocessor=fold, token_pattern=TOKEN, ngram_range=(1, 2),
                                      sublinear_tf=True, min_df=1)
        self._chars = TfidfVectorizer(preprocessor=fold, analyzer="char_wb", ngram_range=(2, 5),
                                      sublinear_tf=True, min_df=2, max_features=300_000)
        X = self._features(texts, fit=True)
        self._clf = LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000)
        self._clf.fit(X, list(labels), sample_weight=None if weights is None else np.asarray(weights, dtype=float))
        return self

    def _features(self, texts: Sequence[str], fit: bool = False):
        from scipy.sparse import csr_matrix, hstack

        texts = list(texts)
        if fit:
            w, c = self._words.fit_transform(texts), self._chars.fit_transform(texts)
        else:
            w, c = self._words.transform(texts), self._chars.transform(texts)
        return hstack([w, c, csr_matrix(features.matrix(texts))]).tocsr()

    # --- reading --------------------------------------------------------------------------
    def class_probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """P(label) per text, columns in LABELS order."""
        if self._clf is None:
            raise RuntimeError("the crisis model is not trained")
        proba = self._clf.predict_proba(self._features(texts))
        order = [list(self._clf.classes_).index(label) for label in LABELS]
        return proba[:, order]

    def scores(self, text: str) -> Dict[str, float]:
        """Per crisis class, the highest probability over the whole message and its clauses."""
        views = [text]
        if self.by_clause:
            parts = clauses(text)
            if len(parts) > 1:
                views += parts
        proba = self.class_probabilities(views)
        return {label: float(proba[:, i + 1].max()) for i, label in enumerate(CRISIS_LABELS)}

    def assess(self, text: str) -> Assessment:
        if not fold(text):
            return NONE
        scores = self.scores(text)
        hits = tuple(n for n, hit in features.pattern_hits(text).items() if hit)
        return self.decide(scores, hits)

    def decide(self, scores: Dict[str, float], hits: Tuple[str, ...],
               sure: Optional[float] = None, possible: Optional[float] = None) -> Assessment:
        """The tier from the class scores and the pattern hits (thresholds: the model's own, or
        others for a sweep in bench/crisis_cv.py)."""
        sure = self.sure if sure is None else sure
        possible = self.possible if possible is None else possible
        label = max(scores, key=scores.get)
        score = scores[label]
        tier = "sure" if score >= sure else "possible" if score >= possible else None
        sure_112 = getattr(self, "sure_112", None)
        if tier != "sure" and sure_112 is not None and scores.get("112", 0.0) >= sure_112:
            label, score, tier = "112", scores["112"], "sure"
        attempt_112 = getattr(self, "attempt_112", None)
        if tier == "sure" and label == "113" and attempt_112 is not None and scores.get("112", 0.0) >= attempt_112:
            label = "112"
        if tier is None and hits and self.patterns_at_least_possible:
            # a hand-written pattern the model does not believe: still one safety sentence
            label, tier = LABEL_OF_NEED[hits[0]], "possible"
        return Assessment(label=label if tier else "none", tier=tier, score=score, scores=scores, patterns=hits)

    # --- storage ----------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        import joblib

        joblib.dump(self, path, compress=3)

    @staticmethod
    def load(path: Path) -> "CrisisModel":
        import joblib

        model = joblib.load(path)
        if not isinstance(model, CrisisModel):
            raise TypeError(f"{path} does not hold a crisis model")
        return model
