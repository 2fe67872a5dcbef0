"""The "geen verkeerde deur" routing table and router.

    from bot.routing import route, Context, default_table
    table = default_table()
    gemeente = table.gemeenten["GM0505"]
    r = route(["bijstand"], gemeente, Context(leeftijd=30), table)
"""
from bot.routing.router import Context, Route, Step, UnknownNeed, concrete_loket, route, select_rule  # noqa: F401
from bot.routing.table import RoutingTable, default_table  # noqa: F401
