"""Tuned-on figures in seconds: re-score the contaminated rounds after a change to the understanding.

    .venv/bin/python bench/tuned_rounds.py ROUND_DIR ... [--out answers.jsonl] [--fresh]

Only for rounds that are already measured (contaminated): every figure this prints is "tuned on"
(docs/evaluation.md). Name the rounds one by one; never pass a sealed round (bench/heldout/README.md).

The Rasa parse of each text (need ranking, crisis assessment, clauses) is cached in
build/tuned_rounds/parses-<model>.pkl, so a change to bot/nlu/understand.py, data/signals or the
routing table is re-scored in about 20 s instead of minutes; a new model gets a new cache.
``--probe-out`` writes one line per probe message (expected and given crisis route).
``--out`` writes one line per question (id, right or not, labels, needs, door, law, text) to diff
two versions (``bench/tuned_rounds.py --diff OLD NEW``).
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from evaluate import _answer, answer_right, score, score_probe  # noqa: E402

from bot.cli import Router  # noqa: E402


def load(rounds, name):
    items = []
    for r in rounds:
        f = Path(r) / name
        if f.exists():
            items += [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return items


def cached_router(fresh: bool) -> Router:
    router = Router()
    cache_file = ROOT / "build" / "tuned_rounds" / f"parses-{router.interpreter.path.name}.pkl"
    cache = {} if fresh or not cache_file.exists() else pickle.loads(cache_file.read_bytes())
    parse = router.parse

    def cached(text):
        if text not in cache:
            cache[text] = parse(text)
        return cache[text]

    def save():
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_bytes(pickle.dumps(cache))

    router.parse = cached
    router.save_cache = save
    return router


def diff(old: Path, new: Path) -> None:
    before = {json.loads(line)["id"]: json.loads(line) for line in old.read_text(encoding="utf-8").splitlines()}
    for line in new.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        b = before.get(r["id"])
        if b and (b["ok"] != r["ok"] or b["door"] != r["door"]):
            what = "fixed" if r["ok"] and not b["ok"] else "broke" if b["ok"] and not r["ok"] else "moved"
            print(f"{what:5} {r['id']}: {b['needs']} -> {r['needs']} ({r['door']}) | {r['text'][:140]!r}")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("rounds", nargs="*", help="round folders (contaminated only)")
    p.add_argument("--out", type=Path)
    p.add_argument("--probe-out", type=Path, help="one line per probe message: expected and given crisis route")
    p.add_argument("--fresh", action="store_true", help="parse every text again")
    p.add_argument("--diff", nargs=2, type=Path, metavar=("OLD", "NEW"))
    args = p.parse_args()
    if args.diff:
        diff(*args.diff)
        return 0
    if not args.rounds:
        p.error("name the contaminated round folders to re-score")
    router = cached_router(args.fresh)
    questions, probe = load(args.rounds, "vragen.jsonl"), load(args.rounds, "crisis-probe.jsonl")
    answers = [_answer(router, it) for it in questions]
    probe_answers = [_answer(router, it) for it in probe]
    router.save_cache()
    s = score(questions, answers)
    print(f"{len(questions)} questions (tuned on): loket type {s['primary_type']:.2%}, law {s['law']:.2%}, "
          f"out of scope {s['out_of_scope']:.1%}, crisis routes on help questions {s['false_alarms']}, "
          f"safety sentences {s['notes']}")
    if probe:
        sp = score_probe(probe, probe_answers)
        print(f"{len(probe)} probe messages (tuned on): crisis recall {sp['recall_all']:.2%}, missed {sp['missed']} "
              f"(with a safety sentence {sp['missed_noted']}), false alarms {sp['nm_alarm']} of {sp['nm_total']}")
    if args.out:
        with args.out.open("w", encoding="utf-8") as f:
            for it, a in zip(questions, answers):
                primary = (a.get("route") or {}).get("primary") or {}
                f.write(json.dumps({"id": it["id"], "ok": answer_right(it["expect"], a), "labels": it.get("needs"),
                                    "needs": a.get("needs"), "door": a.get("crisis") or primary.get("loket_type"),
                                    "law": primary.get("law"), "text": it["text"]}, ensure_ascii=False) + "\n")
    if args.probe_out:
        with args.probe_out.open("w", encoding="utf-8") as f:
            for it, a in zip(probe, probe_answers):
                want, got = it["expect"].get("crisis"), a.get("crisis")
                note = (a.get("safety_note") or {}).get("loket_type")
                f.write(json.dumps({"id": it["id"], "ok": want == got, "want": want, "got": got, "note": note,
                                    "category": it.get("category"), "text": it["text"]}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
