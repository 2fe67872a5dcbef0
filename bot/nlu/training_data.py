"""The NLU training examples as (text, intent) pairs, read from data/nlu/ without starting Rasa.

For the benches and for models trained beside Rasa (the crisis net, the baselines): they must
see exactly the examples Rasa sees, with entity markup ("[Zwolle](GEMEENTE)") turned back into
the words a resident typed.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

import yaml

from bot.paths import DATA

_ENTITY = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def strip_markup(example: str) -> str:
    return _ENTITY.sub(r"\1", example).strip()


def examples(root: Optional[Path] = None) -> Iterator[Tuple[str, str, str]]:
    """(text, intent, file name) for every intent example under data/nlu (recursively)."""
    root = root or DATA / "nlu"
    for path in sorted(root.rglob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in doc.get("nlu") or []:
            if "intent" not in block:
                continue
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    yield strip_markup(line[2:]), block["intent"], str(path.relative_to(root))


def texts_and_intents(root: Optional[Path] = None) -> Tuple[List[str], List[str]]:
    pairs = [(t, i) for t, i, _ in examples(root)]
    return [t for t, _ in pairs], [i for _, i in pairs]
