"""Where someone lives says nothing about what they need: "Hij woont op zichzelf in Den Bosch.
Wij wonen in Rotterdam." made the need classifier read *beschermd wonen* instead of begeleiding
(an independent scenario, docs/conversation.md). The classifier reads the question without such
place clauses; the dialogue still reads the whole text for the gemeente."""
from __future__ import annotations

import re

_PLACE_CLAUSE = re.compile(
    r"(?i:\b(?:woon|woont|wonen|woonde|woonden)\b"
    r"(?:\s+(?:zelf|nu|al|nog|alleen|zelfstandig|op\s+zichzelf|sinds\s+\w+))*"
    r"\s+(?:in|te)\s+(?:de\s+|het\s+)?)['A-Z][\w'-]*(?:[\s-]+[A-Z][\w'-]*)*")
MIN_WORDS_LEFT = 4  # "ik woon in Zwolle" alone is the answer to "in welke gemeente?": keep it


def without_place_clauses(text: str) -> str:
    """``text`` without "… woont in <Plaats>" clauses, unless little would be left."""
    stripped = _PLACE_CLAUSE.sub(" ", text or "")
    if len(stripped.split()) < MIN_WORDS_LEFT:
        return text
    return re.sub(r"\s+", " ", stripped).strip()
