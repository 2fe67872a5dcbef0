"""Train the Rasa model only when its inputs changed.

The model file is named after a hash of everything that decides it (config, domain, NLU data,
stories, rules, the spaCy pipeline build and the Rasa version), so an unchanged project reuses
``models/<hash>.tar.gz`` without starting Rasa at all.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

from bot.paths import MODELS, RASA_DATA, ROOT, SPACY_PIPELINE, TRAINING_INPUTS


def training_hash(root: Path = ROOT) -> str:
    import rasa

    h = hashlib.sha256(f"rasa={rasa.__version__}".encode())
    for entry in TRAINING_INPUTS:
        path = root / entry
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.is_file():
                h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    stamp = SPACY_PIPELINE / "loketwijzer-build.json"
    if stamp.exists():
        h.update(json.loads(stamp.read_text())["hash"].encode())
    return h.hexdigest()[:20]


def current_model(root: Path = ROOT) -> Optional[Path]:
    """The model trained from the project's present inputs, if there is one."""
    path = MODELS / f"loketwijzer-{training_hash(root)}.tar.gz"
    return path if path.exists() else None


def newest_model() -> Optional[Path]:
    models = sorted(MODELS.glob("loketwijzer-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def train(force: bool = False, quiet: bool = False) -> Path:
    digest = training_hash()
    target = MODELS / f"loketwijzer-{digest}.tar.gz"
    if target.exists() and not force:
        if not quiet:
            print(f"== Model up to date, not retraining (training data and config unchanged): {target.name}")
        return target
    print(f"== Training data or config changed: training a new model ({target.name}) ...", file=sys.stderr)
    start = time.monotonic()
    cmd = [sys.executable, "-m", "rasa", "train", "--fixed-model-name", target.name[: -len(".tar.gz")],
           "--out", str(MODELS), "--quiet", "--data", *RASA_DATA]
    if subprocess.call(cmd, cwd=ROOT) != 0 or not target.exists():
        raise SystemExit("ERROR: training failed; see the messages above.")
    print(f"== Trained in {time.monotonic() - start:.0f} s: {target}", file=sys.stderr)
    return target


if __name__ == "__main__":
    train(force="--force" in sys.argv)
