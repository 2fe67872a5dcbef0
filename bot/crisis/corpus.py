"""The crisis net's training data: the purpose-written corpus plus the NLU examples.

``data/crisis/*.jsonl`` holds one message per line, written by independent writers from briefs
(``data/crisis/README.md``): ``{"label": "112"|"113"|"veilig_thuis"|"none", "text": …, "lang": …,
"kind": …, "hard": bool, "writer": …}``. The NLU examples (``data/nlu``) add the ordinary help
questions as ``none``, and the three crisis intents as their crisis class.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple

from bot.crisis.model import LABEL_OF_NEED, LABELS
from bot.paths import DATA

CORPUS = DATA / "crisis"
HARD_WEIGHT = 2.0  # a near-miss counts double: false alarms on them are what the corpus is for


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    lang: str = "nl"
    kind: str = ""
    hard: bool = False
    writer: str = ""


class CorpusError(ValueError):
    pass


def load_corpus(directory: Path = CORPUS) -> List[Example]:
    """Every example of ``directory/*.jsonl``; a broken line is an error that names file and line."""
    out: List[Example] = []
    for path in sorted(directory.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as err:
                raise CorpusError(f"{path.name}:{n}: not valid JSON ({err})") from None
            label, text = item.get("label"), item.get("text")
            if label not in LABELS or not isinstance(text, str) or not text.strip():
                raise CorpusError(f"{path.name}:{n}: needs a 'text' and a 'label' in {list(LABELS)}")
            out.append(Example(text=text.strip(), label=label, lang=item.get("lang", "nl"),
                               kind=item.get("kind", ""), hard=bool(item.get("hard")),
                               writer=item.get("writer") or path.stem))
    return out


def nlu_examples(pairs: Optional[Iterable[Tuple[str, str]]] = None) -> List[Example]:
    """The NLU examples as crisis examples: crisis intents keep their class, the rest is none."""
    if pairs is None:
        from bot.nlu.training_data import texts_and_intents

        pairs = zip(*texts_and_intents())
    out = []
    for text, intent in pairs:
        need = intent[len("need_"):] if intent.startswith("need_") else None
        out.append(Example(text=text, label=LABEL_OF_NEED.get(need, "none"), writer="nlu"))
    return out


def training_set(examples: Sequence[Example]) -> Tuple[List[str], List[str], List[float]]:
    texts = [e.text for e in examples]
    labels = [e.label for e in examples]
    weights = [HARD_WEIGHT if e.hard else 1.0 for e in examples]
    return texts, labels, weights
