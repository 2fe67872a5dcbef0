"""How many training texts are near twins of a sealed evaluation set, without showing either.

    .venv/bin/python -m bot.tools.near_twins /path/to/sealed/vragen.jsonl [more.jsonl] [--remove]

A blind round is measured once; before that, nobody on the project reads it. Its writer never saw
the training data, but two people can still write nearly the same sentence ("Hoe vraag ik
huurtoeslag aan?"). This counts, per training file, the texts that are nearly the same as a text of
the set (difflib ratio >= 0.8, as the importers use), and prints counts only, so the set stays
unread. ``--remove`` drops them from the training files (NLU YAML and crisis JSON lines); that
changes the model, so record it with the round. Texts of at most 25 characters ("ik wil dood")
are common phrases that any two writers share; they are counted apart and kept, as in
tests/test_domain_sync.py — unless they equal an evaluation text (tests/test_data_hygiene.py).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import List

from bot.paths import DATA
from bot.tools.import_examples import NearIndex, evaluation_texts, key

EXAMPLE_LINE = re.compile(r"^(\s*- )(.*)$")
SHORT = 25


def _nlu_files() -> List[Path]:
    return sorted(p for p in (DATA / "nlu").rglob("*.yml") if p.name != "lookups.yml")


def _crisis_files() -> List[Path]:
    return sorted((DATA / "crisis").glob("*.jsonl"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="+", type=Path)
    ap.add_argument("--remove", action="store_true", help="drop the near twins from the training files")
    args = ap.parse_args(argv)
    missing = [str(p) for p in args.sets if not p.exists()]
    if missing:
        print(f"not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    texts = evaluation_texts(args.sets)
    index = NearIndex(texts)
    exact = {key(t) for t in texts}  # a short text equal to an evaluation text is a twin all the same
    total = short = 0
    for path in _nlu_files() + _crisis_files():
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        keep, found = [], 0
        for line in lines:
            if path.suffix == ".jsonl":
                text = json.loads(line).get("text", "") if line.strip() else ""
            else:
                m = EXAMPLE_LINE.match(line.rstrip("\n"))
                text = m.group(2) if m else ""
            if text and index.near(text):
                if len(text) <= SHORT and key(text) not in exact:
                    short += 1
                    keep.append(line)
                    continue
                found += 1
                if args.remove:
                    continue
            keep.append(line)
        if found:
            print(f"{path.relative_to(DATA.parent)}: {found}")
            if args.remove:
                path.write_text("".join(keep), encoding="utf-8")
        total += found
    print(f"near twins of {', '.join(p.name for p in args.sets)}: {total}" + (" (removed)" if args.remove and total else "")
          + f"; short common phrases (<= {SHORT} characters, kept): {short}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
