"""Scenario files: read, and refuse a malformed one with the file, the line and what is wrong.

An ombudsman's colleague writes these by hand; a typo must not turn into a silent PASS, so every
key is checked against the contract's format (docs/contract/interfaces.md section 2)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

TOP_KEYS = {"scenario", "bron", "beschrijving", "gemeente", "turns", "expect"}
EXPECT_KEYS = {
    "primary_loket_type": (str, list), "law": (str,), "also_includes": (list,), "not_primary": (list,),
    "crisis": (str, type(None)), "urgent": (bool,), "handoff": (bool,), "consent_asked": (bool,),
    "summary_mentions": (list,), "offers_clientondersteuning": (bool,), "mentions_costs": (bool,),
    # this project's own checks (tests/scenarios/), same spirit
    "says": (list,), "never_says": (list,), "max_words_first_answer": (int,), "gemeente": (str, type(None)),
    "asks_gemeente": (bool,), "answers_followups": (bool,),
}


class ScenarioError(Exception):
    """A malformed scenario file: ``str()`` names the file, the line and what is wrong."""

    def __init__(self, path: Path, line: Optional[int], what: str):
        self.path, self.line, self.what = path, line, what
        super().__init__(f"{path}:{line if line else '?'}: {what}")


@dataclass(frozen=True)
class Scenario:
    id: str
    path: Path
    turns: List[str]
    expect: Dict[str, Any]
    gemeente: Optional[str] = None
    bron: str = ""
    beschrijving: str = ""
    lines: Dict[str, int] = field(default_factory=dict)  # expect key -> line in the file


def _lines(node) -> Dict[str, int]:
    """Line (1-based) of each key of a YAML mapping node, and of each key under `expect`."""
    out: Dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out[key.value] = key.start_mark.line + 1
            if key.value == "expect" and isinstance(value, yaml.MappingNode):
                for k, _ in value.value:
                    out[f"expect.{k.value}"] = k.start_mark.line + 1
    return out


def load(path: Path) -> Scenario:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ScenarioError(path, None, f"cannot read the file: {err.strerror}") from None
    except UnicodeDecodeError:
        raise ScenarioError(path, None, "the file is not UTF-8 text") from None
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.reader.ReaderError as err:  # a NUL byte or another control character (a binary file)
        raise ScenarioError(path, text[:err.position].count("\n") + 1,
                            f"not valid YAML: the control character U+{err.character:04X} "
                            "is not allowed (is this a text file?)") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise ScenarioError(path, mark.line + 1 if mark else None,
                            f"not valid YAML: {getattr(err, 'problem', None) or err}") from None
    if not isinstance(data, dict):
        raise ScenarioError(path, 1, "a scenario is a mapping with the keys scenario, turns and expect")
    lines = _lines(node)
    unknown = set(data) - TOP_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ScenarioError(path, lines.get(key), f"unknown key '{key}' (allowed: {', '.join(sorted(TOP_KEYS))})")
    if not isinstance(data.get("scenario"), str) or not data["scenario"].strip():
        raise ScenarioError(path, lines.get("scenario", 1), "'scenario' (the id) is missing or not text")
    turns = data.get("turns")
    if not isinstance(turns, list) or not turns or not all(isinstance(t, (str, int, float)) for t in turns):
        raise ScenarioError(path, lines.get("turns", 1), "'turns' must be a list of the resident's messages (text)")
    expect = data.get("expect") or {}
    if not isinstance(expect, dict):
        raise ScenarioError(path, lines.get("expect", 1), "'expect' must be a mapping of checks")
    for key, value in expect.items():
        line = lines.get(f"expect.{key}")
        if key not in EXPECT_KEYS:
            raise ScenarioError(path, line, f"unknown check '{key}' (allowed: {', '.join(sorted(EXPECT_KEYS))})")
        if not isinstance(value, EXPECT_KEYS[key]) or (isinstance(value, bool) and bool not in EXPECT_KEYS[key]):
            names = {bool: "true or false", str: "text", list: "a list", int: "a number", type(None): "null"}
            kinds = " or ".join(names[t] for t in EXPECT_KEYS[key])
            raise ScenarioError(path, line, f"check '{key}' must be {kinds}, not {value!r}")
    gemeente = data.get("gemeente")
    return Scenario(id=data["scenario"].strip(), path=path, turns=[str(t) for t in turns], expect=expect,
                    gemeente=str(gemeente) if gemeente is not None else None, bron=str(data.get("bron") or ""),
                    beschrijving=" ".join(str(data.get("beschrijving") or "").split()), lines=lines)
