"""The Rasa domain, rules and NLU data stay in step with the routing table's needs, and no
evaluation question leaks into the training data."""
from __future__ import annotations

import json
import re
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import pytest
import yaml

from bot.paths import ROOT

NEEDS = yaml.safe_load((ROOT / "data/routing/needs.yml").read_text())["needs"]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
CONVERSATION_INTENTS = {"greet", "goodbye", "affirm", "deny", "thanks", "bot_capabilities", "ask_human",
                        "inform_gemeente", "out_of_scope"}
EVAL_DIR = ROOT.parent / "shared" / "eval"


def nlu_examples():
    out = Counter()
    texts = {}
    for path in sorted((ROOT / "data/nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            if "intent" in block:
                lines = [l[2:].strip() for l in block["examples"].splitlines() if l.startswith("- ")]
                out[block["intent"]] += len(lines)
                texts.setdefault(block["intent"], []).extend(lines)
    return out, texts


NLU_SIDE_MISSING = pytest.mark.xfail(
    strict=True,
    reason="issue 10 added need 'verward_gedrag' on the routing side; the NLU side is still missing: intent "
           "need_verward_gedrag in domain.yml (intents), in the `or` list of data/rules/routing.yml, >= 25 examples "
           "in data/nlu, and data/nlu/lookups.yml regenerated with `python -m bot.tools.gen_lookups` (then retrain). "
           "Remove this marker when that is done.")


@NLU_SIDE_MISSING
def test_domain_has_one_intent_per_need():
    need_intents = {f"need_{c}" for c in NEEDS}
    assert set(DOMAIN["intents"]) == need_intents | CONVERSATION_INTENTS


@NLU_SIDE_MISSING
def test_routing_rule_lists_every_need_intent():
    rules = yaml.safe_load((ROOT / "data/rules/routing.yml").read_text())["rules"]
    first = rules[0]["steps"][0]["or"]
    assert {step["intent"] for step in first} == {f"need_{c}" for c in NEEDS}


def test_every_intent_has_at_least_25_examples():
    counts, _ = nlu_examples()
    for intent in DOMAIN["intents"]:
        assert counts[intent] >= 25, (intent, counts[intent])


def _norm(text):
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


@pytest.mark.skipif(not EVAL_DIR.exists(), reason="shared/eval not present")
def test_no_evaluation_question_in_training_data():
    evals = [_norm(json.loads(l)["text"]) for f in EVAL_DIR.glob("*.jsonl") for l in f.read_text().splitlines() if l.strip()]
    for f in (EVAL_DIR / "scenarios").glob("*.yml"):
        evals += [_norm(t) for t in yaml.safe_load(f.read_text()).get("turns", []) if len(t) > 25]
    _, texts = nlu_examples()
    train = [_norm(t) for ts in texts.values() for t in ts if len(t) > 25]
    by_len = sorted(train, key=len)
    for e in evals:
        for t in by_len:
            if abs(len(t) - len(e)) < 0.3 * len(e):
                sm = SequenceMatcher(None, e, t)
                assert sm.quick_ratio() < 0.8 or sm.ratio() < 0.8, (e, t)


@NLU_SIDE_MISSING
def test_lookup_tables_match_the_routing_synonyms():
    from bot.tools.gen_lookups import TARGET, render

    assert TARGET.read_text(encoding="utf-8") == render(), "run: python -m bot.tools.gen_lookups"
