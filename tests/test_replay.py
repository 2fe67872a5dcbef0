"""The ombudsman's replay (python -m bot replay): scenario files, checks, and every scenario in
tests/scenarios/ (written by an independent helper, docs/evaluation.md) and the public ones
played against the running assistant."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot.paths import ROOT
from bot.replay import checks
from bot.replay.scenario import ScenarioError, load

OWN = sorted((ROOT / "tests" / "scenarios").glob("*.yml"))
PUBLIC = sorted((ROOT.parent / "shared" / "eval" / "scenarios").glob("*.yml"))
# the handover checks of our own scenarios were written before the handover existed (issue 12);
# the public scenarios are checked in full
HANDOVER = {"handoff", "consent_asked", "summary_mentions"}
KNOWN = yaml.safe_load((ROOT / "tests" / "replay_known_failures.yml").read_text(encoding="utf-8")) or {}


@pytest.mark.parametrize("content, line, what", [
    ("scenario: x\nturns:\n  - hoi\nexpect:\n  primary_loket_typ: gemeente-wmo\n", 5, "unknown check 'primary_loket_typ'"),
    ("scenario: x\nturns: [\n", 3, "not valid YAML"),
    ("scenario: x\nturns:\n  - hoi\nexpect:\n  urgent: ja\n", 5, "must be true or false"),
    ("scenario: x\nturns: hallo\n", 2, "'turns' must be a list"),
    ("turns:\n  - hoi\n", 1, "'scenario' (the id) is missing"),
    ("scenario: x\nturns:\n  - hoi\ngemeentee: Ede\n", 4, "unknown key 'gemeentee'"),
])
def test_a_malformed_scenario_names_the_file_the_line_and_what_is_wrong(tmp_path, content, line, what):
    path = tmp_path / "s.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load(path)
    assert err.value.line == line and what in err.value.what and str(path) in str(err.value)


def test_a_malformed_file_exits_with_2_before_anything_is_started(tmp_path, capsys):
    from bot.cli import main

    path = tmp_path / "kapot.yml"
    path.write_text("scenario: x\nturns: [\n", encoding="utf-8")
    assert main(["replay", str(path)]) == 2
    err = capsys.readouterr().err
    assert "kapot.yml:3" in err and "Traceback" not in err


def test_checks_pass_and_fail_on_the_outcome():
    outcome = {"route": {"primary": {"loket_type": "gemeente-wmo", "law": "wmo2015"},
                         "also": [{"loket_type": "clientondersteuning"}]},
               "crisis": None, "urgent": True, "said": ["Kosten: abonnementstarief. U kunt gratis hulp krijgen van een cliëntondersteuner."],
               "first_answer_words": 50, "dead_ends": [], "gemeente": "Utrecht"}
    expect = {"primary_loket_type": ["gemeente-wmo", "sociaal-wijkteam"], "law": "wmo2015", "crisis": None,
              "urgent": True, "also_includes": ["clientondersteuning"], "not_primary": ["ciz"],
              "offers_clientondersteuning": True, "mentions_costs": True, "max_words_first_answer": 60,
              "answers_followups": True, "gemeente": "Utrecht"}
    assert all(c.passed for c in checks.evaluate(expect, outcome))
    wrong = {"primary_loket_type": "ciz", "law": "wlz", "urgent": False, "max_words_first_answer": 40,
             "gemeente": "Zwolle", "handoff": True, "summary_mentions": ["traplift"]}
    failed = {c.check: c for c in checks.evaluate(wrong, outcome)}
    assert not any(c.passed for c in failed.values())
    assert "overdrachtssamenvatting" in failed["handoff"].detail


@pytest.fixture(scope="module")
def assistant():
    from bot.replay.runner import started_assistant

    with started_assistant() as a:
        yield a


@pytest.mark.parametrize("path", OWN + PUBLIC, ids=[p.stem for p in OWN + PUBLIC])
def test_scenario(assistant, path, request):
    from bot.replay.runner import play
    from bot.routing import default_table

    if path.stem in KNOWN:
        request.applymarker(pytest.mark.xfail(reason=KNOWN[path.stem], strict=True))
    result = play(load(path), assistant, default_table())
    public = path in PUBLIC
    failed = [c for c in result["checks"] if not c["passed"] and (public or c["check"] not in HANDOVER)]
    assert not failed, json.dumps(failed, ensure_ascii=False)


def test_replay_command_line_json_and_html(tmp_path, capsys):
    from bot.cli import main

    report = tmp_path / "rapport.html"
    code = main(["replay", str(OWN[0]), "--json", "--html", str(report)])
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert code in (0, 1) and len(out) == 1
    assert set(out[0]) >= {"scenario", "passed", "checks", "transcript", "handoff"}
    assert code == (0 if out[0]["passed"] else 1)
    page = report.read_text(encoding="utf-8")
    assert out[0]["scenario"] in page and "<script" not in page
