"""Rule-based signals read from data/signals/: crisis, route-changing facts, urgency, age.

These do not depend on the classifier: a crisis word in the middle of a long story about
something else still counts (routeringsregels.md principle 1).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, NamedTuple, Optional, Pattern, Sequence, Tuple

import yaml

from bot.paths import DATA
from bot.routing.router import Context

SIGNALS = DATA / "signals"
CRISIS_LOKET = {"levensgevaar": "alarmnummer-112", "suicidaal": "zelfmoordpreventie-113",
                "huiselijk_geweld": "veilig-thuis"}

_AGE_PATTERNS = [
    re.compile(r"\((\d{1,3})\)"),                                   # "Oma (91)"
    # "79 jaar", "een 16-jarige"; not a duration ("woon pas 22 jaar in Nederland", "al 5 jaar",
    # "40 jaar gewerkt", "3 jaar geleden")
    re.compile(r"(?<!\bal )(?<!\bsinds )(?<!\bpas )(?<!\bruim )(?<!\bbijna )(?<!\bna )(?<!\bvoor )(?<!\bover )"
               r"(?<!\bdan )\b(\d{1,3})[ -]?(?:jaar|jr|jarige)\b"
               r"(?! (?:in|geleden|lang|gewerkt|getrouwd|samen|terug|hier|daar|bij|op|aan|mee|mantelzorger|verslaafd)\b)"),
    re.compile(r"\b(?:ik ben|hij is|zij is|ze is|is nu|is pas|wordt|werd|word) (\d{1,3})\b"),
    re.compile(r"(?:^|[.!?,;] ?|\ben )ben (\d{1,3})\b(?! (?:keer|jaar|maanden|weken|dagen|uur|euro|kilo)\b)"),  # "Ben 69 en ..."
    re.compile(r"\b(?:zoon|dochter|kind|jongen|meisje|broer|zus|zoontje|dochtertje|kleinzoon|kleindochter|moeder|vader) van (\d{1,3})\b"),
    re.compile(r"\bleeftijd:? (\d{1,3})\b"),
    # "mijn zoon is 22 en ...", "onze dochter is 17"
    re.compile(r"\b(?:zoon|dochter|kind|jongen|meisje|broer|zus|moeder|vader|man|vrouw|partner|oma|opa) is (\d{1,3})\b(?! (?:euro|keer|uur|dagen|weken|maanden|km|kilo))"),
]


def plain(text: str) -> str:
    """Lowercase without diacritics, whitespace collapsed: the form signal patterns are written for."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"\s+", " ", text)


def _compile(patterns: List[str], file: str) -> List[Pattern]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p))
        except re.error as err:
            raise ValueError(f"data/signals/{file}: pattern {p!r} is not a valid regular expression: {err}")
    return out


@lru_cache(maxsize=1)
def _crisis_patterns() -> Tuple[Tuple[str, Tuple[Pattern, ...]], ...]:
    data = yaml.safe_load((SIGNALS / "crisis.yml").read_text(encoding="utf-8"))
    return tuple((need, tuple(_compile(pats, "crisis.yml"))) for need, pats in data["crisis"].items())


@lru_cache(maxsize=1)
def _context_patterns():
    data = yaml.safe_load((SIGNALS / "context.yml").read_text(encoding="utf-8"))
    flags = {flag: tuple(_compile(p, "context.yml")) for flag, p in data["flags"].items()}
    return flags, tuple(_compile(data["spoed"], "context.yml"))


class Switch(NamedTuple):
    """A main need corrected by what the resident asks (data/signals/implied.yml ``switches``)."""

    sources: frozenset
    target: str
    clears: Tuple[str, ...]   # facts that then do not change the route
    signs: Tuple[Pattern, ...]
    unless: Tuple[Pattern, ...]


@lru_cache(maxsize=1)
def _implied() -> Tuple[Tuple[Tuple[str, Tuple[Pattern, ...]], ...], Tuple[Switch, ...]]:
    """data/signals/implied.yml, read once: (signs per need, switches)."""
    data = yaml.safe_load((SIGNALS / "implied.yml").read_text(encoding="utf-8"))
    needs = tuple((need, tuple(_compile(pats, "implied.yml"))) for need, pats in data["needs"].items())
    switches = tuple(Switch(frozenset(s["from"]), s["to"], tuple(s.get("clears") or ()),
                            tuple(_compile(s["signs"], "implied.yml")), tuple(_compile(s.get("unless") or [], "implied.yml")))
                     for s in data.get("switches") or ())
    return needs, switches


def implied_needs(text: str) -> List[str]:
    """Needs whose signs (data/signals/implied.yml) appear in ``text``, in the file's order: a
    problem the resident hints at without naming it ("de incassobureaus bellen")."""
    t = plain(text)
    return [need for need, patterns in _implied()[0] if any(p.search(t) for p in patterns)]


def switched_need(main: Optional[str], text: str) -> Tuple[Optional[str], Tuple[str, ...]]:
    """(the need the resident's question is about, facts that then do not change the route) when
    the classifier read only its topic (a new Wlz indication where it read Wlz care), from
    data/signals/implied.yml ``switches``; else (None, ())."""
    t = plain(text)
    for switch in _implied()[1]:
        if (main in switch.sources and any(p.search(t) for p in switch.signs)
                and not any(p.search(t) for p in switch.unless)):
            return switch.target, switch.clears
    return None, ()


def crisis_need(text: str) -> Optional[str]:
    """The crisis need signalled anywhere in ``text`` (levensgevaar, suicidaal, huiselijk_geweld) or None."""
    t = plain(text)
    for need, patterns in _crisis_patterns():
        if any(p.search(t) for p in patterns):
            return need
    return None


def age(text: str) -> Optional[int]:
    t = plain(text)
    for pattern in _AGE_PATTERNS:
        for m in pattern.finditer(t):
            value = int(m.group(1))
            if 0 < value < 120:
                return value
    return None


def facts(text: str, clears: Sequence[str] = ()) -> Context:
    """Route-changing facts stated in ``text`` (without the flags in ``clears``)."""
    flags, spoed = _context_patterns()
    t = plain(text)
    found = {flag: True for flag, patterns in flags.items() if flag not in clears and any(p.search(t) for p in patterns)}
    return Context(leeftijd=age(text), spoed=any(p.search(t) for p in spoed), **found)
