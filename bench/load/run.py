"""The load benchmark in one command: the reference bot and Loketwijzer under the same load, one
after the other, with the ratio.

    bench/load/run.sh                         # 60 s per level: 1, 10, 50 users; REST and socket.io
    bench/load/run.sh --duration 5            # a quick check that everything works
    bench/load/run.sh --target http://127.0.0.1:5080 --target-pids 'Rasa 1=123,Rasa 2=456'
                                              # Loketwijzer already running (e.g. behind a balancer)

(run.sh makes bench/load/.venv and runs this file with it.) For each bot: start it, warm it up
with two unmeasured conversations, then for each transport and each number of concurrent users one
headless Locust run (locustfile.py) of ``--duration`` seconds; Locust lets every user finish the
conversation it is in (``--stop-timeout``), so no conversation is cut off and each one can be
checked whole (check.py). Then stop it.

Per level: throughput (answered messages whose answer came within the fixed window, divided by
its length), p50/p95/p99 of the time from sending a message to its complete answer (messages
sent within the window), errors, lost, crossed, duplicated and unexpected answers, the server
processes' memory (highest RSS seen, sampled each second) and the machine's load average before
the level (the machine may be shared). Writes everything, with the machine, the commit and the
versions, to bench/load/results/<date-time>.json and prints a markdown table with the throughput
ratio Loketwijzer / reference at each level.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Dict, List, Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import servers  # noqa: E402
from check import check, read_log  # noqa: E402
from conversations import script  # noqa: E402

ROOT = HERE.parents[1]
USER_CLASSES = {"rest": "RestResident", "socketio": "SocketResident"}
NAMES = {"reference": "reference (rasa init)", "loketwijzer": "Loketwijzer"}


def pct(values: List[float], p: float) -> Optional[float]:
    """Nearest-rank percentile (as bench/rest_latency.py); None for no values."""
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))], 1)


def summarize(records: List[dict], duration: float) -> Dict[str, object]:
    """Throughput and latency of one level's log, over the fixed window from its first message."""
    turns = [r for r in records if r.get("type") == "turn"]
    if not turns:
        return {"messages": 0, "throughput": 0.0}
    t0 = min(r["t_start"] for r in turns)
    end = t0 + duration
    ok = [r for r in turns if r.get("status") == "ok" and r.get("replies")]
    done_in_window = [r for r in ok if r["t_end"] <= end]
    sent_in_window = [r for r in ok if r["t_start"] < end]
    ms = [r["ms"] for r in sent_in_window]
    first = [r["first_ms"] for r in sent_in_window if r.get("first_ms") is not None]
    by_kind = {}
    for kind in dict.fromkeys(r["kind"] for r in turns):
        k_ms = [r["ms"] for r in sent_in_window if r["kind"] == kind]
        by_kind[kind] = {"n": len(k_ms), "p50_ms": pct(k_ms, 50), "p95_ms": pct(k_ms, 95)}
    connects = [r["ms"] for r in records if r.get("type") == "connect" and r.get("status") == "ok"]
    conversations = {}
    for r in turns:
        conversations.setdefault(r["conversation"], []).append(r)
    answered = {id(r) for r in ok}
    complete = sum(1 for c in conversations.values() if len(c) == 4 and all(id(r) in answered for r in c))
    return {
        "window_s": duration,
        "throughput": round(len(done_in_window) / duration, 2),
        "messages_in_window": len(done_in_window),
        "p50_ms": pct(ms, 50), "p95_ms": pct(ms, 95), "p99_ms": pct(ms, 99), "max_ms": pct(ms, 100),
        "mean_ms": round(sum(ms) / len(ms), 1) if ms else None,
        "first_answer_p50_ms": pct(first, 50), "first_answer_p95_ms": pct(first, 95),
        "by_kind": by_kind,
        "conversations": len(conversations), "conversations_complete": complete,
        "connect_p50_ms": pct(connects, 50), "connect_p95_ms": pct(connects, 95),
        "last_answer_after_s": round(max(r["t_end"] for r in turns) - t0, 1),
    }


class MemorySampler(threading.Thread):
    """The highest RSS of each server process, sampled once a second while a level runs."""

    def __init__(self, pids: Dict[str, int]):
        super().__init__(daemon=True)
        self.pids, self.highest, self.done = pids, {}, threading.Event()

    def run(self):
        while not self.done.is_set():
            for name, pid in self.pids.items():
                mb = servers.rss_mb(pid)
                if mb is not None:
                    self.highest[name] = max(mb, self.highest.get(name, 0.0))
            self.done.wait(1)

    def stop(self) -> Dict[str, float]:
        self.done.set()
        self.join()
        return dict(self.highest)


def post(url: str, sender: str, text: str) -> list:
    req = urllib.request.Request(f"{url}/webhooks/rest/webhook", headers={"Content-Type": "application/json"},
                                 data=json.dumps({"sender": sender, "message": text}).encode())
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())


def warm_up(bot: str, url: str, run_id: str) -> None:
    for n in range(2):
        for turn in script(bot, n, 0).turns:
            post(url, f"warmup-{run_id}-{n}", turn.text)


