"""The production path: shared stores (PostgreSQL tracker store, Redis lock store), their checks at
start, the tracker table's migrations, and the balanced set of servers (``python -m
bot.production.stack``). The embedded default (``make run``, SQLite) does not need any of it."""
