"""A dialogue policy for the one thing rules cannot say: "while the handover asks something, its
answer goes to action_handover, whatever intent the classifier read".

"Ja, mijn moeder zit naast me en vindt het goed" may be read as a need, a phone number as
nothing at all; a rule per intent would miss them. This policy looks at the open handover stage
(slot ``handover_stage``) and at the text (bot.handover.dialogue.reads_as_answer); when the message
answers the open question it predicts ``action_handover`` with certainty and a priority above the
RulePolicy, otherwise it abstains and the other policies decide as always.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.handover.dialogue import OPEN_STAGES, is_referral_code, reads_as_answer

ACTION = "action_handover"
STATUS_ACTION = "action_referral_status"
STAGE_SLOT = "handover_stage"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class HandoverPolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"priority": 7}  # above RulePolicy (4): an open handover question comes first

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Retrain when this file or the reading of answers changes."""
        import hashlib
        from pathlib import Path

        here = Path(__file__).resolve().parent
        return hashlib.sha256((here / "policy.py").read_bytes() + (here / "dialogue.py").read_bytes()).hexdigest()

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource  # nothing to learn: the stage and the text decide

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "HandoverPolicy":
        return cls(config, model_storage, resource, execution_context)

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        if ACTION not in domain.action_names_or_texts:
            return self._prediction(probabilities)
        stage = tracker.get_slot(STAGE_SLOT)
        message = tracker.latest_message
        text = (message.text or "") if message else ""
        if tracker.latest_action_name in (ACTION, STATUS_ACTION):
            probabilities[domain.index_for_action(ACTION_LISTEN_NAME)] = 1.0  # it said all there is to say
        elif tracker.latest_action_name == ACTION_LISTEN_NAME and message is not None:
            intent = (message.intent or {}).get("name")
            if is_referral_code(text) and STATUS_ACTION in domain.action_names_or_texts:
                probabilities[domain.index_for_action(STATUS_ACTION)] = 1.0  # a resident comes back
            elif stage in OPEN_STAGES and reads_as_answer(stage, text, intent):
                probabilities[domain.index_for_action(ACTION)] = 1.0
        return self._prediction(probabilities)
