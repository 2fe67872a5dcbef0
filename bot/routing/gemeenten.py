"""Match municipality names the way residents type them.

Any capitalisation, with or without diacritics or the word "gemeente", former names of merged
municipalities, villages, small misspellings ("Den Bosh", "Leeuwarde") and CBS codes. A name that
belongs to several municipalities is a question back (``Ambiguous``), never a guess; an unknown
name is an error that lists the closest matches (``Unknown``).
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

_PREFIX = re.compile(r"^(?:(?:ik\s+)?(?:woon|wonen|woont)\s+(?:in|te)\s+|(?:in|te|uit)\s+)?(?:(?:de\s+)?gemeente\s+)?")
_GENERIC = re.compile(r"^(?:(?:de\s+)?stad\s+)|\s+(?:stad|centrum|gemeente|city)$")  # "Utrecht (stad)"
_CODE = re.compile(r"^(?:gm)?\s*(\d{1,4})$")
FUZZY_CUTOFF = 0.84  # "den bosh"/"den bosch" = 0.94, "leeuwarde"/"leeuwarden" = 0.95
# Place names that are also everyday words or the country: "ik woon in een flat" is not the
# village Een (Noordenveld), "ik woon in Nederland" not the village Nederland (Steenwijkerland).
# They are never read as a gemeente; a resident from Een names Noordenveld when asked.
NOT_A_PLACE = frozenset({"een", "nederland", "holland", "het", "de", "en", "op", "aan", "mijn", "ons", "onze"})
FUZZY_MARGIN = 0.04  # the best match must beat the best other municipality by this much


def normalize(name: str) -> str:
    """Lowercase, no diacritics, no punctuation: "'s-Hertogenbosch" -> "s hertogenbosch"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return text


def strip_phrasing(text: str) -> str:
    """Remove "ik woon in", "gemeente" and the like from a short answer."""
    norm = normalize(text)
    return _PREFIX.sub("", norm).strip()


@dataclass(frozen=True)
class Match:
    code: str
    naam: str
    via: str  # the name that matched
    fuzzy: bool = False


@dataclass(frozen=True)
class Ambiguous:
    """The name belongs to several municipalities: ask which one."""

    name: str
    candidates: Tuple[Match, ...]


@dataclass(frozen=True)
class Unknown:
    name: str
    suggestions: Tuple[str, ...]


