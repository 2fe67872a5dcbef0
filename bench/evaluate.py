"""Routing evaluation: Loketwijzer against two baselines a user might otherwise build.

    .venv/bin/python bench/evaluate.py [FILE.jsonl ...] [--write-docs] [--errors] [--model M]

Default files: ../shared/eval/dev-vragen.jsonl (public dev set) and bench/heldout/vragen.jsonl
(a set written independently of the training data). All systems hand their needs to the
same router and routing table, so the comparison is about understanding the question:

- loketwijzer: the trained Rasa NLU model + crisis signals + understanding (bot.cli.Router)
- keyword:     a keyword router over the routing table's need names and synonyms
- tfidf-logreg: TF-IDF (word 1-2 grams + char 2-5 grams) with logistic regression, trained on
               the same data/nlu training data
- tfidf-logreg + our signals: the same, plus this project's crisis signals and route-changing
               facts (data/signals), to separate the classifier's share from the signals' share

Metrics (shared/contract/interfaces.md section 3): primary loket type right, law right where
given, routed right (both), crisis recall, false crisis alarms, out-of-scope right, latency.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import yaml  # noqa: E402

from bot.cli import RouteError, Router  # noqa: E402
from bot.routing import Context, route  # noqa: E402
from bot.routing.table import RoutingTable, default_table  # noqa: E402

DEFAULT_FILES = [ROOT.parent / "shared" / "eval" / "dev-vragen.jsonl", ROOT / "bench" / "heldout" / "vragen.jsonl"]
MUNICIPAL = {"wmo", "jeugd", "inkomen", "schulden"}


def plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " " + re.sub(r"[^a-z0-9]+", " ", text) + " "


def training_data() -> Tuple[List[str], List[str]]:
    texts, labels = [], []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if "intent" in block:
                for line in block["examples"].splitlines():
                    if line.startswith("- "):
                        texts.append(line[2:].strip())
                        labels.append(block["intent"])
    return texts, labels


class KeywordRouter:
    """Counts the need names' and synonyms' words in the text; the best need wins."""

    def __init__(self, table: RoutingTable):
        self.table = table
        self.terms = {code: [plain(t).strip() for t in (list(n.synoniemen) + [n.naam.lower()]) if t.strip()]
                      for code, n in table.needs.items()}

    def needs(self, text: str) -> List[str]:
        t = plain(text)
        scores = {}
        for code, terms in self.terms.items():
            score = sum(len(term) for term in terms if f" {term} " in t)
            if score:
                scores[code] = score
        ranked = sorted(scores, key=scores.get, reverse=True)
        crisis = [c for c in ranked if self.table.needs[c].crisis]
        if crisis:
            return crisis[:1] + [c for c in ranked if c not in crisis][:1]
        if len(ranked) >= 2:
            d1, d2 = self.table.needs[ranked[0]].domein, self.table.needs[ranked[1]].domein
            if d1 in MUNICIPAL and d2 in MUNICIPAL and d1 != d2:
                return ranked[:2]
        return ranked[:1]


class TfidfRouter:
    def __init__(self):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, make_pipeline

        texts, labels = training_data()
        self.model = make_pipeline(
            FeatureUnion([("w", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                          ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True))]),
            LogisticRegression(max_iter=2000, C=10))
        self.model.fit(texts, labels)

    def needs(self, text: str) -> List[str]:
        label = self.model.predict([text])[0]
        return [label[5:]] if label.startswith("need_") else []


def decide(table: RoutingTable, needs: Sequence[str], gemeente: Optional[str], context: Context = Context()) -> Dict:
    info = None
    if gemeente:
        found = table.matcher.resolve(gemeente)
        info = table.gemeenten.get(getattr(found, "code", None))
    if not needs:
        return {"route": None, "crisis": None}
    r = route(list(needs), info, context, table)
    return {"route": {"primary": {"loket_type": r.primary.loket_type, "law": r.primary.law}}, "crisis": r.crisis}


def score(items: List[Dict], answers: List[Dict]) -> Dict:
    n_route = n_type = n_law = n_law_total = n_right = 0
    crisis_total = crisis_hit = false_alarm = non_crisis = 0
    oos_total = oos_right = 0
    # how often the chat would ask a clarifying question instead of answering (systems with an intent)
    unsure = (sum((ans.get("intent") or {}).get("name") == "nlu_fallback" for ans in answers)
              if any("intent" in ans for ans in answers) else None)
    errors = collections.Counter()
    for item, ans in zip(items, answers):
        exp = item["expect"]
        r = ans.get("route")
        got_type = r["primary"]["loket_type"] if r else "(geen route)"
        if exp.get("out_of_scope"):
            oos_total += 1
            oos_right += r is None
            if r is not None:
                errors[("out_of_scope", got_type)] += 1
            continue
        n_route += 1
        type_ok = r is not None and got_type in exp["primary_loket_type"]
        law_ok = True
        if exp.get("law"):
            n_law_total += 1
            law_ok = r is not None and r["primary"]["law"] == exp["law"]
            n_law += law_ok
        n_type += type_ok
        n_right += type_ok and law_ok
        if not type_ok:
            errors[("/".join(exp["primary_loket_type"]), got_type)] += 1
        if exp.get("crisis"):
            crisis_total += 1
            crisis_hit += ans.get("crisis") == exp["crisis"]
        else:
            non_crisis += 1
            false_alarm += ans.get("crisis") is not None
    return {
        "primary_type": n_type / n_route if n_route else 0, "law": n_law / n_law_total if n_law_total else 0,
        "routed_right": n_right / n_route if n_route else 0,
        "crisis_recall": crisis_hit / crisis_total if crisis_total else 1.0, "crisis_n": crisis_total,
        "false_alarms": false_alarm, "out_of_scope": oos_right / oos_total if oos_total else 1.0, "oos_n": oos_total,
        "n": len(items), "errors": errors, "unsure": unsure / len(items) if items and unsure is not None else None,
    }


def with_signals(table: RoutingTable, needs: Sequence[str], text: str, gemeente: Optional[str]) -> Dict:
    """A baseline's needs plus this project's crisis signals and route-changing facts, to show how
    much of the difference is the classifier and how much the signals."""
    from bot.nlu.signals import crisis_need, facts

    crisis = crisis_need(text)
    needs = [crisis] + [n for n in needs if n != crisis] if crisis else list(needs)
    return decide(table, needs, gemeente, facts(text))


def multi_need_table(router: Router, items: List[Dict]) -> str:
    """How a second need is found, compared on the same parses: none, the classifier's runner-up,
    the routing table's synonyms, or both (bot/nlu/understand.py)."""
    multi = [i for i in items if i["expect"].get("primary_loket_type") == ["sociaal-wijkteam"]]
    rows = ["| second need from | primary loket type, all | several domains → sociaal wijkteam | sent to the wijkteam wrongly |",
            "|---|---|---|---|"]
    keep = router.reader.strategy
    for strategy in ("none", "ranking", "lexicon", "ranking+lexicon"):
        router.reader.strategy = strategy
        answers = [_answer(router, it) for it in items]
        s = score(items, answers)
        hit = sum(1 for it, a in zip(items, answers) if it in multi and a.get("route")
                  and a["route"]["primary"]["loket_type"] == "sociaal-wijkteam")
        wrong = sum(1 for it, a in zip(items, answers) if a.get("route")
                    and a["route"]["primary"]["loket_type"] == "sociaal-wijkteam"
                    and "sociaal-wijkteam" not in (it["expect"].get("primary_loket_type") or []))
        rows.append(f"| {strategy}{' (chosen)' if strategy == keep else ''} | {s['primary_type']:.1%} | "
                    f"{hit}/{len(multi)} | {wrong} |")
    router.reader.strategy = keep
    return "\n".join(rows)


def _answer(router: Router, item: Dict) -> Dict:
    try:
        return router.answer(item["text"], item.get("gemeente"))
    except RouteError as err:
        return {"route": None, "crisis": None, "error": str(err)}


def run_system(name: str, fn: Callable[[Dict], Dict], items: List[Dict]) -> Tuple[Dict, List[float], List[Dict]]:
    answers, times = [], []
    for item in items:
        t = time.perf_counter()
        try:
            answers.append(fn(item))
        except RouteError as err:
            answers.append({"route": None, "crisis": None, "error": str(err)})
        times.append((time.perf_counter() - t) * 1000)
    return score(items, answers), times, answers


def table_md(results: Dict[str, Dict], times: Dict[str, List[float]]) -> str:
    rows = ["| system | primary loket type | law | routed right | crisis recall | false crisis alarms | out of scope | chat asks back | median ms/question |",
            "|---|---|---|---|---|---|---|---|---|"]
    for name, s in results.items():
        rows.append(f"| {name} | {s['primary_type']:.1%} | {s['law']:.1%} | {s['routed_right']:.1%} | "
                    f"{s['crisis_recall']:.0%} (n={s['crisis_n']}) | {s['false_alarms']} | {s['out_of_scope']:.0%} (n={s['oos_n']}) | "
                    f"{'–' if s['unsure'] is None else format(s['unsure'], '.0%')} | {statistics.median(times[name]):.1f} |")
    return "\n".join(rows)


