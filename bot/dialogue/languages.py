"""Answers for residents who do not write Dutch: in their language, that the assistant speaks
Dutch, and the three numbers that matter most (112, 113, Veilig Thuis). When the crisis net read
a crisis in the message, its number comes first.

The numbers come from the routing table (data/routing/organisations.yml), never typed in here.
The translations were written for this project; keep them short and plain, like the Dutch texts.
Other languages get the English text.
"""
from __future__ import annotations

from typing import Dict, List, Optional

from bot.dialogue.replies import short_site

CRISIS_TYPES = ("alarmnummer-112", "zelfmoordpreventie-113", "veilig-thuis")

TEXTS: Dict[str, Dict[str, str]] = {
    "en": {
        "ask_gemeente": "Which municipality (gemeente) do you live in? Type its name, for example 'Utrecht'.",
        "dutch_only": "I am sorry, I can only help in Dutch.",
        "alarmnummer-112": "Is someone in danger right now? Call {n112}.",
        "zelfmoordpreventie-113": "Are you thinking about suicide? Call {n113} or {n113_free} (free), or chat at {n113_site}. Day and night.",
        "veilig-thuis": "Violence or abuse at home? Call Veilig Thuis for free: {nvt}. Day and night.",
        "more": "For other questions, your municipality (gemeente) can help you. Someone who speaks Dutch can also type your question here.",
    },
    "pl": {
        "ask_gemeente": "W jakiej gminie (gemeente) mieszkasz? Wpisz jej nazwę, na przykład 'Utrecht'.",
        "dutch_only": "Przepraszam, mogę pomóc tylko po niderlandzku.",
        "alarmnummer-112": "Czy ktoś jest teraz w niebezpieczeństwie? Zadzwoń pod {n112}.",
        "zelfmoordpreventie-113": "Myślisz o samobójstwie? Zadzwoń pod {n113} lub bezpłatnie {n113_free}, albo napisz na czacie {n113_site}. Całą dobę.",
        "veilig-thuis": "Przemoc w domu? Zadzwoń bezpłatnie do Veilig Thuis: {nvt}. Całą dobę.",
        "more": "W innych sprawach pomoże Ci Twoja gmina (gemeente). Ktoś, kto mówi po niderlandzku, może też wpisać tu Twoje pytanie.",
    },
    "tr": {
        "ask_gemeente": "Hangi belediyede (gemeente) yaşıyorsunuz? Adını yazın, örneğin 'Utrecht'.",
        "dutch_only": "Özür dilerim, sadece Felemenkçe yardım edebiliyorum.",
        "alarmnummer-112": "Şu anda biri tehlikede mi? {n112} numarasını arayın.",
        "zelfmoordpreventie-113": "İntiharı mı düşünüyorsunuz? {n113} veya ücretsiz {n113_free} numarasını arayın ya da {n113_site} üzerinden yazışın. Gece gündüz.",
        "veilig-thuis": "Evde şiddet mi var? Veilig Thuis'i ücretsiz arayın: {nvt}. Gece gündüz.",
        "more": "Diğer sorular için belediyeniz (gemeente) size yardım edebilir. Felemenkçe bilen biri sorunuzu buraya da yazabilir.",
    },
    "ar": {
        "ask_gemeente": "في أي بلدية (gemeente) تسكن؟ اكتب اسمها، مثلًا 'Utrecht'.",
        "dutch_only": "عذرًا، أستطيع المساعدة باللغة الهولندية فقط.",
        "alarmnummer-112": "هل يوجد شخص في خطر الآن؟ اتصل بالرقم {n112}.",
        "zelfmoordpreventie-113": "هل تفكر في الانتحار؟ اتصل بالرقم {n113} أو مجانًا {n113_free}، أو تحدث عبر {n113_site}. ليلًا ونهارًا.",
        "veilig-thuis": "هل يوجد عنف في البيت؟ اتصل مجانًا بـ Veilig Thuis على الرقم {nvt}. ليلًا ونهارًا.",
        "more": "في الأسئلة الأخرى تستطيع البلدية (gemeente) مساعدتك. ويمكن لشخص يتكلم الهولندية أن يكتب سؤالك هنا.",
    },
}


def numbers(table) -> Dict[str, str]:
    """The crisis numbers as the routing table has them."""
    l112 = table.national_loket("alarmnummer-112")
    l113 = table.national_loket("zelfmoordpreventie-113")
    lvt = table.national_loket("veilig-thuis")
    free = next((w for w in (l113.hoe or "").replace(",", " ").split() if w.startswith("0800")), l113.telefoon)
    return {"n112": l112.telefoon, "n113": l113.telefoon, "n113_free": free, "n113_site": short_site(l113.website),
            "nvt": lvt.telefoon}


def reply(table, language: str, crisis: Optional[str] = None) -> List[str]:
    """The answer for a message in ``language`` (ISO 639-1), as chat messages. ``crisis`` is the
    crisis loket type the crisis net read (sure or possible): its number comes first."""
    texts = TEXTS.get(language, TEXTS["en"])
    nums = numbers(table)
    order = ([crisis] if crisis in CRISIS_TYPES else []) + [t for t in CRISIS_TYPES if t != crisis]
    lines = [texts[t].format(**nums) for t in order]
    if crisis in CRISIS_TYPES:
        return [lines[0], texts["dutch_only"], " ".join(lines[1:]), texts["more"]]
    return [texts["dutch_only"], " ".join(lines), texts["more"]]


def ask_gemeente(language: Optional[str]) -> Optional[str]:
    """The gemeente question in the resident's language, or None for Dutch."""
    if not language or language == "nl":
        return None
    return TEXTS.get(language, TEXTS["en"])["ask_gemeente"]
