"""Which language a resident writes in (lingua-language-detector, a maintained library).

The assistant understands Dutch. A message in another language gets an answer in that language
(bot/dialogue/languages.py) that says so and gives 112, 113 and Veilig Thuis; the crisis net also
reads English and Polish (its corpus holds them). Short or mixed messages ("I need bijstand pls",
"ok") count as Dutch: lingua cannot tell them apart reliably, and a Dutch answer to them is right.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


# Languages residents write in, so lingua chooses among them (faster and surer than all 75).
CANDIDATES = ("DUTCH", "ENGLISH", "POLISH", "TURKISH", "ARABIC", "GERMAN", "FRENCH", "SPANISH",
              "PORTUGUESE", "ITALIAN", "ROMANIAN", "BULGARIAN", "UKRAINIAN", "RUSSIAN", "SOMALI",
              "PERSIAN", "HUNGARIAN", "LITHUANIAN", "LATVIAN", "CROATIAN", "INDONESIAN")
READABLE = ("nl", "en")  # what the need classifier reads: Dutch, and English as casussen.md B8 asks
MIN_WORDS = 4        # fewer Latin-script words than this: not enough to tell ("gemeente Súdwest-Fryslân")
MIN_CONFIDENCE = 0.5  # lingua's relative confidence for the top language
MAX_DUTCH = 0.25      # ... while Dutch stays below this
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NON_LATIN = re.compile(r"[\u0600-\u06FF\u0400-\u04FF\u0590-\u05FF\u1200-\u137F]")
_GEEZ = re.compile(r"[\u1200-\u137F]")  # Tigrinya and Amharic: lingua knows neither


@dataclass(frozen=True)
class Language:
    code: str          # ISO 639-1, e.g. "en"
    name: str          # e.g. "ENGLISH"
    confidence: float

    @property
    def dutch(self) -> bool:
        return self.code == "nl"


DUTCH = Language("nl", "DUTCH", 1.0)


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language as L, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(L, n) for n in CANDIDATES)).build()


def detect(text: str) -> Language:
    """The message's language; Dutch when it is Dutch, mixed, or too short to tell."""
    words = _WORD.findall(text or "")
    non_latin = bool(_NON_LATIN.search(text or ""))
    if not words or (len(words) < MIN_WORDS and not non_latin):
        return DUTCH
    if _GEEZ.search(text):
        return Language("ti", "TIGRINYA", 1.0)
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return DUTCH
    top = values[0]
    dutch = next((v.value for v in values if v.language.name == "DUTCH"), 0.0)
    if top.language.name == "DUTCH" or top.value < MIN_CONFIDENCE or (dutch >= MAX_DUTCH and not non_latin):
        return DUTCH
    return Language(top.language.iso_code_639_1.name.lower(), top.language.name, round(top.value, 3))
