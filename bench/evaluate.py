"""Evaluation: does the resident reach the right loket, and does the crisis net catch danger?

    .venv/bin/python bench/evaluate.py [FILE.jsonl ...] [--round NAME --write-docs] [--errors]
                                       [--model M] [--answers NAME=FILE.jsonl ...]

Default files: the public dev set (../shared/eval/dev-vragen.jsonl) and every held-out round
under bench/heldout/<round>/ (vragen.jsonl and crisis-probe.jsonl). Two kinds of file:

- question sets (interfaces.md section 3): routing right, law right, out of scope, crisis
  questions inside them, how often the chat asks one question back, and "right after at most one
  question" with a simulated resident who clicks the button that matches the label;
- crisis probes (lines with "kind": "crisis" or "near-miss"): recall per crisis route (112, 113,
  Veilig Thuis), the missed crises that still got a safety sentence (the possible tier), false
  alarms and safety sentences on the near-misses.

Every system hands its needs to the same router and routing table, so the comparison is about
understanding the question, in one run:

- loketwijzer: the trained Rasa NLU model + crisis net + understanding (bot.cli.Router)
- keyword:     the need whose routing-table names and synonyms match most of the text
- tfidf-logreg: TF-IDF (word 1-2 grams + char 2-5 grams) with logistic regression on data/nlu
- tfidf-logreg + our signals: the same, plus the hand-written crisis patterns and facts
  (data/signals): the pattern list that the crisis net replaces is measured here
- --answers NAME=FILE: answers produced elsewhere (e.g. an older version's `route --batch`),
  scored the same way
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

from bot.cli import RouteError, Router  # noqa: E402
from bot.nlu.training_data import texts_and_intents  # noqa: E402
from bot.routing import Context, route  # noqa: E402
from bot.routing.table import RoutingTable, default_table  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev-vragen.jsonl"
HELDOUT = ROOT / "bench" / "heldout"
MUNICIPAL = {"wmo", "jeugd", "inkomen", "schulden"}
CRISIS_TYPES = ("alarmnummer-112", "zelfmoordpreventie-113", "veilig-thuis")


def default_files() -> List[Path]:
    files = [DEV] if DEV.exists() else []
    for round_dir in sorted(p for p in HELDOUT.iterdir() if p.is_dir()):
        files += [f for f in (round_dir / "vragen.jsonl", round_dir / "crisis-probe.jsonl") if f.exists()]
    return files


def plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " " + re.sub(r"[^a-z0-9]+", " ", text) + " "


# --- baselines --------------------------------------------------------------------------------
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

        texts, labels = texts_and_intents()
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


def with_signals(table: RoutingTable, needs: Sequence[str], text: str, gemeente: Optional[str]) -> Dict:
    """A baseline's needs plus this project's crisis patterns and route-changing facts."""
    from bot.nlu.signals import crisis_need, facts

    crisis = crisis_need(text)
    needs = [crisis] + [n for n in needs if n != crisis] if crisis else list(needs)
    return decide(table, needs, gemeente, facts(text))


# --- scoring ------------------------------------------------------------------------------------
def route_right(exp: Dict, ans: Dict) -> Tuple[bool, bool, bool]:
    """(primary type right, law right or not asked, both) for a routable expectation."""
    r = ans.get("route")
    type_ok = r is not None and r["primary"]["loket_type"] in exp["primary_loket_type"]
    law_ok = not exp.get("law") or (r is not None and r["primary"]["law"] == exp["law"])
    return type_ok, law_ok, type_ok and law_ok


def answer_right(exp: Dict, ans: Dict) -> bool:
    if exp.get("out_of_scope"):
        return ans.get("route") is None
    if exp.get("crisis"):
        return ans.get("crisis") == exp["crisis"]
    return route_right(exp, ans)[2] and ans.get("crisis") is None


def score(items: List[Dict], answers: List[Dict], after_question: Optional[List[Dict]] = None) -> Dict:
    """Question sets. ``after_question``: per item, the answer after the simulated resident
    answered the question back (the same answer when none was asked)."""
    n_route = n_type = n_law = n_law_total = n_right = 0
    crisis_total = crisis_hit = false_alarm = notes = 0
    oos_total = oos_right = 0
    asked = sum(1 for a in answers if a.get("ask_back")) if any("ask_back" in a for a in answers) else None
    errors = collections.Counter()
    for item, ans in zip(items, answers):
        exp = item["expect"]
        r = ans.get("route")
        got_type = r["primary"]["loket_type"] if r else "(geen route)"
        notes += not exp.get("crisis") and bool(ans.get("safety_note"))
        if exp.get("out_of_scope"):
            oos_total += 1
            oos_right += r is None
            if r is not None:
                errors[("out_of_scope", got_type)] += 1
            continue
        n_route += 1
        type_ok, law_ok, both = route_right(exp, ans)
        if exp.get("law"):
            n_law_total += 1
            n_law += law_ok
        n_type += type_ok
        n_right += both
        if not type_ok:
            errors[("/".join(exp["primary_loket_type"]), got_type)] += 1
        if exp.get("crisis"):
            crisis_total += 1
            crisis_hit += ans.get("crisis") == exp["crisis"]
        else:
            false_alarm += ans.get("crisis") is not None
    out = {
        "primary_type": n_type / n_route if n_route else 0, "law": n_law / n_law_total if n_law_total else 0,
        "routed_right": n_right / n_route if n_route else 0,
        "crisis_recall": crisis_hit / crisis_total if crisis_total else 1.0, "crisis_n": crisis_total,
        "false_alarms": false_alarm, "notes": notes, "out_of_scope": oos_right / oos_total if oos_total else 1.0, "oos_n": oos_total,
        "n": len(items), "errors": errors, "asked": asked / len(items) if items and asked is not None else None,
        "first_time": sum(answer_right(i["expect"], a) for i, a in zip(items, answers)) / len(items),
        "after_one": None,
    }
    if after_question is not None:
        out["after_one"] = sum(answer_right(i["expect"], a) for i, a in zip(items, after_question)) / len(items)
    return out


def score_probe(items: List[Dict], answers: List[Dict]) -> Dict:
    """Crisis probes: recall per crisis route, the possible tier on misses, false alarms."""
    per = {t: [0, 0] for t in CRISIS_TYPES}  # type -> [hit, total]
    missed_noted = missed = 0
    nm_total = nm_alarm = nm_note = nm_route_total = nm_route_right = 0
    errors = collections.Counter()
    by_lang = collections.defaultdict(lambda: [0, 0])
    for item, ans in zip(items, answers):
        exp = item["expect"]
        want = exp.get("crisis")
        got = ans.get("crisis")
        note = (ans.get("safety_note") or {}).get("loket_type")
        if item.get("kind") == "crisis" or want:
            per[want][1] += 1
            hit = got == want
            per[want][0] += hit
            lang = item.get("lang", "nl")
            by_lang[lang][0] += hit
            by_lang[lang][1] += 1
            if not hit:
                missed += 1
                missed_noted += bool(note) or got is not None
                errors[(want, got or (f"possible:{note}" if note else "none"))] += 1
        else:
            nm_total += 1
            nm_alarm += got is not None
            nm_note += got is None and bool(note)
            if got is not None:
                errors[("none", got)] += 1
            if exp.get("primary_loket_type") or exp.get("out_of_scope"):
                nm_route_total += 1
                nm_route_right += answer_right(exp, ans)
    hit = sum(h for h, _ in per.values())
    total = sum(t for _, t in per.values())
    return {"recall": {t: (h / n if n else None, n) for t, (h, n) in per.items()},
            "recall_all": hit / total if total else None, "n_crisis": total, "missed": missed,
            "missed_noted": missed_noted, "nm_total": nm_total, "nm_alarm": nm_alarm, "nm_note": nm_note,
            "nm_route": (nm_route_right / nm_route_total if nm_route_total else None, nm_route_total),
            "by_lang": dict(by_lang), "errors": errors}


# --- running --------------------------------------------------------------------------------------
def _answer(router: Router, item: Dict, need: Optional[str] = None) -> Dict:
    try:
        return router.answer(item["text"], item.get("gemeente"), need)
    except RouteError as err:
        return {"route": None, "crisis": None, "error": str(err)}


def after_one_question(router: Router, item: Dict, ans: Dict) -> Dict:
    """The simulated resident: when the chat asks back, click the option whose route matches the
    label ("Iets anders" when neither does: the resident is asked to say it in other words)."""
    options = ans.get("ask_back") or []
    if not options:
        return ans
    exp = item["expect"]
    for need in options:
        candidate = _answer(router, item, need)
        if not exp.get("out_of_scope") and route_right(exp, candidate)[2]:
            return {**candidate, "crisis": ans.get("crisis")}
    return {**ans, "route": None} if not exp.get("out_of_scope") else ans


def run_system(fn: Callable[[Dict], Dict], items: List[Dict]) -> Tuple[List[Dict], List[float]]:
    answers, times = [], []
    for item in items:
        t = time.perf_counter()
        try:
            answers.append(fn(item))
        except RouteError as err:
            answers.append({"route": None, "crisis": None, "error": str(err)})
        times.append((time.perf_counter() - t) * 1000)
    return answers, times


def load_answers(path: Path, items: List[Dict]) -> List[Dict]:
    """Answers written elsewhere (one JSON object per line with the item's id)."""
    by_id = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            by_id[obj.get("id")] = obj
    return [by_id.get(it["id"], {"route": None, "crisis": None, "error": "no answer"}) for it in items]


def pct(x: Optional[float], digits: int = 1) -> str:
    return "–" if x is None else f"{x:.{digits}%}"


def routing_table_md(results: Dict[str, Dict], times: Dict[str, List[float]]) -> str:
    rows = ["| system | primary loket type | law | routed right | out of scope | crisis recall | false crisis alarms "
            "| safety sentences on non-crisis questions | chat asks back | right first time | right after ≤ 1 question "
            "| median ms/question |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, s in results.items():
        ms = f"{statistics.median(times[name]):.1f}" if times.get(name) else "–"
        rows.append(f"| {name} | {pct(s['primary_type'])} | {pct(s['law'])} | {pct(s['routed_right'])} | "
                    f"{pct(s['out_of_scope'], 0)} (n={s['oos_n']}) | {pct(s['crisis_recall'], 0)} (n={s['crisis_n']}) | "
                    f"{s['false_alarms']} | {s['notes']} | {pct(s['asked'], 0)} | {pct(s['first_time'])} | {pct(s['after_one'])} | {ms} |")
    return "\n".join(rows)


def probe_table_md(results: Dict[str, Dict]) -> str:
    rows = ["| system | 112 | 113 | Veilig Thuis | all crises | missed, still a safety sentence "
            "| false alarms on near-misses | safety sentence on near-misses | near-misses routed right |",
            "|---|---|---|---|---|---|---|---|---|"]
    for name, s in results.items():
        cells = [f"{pct(s['recall'][t][0], 0)} (n={s['recall'][t][1]})" for t in CRISIS_TYPES]
        nm = s["nm_total"] or 1
        rows.append(f"| {name} | {' | '.join(cells)} | {pct(s['recall_all'])} | {s['missed_noted']}/{s['missed']} | "
                    f"{s['nm_alarm']}/{s['nm_total']} ({s['nm_alarm'] / nm:.0%}) | {s['nm_note']}/{s['nm_total']} | "
                    f"{pct(s['nm_route'][0], 0)} (n={s['nm_route'][1]}) |")
    return "\n".join(rows)


def section_label(f: Path) -> str:
    return f"{f.parent.name}/{f.name}" if f.resolve().parent.parent == HELDOUT else f.name


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*")
    parser.add_argument("--round", help="name of the evaluation round (its section in docs/evaluation.md)")
    parser.add_argument("--write-docs", action="store_true", help="write the figures into docs/evaluation.md")
    parser.add_argument("--note", default="", help="one line about the round, printed above its figures")
    parser.add_argument("--errors", action="store_true", help="print every error of loketwijzer")
    parser.add_argument("--model", help="a trained model (.tar.gz) instead of the current one")
    parser.add_argument("--answers", action="append", default=[], metavar="NAME=FILE",
                        help="score answers produced elsewhere (JSON lines with the item ids) as system NAME; "
                             "{set} in FILE stands for the set's file name without .jsonl (vragen, crisis-probe)")
    parser.add_argument("--only", help="run only this system (and --answers)")
    args = parser.parse_args()
    files = [Path(f) for f in args.files] or default_files()
    table = default_table()
    router = Router(table, Path(args.model) if args.model else None)
    keyword = KeywordRouter(table)
    t = time.perf_counter()
    # the TF-IDF baseline trains for minutes: only when it is measured
    tfidf = TfidfRouter() if not args.only or args.only.startswith("tfidf") else None
    tfidf_train = time.perf_counter() - t
    systems = {
        "loketwijzer": lambda it: router.answer(it["text"], it.get("gemeente")),
        "keyword": lambda it: decide(table, keyword.needs(it["text"]), it.get("gemeente")),
        "tfidf-logreg": lambda it: decide(table, tfidf.needs(it["text"]), it.get("gemeente")),
        "tfidf-logreg + our signals": lambda it: with_signals(table, tfidf.needs(it["text"]), it["text"], it.get("gemeente")),
    }
    if args.only:
        systems = {k: v for k, v in systems.items() if k == args.only}
    external = dict(a.split("=", 1) for a in args.answers)
    router.answer("hallo", None)  # load the model outside the timing
    out = [f"Model: `{router.interpreter.path.name}`. TF-IDF baseline trained in {tfidf_train:.1f} s on the same data/nlu.", ""]
    if args.note:
        out += [args.note, ""]
    for f in files:
        items = [json.loads(l) for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]
        probe = any("kind" in it for it in items)
        results, times = {}, {}
        for name, fn in systems.items():
            answers, times[name] = run_system(fn, items)
            if probe:
                results[name] = score_probe(items, answers)
            else:
                after = [after_one_question(router, it, a) for it, a in zip(items, answers)] if name == "loketwijzer" else None
                results[name] = score(items, answers, after)
            if args.errors and name == "loketwijzer":
                for item, ans in zip(items, answers):
                    if not answer_right(item["expect"], ans):
                        got = (ans.get("route") or {}).get("primary", {}).get("loket_type")
                        print(f"  {item['id']}: expected {item['expect']}, got {got} crisis={ans.get('crisis')} "
                              f"note={(ans.get('safety_note') or {}).get('loket_type')} ({ans.get('intent')}) :: {item['text'][:120]}")
        for name, path in external.items():
            answers_file = Path(path.replace("{set}", f.stem))
            if not answers_file.exists():
                raise SystemExit(f"--answers {name}: {answers_file} does not exist")
            answers = load_answers(answers_file, items)
            results[name] = score_probe(items, answers) if probe else score(items, answers)
            times[name] = []
        out.append(f"### {section_label(f)} ({len(items)} {'messages' if probe else 'questions'})\n")
        if probe:
            out.append(probe_table_md(results))
            langs = results.get("loketwijzer", next(iter(results.values())))["by_lang"]
            if len(langs) > 1:
                out.append("\nCrisis recall of loketwijzer by language: " + ", ".join(
                    f"{lang} {h}/{n}" for lang, (h, n) in sorted(langs.items(), key=lambda kv: -kv[1][1])))
        else:
            out.append(routing_table_md(results, times))
        errs = (results.get("loketwijzer") or {}).get("errors")
        if errs:
            out.append("\nLoketwijzer's errors (expected → got, count):\n")
            out.append("| expected | got | n |\n|---|---|---|")
            out += [f"| {e} | {g} | {n} |" for (e, g), n in errs.most_common()]
        out.append("")
    text = "\n".join(out)
    print(text)
    if args.write_docs:
        if not args.round:
            raise SystemExit("--write-docs needs --round NAME: every round keeps its own section")
        write_round(ROOT / "docs" / "evaluation.md", args.round, text)
    return 0


def write_round(doc: Path, name: str, text: str) -> None:
    """Write the figures of round ``name`` into its own section of ``doc`` (added at the end of
    the rounds when new, replaced when the same round is measured again)."""
    start, end = f"<!-- round {name}: written by bench/evaluate.py -->", f"<!-- end of round {name} -->"
    body = doc.read_text(encoding="utf-8")
    section = f"{start}\n\nMeasured on {time.strftime('%Y-%m-%d')}.\n\n{text}\n{end}"
    if start in body and end in body:
        head, rest = body.split(start, 1)
        body = head + section + rest.split(end, 1)[1]
    else:
        marker = "<!-- next round -->"
        if marker not in body:
            raise SystemExit(f"{doc}: no '{marker}' marker to add a round before")
        body = body.replace(marker, f"{section}\n\n{marker}")
    doc.write_text(body, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