def loadavg() -> List[float]:
    return [round(x, 2) for x in os.getloadavg()]


def run_level(args, bot: str, server: servers.Server, transport: str, users: int, run_id: str,
              workdir: Path) -> Dict[str, object]:
    log_path = workdir / f"{bot}-{transport}-{users}.jsonl"
    env = dict(os.environ, LOAD_BOT=bot, LOAD_LOG=str(log_path), LOAD_RUN_ID=f"{run_id}-{users}",
               LOAD_TIMEOUT=str(args.timeout))
    cmd = [str(HERE / ".venv" / "bin" / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
           "-u", str(users), "-r", str(users), "-t", f"{args.duration:g}s", "--stop-timeout", f"{args.timeout + 30:g}s",
           "--host", server.url, "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0",
           USER_CLASSES[transport]]
    before = loadavg()
    sampler = MemorySampler(server.pids)
    sampler.start()
    cpu_before = {name: servers.cpu_s(pid) for name, pid in server.pids.items()}
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    with open(workdir / f"{bot}-{transport}-{users}.locust.txt", "w") as out:
        code = subprocess.run(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=HERE).returncode
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    highest = sampler.stop()
    cpu = {name: round(servers.cpu_s(pid) - cpu_before[name], 1) for name, pid in server.pids.items()
           if cpu_before[name] is not None and servers.cpu_s(pid) is not None}
    records = read_log(log_path)
    result = {"bot": bot, "transport": transport, "users": users, **summarize(records, args.duration),
              "check": check(records), "memory_highest_rss_mb": highest, "loadavg_before": before,
              "server_cpu_s": cpu,
              "load_generator_cpu_s": round(after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime, 1),
              "locust_exit_code": code, "wall_s": round(wall, 1)}
    c = result["check"]
    p95 = result.get("p95_ms")
    print(f"   {transport:8} {users:3d} users: {result['throughput']:6.1f} msg/s  p50 {result.get('p50_ms')} ms  "
          f"p95 {p95} ms  p99 {result.get('p99_ms')} ms  | messages {c['messages']}, errors {c['errors']}, "
          f"lost {c['lost']}, crossed {c['crossed']}, duplicated {c['duplicated']}, unexpected {c['unexpected']}"
          f"  | RSS {', '.join(f'{k} {v:.0f} MB' for k, v in highest.items()) or '?'}"
          f"  | CPU s in {wall:.0f} s: {', '.join(f'{k} {v}' for k, v in cpu.items()) or '?'}, "
          f"Locust {result['load_generator_cpu_s']}", flush=True)
    if code != 0 or not c["messages"]:
        result["failed"] = True
        tail = Path(out.name).read_text(errors="replace").strip().splitlines()[-3:]
        print(f"   ERROR: Locust exited with {code} after {c['messages']} messages: " + " | ".join(tail), flush=True)
    return result


def git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        return ""


def versions() -> Dict[str, str]:
    code = ("import importlib.metadata as m, platform; print(platform.python_version(), m.version('rasa'), "
            "m.version('rasa-sdk'), m.version('python-socketio'))")
    out = subprocess.run([str(servers.PROJECT_PYTHON), "-c", code], capture_output=True, text=True).stdout.split()
    import importlib.metadata as md
    keys = ["python (servers)", "rasa", "rasa-sdk", "python-socketio (servers)"]
    info = dict(zip(keys, out))
    info.update({"python (load)": platform.python_version(), "locust": md.version("locust"),
                 "python-socketio (load)": md.version("python-socketio"), "gevent": md.version("gevent")})
    return info


def machine() -> Dict[str, object]:
    mem = cpu = None
    try:
        mem = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cores": os.cpu_count(), "memory_gib": round(mem / 1024 ** 2, 1) if mem else None, "cpu": cpu,
            "platform": platform.platform(), "loadavg_at_start": loadavg()}


def fmt(v, unit=""):
    return "–" if v is None else f"{v:.0f}{unit}" if isinstance(v, float) and v >= 100 else f"{v}{unit}"


