"""Check that every YAML file the assistant reads parses, before Rasa sees it.

Rasa's own error for a broken YAML file is a long stack trace; this names the file and line.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, List

import yaml

from bot.paths import ROOT

TOP_LEVEL_FILES = ["domain.yml", "config.yml", "endpoints.yml", "credentials.yml"]
FOLDERS = ["data", "tests"]


def yaml_files(root: Path = ROOT) -> Iterable[Path]:
    for name in TOP_LEVEL_FILES:
        if (root / name).exists():
            yield root / name
    for folder in FOLDERS:
        base = root / folder
        if base.is_dir():
            for path in sorted(base.rglob("*.yml")) + sorted(base.rglob("*.yaml")):
                if "sources" not in path.parts:
                    yield path


def yaml_problem(path: Path, root: Path = ROOT) -> str | None:
    """Return a one-line description of why ``path`` is not valid YAML, or None."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return f"{path.relative_to(root)}: not UTF-8 text ({err.reason} at byte {err.start})"
    try:
        yaml.safe_load(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown line"
        what = err.problem or err.context or "invalid YAML"
        return f"{path.relative_to(root)}, {where}: {what}"
    except yaml.YAMLError as err:
        return f"{path.relative_to(root)}: {err}"
    return None


def check(root: Path = ROOT) -> List[str]:
    return [p for p in (yaml_problem(f, root) for f in yaml_files(root)) if p]


def main() -> int:
    problems = check()
    if problems:
        print("ERROR: these YAML files cannot be read; fix them and run again:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
