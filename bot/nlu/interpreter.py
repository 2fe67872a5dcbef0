"""Run the project's trained Rasa NLU model in this process (for the command line and benches)."""
from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path
from typing import Any, Dict, Optional

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")


def model_path(train_if_missing: bool = True) -> Path:
    """The model for the present training data; else the newest one; else train one (said on stderr)."""
    from bot.tools.train import current_model, newest_model, train

    found = current_model() or newest_model()
    if found:
        return found
    if not train_if_missing:
        raise FileNotFoundError("no trained model in models/")
    print("No trained model yet: training one first (this takes a few minutes) ...", file=sys.stderr)
    return train(quiet=True)


class Interpreter:
    def __init__(self, path: Optional[Path] = None):
        import warnings

        # staff see the answer and nothing else: no library deprecation warnings. A filter is not
        # enough, since importing Sanic puts its own "once" filter for DeprecationWarning in front
        warnings.filterwarnings("ignore")
        warnings.showwarning = lambda *args, **kwargs: None
        for name in ("rasa", "tensorflow", "absl"):
            logging.getLogger(name).setLevel(logging.ERROR)
        from rasa.core.agent import Agent
        from rasa.utils.log_utils import configure_structlog

        configure_structlog(logging.ERROR)  # Rasa's structured debug lines would drown the output

        self.path = path or model_path()
        self._loop = asyncio.new_event_loop()
        self.agent = Agent.load(str(self.path))

    def parse(self, text: str) -> Dict[str, Any]:
        return self._loop.run_until_complete(self.agent.parse_message(text))
