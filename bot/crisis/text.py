"""Text normalisation for the crisis model: one form for every language and script.

Lowercase, accents folded (``suïcidaal`` -> ``suicidaal``, ``mąż`` -> ``maz``) but letters of other
scripts kept (Arabic stays Arabic; ``bot.nlu.signals.plain`` would drop it), whitespace collapsed.
"""
from __future__ import annotations

import re
import unicodedata
from typing import List

_FOLD = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "ß": "ss", "ı": "i", "’": "'", "‘": "'"})
_SPACE = re.compile(r"\s+")
# clause ends: sentence punctuation, line breaks, and the Dutch/English "but" that often turns a story
_CLAUSE = re.compile(r"(?<=[.!?;\n])\s+|\s+(?=(?:maar|but|ale|en toen|and then)\s)", re.IGNORECASE)


def fold(text: str) -> str:
    text = (text or "").translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACE.sub(" ", text.lower()).strip()


def clauses(text: str, min_words: int = 3) -> List[str]:
    """Sentences of a longer message, so a crisis in the middle of a story is read on its own.
    Fragments shorter than ``min_words`` are joined to the one before."""
    parts: List[str] = []
    for piece in _CLAUSE.split(text or ""):
        piece = piece.strip()
        if not piece:
            continue
        if parts and len(piece.split()) < min_words:
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts
