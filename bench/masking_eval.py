"""Masking recall and over-masking on a set written by someone else (bench/masking/).

    .venv/bin/python bench/masking_eval.py [SET.jsonl] [--errors]

Each line: text, must_mask (identifiers that must not survive), must_keep (values that must stay:
helplines, amounts, dates without a year, case numbers). An identifier counts as masked when its
text no longer appears and none of its runs of four or more digits survives (so hiding half an
address is not counted as masked). Compared in the same run with the simple alternative: a
regular-expression masker without validators (nine digits, any 06/0xx number, e-mail, IBAN shape).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.privacy.masking import mask  # noqa: E402

DEFAULT = ROOT / "bench" / "masking" / "masking-set.jsonl"

_NAIVE = [re.compile(p, re.I) for p in (
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+",                       # e-mail
    r"\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){3,7}(?: ?[a-z0-9]{1,3})?\b",  # IBAN shape
    r"(?:\+31|0031|0)[\s-]?\d(?:[\s-]?\d){8}",              # a Dutch phone number shape
    r"\b\d{3}[ .]?\d{3}[ .]?\d{3}\b",                    # nine digits
    r"\b\d{4} ?[a-z]{2}\b",                                # postcode shape
    r"\b\d{1,2}[-/]\d{1,2}[-/]\d{4}\b",                    # a date with a year
)]


def naive(text: str) -> str:
    for p in _NAIVE:
        text = p.sub("[X]", text)
    return text


def masked(value: str, out: str) -> bool:
    if value in out:
        return False
    return not any(run in out for run in re.findall(r"\d{4,}", re.sub(r"[\s.-]", "", value)) if
                   run in re.sub(r"[\s.-]", "", out))


def score(items, fn, show=False):
    found = total = kept = keep_total = 0
    for it in items:
        out = fn(it["text"])
        for v in it.get("must_mask") or []:
            total += 1
            ok = masked(v, out)
            found += ok
            if show and not ok:
                print(f"  missed  {it['id']}: {v!r} -> {out}")
        for v in it.get("must_keep") or []:
            keep_total += 1
            ok = v in out
            kept += ok
            if show and not ok:
                print(f"  over    {it['id']}: {v!r} -> {out}")
    return found, total, keep_total - kept, keep_total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", nargs="?", default=str(DEFAULT))
    ap.add_argument("--errors", action="store_true", help="print what was missed or masked wrongly")
    args = ap.parse_args()
    items = [json.loads(line) for line in Path(args.set).read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"{len(items)} messages\n")
    print("| masker | identifiers masked (recall) | values that must stay, masked (over-masking) |")
    print("|---|---|---|")
    for name, fn in (("bot.privacy.masking", mask), ("naive regular expressions", naive)):
        f, t, over, kt = score(items, fn, show=args.errors and name.startswith("bot"))
        print(f"| {name} | {f}/{t} ({f / t:.1%}) | {over}/{kt} ({over / kt:.1%}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