def table(results: List[dict]) -> str:
    by = {(r["bot"], r["transport"], r["users"]): r for r in results}
    lines = ["| transport | users | reference msg/s | Loketwijzer msg/s | ratio | reference p95 | Loketwijzer p50 / p95 / p99 "
             "| errors, lost, crossed (reference / Loketwijzer) |",
             "|---|---|---|---|---|---|---|---|"]
    for transport, users in dict.fromkeys((r["transport"], r["users"]) for r in results):
        ref, lw = by.get(("reference", transport, users)), by.get(("loketwijzer", transport, users))
        ratio = (f"{lw['throughput'] / ref['throughput']:.2f}" if ref and lw and ref["throughput"] else "–")

        def rate(r):
            return "–" if not r else f"{r['throughput']:.1f}"

        def faults(r):
            return "–" if not r else f"{r['check']['errors']}, {r['check']['lost']}, {r['check']['crossed']}"

        lines.append(f"| {transport} | {users} | {rate(ref)} | {rate(lw)} | {ratio} | {fmt(ref and ref.get('p95_ms'), ' ms')} "
                     f"| {fmt(lw and lw.get('p50_ms'))} / {fmt(lw and lw.get('p95_ms'))} / {fmt(lw and lw.get('p99_ms'), ' ms')} "
                     f"| {faults(ref)} / {faults(lw)} |")
    memory = {}
    for r in results:
        for name, mb in r["memory_highest_rss_mb"].items():
            key = f"{NAMES[r['bot']]}: {name}"
            memory[key] = max(mb, memory.get(key, 0.0))
    lines.append("")
    lines.append("Highest RSS: " + "; ".join(f"{k} {v:.0f} MB" for k, v in memory.items()))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds per level (default 60)")
    parser.add_argument("--users", default="1,10,50", help="concurrent conversations per level (default 1,10,50)")
    parser.add_argument("--transports", default="rest,socketio", help="rest, socketio or both (default)")
    parser.add_argument("--bots", default="reference,loketwijzer", help="which bots, in this order")
    parser.add_argument("--target", help="URL of a Loketwijzer already running (e.g. the balancer): "
                                         "not started or stopped by this script")
    parser.add_argument("--target-pids", help="its server processes for the memory figures: 'name=pid,name=pid'")
    parser.add_argument("--reference-port", type=int, default=5305)
    parser.add_argument("--rasa-port", type=int, default=5306)
    parser.add_argument("--actions-port", type=int, default=5356)
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for one answer (default 120)")
    parser.add_argument("--out", type=Path, help="the JSON file (default bench/load/results/<date-time>.json)")
    parser.add_argument("--keep-logs", action="store_true", help="keep the per-message logs next to the JSON")
    parser.add_argument("--note", default="", help="a note stored in the JSON (e.g. 'short verification run')")
    args = parser.parse_args()
    users = [int(u) for u in args.users.split(",")]
    transports = [t.strip() for t in args.transports.split(",")]
    bots = [b.strip() for b in args.bots.split(",")]
    for t in transports:
        if t not in USER_CLASSES:
            parser.error(f"unknown transport {t!r}")
    for b in bots:
        if b not in NAMES:
            parser.error(f"unknown bot {b!r}")
    now = dt.datetime.now()
    out = args.out or HERE / "results" / f"{now:%Y-%m-%dT%H%M%S}.json"
    run_id = uuid.uuid4().hex[:8]
    workdir = Path(tempfile.mkdtemp(prefix="load-"))
    report = {"date": now.isoformat(timespec="seconds"), "note": args.note,
              "commit": git("rev-parse", "HEAD"), "uncommitted_changes": bool(git("status", "--porcelain")),
              "machine": machine(), "versions": versions(),
              "settings": {"duration_s": args.duration, "users": users, "transports": transports, "bots": bots,
                           "timeout_s": args.timeout, "target": args.target, "closed_loop": True,
                           "turns_per_conversation": 4},
              "servers": {}, "results": []}
    print(f"== Load benchmark {report['date']}, commit {report['commit'][:10]}"
          f"{' (with uncommitted changes)' if report['uncommitted_changes'] else ''}, "
          f"{report['machine']['cores']} cores, load average {report['machine']['loadavg_at_start']}", flush=True)
    try:
        for bot in bots:
            if bot == "loketwijzer" and args.target:
                server = servers.Server("loketwijzer", args.target.rstrip("/"), None,
                                        servers.parse_pids(args.target_pids), {"start": f"already running at {args.target}"})
            elif bot == "loketwijzer":
                print("== Starting Loketwijzer (bot.tools.serve.start, as make run) ...", flush=True)
                server = servers.start_loketwijzer(args.rasa_port, args.actions_port)
            else:
                print("== Starting the reference bot (rasa init, one rasa run process) ...", flush=True)
                server = servers.start_reference(args.reference_port)
            try:
                warm_up(bot, server.url, run_id)
                print(f"== {NAMES[bot]} at {server.url}", flush=True)
                for transport in transports:
                    for n in users:
                        report["results"].append(run_level(args, bot, server, transport, n, run_id, workdir))
                        if not server.alive():
                            raise SystemExit(f"ERROR: {NAMES[bot]} stopped during the run")
                report["servers"][bot] = {**server.info, "url": server.url,
                                          "memory_at_end": servers.memory(server.pids)}
            finally:
                servers.stop(server)
    finally:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if args.keep_logs:
            logs = out.with_suffix("")
            shutil.copytree(workdir, logs, dirs_exist_ok=True)
            print(f"== Logs in {logs}")
        shutil.rmtree(workdir, ignore_errors=True)
        print(f"== Written {out}", flush=True)
    print()
    print(table(report["results"]))
    faults = sum(r["check"][k] for r in report["results"] for k in ("errors", "lost", "crossed", "duplicated"))
    failed = [r for r in report["results"] if r.get("failed")]
    return 1 if faults or failed else 0


if __name__ == "__main__":
    sys.exit(main())
