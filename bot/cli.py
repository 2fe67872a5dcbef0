"""The stable command line (docs/contract/interfaces.md).

    python -m bot route --gemeente "Dordrecht" "Ik heb geen inkomen meer ..."
    python -m bot route --gemeente "Dordrecht" --json "..."
    python -m bot route --gemeente GM0505 --need bijstand
    python -m bot route --batch vragen.jsonl
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, TextIO

from bot.crisis.model import LOKET_OF_NEED
from bot.dialogue.replies import contact_text, route_json
from bot.incoming_text import clean
from bot.routing import Context, Route, route
from bot.routing.gemeenten import Ambiguous, Match, Unknown
from bot.routing.table import RoutingTable, default_table

EXIT_USAGE = 2


class RouteError(Exception):
    """A question that cannot be routed (unknown gemeente, empty text); the message is for people."""


MAX_GEMEENTE_CHARS = 100  # the longest municipality name has 30 characters


def shown(text: str, limit: int = 60) -> str:
    """``text`` as an error message or the readable answer quotes it: at most ``limit`` characters."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} tekens)"


def _gemeente(table: RoutingTable, name: Optional[str]):
    name = clean(name).strip()
    if not name:
        return None, None
    found = table.matcher.resolve(name[:MAX_GEMEENTE_CHARS])
    if isinstance(found, Unknown) or len(name) > MAX_GEMEENTE_CHARS:
        hint = f" Bedoelt u: {', '.join(found.suggestions)}?" if getattr(found, "suggestions", None) else ""
        raise RouteError(f"Onbekende gemeente: '{shown(name)}'.{hint}")
    return found, table.gemeenten[found.code] if isinstance(found, Match) else None


class Router:
    """The whole chain in one process: NLU model (loaded on first text) + routing table."""

    def __init__(self, table: Optional[RoutingTable] = None, model: Optional[Path] = None,
                 use_server: bool = False):
        self.table = table or default_table()
        self.model = model
        # the command line asks a running assistant first (bot/nlu/remote.py); evaluations and
        # tests read with the model they name, never with whatever server happens to run
        self.use_server = use_server and model is None
        self._interpreter = None
        from bot.nlu.understand import NeedReader

        self.reader = NeedReader(self.table)

    @property
    def interpreter(self):
        if self._interpreter is None and self.use_server:
            from bot.nlu.remote import RemoteInterpreter

            self._interpreter = RemoteInterpreter.find()
        if self._interpreter is None:
            from bot.nlu.interpreter import Interpreter

            self._interpreter = Interpreter(self.model)
        return self._interpreter

    def parse(self, text: str) -> Dict[str, Any]:
        from bot.nlu.remote import ServerError

        try:
            return self.interpreter.parse(text)
        except ServerError as err:  # the server stopped between two questions: read it here
            print(f"NOTE: {err}; loading the model here instead.", file=sys.stderr)
            self.use_server, self._interpreter = False, None
            return self.interpreter.parse(text)

    def answer(self, text: Optional[str], gemeente: Optional[str], need: Optional[str] = None,
               datum: Optional[dt.date] = None) -> Dict[str, Any]:
        from bot.nlu.signals import facts
        from bot.nlu.understand import best_guess

        # from a terminal, a file or a web form: no lone surrogates (bytes that were not UTF-8),
        # no control characters or colour codes (bot/incoming_text.py)
        text = clean(text) if text is not None else None
        found, info = _gemeente(self.table, gemeente)
        if need:
            if need not in self.table.needs:
                raise RouteError(f"Onbekende need-code: '{shown(clean(need))}'. Kies uit: {', '.join(self.table.needs)}")
            intent, needs, crisis_ctx = {"name": f"need_{need}", "confidence": 1.0}, (need,), facts(text or "")
            safety, language, ask_back = None, "nl", None
        else:
            if not text or not text.strip():
                raise RouteError("Lege vraag: typ de vraag van de inwoner.")
            parse = self.parse(text)
            u = self.reader.read(parse)
            needs = best_guess(u, parse, self.reader)
            intent = {"name": u.intent, "confidence": round(u.confidence, 4)}
            crisis_ctx = u.facts
            safety = u.safety
            language = u.language
            # what the chat would do instead of guessing: one question with the two needs as buttons
            ask_back = list(u.candidates) if u.uncertain and not u.unreadable and len(u.candidates) == 2 else None
        from bot.routing.router import NoRuleOnDate

        try:
            decision: Optional[Route] = route(needs, info, crisis_ctx, self.table, datum) if needs else None
        except NoRuleOnDate as err:
            raise RouteError(f"Geen regel geldig op die datum: {err}") from None
        out: Dict[str, Any] = {
            "text": text or "",
            "gemeente": {"code": info.code, "naam": info.naam} if info else None,
        }
        if isinstance(found, Ambiguous):
            out["gemeente_candidates"] = [{"code": c.code, "naam": c.naam} for c in found.candidates]
        out.update({
            "intent": intent,
            "needs": list(decision.needs) if decision else [],
            "crisis": decision.crisis if decision else None,
            "crisis_tier": "sure" if decision and decision.crisis else ("possible" if safety else None),
            "safety_note": self._safety_note(safety) if safety and not (decision and decision.crisis) else None,
            "urgent": decision.urgent if decision else False,
            "route": route_json(decision),
            "language": language,
            "ask_back": ask_back,
        })
        if language != "nl":
            from bot.dialogue.languages import reply

            crisis_type = decision.crisis if decision and decision.crisis else (
                LOKET_OF_NEED[safety] if safety else None)
            out["language_reply"] = reply(self.table, language, crisis_type)
        if decision:
            out["waarom"] = decision.waarom
            out["bron"] = decision.bron
        return out


    def _safety_note(self, need: str) -> Dict[str, str]:
        from bot.dialogue.replies import safety_note

        return safety_note(self.table, LOKET_OF_NEED[need])


