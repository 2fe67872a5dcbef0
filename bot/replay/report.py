"""Reports of a replay: plain text for the terminal, and HTML that a non-programmer can read
(every message escaped, no scripts, no outside resources)."""
from __future__ import annotations

import html
from typing import Any, Dict, List


def text(result: Dict[str, Any]) -> str:
    lines = [f"== Scenario {result['scenario']} ({result['file']})"]
    if result.get("beschrijving"):
        lines.append(f"   {result['beschrijving']}")
    lines.append("-- Gesprek")
    for m in result["transcript"]:
        who = "Inwoner    " if m["speaker"] == "inwoner" else "Loketwijzer"
        buttons = "".join(f" [{b}]" for b in m.get("buttons") or [])
        lines.append(f"   {who}: {m['text']}{buttons}")
    lines.append("-- Routering")
    for d in result["decisions"] or []:
        crisis = f", crisis {d['crisis']}" if d.get("crisis") else ""
        lines.append(f"   na beurt {d['turn']}: {d['primary_loket_type']} ({d['law']}){crisis}"
                     f"{', spoed' if d.get('urgent') else ''}; ook: {', '.join(d['also']) or '-'}")
    if not result["decisions"]:
        lines.append("   geen route gegeven")
    lines.append("-- Overdracht")
    lines.append(f"   {result['handoff'] or 'geen samenvatting gemaakt'}")
    lines.append("-- Controles")
    for c in result["checks"]:
        lines.append(f"   {'PASS' if c['passed'] else 'FAIL'}  {c['check']}: {c['detail']}")
    lines.append(f"== {'PASS' if result['passed'] else 'FAIL'} {result['scenario']}")
    return "\n".join(lines)


def page(results: List[Dict[str, Any]]) -> str:
    e = html.escape
    passed = sum(r["passed"] for r in results)
    parts = [
        "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">",
        "<title>Loketwijzer: naspelen van scenario's</title>",
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.5;color:#111}"
        ".pass{color:#0a5c0a}.fail{color:#a00000}table{border-collapse:collapse}td,th{border:1px solid #999;"
        "padding:.3rem .5rem;text-align:left;vertical-align:top}.inwoner{background:#eef}"
        ".loketwijzer{background:#f6f6f6}</style></head><body>",
        "<h1>Naspelen van scenario's</h1>",
        f"<p>{passed} van de {len(results)} scenario's voldoen aan alle controles.</p>",
    ]
    for r in results:
        status = "voldoet" if r["passed"] else "voldoet niet"
        parts.append(f"<section><h2>{e(r['scenario'])}: <span class=\"{'pass' if r['passed'] else 'fail'}\">"
                     f"{status}</span></h2>")
        if r.get("beschrijving"):
            parts.append(f"<p>{e(r['beschrijving'])}</p>")
        if r.get("bron"):
            parts.append(f"<p>Bron: {e(r['bron'])}</p>")
        parts.append("<h3>Controles</h3><table><tr><th>uitkomst</th><th>controle</th><th>principe</th>"
                     "<th>wat er gebeurde</th></tr>")
        for c in r["checks"]:
            mark = "<span class=\"pass\">PASS</span>" if c["passed"] else "<span class=\"fail\">FAIL</span>"
            parts.append(f"<tr><td>{mark}</td><td>{e(c['check'])}</td><td>{e(c.get('principle', ''))}</td>"
                         f"<td>{e(c['detail'])}</td></tr>")
        parts.append("</table><h3>Gesprek</h3><table>")
        for m in r["transcript"]:
            who = "Inwoner" if m["speaker"] == "inwoner" else "Loketwijzer"
            buttons = "".join(f" [{e(b)}]" for b in m.get("buttons") or [])
            body = e(m["text"]).replace("\n", "<br>")
            parts.append(f"<tr class=\"{m['speaker']}\"><th>{who}</th><td>{body}{buttons}</td></tr>")
        parts.append("</table><h3>Routering</h3><ul>")
        for d in r["decisions"] or []:
            parts.append(f"<li>Na beurt {d['turn']}: {e(str(d['primary_loket_type']))} ({e(str(d['law']))})"
                         f"{', crisis ' + e(str(d['crisis'])) if d.get('crisis') else ''}"
                         f"{', spoed' if d.get('urgent') else ''}</li>")
        if not r["decisions"]:
            parts.append("<li>Geen route gegeven.</li>")
        parts.append("</ul></section>")
    parts.append("</body></html>")
    return "\n".join(parts)