START, END = "<!-- figures: written by bench/evaluate.py --write-docs -->", "<!-- end of figures -->"


def write_figures(doc: Path, text: str) -> None:
    """Replace the figures between the markers in ``doc``; the prose around them stays."""
    body = doc.read_text(encoding="utf-8")
    if START not in body or END not in body:
        raise SystemExit(f"{doc}: the markers for the figures are missing ({START} ... {END})")
    head, rest = body.split(START, 1)
    tail = rest.split(END, 1)[1]
    doc.write_text(f"{head}{START}\n\nMeasured on {time.strftime('%Y-%m-%d')}.\n\n{text}\n{END}{tail}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*")
    parser.add_argument("--write-docs", action="store_true", help="write the figures into docs/evaluation.md")
    parser.add_argument("--errors", action="store_true", help="print every error of loketwijzer")
    parser.add_argument("--model", help="a trained model (.tar.gz) instead of the current one")
    args = parser.parse_args()
    files = [Path(f) for f in args.files] or [f for f in DEFAULT_FILES if f.exists()]
    table = default_table()
    router = Router(table, Path(args.model) if args.model else None)
    keyword = KeywordRouter(table)
    t = time.perf_counter()
    tfidf = TfidfRouter()
    tfidf_train = time.perf_counter() - t
    systems = {
        "loketwijzer": lambda it: router.answer(it["text"], it.get("gemeente")),
        "keyword": lambda it: decide(table, keyword.needs(it["text"]), it.get("gemeente")),
        "tfidf-logreg": lambda it: decide(table, tfidf.needs(it["text"]), it.get("gemeente")),
        "tfidf-logreg + our signals": lambda it: with_signals(table, tfidf.needs(it["text"]), it["text"], it.get("gemeente")),
    }
    router.answer("hallo", None)  # load the model outside the timing
    out = [f"Model: `{router.interpreter.path.name}`. TF-IDF baseline trained in {tfidf_train:.1f} s on the same data/nlu.", ""]
    for f in files:
        items = [json.loads(l) for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]
        results, times = {}, {}
        for name, fn in systems.items():
            results[name], times[name], answers = run_system(name, fn, items)
            if args.errors and name == "loketwijzer":
                for item, ans in zip(items, answers):
                    exp = item["expect"]
                    got = (ans.get("route") or {}).get("primary", {}).get("loket_type")
                    ok = (got is None) if exp.get("out_of_scope") else (got in exp.get("primary_loket_type", []))
                    if not ok:
                        print(f"  {item['id']}: expected {exp}, got {got} ({ans.get('intent')}) :: {item['text'][:100]}")
        label = f.name if f.parent.name != "heldout" else "heldout/" + f.name
        out.append(f"### {label} ({len(items)} questions)\n")
        out.append(table_md(results, times))
        out.append("\nSeveral needs in one message: how the second need is found (loketwijzer, same model):\n")
        out.append(multi_need_table(router, items))
        errs = results["loketwijzer"]["errors"]
        if errs:
            out.append("\nLoketwijzer's errors (expected → got, count):\n")
            out.append("| expected | got | n |\n|---|---|---|")
            out += [f"| {e} | {g} | {n} |" for (e, g), n in errs.most_common()]
        out.append("")
    text = "\n".join(out)
    print(text)
    if args.write_docs:
        write_figures(ROOT / "docs" / "evaluation.md", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