def readable(result: Dict[str, Any]) -> str:
    lines: List[str] = []
    g = result.get("gemeente")
    if g:
        lines.append(f"Gemeente:   {g['naam']} ({g['code']})")
    elif result.get("gemeente_candidates"):
        names = ", ".join(f"{c['naam']} ({c['code']})" for c in result["gemeente_candidates"])
        lines.append(f"Gemeente:   nog niet zeker; kies uit {names}")
    lines.append(f"Vraag:      {shown(result['text'], 300)}")
    lines.append(f"Herkend:    {result['intent']['name']} ({result['intent']['confidence']:.2f})")
    r = result.get("route")
    note = result.get("safety_note")
    if note:
        lines.append(f"Let op:     mogelijk crisis ({note['loket_type']}). Zeg ook: {note['text']}")
    if result.get("ask_back"):
        lines.append(f"Twijfel:    de chat vraagt eerst: gaat het om {' of '.join(result['ask_back'])}? "
                     "Hieronder de beste gok.")
    if not r:
        lines.append("Geen hulpvraag herkend: de assistent zegt waarmee hij kan helpen.")
        return "\n".join(lines)
    p = r["primary"]
    flags = " ".join(x for x in ("CRISIS" if result.get("crisis") else "", "DRINGEND" if result.get("urgent") else "") if x)
    lines.append(f"Needs:      {', '.join(result['needs'])}{'   ' + flags if flags else ''}")
    lines.append(f"Eerste loket: {p['naam']}   [{p['loket_type']}, {p['law']}]")
    lines.append(f"  Waarom:   {p['waarom']}")
    if p.get("volgende_stap"):
        lines.append(f"  Doen:     {p['volgende_stap']}")
    contact = p.get("contact") or {}
    if contact:
        from bot.routing.router import Contact

        lines.append(f"  Contact:  {contact_text(Contact(**contact))}" + ("  (algemeen contact)" if p.get("algemeen_contact") else ""))
    if p.get("kosten"):
        lines.append(f"  Kosten:   {p['kosten']}")
    if p.get("meenemen"):
        lines.append(f"  Meenemen: {'; '.join(p['meenemen'])}")
    if r["also"]:
        lines.append("Ook:")
        for s in r["also"]:
            lines.append(f"  - {s['naam']}   [{s['loket_type']}]: {s['waarom']}")
    lines.append(f"Bron:       {p['bron']} (peildatum {r['peildatum']}; regels van {r.get('datum')})")
    return "\n".join(lines)


