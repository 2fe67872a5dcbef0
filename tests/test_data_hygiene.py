"""Evaluation texts never become training data (issue 9, rule 5): no example in data/nlu or
data/crisis equals a question of the public dev set or of a held-out round."""
import json

from bot.crisis.corpus import load_corpus
from bot.nlu.training_data import examples
from bot.tools.import_examples import EVAL_FILES, evaluation_keys, key


def test_there_are_evaluation_sets_to_check_against():
    assert any(f.exists() for f in EVAL_FILES)


def test_no_training_example_is_an_evaluation_question():
    evaluation = evaluation_keys()
    leaked = [t for t, _, _ in examples() if key(t) in evaluation]
    leaked += [e.text for e in load_corpus() if key(e.text) in evaluation]
    assert not leaked, f"evaluation texts in the training data: {leaked[:5]}"


def test_the_importer_drops_an_evaluation_text(tmp_path):
    from bot.tools.import_examples import main

    first = next(f for f in EVAL_FILES if f.exists())
    question = json.loads(first.read_text(encoding="utf-8").splitlines()[0])["text"]
    src = tmp_path / "w.jsonl"
    src.write_text(json.dumps({"intent": "need_schulden", "text": question}) + "\n"
                   + json.dumps({"intent": "need_schulden", "text": "ik heb een vraag over een nieuwe schuld xq"}) + "\n")
    target = tmp_path / "w.yml"
    assert main([str(src), str(target), "--title", "test"]) == 0
    body = target.read_text(encoding="utf-8")
    assert "nieuwe schuld xq" in body and key(question) not in key(body)
