"""Features of the crisis model besides the n-grams: pattern hits and cues, and their pairs.

A linear model cannot see that "geslagen" means something else next to "jaren geleden" than next
to "nu"; the pair features (pattern x cue) let it learn that from the corpus.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, Pattern, Sequence, Tuple

import numpy as np
import yaml

from bot.crisis.text import fold
from bot.paths import DATA

PATTERN_NEEDS = ("levensgevaar", "suicidaal", "huiselijk_geweld")


@lru_cache(maxsize=1)
def _cues() -> Tuple[Tuple[str, Tuple[Pattern, ...]], ...]:
    data = yaml.safe_load((DATA / "crisis" / "cues.yml").read_text(encoding="utf-8"))
    out = []
    for name, patterns in data["cues"].items():
        try:
            out.append((name, tuple(re.compile(p) for p in patterns)))
        except re.error as err:
            raise ValueError(f"data/crisis/cues.yml: cue '{name}' has an invalid pattern: {err}") from None
    return tuple(out)


def cue_names() -> List[str]:
    return [name for name, _ in _cues()]


def cues(text: str) -> Dict[str, bool]:
    t = fold(text)
    return {name: any(p.search(t) for p in patterns) for name, patterns in _cues()}


def pattern_hits(text: str) -> Dict[str, bool]:
    """Which crisis needs of data/signals/crisis.yml have a pattern in ``text`` (all, not the first)."""
    from bot.nlu.signals import _crisis_patterns, plain

    t = plain(text)
    return {need: any(p.search(t) for p in patterns) for need, patterns in _crisis_patterns()}


def feature_names() -> List[str]:
    names = [f"pattern:{n}" for n in PATTERN_NEEDS] + [f"cue:{c}" for c in cue_names()]
    names += [f"pattern:{n}&cue:{c}" for n in PATTERN_NEEDS for c in cue_names()]
    return names


def vector(text: str) -> List[float]:
    hits, cs = pattern_hits(text), cues(text)
    row = [float(hits.get(n, False)) for n in PATTERN_NEEDS] + [float(cs[c]) for c in cue_names()]
    row += [float(hits.get(n, False) and cs[c]) for n in PATTERN_NEEDS for c in cue_names()]
    return row


def matrix(texts: Sequence[str]) -> np.ndarray:
    return np.array([vector(t) for t in texts], dtype=float).reshape(len(texts), len(feature_names()))
