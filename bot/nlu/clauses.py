"""A household's story told clause by clause, so the problem it opens with can be found.

A resident with several problems usually starts with the one the story is about ("Mijn man heeft
hulp nodig in huis en ik ben mijn baan kwijt ..."); the regisseur route takes that problem's law.
The routing table's synonyms find the first mention only when the resident uses one of their words;
the need classifier, run on each clause, also reads a problem told in the resident's own words.
Measured on the households of the contaminated rounds r1-r9 (docs/evaluation.md, 2026-12-07, tuned
on): the regisseur's law right for 78 of 111 instead of 69.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence

# sentence ends, commas, and "en/maar/want/ook ..." where a new subject starts a new clause
_SPLIT = re.compile(
    r"(?:[.!?;:\n]+|,\s+|\s+(?=(?:en|maar|want|daarnaast|ook|bovendien)\s+"
    r"(?:ik|we|wij|mijn|m'n|mn|hij|zij|ze|het|er|de|ons|onze|nu|sinds|dan)\b))",
    re.IGNORECASE)
MIN_WORDS = 4       # a shorter piece ("hallo", "man weg") joins the next one
TOP = 2             # a clause may name a need as its first or second most likely reading
MIN_CONFIDENCE = 0.1


def clauses(text: str) -> List[str]:
    """``text`` cut into clauses of at least ``MIN_WORDS`` words, in order."""
    out: List[str] = []
    buf = ""
    for part in _SPLIT.split(text or ""):
        part = (part or "").strip()
        if not part:
            continue
        buf = f"{buf} {part}".strip()
        if len(buf.split()) >= MIN_WORDS:
            out.append(buf)
            buf = ""
    if buf:
        if out:
            out[-1] = f"{out[-1]} {buf}"
        else:
            out.append(buf)
    return out


def first_named_need(rankings: Optional[Sequence[Sequence[Dict]]], domains: Dict[str, Optional[str]]) -> Optional[str]:
    """The first need in a municipal domain that a clause names (``rankings``: per clause, in order,
    the classifier's ranking as ``{"name": "need_…", "confidence": p}``). Crisis needs have no
    municipal domain, so they are never taken."""
    for ranking in rankings or ():
        for r in list(ranking)[:TOP]:
            name = r.get("name") or ""
            need = name[len("need_"):] if name.startswith("need_") else None
            if need and domains.get(need) and float(r.get("confidence") or 0) >= MIN_CONFIDENCE:
                return need
    return None
