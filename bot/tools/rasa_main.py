"""Rasa's own command line (`python -m rasa ...`), with a speed fix for Rasa 3.6 applied first, and
the action-server outage message (bot/production/outage.py).

Why: Rasa 3.6 checks every action server reply with ``jsonschema.validate(reply, schema)``. With
jsonschema 4.17 that call first re-validates the (constant) schema against the draft 2020-12
meta-schema, which is slow: a profile of the REST bench (py-spy, 2026-11-24) put almost half of
the Rasa server's busy time there, on every custom action and every form validation.
``fast_action_result_validation`` builds the validator for that schema once and checks each reply
with it: the same checks on the reply, the same ``ValidationError`` when it is wrong, without
re-checking the schema. Figures before and after: docs/performance.md.

    python -m bot.tools.rasa_main run --enable-api ...   (what bot.tools.serve starts)
"""
from __future__ import annotations

import sys
from typing import Any, Dict


def fast_action_result_validation() -> None:
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions import action
    from rasa.shared.constants import DOCS_BASE_URL

    schema = action.RemoteAction.action_response_format_spec()
    validator = validator_for(schema)(schema)

    def _validate_action_result(self, result: Dict[str, Any]) -> bool:
        error = best_match(validator.iter_errors(result))
        if error is not None:
            error.message += (
                ". Failed to validate Action server response from API, make sure your response from the "
                f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
            )
            raise error
        return True

    action.RemoteAction._validate_action_result = _validate_action_result


def main() -> None:
    fast_action_result_validation()
    from bot.production import outage

    outage.install()  # a clear message instead of silence when the action server is away
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
