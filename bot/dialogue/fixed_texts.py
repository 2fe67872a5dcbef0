"""Every fixed text a resident can read, gathered in one place so it can be held to plain Dutch
(bot/dialogue/plain_language.py, tests/test_plain_language.py).

Three sources, as the resident meets them:

- the responses in ``domain.yml``;
- the sentences written in the code that talks to residents (the dialogue and handover modules and
  the actions): every string literal of at least four words with a Dutch function word in it,
  f-strings with their blanks filled by a short word, docstrings and comments left out;
- the answers composed from the routing table: for every need, in one municipality, the first
  answer, the full answer, the simpler answer and the answer to every follow-up question;
- the chat widget's own labels and notices (the ``TEXT`` object of bot/web/static/loketwijzer.js)
  and the sentences of the demo page a resident sees around it.
"""
from __future__ import annotations

import ast
import functools
import re
from pathlib import Path
from typing import Iterator, List, Tuple

import yaml

from bot.paths import ROOT

CODE = ["bot/dialogue/turns.py", "bot/dialogue/replies.py", "bot/dialogue/followups.py",
        "bot/handover/dialogue.py", "bot/handover/summary.py", "actions/actions.py", "actions/handover.py",
        "bot/production/outage.py"]
SAMPLE_GEMEENTE = "Utrecht"
_DUTCH = re.compile(r"\b(u|uw|de|het|een|ik|je|niet|wat|kunt|wilt|dan|dat|is|en)\b", re.IGNORECASE)


def domain_texts(path: Path = ROOT / "domain.yml") -> Iterator[Tuple[str, str]]:
    domain = yaml.safe_load(path.read_text(encoding="utf-8"))
    for name, variants in (domain.get("responses") or {}).items():
        for v in variants:
            if v.get("text"):
                yield f"domain.yml {name}", v["text"]


def _literal(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else SAMPLE_GEMEENTE for v in node.values)
    return ""


def code_texts(files: List[str] = CODE) -> Iterator[Tuple[str, str]]:
    for rel in files:
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                      and n.body and isinstance(n.body[0], ast.Expr)}
        inner = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
        for node in ast.walk(tree):
            if id(node) in docstrings or id(node) in inner:
                continue
            text = re.sub(r"\{\w+\}", SAMPLE_GEMEENTE, _literal(node))
            if len(text.split()) >= 4 and _DUTCH.search(text) and not re.search(r"[\\^$|]|\(\?", text):
                yield f"{rel}:{node.lineno}", " ".join(text.split())


@functools.lru_cache(maxsize=1)
def _sample_routes() -> Tuple[Tuple[str, object], ...]:
    """(need, route) for every need of the routing table, in the sample gemeente."""
    from bot.routing import Context, route
    from bot.routing.table import default_table

    table = default_table()
    info = table.gemeenten.get(table.matcher.resolve(SAMPLE_GEMEENTE).code)
    return tuple((need, route([need], info, Context(), table)) for need in sorted(table.needs))


def routing_texts() -> Iterator[Tuple[str, str]]:
    from bot.dialogue import followups
    from bot.dialogue.replies import route_json, route_messages

    for need, r in _sample_routes():
        rj = route_json(r)
        for m in route_messages(r):
            yield f"route {need}", m
        if r.crisis:
            continue
        for m in followups.short_answer(rj):
            yield f"first answer {need}", m
        for m in followups.simpler(rj, SAMPLE_GEMEENTE):
            yield f"simpler {need}", m
        for intent in followups.INTENTS:
            for m in followups.answer(intent, rj, SAMPLE_GEMEENTE):
                yield f"{intent} {need}", m


WIDGET = ROOT / "bot" / "web" / "static" / "loketwijzer.js"
RESIDENT_PAGES = [ROOT / "bot" / "web" / "templates" / "demo.html"]


def widget_texts(path: Path = WIDGET) -> Iterator[Tuple[str, str]]:
    """Every entry of the widget's ``var TEXT = {...};`` (buttons, labels, notices)."""
    block = re.search(r"var TEXT = \{(.*?)\n  \};", path.read_text(encoding="utf-8"), re.S)
    if not block:
        raise ValueError(f"{path}: no TEXT object found")
    for key, text in re.findall(r'(\w+): "((?:[^"\\]|\\.)*)"', block.group(1)):
        yield f"loketwijzer.js TEXT.{key}", text.replace("{site}", "utrecht.nl")


def page_texts(paths: List[Path] = RESIDENT_PAGES) -> Iterator[Tuple[str, str]]:
    """The paragraphs, headings and labels of the residents' pages, template tags left out."""
    for path in paths:
        html = path.read_text(encoding="utf-8")
        for tag, inner in re.findall(r"<(h1|p|label)\b[^>]*>(.*?)</\1>", html, re.S):
            text = " ".join(re.sub(r"\{[%{#].*?[%}#]\}|<[^>]+>", " ", inner).split())
            if text:
                yield f"{path.name} <{tag}>", text


def loket_names() -> List[str]:
    """The names of every loket in the routing table (municipal ones for the sample gemeente)."""
    return sorted({s.naam for _, r in _sample_routes() for s in [r.primary, *r.also] if s.naam})


def fixed_texts() -> List[Tuple[str, str]]:
    """(where, text) for every distinct fixed text, in a stable order."""
    seen, out = set(), []
    for where, text in [*domain_texts(), *code_texts(), *routing_texts(), *widget_texts(), *page_texts()]:
        if text not in seen:
            seen.add(text)
            out.append((where, text))
    return out
