"""Plain Dutch (B1) for every fixed text a resident reads: sentence length and Flesch-Douma.

Residents who use Loketwijzer often read with difficulty, are in a hurry or in distress, or learned
Dutch late. So every fixed text (the responses in domain.yml, the texts the actions compose from the
routing table, the constants of the dialogue and handover modules) is held to three measures:

- at most 15 words per sentence on average, and no sentence over 25 words;
- Flesch-Douma at least 60: 206.835 - 0.93 x words per sentence - 77 x syllables per word (Douma's
  Dutch adaptation of Flesch reading ease; the coefficients textstat uses for "nl"). Syllables come
  from textstat (pyphen's Dutch hyphenation dictionary).

Flesch-Douma is a measure of running text: on a button or label of one to four words it only counts
syllables ("Verstuur" scores 52, "Verlaat deze pagina" 24). Such a short label fails only when it
also has a word of more than three syllables (names excepted): long words make a label hard.

A resident needs the word "huurtoeslag" or "Participatiewet" to find the right help, so the proper
names of laws, lokets and benefits (``data/plain_language/names.txt``, one place) count as one
syllable. Web addresses, e-mail addresses and phone numbers count as one word of one syllable.
"""
from __future__ import annotations

import functools
import re
import statistics
from dataclasses import dataclass
from typing import Iterable, List, Tuple

from bot.paths import DATA

NAMES_FILE = DATA / "plain_language" / "names.txt"
MAX_AVERAGE_SENTENCE = 15
MAX_SENTENCE = 25
MIN_FLESCH_DOUMA = 60
MIN_WORDS_FOR_SCORE = 5  # shorter texts are labels: no Flesch-Douma, short words instead
MAX_LABEL_SYLLABLES = 3

_UNIT = re.compile(r"^(https?://\S+|www\.\S+|\S+@\S+\.\S+|[\d+()][\d\s()+-]*\d|\S+\.(nl|com|org|eu)(/\S*)?)$", re.IGNORECASE)
# a sentence ends at . ! ? (not inside a web address or a number), at a line break or a list dash
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)|\n+\s*(?:-\s+)?")
_WORD = re.compile(r"\w", re.UNICODE)


@functools.lru_cache(maxsize=1)
def names() -> frozenset:
    """Proper names that count as one syllable, lowercased (whole words or phrases)."""
    if not NAMES_FILE.exists():
        return frozenset()
    lines = (ln.split("#")[0].strip().lower() for ln in NAMES_FILE.read_text(encoding="utf-8").splitlines())
    return frozenset(ln for ln in lines if ln)


def sentences(text: str) -> List[str]:
    parts = [p.strip(" -") for p in _SENTENCE_END.split((text or "").strip())]
    return [p for p in parts if _WORD.search(p)]


def words(sentence: str) -> List[str]:
    return [w for w in sentence.split() if _WORD.search(w)]


@functools.lru_cache(maxsize=1)
def _dutch_textstat():
    import textstat

    textstat.set_lang("nl")
    return textstat


def _syllables(word: str) -> int:
    bare = word.strip(".,:;!?()\"'’‘“”").lower()
    if not bare or _UNIT.match(bare) or bare in names():
        return 1
    return max(1, int(_dutch_textstat().syllable_count(bare)))


@dataclass(frozen=True)
class Readability:
    text: str
    where: str
    average_sentence: float
    longest_sentence: int
    flesch_douma: float
    n_words: int = 0
    longest_word: int = 0  # syllables of the longest word (names count as one)

    @property
    def is_label(self) -> bool:
        return 0 < self.n_words < MIN_WORDS_FOR_SCORE

    @property
    def problems(self) -> List[str]:
        out = []
        if self.average_sentence > MAX_AVERAGE_SENTENCE:
            out.append(f"{self.average_sentence:.1f} words per sentence (at most {MAX_AVERAGE_SENTENCE})")
        if self.longest_sentence > MAX_SENTENCE:
            out.append(f"a sentence of {self.longest_sentence} words (at most {MAX_SENTENCE})")
        if self.is_label:
            if self.longest_word > MAX_LABEL_SYLLABLES and self.flesch_douma < MIN_FLESCH_DOUMA:
                out.append(f"a label with a word of {self.longest_word} syllables (at most {MAX_LABEL_SYLLABLES})")
        elif self.flesch_douma < MIN_FLESCH_DOUMA:
            out.append(f"Flesch-Douma {self.flesch_douma:.0f} (at least {MIN_FLESCH_DOUMA})")
        return out


def _without_names(text: str, extra: Iterable[str] = ()) -> str:
    """Every name ("Veilig Thuis", "huurtoeslag") becomes one word marked with "_" (one syllable)."""
    out = text
    for name in sorted({*names(), *(e.lower() for e in extra)}, key=len, reverse=True):
        pattern = r"(?<![\w_])" + re.escape(name) + r"(?![\w_])"
        out = re.sub(pattern, lambda m: "_" + re.sub(r"\s+", "_", m.group(0)), out, flags=re.IGNORECASE)
    return out


def measure(text: str, where: str = "", extra_names: Iterable[str] = ()) -> Readability:
    """The readability of one text; ``extra_names`` are more proper names (the routing table's
    loket names) that count as one syllable."""
    plain = _without_names(text, extra_names)
    found = sentences(plain)
    lengths = [len(words(s)) for s in found] or [0]
    all_words = [w for s in found for w in words(s)]
    n_words = max(1, len(all_words))
    per_word = [1 if w.lstrip("(\"'").startswith("_") else _syllables(w) for w in all_words]
    syllables = sum(per_word)
    average = n_words / max(1, len(found))
    score = 206.835 - 0.93 * average - 77 * (syllables / n_words)
    return Readability(text=text, where=where, average_sentence=average, longest_sentence=max(lengths),
                       flesch_douma=score, n_words=len(all_words), longest_word=max(per_word, default=0))


def report(results: Iterable[Readability]) -> Tuple[float, List[Readability]]:
    """(median Flesch-Douma of the running texts (labels left out), the texts that fail, worst first)."""
    results = list(results)
    failing = sorted((r for r in results if r.problems), key=lambda r: (r.flesch_douma, -r.longest_sentence))
    return statistics.median([r.flesch_douma for r in results if not r.is_label] or [0]), failing
