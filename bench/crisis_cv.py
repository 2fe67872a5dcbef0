"""The crisis net, measured by leave-one-writer-out cross-validation on its own corpus.

    .venv/bin/python bench/crisis_cv.py [--variants] [--write-docs]

Each writer of data/crisis/ is held out in turn: the model is trained on the other writers and
the NLU examples and scores the held-out writer's messages. A writer's wording is never seen in
training when it is tested, which is the nearest the corpus gets to "text we did not write".
(It is still text from the same briefs: the held-out rounds in bench/heldout/ are the real test.)
Writer c4 wrote the English, Polish, Turkish and Arabic messages: with c4 held out there is no
training text in those languages at all, so its fold is reported apart.

Reported per threshold pair (sure, possible): recall of the right crisis route in the sure tier,
recall of "caught at least as possible" (a safety sentence with the right number), false alarms
(the sure tier) on the near-misses and on ordinary questions, and safety sentences on near-misses.
The hand-written patterns (data/signals/crisis.yml) alone are the baseline in the same run.
"""
from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from bot.crisis.corpus import Example, load_corpus, nlu_examples, training_set  # noqa: E402
from bot.crisis.model import CRISIS_LABELS, LABEL_OF_NEED, CrisisModel  # noqa: E402

SURE = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
POSSIBLE = (0.03, 0.05, 0.08, 0.1, 0.15, 0.2)


def fold_scores(model: CrisisModel, test: Sequence[Example]) -> List[Tuple[Example, Dict[str, float], Tuple[str, ...]]]:
    from bot.crisis import features

    out = []
    for e in test:
        hits = tuple(n for n, h in features.pattern_hits(e.text).items() if h)
        out.append((e, model.scores(e.text), hits))
    return out


def metrics(scored, sure: float, possible: float, patterns_possible: bool = True) -> Dict[str, float]:
    judge = CrisisModel(sure=sure, possible=possible, patterns_at_least_possible=patterns_possible)
    decided = [(e, judge.decide(s, h)) for e, s, h in scored]
    crisis = [(e, a) for e, a in decided if e.label != "none"]
    hard = [a for e, a in decided if e.label == "none" and e.hard]
    ordinary = [a for e, a in decided if e.label == "none" and not e.hard]

    per = {c: [0, 0] for c in CRISIS_LABELS}
    caught = 0
    for e, a in crisis:
        per[e.label][1] += 1
        per[e.label][0] += a.tier == "sure" and a.label == e.label
        caught += a.tier is not None and a.label == e.label or a.tier == "sure"
    n = len(crisis) or 1
    share = lambda items, tier: sum(a.tier == tier for a in items) / (len(items) or 1)  # noqa: E731
    return {"recall": sum(h for h, _ in per.values()) / n,
            **{f"recall_{c}": (per[c][0] / per[c][1] if per[c][1] else float("nan")) for c in CRISIS_LABELS},
            "caught": caught / n, "fa_hard": share(hard, "sure"), "notes_hard": share(hard, "possible"),
            "fa_ordinary": share(ordinary, "sure"), "notes_ordinary": share(ordinary, "possible"),
            "n_crisis": len(crisis), "n_hard": len(hard), "n_ordinary": len(ordinary)}


def patterns_only(test: Sequence[Example]) -> Dict[str, float]:
    from bot.nlu.signals import crisis_need

    crisis = [e for e in test if e.label != "none"]
    hard = [e for e in test if e.label == "none" and e.hard]
    ordinary = [e for e in test if e.label == "none" and not e.hard]
    hit = sum(LABEL_OF_NEED.get(crisis_need(e.text)) == e.label for e in crisis)
    return {"recall": hit / (len(crisis) or 1), "caught": hit / (len(crisis) or 1),
            "fa_hard": sum(crisis_need(e.text) is not None for e in hard) / (len(hard) or 1),
            "fa_ordinary": sum(crisis_need(e.text) is not None for e in ordinary) / (len(ordinary) or 1),
            **{f"recall_{c}": sum(LABEL_OF_NEED.get(crisis_need(e.text)) == c for e in crisis if e.label == c)
               / max(1, sum(e.label == c for e in crisis)) for c in CRISIS_LABELS}, "notes_hard": 0.0}


