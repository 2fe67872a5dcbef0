"""Turn a writer's examples (JSON lines) into a Rasa NLU file, with the checks a reviewer would do.

    .venv/bin/python -m bot.tools.import_examples WRITER.jsonl data/nlu/voices/WRITER.yml \
        --title "w1: older residents and their mantelzorgers"

Each input line is ``{"intent": "need_…" | "out_of_scope" | …, "text": "…", …}`` (other fields, such
as ``persona`` or ``border``, are kept as a count in the file's header). The importer

- refuses intents the domain does not know;
- drops a text that is already a training example (for any intent: Rasa rejects one text with two
  labels), or that repeats within the file;
- drops a text that is (nearly) an evaluation text (the public dev set or a held-out round), and
  says how many: evaluation texts never become training data, whoever wrote them;
- flattens line breaks and square brackets (Rasa would read "[x](y)" as an entity).
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set

import yaml

from bot.nlu.training_data import examples
from bot.paths import DATA, ROOT

HELDOUT = ROOT / "bench" / "heldout"
FOLDED = HELDOUT / "folded.txt"


def folded_rounds() -> Set[str]:
    """Held-out rounds folded into training after their one measurement (bot/tools/fold_heldout.py)."""
    if not FOLDED.exists():
        return set()
    lines = (ln.split("#")[0].strip() for ln in FOLDED.read_text(encoding="utf-8").splitlines())
    return {ln for ln in lines if ln}


# the evaluation texts: the public dev set and every held-out round that is not folded into training
EVAL_FILES = [ROOT.parent / "shared" / "eval" / "dev-vragen.jsonl",
              *sorted(f for f in HELDOUT.glob("*/*.jsonl") if f.parent.name not in folded_rounds())]


def key(text: str) -> str:
    """The form two texts are compared in: lowercase letters and digits only."""
    return re.sub(r"[^\w]+", " ", (text or "").lower()).strip()


def evaluation_texts(files: Iterable[Path] = EVAL_FILES) -> List[str]:
    out = []
    for f in files:
        if f.exists():
            out += [json.loads(line).get("text", "") for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def evaluation_keys(files: Iterable[Path] = EVAL_FILES) -> Set[str]:
    return {key(t) for t in evaluation_texts(files)}


class NearIndex:
    """Finds texts that are nearly the same (difflib ratio >= ``limit``) among many, fast: only
    texts that share at least half of the words are compared character by character."""

    def __init__(self, texts: Iterable[str], limit: float = 0.8):
        self.limit = limit
        self.texts = [key(t) for t in texts]
        self.by_word: Dict[str, List[int]] = collections.defaultdict(list)
        for i, t in enumerate(self.texts):
            for w in set(t.split()):
                self.by_word[w].append(i)

    def near(self, text: str) -> Optional[str]:
        k = key(text)
        words = set(k.split())
        if not words:
            return None
        shared = collections.Counter(i for w in words for i in self.by_word.get(w, ()))
        for i, n in shared.most_common():
            if n < 0.5 * len(words):
                break
            other = self.texts[i]
            if abs(len(other) - len(k)) < 0.3 * max(len(k), 1):
                m = SequenceMatcher(None, other, k)
                if m.quick_ratio() >= self.limit and m.ratio() >= self.limit:
                    return other
        return None


def domain_intents() -> Set[str]:
    return set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])


def clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return text.replace("[", "(").replace("]", ")")


def to_rasa_yaml(by_intent: Dict[str, List[str]], header: List[str]) -> str:
    lines = [f"# {h}" if h else "#" for h in header] + ['version: "3.1"', "nlu:"]
    for intent in sorted(by_intent):
        lines.append(f"- intent: {intent}")
        lines.append("  examples: |")
        lines += [f"    - {t}" for t in by_intent[intent]]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--title", required=True, help="first header line: writer id and voice")
    parser.add_argument("--brief", default="data/nlu/README.md", help="where the writer's brief is kept")
    args = parser.parse_args(argv)

    known = domain_intents()
    evaluation = evaluation_keys()
    near = NearIndex(evaluation_texts())
    existing = {key(t) for t, _, f in examples(DATA / "nlu") if (DATA / "nlu" / f).resolve() != args.target.resolve()}
    by_intent: Dict[str, List[str]] = collections.defaultdict(list)
    seen: Set[str] = set()
    dropped = collections.Counter()
    tags = collections.Counter()
    for n, line in enumerate(args.source.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        intent, text = item.get("intent"), clean(item.get("text", ""))
        if intent not in known:
            print(f"ERROR: {args.source.name}:{n}: intent '{intent}' is not in domain.yml", file=sys.stderr)
            return 2
        k = key(text)
        if k in evaluation or near.near(text):
            # a short everyday phrase can be written by two people ("vertel een mop"); it still
            # never becomes training data, and many of these would mean a leak: look at the source
            dropped["same or nearly the same text as an evaluation question"] += 1
            continue
        if not k or k in existing or k in seen:
            dropped["already a training example" if k in existing else "repeated in the file" if k else "empty"] += 1
            continue
        seen.add(k)
        by_intent[intent].append(text)
        for field in ("persona", "border"):
            if field in item:
                tags[f"{field} {item[field]}"] += 1
    total = sum(len(v) for v in by_intent.values())
    header = [args.title,
              f"Written by an independent helper session from the brief in {args.brief}; imported with",
              f"bot/tools/import_examples.py ({total} examples; dropped: {dict(dropped) or 'none'}).",
              "Never add evaluation texts or variants of them here."]
    if tags:
        header.append("Tags: " + ", ".join(f"{k} ({v})" for k, v in sorted(tags.items())))
    args.target.parent.mkdir(parents=True, exist_ok=True)
    args.target.write_text(to_rasa_yaml(by_intent, header), encoding="utf-8")
    print(f"{args.target}: {total} examples in {len(by_intent)} intents; dropped {dict(dropped) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
