"""Conversation figures on the replay scenarios (issue 11): words in the first answer, turns to
the right door, follow-up questions answered. Starts its own servers; figures go to
docs/conversation.md by hand, with the date.

    .venv/bin/python bench/conversation.py [SCENARIO.yml ...]     (default: tests/scenarios/*.yml)
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.paths import ROOT  # noqa: E402
from bot.replay.runner import play, started_assistant  # noqa: E402
from bot.replay.scenario import load  # noqa: E402
from bot.routing import default_table  # noqa: E402

HANDOVER = {"handoff", "consent_asked", "summary_mentions"}


def turns_to_right_door(result, expect):
    want = expect.get("primary_loket_type")
    if want is None:
        return None
    want = want if isinstance(want, list) else [want]
    for d in result["decisions"]:
        if d["primary_loket_type"] in want:
            return d["turn"]
    return float("inf")


def main(argv):
    paths = [Path(p) for p in argv] or sorted((ROOT / "tests" / "scenarios").glob("*.yml"))
    scenarios = [load(p) for p in paths]
    table = default_table()
    with started_assistant() as assistant:
        results = [(s, play(s, assistant, table)) for s in scenarios]
    words = [r["measures"]["first_answer_words"] for _, r in results if r["measures"]["first_answer_words"] is not None]
    doors = [turns_to_right_door(r, s.expect) for s, r in results]
    doors = [d for d in doors if d is not None]
    reached = [d for d in doors if d != float("inf")]
    fu = sum(r["measures"]["followup_turns"] for _, r in results)
    answered = sum(r["measures"]["followups_answered"] for _, r in results)
    passed = [s.id for s, r in results if all(c["passed"] or c["check"] in HANDOVER for c in r["checks"])]
    print(f"scenarios: {len(results)}; all checks pass (handover checks aside): {len(passed)}")
    longest = max(((r["measures"]["first_answer_words"] or 0, s.id) for s, r in results))
    print(f"words in the first answer: median {statistics.median(words):.0f}, max {max(words)} (n={len(words)}; "
          f"longest: {longest[1]})")
    print(f"right door reached: {len(reached)}/{len(doors)}; turns to it: median {statistics.median(reached):.0f}, "
          f"max {max(reached)}" if reached else "right door never reached")
    print(f"follow-up turns answered (not the same answer, not 'cannot help', not 'do not understand'): {answered}/{fu}")
    for s, r in results:
        bad = [f"{c['check']}: {c['detail']}" for c in r["checks"] if not c["passed"] and c["check"] not in HANDOVER]
        if bad:
            print(f"  FAIL {s.id}: " + " | ".join(bad))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
