"""The need classifier: TF-IDF over words and characters with one-vs-rest logistic regression.

Why not Rasa's LogisticRegressionClassifier on the CountVectorsFeaturizer counts: with 12 000
examples the multinomial L-BFGS fit on raw counts did not converge in 1 000 iterations and took
most of a 20-minute training (docs/performance.md). Sublinear TF-IDF, normalised per block (words,
characters), makes the problem well scaled; liblinear fits the 60 one-vs-rest problems in under a
minute, and on the contaminated rounds r1 + r2 it read the main need better (docs/nlu-pipeline.md).
The component builds its own vectorisers from the message text, so the model file holds everything.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.clauses import clauses
from bot.nlu.model_files import read_model, write_model
from bot.nlu.places import without_place_clauses

logger = logging.getLogger(__name__)
CLAUSES_KEY = "clauses"  # per clause of a household's story, the classifier's best three needs
SEVERAL = "need_meerdere_problemen"


def build_pipeline(config: Dict[str, Any]):
    """The sklearn pipeline: word n-grams and character n-grams (within words, robust to spelling
    errors), each sublinear TF-IDF and L2-normalised, then one-vs-rest logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline

    words = TfidfVectorizer(ngram_range=tuple(config["word_ngrams"]), sublinear_tf=True, lowercase=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(config["char_ngrams"]), sublinear_tf=True,
                            lowercase=True)
    classifier = LogisticRegression(C=float(config["C"]), solver="liblinear", class_weight="balanced",
                                    random_state=int(config["random_state"]))
    return make_pipeline(FeatureUnion([("words", words), ("chars", chars)]), classifier)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TfidfIntentClassifier(IntentClassifier, GraphComponent):
    """Reads the intent (need) of a message; sets ``intent`` and ``intent_ranking`` as Rasa's
    classifiers do, so the FallbackClassifier, AskBack and the crisis net work on its output."""

    MODEL_FILE = "tfidf_intent_classifier.joblib"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"word_ngrams": [1, 2], "char_ngrams": [2, 4], "C": 10.0, "random_state": 42,
                "ranking_length": 10}

    def __init__(self, config: Dict[Text, Any], model_storage: Optional[ModelStorage] = None,
                 resource: Optional[Resource] = None, model: Any = None) -> None:
        self.config = {**self.get_default_config(), **(config or {})}
        self._storage, self._resource, self.model = model_storage, resource, model

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Retrain when this file changes (Rasa's cache sees only the config and the data)."""
        import hashlib

        return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TfidfIntentClassifier":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "TfidfIntentClassifier":
        import joblib

        return cls(config, model_storage, resource, read_model(model_storage, resource, cls.MODEL_FILE, joblib.load))

    def train(self, training_data: TrainingData) -> Resource:
        import joblib

        examples = [m for m in training_data.intent_examples if m.get(TEXT) and m.get(INTENT)]
        if not examples:
            return self._resource
        # where someone lives says nothing about the need (bot/nlu/places.py)
        self.model = build_pipeline(self.config).fit([without_place_clauses(m.get(TEXT)) for m in examples],
                                                     [m.get(INTENT) for m in examples])
        write_model(self._storage, self._resource, self.MODEL_FILE,
                    lambda path: joblib.dump(self.model, path, compress=3))
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None or not messages:
            return messages
        probabilities = self.model.predict_proba([without_place_clauses(m.get(TEXT) or "") for m in messages])
        classes = list(self.model.classes_)
        length = int(self.config["ranking_length"])
        for message, row in zip(messages, probabilities):
            ranking = sorted(({"name": c, "confidence": float(p)} for c, p in zip(classes, row)),
                             key=lambda r: -r["confidence"])
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[:length] if length > 0 else ranking, add_to_output=True)
            if ranking[0]["name"] == SEVERAL:
                message.set(CLAUSES_KEY, self.clause_rankings(message.get(TEXT) or ""), add_to_output=True)
        return messages

    def clause_rankings(self, text: str) -> List[List[Dict[str, Any]]]:
        """A story about several problems, read clause by clause (bot/nlu/clauses.py): the
        understanding step takes the problem the story opens with as the household's main one."""
        parts = clauses(text)
        if len(parts) < 2:
            return []
        classes = list(self.model.classes_)
        out = []
        for row in self.model.predict_proba([without_place_clauses(p) for p in parts]):
            best = sorted(zip(classes, row), key=lambda x: -x[1])[:3]
            out.append([{"name": c, "confidence": round(float(p), 4)} for c, p in best])
        return out