class GemeenteMatcher:
    def __init__(self, gemeenten: Dict[str, "object"], names: Iterable[Tuple[str, str, str]]):
        self.gemeenten = gemeenten
        self.index: Dict[str, Dict[str, str]] = {}  # normalized name -> {gemeente code: original name}
        # normalized official name -> codes; an official name wins over places with the same name.
        # "Hengelo (O.)" is also official as "Hengelo"; "Bergen (NH.)" and "Bergen (L.)" make "Bergen" ambiguous.
        self.official: Dict[str, Dict[str, str]] = {}
        for naam, soort, code in names:
            key = normalize(naam)
            if not key:
                continue
            self.index.setdefault(key, {})[code] = naam
            if soort == "naam":
                self.official.setdefault(key, {})[code] = naam
                short = normalize(re.sub(r"\s*\(.*\)\s*$", "", naam))
                if short != key:
                    self.index.setdefault(short, {})[code] = naam
                    self.official.setdefault(short, {})[code] = naam
        for key in list(self.index):  # "s hertogenbosch" also as "hertogenbosch"
            if key.startswith("s ") and key[2:] not in self.index:
                self.index[key[2:]] = self.index[key]
        self.keys = list(self.index)
        self.max_words = max((len(k.split()) for k in self.keys), default=1)

    def _match(self, code: str, via: str, fuzzy: bool = False) -> Match:
        return Match(code, self.gemeenten[code].naam, via, fuzzy)

    def _exact(self, key: str):
        if key in NOT_A_PLACE:
            return None
        hits = self.index.get(key)
        if not hits:
            return None
        if key in self.official:  # "Groningen" the municipality, not a village of the same name
            hits = self.official[key]
        if len(hits) == 1:
            code, via = next(iter(hits.items()))
            return self._match(code, via)
        return Ambiguous(key, tuple(sorted((self._match(c, v) for c, v in hits.items()), key=lambda x: x.naam)))

    def resolve(self, text: str):
        """A name or code as typed -> Match, Ambiguous or Unknown."""
        raw = (text or "").strip()
        key = strip_phrasing(raw)
        if not key or key in NOT_A_PLACE:
            return Unknown(raw, ())
        code = _CODE.match(key.replace(" ", ""))
        if code:
            gm = f"GM{int(code.group(1)):04d}"
            if gm in self.gemeenten:
                return self._match(gm, gm)
            return Unknown(raw, ())
        exact = self._exact(key) or self._exact(_GENERIC.sub("", key).strip())
        if exact:
            return exact
        scored = sorted(((difflib.SequenceMatcher(None, key, k).ratio(), k) for k in self._candidates(key)),
                        reverse=True)
        if scored and scored[0][0] >= FUZZY_CUTOFF:
            best_score, best_key = scored[0]
            best_codes = set(self.index[best_key])
            rival = next((s for s, k in scored[1:] if not set(self.index[k]) <= best_codes), 0.0)
            if best_score - rival >= FUZZY_MARGIN:
                found = self._exact(best_key)
                if isinstance(found, Match):
                    return Match(found.code, found.naam, found.via, fuzzy=True)
                return found
        suggestions = []
        for _, k in self._suggest(key):
            for c in self.index[k]:
                naam = self.gemeenten[c].naam
                if naam not in suggestions:
                    suggestions.append(naam)
        return Unknown(raw, tuple(suggestions[:3]))

    def _suggest(self, key: str) -> List[Tuple[float, str]]:
        """Closest names for an error message: compare the whole name and each of its words."""
        parts = [key] + [w for w in key.split() if len(w) > 3]
        best: Dict[str, float] = {}
        for part in parts:
            for k in self._candidates(part):
                score = difflib.SequenceMatcher(None, part, k).ratio()
                if score > best.get(k, 0):
                    best[k] = score
        return sorted(((s, k) for k, s in best.items()), reverse=True)[:20]

    def _candidates(self, key: str) -> List[str]:
        # cheap pre-filter: difflib over ~3000 keys is fine, but skip wildly different lengths
        n = len(key)
        return [k for k in self.keys if abs(len(k) - n) <= max(2, n // 3) and k not in NOT_A_PLACE]

    def find_in_text(self, text: str) -> Optional[object]:
        """A municipality named inside a longer message, only where the wording marks it as a place
        ("ik woon in Zwolle", "gemeente Ede", "in Den Bosch"): plain words like "buren" or "best"
        are municipality names too, so a bare word in a sentence is not taken as one."""
        words = normalize(text).split()
        if not words:
            return None
        if len(words) <= 4:
            whole = self.resolve(text)
            # a guess from a typo ("Zwole") is for an answer to "in welke gemeente?" (resolve),
            # not for a gemeente read from a question: that must be certain
            if not isinstance(whole, Unknown) and not getattr(whole, "fuzzy", False):
                return whole
        hits = self.places_in_text(text)
        return hits[0][1] if hits else None

    def places_in_text(self, text: str) -> List[Tuple[int, object]]:
        """Every municipality named in a message where the wording marks a place, with the word
        position, leaving out the ones the resident says are *not* theirs ("ik woon niet in
        Noordenveld maar in Zaandam", "niet meer in Assen")."""
        words = normalize(text).split()
        cues = {"in", "te", "gemeente", "uit"}
        out: List[Tuple[int, object]] = []
        i = 0
        while i < len(words):
            w = words[i]
            found = None
            moved = w == "naar" and i > 0 and words[i - 1].startswith(("verhuis", "verhuiz", "verhuisd"))
            if w in cues or moved:  # "verhuisd naar Assen"; a bare "naar" is too often not a place
                for size in range(min(self.max_words, len(words) - i - 1), 0, -1):
                    hit = self._exact(" ".join(words[i + 1:i + 1 + size]))
                    if hit:
                        found = (size, hit)
                        break
            if found:
                before = words[max(0, i - 2):i]
                if "niet" not in before and "nooit" not in before:
                    out.append((i + 1, found[1]))
                i += 1 + found[0]
            else:
                i += 1
        return out
