"""Fold measured held-out rounds into the training data (issue 9, rule 5: "measure it once, record
the figures, and only then may it be folded into training").

    .venv/bin/python -m bot.tools.fold_heldout 2026-12-06-r1 2026-12-06-r2 ...  [--dry-run]

Each round was written by an independent writer from the held-out brief and measured once; its
figures are in docs/evaluation.md. Folding it makes those writers' voices training data, which is
what the rounds are best at: the project's own examples do not carry over, theirs are other
people's words. A folded round is listed in ``bench/heldout/folded.txt``; from then on it is no
longer an evaluation set (``bot.tools.import_examples.EVAL_FILES`` leaves it out, and the hygiene
test no longer guards it), and figures on it mean "trained on".

What goes where:

- question sets → ``data/nlu/heldout/<round>.yml``: a household (``meerdere_problemen`` among the
  needs) as ``need_meerdere_problemen``, out of scope as ``out_of_scope``, any other question as
  ``need_<first need>``. Crisis questions go to the crisis corpus only.
- crisis probes (and the crisis questions of the question sets) →
  ``data/crisis/heldout-<round>.jsonl``: ``112``, ``113``, ``veilig_thuis``; near-misses as
  ``none`` with ``hard: true``.

A label is taken only when the routing table agrees with it: the labelled needs, routed with the
facts in the text, must give the expected first loket type and law. A label the table reads
differently (a writer's grey case, a fact the table does not know) is left out and counted, not
guessed. Ids named in a round's README (where writers list the labels they are unsure of) are left
out too. Texts that are already training examples are dropped, as on every import.
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from bot.paths import DATA
from bot.tools.import_examples import (EVAL_FILES, FOLDED, HELDOUT, NearIndex, clean, domain_intents,
                                      evaluation_texts, folded_rounds, key, to_rasa_yaml)

CRISIS_LABEL = {"alarmnummer-112": "112", "zelfmoordpreventie-113": "113", "veilig-thuis": "veilig_thuis"}
SEVERAL = "meerdere_problemen"


def unsure_ids(round_dir: Path) -> set:
    readme = round_dir / "README.md"
    if not readme.exists():
        return set()
    return set(re.findall(r"\b(?:r\d+|ho)-(?:cp-)?\d{3}\b", readme.read_text(encoding="utf-8")))


def _table_agrees(table, item: Dict) -> bool:
    """Route the labelled needs with the facts of the text; does the table give the label?"""
    from bot.nlu.signals import facts
    from bot.routing import route

    exp = item["expect"]
    info = None
    if item.get("gemeente"):
        found = table.matcher.resolve(item["gemeente"])
        info = table.gemeenten.get(getattr(found, "code", None))
    try:
        r = route(list(item.get("needs") or []), info, facts(item["text"]), table)
    except Exception:  # a need code the table does not know: the label cannot be checked
        return False
    if r.primary.loket_type not in exp.get("primary_loket_type", []):
        return False
    return not exp.get("law") or r.primary.law == exp["law"]


def nlu_intent(item: Dict, table, known: set) -> Tuple[Optional[str], str]:
    """(intent, reason) for a question; intent None means it is left out (reason says why)."""
    exp = item.get("expect", {})
    if exp.get("crisis"):
        return None, "crisis (crisis corpus only)"
    if exp.get("out_of_scope"):
        return "out_of_scope", ""
    needs = item.get("needs") or []
    if not needs:
        return None, "no needs"
    intent = f"need_{SEVERAL}" if SEVERAL in needs else f"need_{needs[0]}"
    if intent not in known:
        return None, "need not in the domain"
    if not _table_agrees(table, item):
        return None, "the routing table reads the label differently"
    return intent, ""


def crisis_example(item: Dict, writer: str) -> Optional[Dict]:
    exp = item.get("expect", {})
    label = CRISIS_LABEL.get(exp.get("crisis") or "")
    if label is None and item.get("kind") != "near-miss":
        return None
    return {"label": label or "none", "text": clean(item["text"]), "lang": item.get("lang", "nl"),
            "kind": item.get("category") or item.get("kind") or "", "hard": label is None, "writer": writer}


def fold(round_name: str, table, known: set, existing: set, evaluation: NearIndex) -> Tuple[Dict[str, List[str]], List[Dict], collections.Counter]:
    folder = HELDOUT / round_name
    unsure = unsure_ids(folder)
    by_intent: Dict[str, List[str]] = collections.defaultdict(list)
    crisis: List[Dict] = []
    dropped: collections.Counter = collections.Counter()
    for name in ("vragen.jsonl", "crisis-probe.jsonl"):
        path = folder / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            if item.get("id") in unsure:
                dropped["named in the round's README (unsure label)"] += 1
                continue
            if evaluation.near(item.get("text", "")):  # an equal text is near too
                # the same (or nearly the same) words as a question of a set that is still an
                # evaluation set (the dev set, a round not folded): it stays out of training
                dropped["(nearly) a text of an evaluation set"] += 1
                continue
            ex = crisis_example(item, f"heldout-{round_name}")
            if ex is not None:
                crisis.append(ex)
            if ex is not None and ex["label"] != "none":
                continue
            intent, reason = nlu_intent(item, table, known)
            if intent is None:
                if ex is None:
                    dropped[reason] += 1
                continue
            text = clean(item["text"])
            k = key(text)
            if not k or k in existing:
                dropped["already a training example"] += 1
                continue
            existing.add(k)
            by_intent[intent].append(text)
    return by_intent, crisis, dropped


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rounds", nargs="+")
    ap.add_argument("--dry-run", action="store_true", help="count only, write nothing")
    args = ap.parse_args(argv)
    missing = [r for r in args.rounds if not (HELDOUT / r).is_dir()]
    if missing:
        print(f"no such round under bench/heldout: {', '.join(missing)}", file=sys.stderr)
        return 2
    from bot.nlu.training_data import examples
    from bot.routing.table import default_table

    table = default_table()
    known = domain_intents()
    already = set(folded_rounds())
    existing = {key(t) for t, _, f in examples(DATA / "nlu") if not f.startswith("heldout/")}
    evaluation = NearIndex(evaluation_texts(f for f in EVAL_FILES if f.parent.name not in args.rounds))
    for r in args.rounds:
        by_intent, crisis, dropped = fold(r, table, known, existing, evaluation)
        n = sum(len(v) for v in by_intent.values())
        labels = collections.Counter(e["label"] for e in crisis)
        print(f"{r}: {n} NLU examples, crisis corpus {dict(labels)}; left out {dict(dropped) or 'none'}")
        if args.dry_run:
            continue
        header = [f"Held-out round {r}, folded into training after it was measured once (docs/evaluation.md).",
                  "Written by an independent helper session from bench/heldout/brief/ (its README); imported",
                  f"with bot/tools/fold_heldout.py ({n} examples; left out: {dict(dropped) or 'none'}).",
                  "Not an evaluation set any more: figures on this round are 'trained on'."]
        target = DATA / "nlu" / "heldout" / f"{r}.yml"
        target.parent.mkdir(exist_ok=True)
        target.write_text(to_rasa_yaml(by_intent, header), encoding="utf-8")
        (DATA / "crisis" / f"heldout-{r}.jsonl").write_text(
            "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in crisis), encoding="utf-8")
        if r not in already:
            fresh = not FOLDED.exists()
            with FOLDED.open("a", encoding="utf-8") as fh:
                if fresh:
                    fh.write("# Held-out rounds folded into training (bot/tools/fold_heldout.py); not evaluation sets any more.\n")
                fh.write(f"{r}\n")
            already.add(r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
