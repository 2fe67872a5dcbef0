"""Run Rasa's own test stories (tests/test_stories.yml) against the current model; fail on any
wrong prediction, so `make test` is red when a conversation path breaks."""
from __future__ import annotations

import subprocess
import sys

from bot.paths import ROOT
from bot.tools.train import current_model, train


def main() -> int:
    model = current_model() or train()
    cmd = [sys.executable, "-m", "rasa", "test", "core", "--model", str(model), "--stories", "tests/test_stories.yml",
           "--out", "results/stories", "--fail-on-prediction-errors", "--quiet"]
    code = subprocess.call(cmd, cwd=ROOT)
    if code != 0:
        print("ERROR: Rasa test stories failed; see results/stories/failed_test_stories.yml", file=sys.stderr)
        return 1
    print("== Rasa test stories: all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
