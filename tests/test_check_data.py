"""Broken YAML under data/ is reported with the file and line, not a stack trace."""
import subprocess
import sys

from bot.paths import ROOT
from bot.tools.check_data import check


def test_project_yaml_is_valid():
    assert check() == []


def test_broken_yaml_named_with_file_and_line(tmp_path):
    (tmp_path / "data" / "nlu").mkdir(parents=True)
    (tmp_path / "data" / "nlu" / "kapot.yml").write_text('version: "3.1"\nnlu:\n- intent: x\n  examples: [a, b\n')
    problems = check(tmp_path)
    assert len(problems) == 1
    assert "data/nlu/kapot.yml" in problems[0] and "line " in problems[0]


def test_command_exits_1_with_message(tmp_path, monkeypatch):
    bad = ROOT / "data" / "nlu" / "zz_test_kapot.yml"
    bad.write_text("nlu:\n  - intent: [\n")
    try:
        run = subprocess.run([sys.executable, "-m", "bot.tools.check_data"], cwd=ROOT, capture_output=True, text=True)
    finally:
        bad.unlink()
    assert run.returncode == 1
    assert "zz_test_kapot.yml, line" in run.stderr
    assert "Traceback" not in run.stderr
