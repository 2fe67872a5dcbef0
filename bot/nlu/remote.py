"""Ask the running assistant to read a question, instead of loading the model again.

`python -m bot route` is a lookup aid for front-desk staff while a resident waits. Loading the
trained model in the command line means importing Rasa and TensorFlow and building the pipeline:
tens of seconds. When the assistant runs (`make run`), its Rasa server already holds the same
model and reads a question in milliseconds over its HTTP API (``POST /model/parse``, on because the
server is started with ``--enable-api``). So the command line first asks the server at
``LOKETWIJZER_RASA_URL`` (default ``http://127.0.0.1:5005``; ``off`` never asks) and loads the model
itself only when no server answers within a fraction of a second.
"""
from __future__ import annotations

import json
import os
import urllib.request
from typing import Any, Dict, Optional

from bot.production.rasa_api import api_url

DEFAULT_URL = "http://127.0.0.1:5005"
FIND_TIMEOUT = 0.5    # seconds to wait for /status: no server means the local model, quickly
PARSE_TIMEOUT = 10.0


class ServerError(RuntimeError):
    pass


def server_url() -> Optional[str]:
    url = os.environ.get("LOKETWIJZER_RASA_URL", DEFAULT_URL).strip()
    return None if url.lower() in ("", "off", "no", "0") else url.rstrip("/")


class RemoteInterpreter:
    """The parse of a running Rasa server, in the same form as bot.nlu.interpreter.Interpreter."""

    def __init__(self, url: str):
        self.url = url

    @classmethod
    def find(cls, url: Optional[str] = None, timeout: float = FIND_TIMEOUT) -> Optional["RemoteInterpreter"]:
        """The running server at ``url``, if it answers and has a model loaded; else None."""
        url = url or server_url()
        if not url:
            return None
        try:
            with urllib.request.urlopen(api_url(url, "/status"), timeout=timeout) as r:
                status = json.loads(r.read().decode("utf-8"))
        except (OSError, ValueError):
            return None
        if not status.get("model_file") and not status.get("model_id"):
            return None  # up, but no model loaded yet: not ready
        return cls(url)

    def parse(self, text: str) -> Dict[str, Any]:
        body = json.dumps({"text": text}).encode("utf-8")
        req = urllib.request.Request(api_url(self.url, "/model/parse"), data=body,
                                     headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=PARSE_TIMEOUT) as r:
                return json.loads(r.read().decode("utf-8"))
        except (OSError, ValueError) as err:
            raise ServerError(f"the running assistant at {self.url} did not answer: {err}") from None
