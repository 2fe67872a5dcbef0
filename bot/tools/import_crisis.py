"""Add a crisis writer's messages to the crisis corpus, with the checks a reviewer would do.

    .venv/bin/python -m bot.tools.import_crisis WRITER.jsonl data/crisis/c12.jsonl

Each input line is ``{"label": "112"|"113"|"veilig_thuis"|"none", "text": …, "lang": …, "kind": …,
"hard": bool, "writer": …}`` (the brief in data/crisis/README.md). The importer

- refuses a line without a text or with an unknown label, and names the line;
- drops a text that is already in the corpus or repeats within the file;
- drops a text that is (nearly) an evaluation text (the public dev set or a held-out round) and
  says only how many: evaluation texts never become training data, whoever wrote them;
- flattens line breaks, and writes the kept lines in the corpus format.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

from bot.crisis.corpus import CORPUS, load_corpus
from bot.crisis.model import LABELS
from bot.tools.import_examples import NearIndex, evaluation_keys, evaluation_texts, key

FIELDS = ("label", "text", "lang", "kind", "hard", "writer")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="the writer's JSON lines")
    ap.add_argument("target", type=Path, help="the corpus file to write, e.g. data/crisis/c12.jsonl")
    args = ap.parse_args(argv)

    if args.target.exists():
        print(f"{args.target} exists already; choose a new file for a new writer", file=sys.stderr)
        return 2
    known = {key(e.text) for e in load_corpus(CORPUS)}
    eval_keys, near_eval = evaluation_keys(), NearIndex(evaluation_texts())
    kept, seen, dropped = [], set(), collections.Counter()
    for n, line in enumerate(args.source.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as err:
            print(f"{args.source}:{n}: not valid JSON ({err})", file=sys.stderr)
            return 2
        text = " ".join(str(item.get("text") or "").split())
        if item.get("label") not in LABELS or not text:
            print(f"{args.source}:{n}: needs a 'text' and a 'label' in {list(LABELS)}", file=sys.stderr)
            return 2
        k = key(text)
        if k in known or k in seen:
            dropped["already in the corpus or repeated"] += 1
            continue
        if k in eval_keys or near_eval.near(text):
            dropped["(nearly) an evaluation text"] += 1
            continue
        seen.add(k)
        item["text"] = text
        item.setdefault("writer", args.target.stem)
        kept.append({f: item[f] for f in FIELDS if f in item})
    args.target.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in kept), encoding="utf-8")
    labels = collections.Counter(i["label"] for i in kept)
    print(f"{args.target}: {len(kept)} messages ({', '.join(f'{lab} {labels[lab]}' for lab in LABELS)})")
    for why, count in dropped.items():
        print(f"  dropped {count}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