def parse_datum(value: Optional[str]) -> Optional[dt.date]:
    """--datum YYYY-MM-DD; a clear message for anything else."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise RouteError(f"Ongeldige datum: '{value}'. Gebruik JJJJ-MM-DD, bijvoorbeeld 2027-01-01.") from None


def run_batch(router: Router, infile: TextIO, out: TextIO, datum: Optional[dt.date] = None) -> int:
    for n, line in enumerate(infile, 1):
        if not line.strip():
            continue
        item = None
        try:
            try:
                item = json.loads(line)
            except ValueError as err:
                raise ValueError(f"geen geldige JSON ({err})") from None
            if not isinstance(item, dict):
                raise ValueError('verwacht een JSON-object, zoals {"text": "...", "gemeente": "..."}')
            for key in ("text", "gemeente", "need"):
                if item.get(key) is not None and not isinstance(item[key], str):
                    raise ValueError(f"'{key}' moet tekst zijn")
            result = router.answer(item.get("text"), item.get("gemeente"), item.get("need"), datum)
            if "id" in item:
                result = {"id": item["id"], **result}
        except (RouteError, ValueError) as err:
            result = {"line": n, "error": str(err)}
            if isinstance(item, dict) and "id" in item:
                result["id"] = item["id"]
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return 0


def replay(paths: Sequence[str], as_json: bool = False, html_path: Optional[str] = None) -> int:
    """``python -m bot replay``: 0 when every expectation holds, 1 when one fails, 2 on a
    malformed file (every file is checked before the assistant is started)."""
    from bot.replay import report
    from bot.replay.runner import play, started_assistant
    from bot.replay.scenario import ScenarioError, load

    try:
        scenarios = [load(Path(p)) for p in paths]
    except ScenarioError as err:
        print(f"ERROR: {err}", file=sys.stderr)
        return EXIT_USAGE
    if html_path and not (Path(html_path).parent.is_dir() and not Path(html_path).is_dir()):
        print(f"ERROR: cannot write the report {html_path}: no such folder, or it is a folder", file=sys.stderr)
        return EXIT_USAGE
    table = default_table()
    try:
        with started_assistant() as assistant:
            results = [play(s, assistant, table) for s in scenarios]
    except SystemExit as err:  # the servers did not start (message from bot.tools.serve)
        print(err, file=sys.stderr)
        return 1
    for result in results:
        print(json.dumps(result, ensure_ascii=False) if as_json else report.text(result) + "\n")
    if html_path:
        try:
            Path(html_path).write_text(report.page(results), encoding="utf-8")
        except OSError as err:
            print(f"ERROR: cannot write the report {html_path}: {err.strerror}", file=sys.stderr)
            return EXIT_USAGE
    return 0 if all(r["passed"] for r in results) else 1


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Loketwijzer: de juiste deur voor een hulpvraag.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("route", help="route one question (or a batch) to the right loket")
    p.add_argument("text", nargs="?", help="the resident's question, in their own words")
    p.add_argument("--gemeente", help="name, old name, village or CBS code (GM0505)")
    p.add_argument("--need", help="route a need code directly, without the language model")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--batch", metavar="FILE.jsonl", help='one {"text": ..., "gemeente": ...} per line; JSON lines out')
    p.add_argument("--datum", metavar="JJJJ-MM-DD",
                   help="route with the rules, costs and contacts valid on this date (default: today), e.g. 2027-01-01")
    r = sub.add_parser("replay", help="play complaint scenarios (YAML) against the assistant and check them")
    r.add_argument("scenarios", nargs="+", metavar="SCENARIO.yml")
    r.add_argument("--json", action="store_true", help="one JSON object per scenario")
    r.add_argument("--html", metavar="REPORT.html", help="also write a report a non-programmer can read")
    args = parser.parse_args(argv)
    if args.command == "replay":
        return replay(args.scenarios, as_json=args.json, html_path=args.html)
    try:
        datum = parse_datum(args.datum)
    except RouteError as err:
        print(f"ERROR: {err}", file=sys.stderr)
        return EXIT_USAGE

    try:
        router = Router(use_server=True)
    except Exception as err:  # the routing table could not be loaded
        print(f"ERROR: the routing table could not be loaded: {err}", file=sys.stderr)
        return 1
    if args.batch:
        try:
            with (sys.stdin if args.batch == "-" else open(args.batch, encoding="utf-8", errors="replace")) as f:
                return run_batch(router, f, sys.stdout, datum)
        except OSError as err:
            print(f"ERROR: cannot read {args.batch}: {err.strerror}", file=sys.stderr)
            return EXIT_USAGE
    if not args.text and not args.need:
        parser.error("give the question as text, or --need CODE, or --batch FILE")
    try:
        result = router.answer(args.text, args.gemeente, args.need, datum)
    except RouteError as err:
        print(f"ERROR: {err}", file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else readable(result))
    return 0