def run(variant: Dict, corpus: List[Example], nlu: List[Example], writers: Sequence[str]):
    scored = {}
    for w in writers:
        train = [e for e in corpus if e.writer != w] + nlu
        test = [e for e in corpus if e.writer == w]
        t = time.perf_counter()
        model = CrisisModel(**variant).fit(*training_set(train))
        scored[w] = fold_scores(model, test)
        print(f"  fold {w}: trained in {time.perf_counter() - t:.0f} s on {len(train)} messages", file=sys.stderr)
    return scored


def row(name: str, m: Dict[str, float]) -> str:
    return (f"| {name} | {m['recall']:.1%} | {m['recall_112']:.0%} | {m['recall_113']:.0%} | {m['recall_veilig_thuis']:.0%} "
            f"| {m['caught']:.1%} | {m['fa_hard']:.1%} | {m['notes_hard']:.1%} | {m['fa_ordinary']:.1%} |")


HEADER = ("| model | recall (sure tier, right route) | 112 | 113 | Veilig Thuis | caught (at least a safety sentence) "
          "| false alarms, near-misses | safety sentence, near-misses | false alarms, ordinary |\n|---|---|---|---|---|---|---|---|---|")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", action="store_true", help="also compare model variants (slower)")
    args = parser.parse_args()
    corpus, nlu = load_corpus(), nlu_examples()
    writers = sorted({e.writer for e in corpus})
    dutch_writers = [w for w in writers if all(e.lang == "nl" for e in corpus if e.writer == w)]
    variants = {"default": {}}
    if args.variants:
        variants.update({"C=4": {"C": 4.0}, "C=50": {"C": 50.0}, "clause by clause as well": {"by_clause": True},
                         "without patterns in the tiers": {"patterns_at_least_possible": False}})
    results = {}
    for name, v in variants.items():
        print(f"variant {name}", file=sys.stderr)
        results[name] = run(v, corpus, nlu, writers)

    pooled = lambda scored, ws: [x for w in ws for x in scored[w]]  # noqa: E731
    print(f"Leave-one-writer-out on {len(corpus)} corpus messages ({', '.join(writers)}) + {len(nlu)} NLU examples.\n")
    print("Threshold sweep (default model, Dutch writers pooled):\n")
    print("| sure | possible | recall | caught | false alarms, near-misses | safety sentence, near-misses "
          "| safety sentence, ordinary questions |\n|---|---|---|---|---|---|---|")
    base = pooled(results["default"], dutch_writers)
    for s, p in itertools.product(SURE, POSSIBLE):
        if p < s:
            m = metrics(base, s, p)
            print(f"| {s} | {p} | {m['recall']:.1%} | {m['caught']:.1%} | {m['fa_hard']:.1%} | {m['notes_hard']:.1%} "
                  f"| {m['notes_ordinary']:.1%} |")
    cfg = CrisisModel()
    print(f"\nAt the configured thresholds (sure {cfg.sure}, possible {cfg.possible}):\n")
    print(HEADER)
    dutch_test = [e for w in dutch_writers for e in corpus if e.writer == w]
    print(row("patterns only (data/signals/crisis.yml), Dutch writers", patterns_only(dutch_test)))
    for name, scored in results.items():
        print(row(f"{name}, Dutch writers ({', '.join(dutch_writers)})", metrics(pooled(scored, dutch_writers), cfg.sure, cfg.possible)))
        for w in writers:
            if w not in dutch_writers:
                print(row(f"{name}, {w} held out (no training text in its languages)",
                          metrics(scored[w], cfg.sure, cfg.possible)))
    other = [w for w in writers if w not in dutch_writers]
    if other:
        print(row("patterns only, " + ", ".join(other), patterns_only([e for e in corpus if e.writer in other])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
