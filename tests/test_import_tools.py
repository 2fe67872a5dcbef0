"""The tools that bring new writers' data in and check a sealed round: they keep evaluation texts out."""
import json

from bot.crisis.corpus import load_corpus
from bot.paths import ROOT
from bot.tools import import_crisis, near_twins

HELDOUT = sorted((ROOT / "bench" / "heldout").glob("*/crisis-probe.jsonl"))


def _an_evaluation_text():
    return json.loads(HELDOUT[0].read_text(encoding="utf-8").splitlines()[0])["text"]


def test_import_crisis_keeps_new_messages_and_drops_evaluation_and_corpus_texts(tmp_path, capsys):
    new = "Mijn buurjongen van twaalf zegt dat zijn stiefvader hem met de riem slaat als hij te laat is"
    lines = [{"label": "veilig_thuis", "text": new, "lang": "nl", "kind": "child-abuse", "hard": False, "writer": "t"},
             {"label": "veilig_thuis", "text": new + "  ", "lang": "nl"},                         # repeated
             {"label": "113", "text": _an_evaluation_text() + "!", "lang": "nl"},                # nearly evaluation
             {"label": "none", "text": load_corpus()[0].text, "lang": "nl"}]                   # already in corpus
    source, target = tmp_path / "t.jsonl", tmp_path / "c99.jsonl"
    source.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    assert import_crisis.main([str(source), str(target)]) == 0
    kept = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
    assert [k["text"] for k in kept] == [new]
    out = capsys.readouterr().out
    assert "dropped 1: (nearly) an evaluation text" in out and "dropped 2: already in the corpus or repeated" in out


def test_import_crisis_names_a_bad_line_and_writes_nothing(tmp_path, capsys):
    source, target = tmp_path / "t.jsonl", tmp_path / "c99.jsonl"
    source.write_text('{"label": "911", "text": "help"}\n', encoding="utf-8")
    assert import_crisis.main([str(source), str(target)]) == 2
    assert "t.jsonl:1" in capsys.readouterr().err and not target.exists()


def test_near_twins_counts_without_showing_the_texts(tmp_path, capsys):
    long_texts = [e.text for e in load_corpus() if len(e.text) > 60][:2]
    sealed = tmp_path / "sealed.jsonl"
    sealed.write_text("".join(json.dumps({"text": t + "."}, ensure_ascii=False) + "\n" for t in long_texts), encoding="utf-8")
    assert near_twins.main([str(sealed)]) == 0
    out = capsys.readouterr().out
    assert "near twins of sealed.jsonl: " in out and "near twins of sealed.jsonl: 0;" not in out
    assert not any(t[:30] in out for t in long_texts)
