"""Routing table benchmark: how long loading the full table takes, and one route() call in process.

    .venv/bin/python bench/routing_bench.py [--database-url URL]

Prints load time (read + validate + write the database, and reading it back into memory) and
route() latency percentiles over every gemeente x every need, single and multi-need.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.routing import Context, route  # noqa: E402
from bot.routing.loader import load  # noqa: E402
from bot.routing.table import RoutingTable  # noqa: E402


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/routing.db"

    loads, reads = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        load(url)
        loads.append(time.perf_counter() - t)
        t = time.perf_counter()
        table = RoutingTable.from_database(url)
        reads.append(time.perf_counter() - t)
    print(f"database: {url.split('://')[0]}")
    print(f"load full table (read YAML, validate, write DB): median {statistics.median(loads):.3f} s, max {max(loads):.3f} s")
    print(f"read table into memory:                          median {statistics.median(reads):.3f} s, max {max(reads):.3f} s")

    needs = list(table.needs)
    gemeenten = list(table.gemeenten.values())
    rng = random.Random(7)
    calls = [([n], g, Context()) for g in gemeenten for n in needs]
    calls += [(rng.sample(needs, 2), rng.choice(gemeenten), Context(leeftijd=rng.randint(5, 90), spoed=rng.random() < .3))
              for _ in range(5000)]
    table.matcher  # build the matcher outside the timing
    for c in calls[:500]:
        route(*c, table=table)  # warm up
    times = []
    for need_list, g, ctx in calls:
        t = time.perf_counter()
        route(need_list, g, ctx, table)
        times.append((time.perf_counter() - t) * 1e6)
    print(f"route() over {len(times)} calls: p50 {pct(times, 50):.0f} µs, p95 {pct(times, 95):.0f} µs, "
          f"p99 {pct(times, 99):.0f} µs, max {max(times):.0f} µs")
    names = [n for n, _, _ in table.names][:2000]
    t = time.perf_counter()
    for n in names:
        table.matcher.resolve(n)
    print(f"gemeente match (exact names): {(time.perf_counter() - t) / len(names) * 1e6:.0f} µs per name")
    typos = ["Den Bosh", "Leeuwarde", "Nijmegn", "Apeldorn", "Amsterdm", "Rotterdum", "Groninge", "Eindhove"]
    t = time.perf_counter()
    for n in typos * 10:
        table.matcher.resolve(n)
    print(f"gemeente match (misspelled): {(time.perf_counter() - t) / (len(typos) * 10) * 1e3:.1f} ms per name")
    return 0


if __name__ == "__main__":
    sys.exit(main())
