"""The scripted conversations of the load benchmark: what each simulated resident says, and what
the answers must show.

Kept apart from the Locust file so that the checker's unit test (tests/test_load_check.py, run by
the project's own Python 3.10 without Locust) and the orchestrator can use the same scripts.

Loketwijzer: four turns as in bench/rest_latency.py (a greeting, a help question, the gemeente,
thanks). The help questions were written for this benchmark. Every simulated user ``i`` gets the
gemeente ``GEMEENTEN[i % len(GEMEENTEN)]``, so up to len(GEMEENTEN) concurrent conversations all
have different gemeenten: the gemeente is the conversation's token. The assistant repeats the
gemeente's name in its route answer, so the answer to the gemeente turn must name the
conversation's own gemeente, and no answer may name another conversation's one (check.py).

Reference (Rasa's own ``rasa init`` bot, English): greet, a mood (great or unhappy, alternating by
user), a third turn that fits the path (a bot challenge, or "yes" after "Did that help you?") and
goodbye. That bot repeats nothing of what it is told, so its token is the path: each turn's
answer must be the fixed response of the intent that was sent (checked as ``expect``), and an
answer of the other path is noticed as unexpected. Every sentence is one of that bot's own
training examples, so its NLU recognises it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

GREETINGS = ["hallo", "goedemiddag", "hoi", "goedemorgen, ik heb een vraag"]
THANKS = ["dank u wel", "bedankt voor de hulp", "top, dankjewel", "fijn, dank je"]
# Written for this benchmark; one per topic the router knows, in a resident's own words.
QUESTIONS = [
    "Sinds mijn heupoperatie lukt het stofzuigen en de was doen niet meer",
    "Ons zoontje van acht heeft elke dag driftbuien en wij weten als ouders niet meer hoe we het moeten aanpakken",
    "Er komen steeds meer aanmaningen binnen en ik overzie mijn rekeningen niet meer",
    "Mijn uitkering is stopgezet en ik heb geen geld meer voor eten",
    "Ik zorg al twee jaar elke dag voor mijn zieke man en ik kan het niet meer volhouden",
    "Met mijn rollator kom ik niet meer over de drempel van mijn eigen voordeur",
    "Met mijn rolstoel kom ik de bus niet meer in, is er ander vervoer naar de dagbesteding",
    "Sinds mijn vrouw overleden is kom ik de deur bijna niet meer uit en voel ik me heel alleen",
]
# Gemeenten whose route answers to every question above name the gemeente itself and no other
# (tried one by one against the assistant on 2026-12-07: regional bodies such as "Sociale Dienst
# Drechtsteden" or a centrumgemeente's shelter left out Dordrecht, Eindhoven, Woerden and others,
# and a question about homelessness, which names the centrumgemeente). No name is part of another,
# or a place or former name of another gemeente (tests/test_load_check.py checks that against
# data/routing/gemeenten.yml). Sixty-four, so that 50 concurrent conversations all differ.
GEMEENTEN = [
    "Amsterdam", "Rotterdam", "Utrecht", "Zwolle", "Leeuwarden", "Groningen",
    "Enschede", "Nijmegen", "Arnhem", "Tilburg", "Breda", "Maastricht", "Venlo",
    "Deventer", "Apeldoorn", "Almere", "Lelystad", "Haarlem", "Leiden", "Gouda",
    "Alkmaar", "Amersfoort", "Hilversum", "Zaanstad", "Assen", "Emmen", "Hoogeveen", "Meppel",
    "Heerenveen", "Heemskerk", "Vlissingen", "Roosendaal", "Oss", "Helmond", "Roermond",
    "Heerlen", "Zutphen", "Wageningen", "Veenendaal", 
    "Purmerend", "Beverwijk", "Den Helder", "Schiedam", "Vlaardingen", "Zoetermeer", "Velsen",
    "Harderwijk", "Kampen", "Almelo", "Oldenzaal", "Terneuzen", "Waalwijk", "Weert", "Tiel",
    "Barneveld", "Gorinchem", "Schagen", "Ridderkerk",
    "Haarlemmermeer", "Lansingerland", "Sittard-Geleen", "Bergen op Zoom", "Ede", "Hardenberg",
]
GEMEENTE_FORMS = ["{g}", "Ik woon in {g}", "gemeente {g}"]

# Rasa's example bot: its responses (domain.yml of `rasa init`, Rasa 3.6).
REF_GREET = "Hey! How are you?"
REF_HAPPY = "Great, carry on!"
REF_CHEER = "Here is something to cheer you up:"
REF_HELP = "Did that help you?"
REF_BOT = "I am a bot, powered by Rasa."
REF_BYE = "Bye"


@dataclass
class Turn:
    kind: str                     # greet, question, gemeente, thanks / greet, mood, third, goodbye
    text: str
    expect: List[str] = field(default_factory=list)   # substrings the answer must contain


@dataclass
class Conversation:
    token: Optional[str]          # what only this conversation's answers may name (None: no token)
    turns: List[Turn]


def loketwijzer(user: int, number: int) -> Conversation:
    """Conversation ``number`` of simulated user ``user`` with Loketwijzer."""
    gemeente = GEMEENTEN[user % len(GEMEENTEN)]
    k = user * 3 + number
    return Conversation(token=gemeente, turns=[
        Turn("greet", GREETINGS[k % len(GREETINGS)]),
        Turn("question", QUESTIONS[k % len(QUESTIONS)]),
        Turn("gemeente", GEMEENTE_FORMS[k % len(GEMEENTE_FORMS)].format(g=gemeente), expect=[gemeente]),
        Turn("thanks", THANKS[k % len(THANKS)]),
    ])


def reference(user: int, number: int) -> Conversation:
    """Conversation ``number`` of simulated user ``user`` with Rasa's example bot."""
    if (user + number) % 2 == 0:
        turns = [Turn("greet", "hello", [REF_GREET]),
                 Turn("mood", "I am great", [REF_HAPPY]),
                 Turn("third", "are you a bot?", [REF_BOT]),
                 Turn("goodbye", "bye", [REF_BYE])]
    else:
        turns = [Turn("greet", "hi", [REF_GREET]),
                 Turn("mood", "I am sad", [REF_CHEER, REF_HELP]),
                 Turn("third", "yes", [REF_HAPPY]),
                 Turn("goodbye", "goodbye", [REF_BYE])]
    return Conversation(token=None, turns=turns)


SCRIPTS = {"loketwijzer": loketwijzer, "reference": reference}


def script(bot: str, user: int, number: int) -> Conversation:
    return SCRIPTS[bot](user, number)


def sender_id(run_id: str, transport: str, user: int, number: int) -> str:
    """A sender id no other conversation of any run has: run, transport, user, conversation."""
    return f"load-{run_id}-{transport}-u{user}-c{number}"
