"""Loketwijzer: routes a Dutch resident's help question to the right loket.

Layers, from data to doors: ``bot.routing`` (the routing table as data, the router),
``bot.nlu`` (Dutch language understanding around the Rasa model), ``bot.dialogue``
(what the assistant says), ``bot.tools`` (set-up, training, serving) and the command line
in ``bot.cli``. Rasa custom actions in ``actions/`` are thin adapters onto these.
"""
