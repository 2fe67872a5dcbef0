"""From a Rasa parse result to what the router needs: needs, crisis, facts, certainty.

Several needs in one message: the classifier's intent gives the main need; a second need in
another municipal domain is taken from the intent ranking (when confident enough) or from the
routing table's synonyms (measured against the alternatives in docs/evaluation.md). The crisis signals are read
from the text itself, so they do not depend on the classifier.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.nlu.signals import crisis_need, facts
from bot.routing.router import CRISIS_ORDER as CRISIS_NEEDS
from bot.routing.router import Context

NEED_PREFIX = "need_"
FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
SECOND_NEED_MIN = 0.2   # ranking confidence a second need must reach to count
LEXICON_MIN = 8         # characters of synonyms a second need must match (e.g. "spijbelen")
UNCERTAIN_BELOW = 0.35  # same as FallbackClassifier.threshold in config.yml


@dataclass(frozen=True)
class Understanding:
    text: str
    intent: str
    confidence: float
    needs: Tuple[str, ...] = ()
    crisis: Optional[str] = None
    facts: Context = Context()
    candidates: Tuple[str, ...] = ()  # the two most likely needs, for a question back
    entities: Tuple[Dict[str, Any], ...] = ()

    @property
    def out_of_scope(self) -> bool:
        return self.intent == OUT_OF_SCOPE and not self.needs

    @property
    def uncertain(self) -> bool:
        return not self.needs and self.intent == FALLBACK


def need_of(intent: Optional[str]) -> Optional[str]:
    return intent[len(NEED_PREFIX):] if intent and intent.startswith(NEED_PREFIX) else None


def understand(parse: Dict[str, Any], domains: Optional[Dict[str, Optional[str]]] = None,
               lexicon=None, strategy: str = "ranking+lexicon") -> Understanding:
    """``parse`` is Rasa's parse result; ``domains`` maps need code -> municipal domain.

    ``strategy`` chooses how a second need in another domain is found: "none", "ranking"
    (the classifier's runner-up), "lexicon" (the routing table's synonyms) or both.
    """
    text = parse.get("text") or ""
    intent = (parse.get("intent") or {}).get("name") or FALLBACK
    confidence = float((parse.get("intent") or {}).get("confidence") or 0.0)
    ranking = [(r.get("name"), float(r.get("confidence") or 0.0)) for r in parse.get("intent_ranking") or []]
    ranked_needs = [(need_of(name), conf) for name, conf in ranking if need_of(name)]

    crisis = crisis_need(text)
    main = need_of(intent)
    if main in CRISIS_NEEDS:
        crisis = crisis or main
    needs: List[str] = []
    if crisis:
        needs.append(crisis)
        # the question the resident came with: the best non-crisis need, however sure
        rest = [n for n, c in ranked_needs if n not in CRISIS_NEEDS]
        if rest and dict(ranked_needs)[rest[0]] >= SECOND_NEED_MIN:
            needs.append(rest[0])
    elif main:
        needs.append(main)
        if domains is not None:
            needs += _second_need(main, text, ranked_needs, domains, lexicon, strategy)

    candidates = tuple(n for n, _ in ranked_needs[:2])
    return Understanding(text=text, intent=intent, confidence=confidence, needs=tuple(needs), crisis=crisis,
                         facts=facts(text), candidates=candidates,
                         entities=tuple(parse.get("entities") or ()))


def _second_need(main: str, text: str, ranked_needs, domains, lexicon, strategy: str) -> List[str]:
    d1 = domains.get(main)
    if not d1:
        return []
    candidates: List[str] = []
    if "ranking" in strategy:
        candidates += [n for n, c in ranked_needs[1:3] if c >= SECOND_NEED_MIN]
    if "lexicon" in strategy and lexicon is not None:
        candidates += [n for n, score in lexicon.ranked(text) if score >= LEXICON_MIN]
    for n in candidates:
        d2 = domains.get(n)
        if n != main and d2 and d2 != d1 and n not in CRISIS_NEEDS:
            return [n]
    return []


def best_guess(u: Understanding, parse: Dict[str, Any], reader: Optional["NeedReader"] = None) -> Tuple[str, ...]:
    """Needs for a one-shot answer without a question back (command line, evaluation):
    when the classifier is unsure, take its most likely label, which may be out_of_scope.
    With a ``reader``, a second need in another municipal domain is added as for a sure answer,
    so an unclear story about several problems still goes to one regisseur."""
    if u.needs:
        return u.needs
    for r in parse.get("intent_ranking") or []:
        name = r.get("name")
        if name == FALLBACK:
            continue
        need = need_of(name)
        if not need:
            return ()
        if reader is None:
            return (need,)
        ranking = [(need_of(x.get("name")), float(x.get("confidence") or 0.0))
                   for x in parse.get("intent_ranking") or [] if need_of(x.get("name"))]
        return (need, *_second_need(need, u.text, ranking, reader.domains, reader.lexicon, reader.strategy))
    return ()


class NeedReader:
    """``understand`` bound to one routing table: its domains and its synonyms."""

    def __init__(self, table, strategy: str = "ranking+lexicon"):
        from bot.nlu.lexicon import Lexicon

        self.domains = {code: n.domein for code, n in table.needs.items()}
        self.lexicon = Lexicon({code: n.synoniemen for code, n in table.needs.items()})
        self.strategy = strategy

    def read(self, parse: Dict[str, Any]) -> Understanding:
        return understand(parse, self.domains, self.lexicon, self.strategy)
