"""Custom Rasa NLU components (named in config.yml).

InputGuard    first in the pipeline: keeps the full text for the crisis check, trims what the
              model sees to ``max_chars`` so a 100 000-character message cannot stall it, and
              gives the model a placeholder word for a message with no words at all (Rasa's
              LogisticRegressionClassifier fails on a message without features).
CrisisDetector last in the pipeline: a crisis signal anywhere in the (full) message overrides
              the classifier's intent with the crisis need, whatever its confidence; messages
              without any letters become out_of_scope.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.signals import crisis_need

FULL_TEXT = "full_text"
_TAG = re.compile(r"<[^>]{0,200}>")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
NO_WORDS = "leeg"  # what the model sees for an empty message; CrisisDetector makes it out_of_scope
WITHOUT_WORDS = "without_words"  # message attribute set by InputGuard


def clean_text(text: str, max_chars: int) -> str:
    """Drop HTML tags and cut overly long input (at a word boundary)."""
    text = _TAG.sub(" ", text or "")
    if len(text) > max_chars:
        text = text[:max_chars].rsplit(" ", 1)[0]
    return text


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class InputGuard(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"max_chars": 2000}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.max_chars = int(config.get("max_chars", 2000))

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "InputGuard":
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            message.set(FULL_TEXT, text)
            cleaned = clean_text(text, self.max_chars)
            if not _LETTER.search(cleaned):
                message.set(WITHOUT_WORDS, True)
            if not cleaned.strip():
                cleaned = NO_WORDS
            if cleaned != text:
                message.set(TEXT, cleaned)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisDetector(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"out_of_scope_intent": "out_of_scope"}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.out_of_scope = config.get("out_of_scope_intent", "out_of_scope")

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "CrisisDetector":
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            full = message.get(FULL_TEXT)
            text = (message.get(TEXT) if full is None else full) or ""
            need = crisis_need(text)
            if need:
                self._override(message, f"need_{need}")
            elif message.get(WITHOUT_WORDS) or not _LETTER.search(text):
                self._override(message, self.out_of_scope)
        return messages

    @staticmethod
    def _override(message: Message, intent: str) -> None:
        previous: Optional[Dict[str, Any]] = message.get(INTENT)
        if previous and previous.get("name") == intent:
            return
        message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
        ranking = [r for r in (message.get(INTENT_RANKING_KEY) or []) if r.get("name") != intent]
        message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}] + ranking, add_to_output=True)
