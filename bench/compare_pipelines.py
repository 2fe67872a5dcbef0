"""Compare NLU pipeline configurations with `rasa test nlu` cross-validation on data/nlu.

    .venv/bin/python bench/compare_pipelines.py [--folds 3] [CONFIG.yml ...]

Writes per-config reports to results/cv/<name>/ and a summary table (accuracy, macro F1,
weighted F1, wall time) to results/cv/summary.md, which docs/nlu-pipeline.md quotes.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")


def run(config: Path, folds: int) -> dict:
    out = ROOT / "results" / "cv" / config.stem
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "rasa", "test", "nlu", "--nlu", "data/nlu", "--config", str(config),
                    "--cross-validation", "--folds", str(folds), "--out", str(out), "--quiet"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.monotonic() - start
    report = json.loads((out / "intent_report.json").read_text())
    return {"config": config.stem, "accuracy": report["accuracy"],
            "macro_f1": report["macro avg"]["f1-score"], "weighted_f1": report["weighted avg"]["f1-score"],
            "seconds": seconds}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("configs", nargs="*")
    args = parser.parse_args()
    configs = [Path(c) for c in args.configs] or sorted((ROOT / "bench" / "pipelines").glob("*.yml"))
    rows = []
    for config in configs:
        print(f"== {config.stem} ...", flush=True)
        rows.append(run(config, args.folds))
        print(f"   accuracy {rows[-1]['accuracy']:.3f}, macro F1 {rows[-1]['macro_f1']:.3f}, "
              f"{rows[-1]['seconds']:.0f} s", flush=True)
    lines = [f"{args.folds}-fold cross-validation on data/nlu ({time.strftime('%Y-%m-%d')}), test folds:", "",
             "| config | accuracy | macro F1 | weighted F1 | wall time (train+test, all folds) |",
             "|---|---|---|---|---|"]
    lines += [f"| {r['config']} | {r['accuracy']:.3f} | {r['macro_f1']:.3f} | {r['weighted_f1']:.3f} | {r['seconds']:.0f} s |"
              for r in rows]
    summary = "\n".join(lines) + "\n"
    (ROOT / "results" / "cv").mkdir(parents=True, exist_ok=True)
    (ROOT / "results" / "cv" / "summary.md").write_text(summary)
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
