"""The routing table's need synonyms as a second opinion next to the classifier.

Used to find a second need in another municipal domain in one message ("ik heb schulden en mijn
zoon spijbelt"): the classifier names one main need per message, the synonyms can see more.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Dict, List, Mapping, Sequence, Tuple


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " " + re.sub(r"[^a-z0-9]+", " ", text).strip() + " "


# Job titles that hold a need's synonym but name the writer's role, not a need: "ik ben intern
# begeleider op een basisschool" is a teacher reporting a pupil, not a question about begeleiding
# (two writers, rounds r17 and r18, tuned on). Blanked before the synonyms are looked for.
ROLES = re.compile(r" (?:intern|interne|leerling|ib) begeleiders? ")


def _searchable(text: str) -> str:
    """The message as the synonyms are looked for in it: plain, job titles blanked."""
    return ROLES.sub(" ", _plain(text))


class Lexicon:
    def __init__(self, synonyms: Mapping[str, Sequence[str]]):
        self.terms: Dict[str, List[str]] = {
            need: sorted({_plain(t).strip() for t in terms if _plain(t).strip()}, key=len, reverse=True)
            for need, terms in synonyms.items()}

    def scores(self, text: str) -> Dict[str, int]:
        """Per need, the number of characters of its synonyms found as whole words in ``text``."""
        t = _searchable(text)
        out = {}
        for need, terms in self.terms.items():
            score = sum(len(term) for term in terms if f" {term} " in t)
            if score:
                out[need] = score
        return out

    def ranked(self, text: str) -> List[Tuple[str, int]]:
        return sorted(self.scores(text).items(), key=lambda kv: -kv[1])

    def first_mention(self, text: str) -> Dict[str, int]:
        """Per need, where in ``text`` its first synonym starts (characters into the plain text).
        A household's story usually opens with the problem it is about; the regisseur route takes
        that problem's law."""
        t = _searchable(text)
        out = {}
        for need, terms in self.terms.items():
            found = [i for i in (t.find(f" {term} ") for term in terms) if i >= 0]
            if found:
                out[need] = min(found)
        return out
