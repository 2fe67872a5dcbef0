"""When to ask one question back instead of guessing (issue 9 point 6).

Asking costs the resident a click; guessing wrong costs them a wrong door. So the assistant asks
only when it matters: the two most likely needs lead to different doors (loket types), and the
classifier is not much surer of the first than of the second. Two needs behind the same door
(huishoudelijke hulp or begeleiding: both the Wmo loket) need no question.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Dict, Optional, Sequence, Tuple

import yaml

from bot.paths import ROUTING_DATA

NEED_PREFIX = "need_"


@lru_cache(maxsize=1)
def doors() -> Dict[str, Tuple[str, str]]:
    """need -> (primary loket type, law) of its base rule valid today in data/routing/rules.yml."""
    rules = yaml.safe_load((ROUTING_DATA / "rules.yml").read_text(encoding="utf-8"))["rules"]
    today = dt.date.today()
    out: Dict[str, Tuple[str, str]] = {}
    for rule in rules:  # the version valid today (rules may carry geldig_vanaf / geldig_tot)
        if rule.get("geldig_vanaf") and rule["geldig_vanaf"] > today:
            continue
        if rule.get("geldig_tot") and rule["geldig_tot"] <= today:
            continue
        out.setdefault(rule["need"], (rule["primary"], rule["law"]))
    return out


def should_ask(ranking: Sequence[Tuple[str, float]], margin: float,
               door_of: Optional[Dict[str, Tuple[str, str]]] = None) -> bool:
    """``ranking``: (intent, confidence), best first. True when the two best are both needs with
    different doors and their confidences differ by less than ``margin``."""
    door_of = doors() if door_of is None else door_of
    top = [(name, conf) for name, conf in ranking if name and name != "nlu_fallback"][:2]
    if len(top) < 2 or not all(n.startswith(NEED_PREFIX) for n, _ in top):
        return False
    (n1, c1), (n2, c2) = top
    d1, d2 = door_of.get(n1[len(NEED_PREFIX):]), door_of.get(n2[len(NEED_PREFIX):])
    return d1 is not None and d2 is not None and d1[0] != d2[0] and (c1 - c2) < margin
