"""Folding a measured held-out round into training (bot/tools/fold_heldout.py): labels are taken only
where the routing table agrees, crises go to the crisis corpus, and a folded round stops being an
evaluation set while every other round stays one."""
import json

import pytest

from bot.routing.table import default_table
from bot.tools import fold_heldout, import_examples
from bot.tools.import_examples import domain_intents


@pytest.fixture(scope="module")
def table():
    return default_table()


def q(text, needs, loket, law=None, crisis=None, **kw):
    expect = {"primary_loket_type": loket, "crisis": crisis}
    if law:
        expect["law"] = law
    return {"id": "x-001", "text": text, "gemeente": "Utrecht", "expect": expect, "needs": needs, **kw}


def test_a_question_the_table_agrees_with_becomes_its_need(table):
    item = q("Ik krijg de huur niet meer betaald, kan ik huurtoeslag krijgen?", ["toeslagen"],
             ["belastingdienst-toeslagen"])
    intent, reason = fold_heldout.nlu_intent(item, table, domain_intents())
    assert (intent, reason) == ("need_toeslagen", "")


def test_a_label_the_table_reads_differently_is_left_out(table):
    item = q("Ik krijg de huur niet meer betaald, kan ik huurtoeslag krijgen?", ["toeslagen"], ["uwv"])
    intent, reason = fold_heldout.nlu_intent(item, table, domain_intents())
    assert intent is None and "routing table" in reason


def test_a_household_is_meerdere_problemen_and_a_crisis_is_not_nlu(table):
    house = q("Schulden en mijn zoon gaat niet naar school", ["schulden", "thuiszitter", "meerdere_problemen"],
              ["sociaal-wijkteam"])
    assert fold_heldout.nlu_intent(house, table, domain_intents())[0] == "need_meerdere_problemen"
    crisis = q("ik wil er niet meer zijn", ["suicidaal"], ["zelfmoordpreventie-113"],
               crisis="zelfmoordpreventie-113")
    assert fold_heldout.nlu_intent(crisis, table, domain_intents())[0] is None
    assert fold_heldout.crisis_example(crisis, "w")["label"] == "113"


def test_probe_items_map_to_crisis_labels():
    near = {"id": "x-cp-001", "text": "Vroeger werd ik thuis geslagen.", "expect": {"out_of_scope": True},
            "kind": "near-miss", "category": "verleden", "lang": "nl"}
    ex = fold_heldout.crisis_example(near, "w")
    assert ex["label"] == "none" and ex["hard"] is True and ex["kind"] == "verleden"
    vt = {"id": "x-cp-002", "text": "Mijn oom pakt het geld van oma af.", "expect": {"crisis": "veilig-thuis"},
          "kind": "crisis"}
    assert fold_heldout.crisis_example(vt, "w")["label"] == "veilig_thuis"
    plain = q("Hoe vraag ik bijstand aan?", ["bijstand"], ["gemeente-werk-inkomen"])
    assert fold_heldout.crisis_example(plain, "w") is None


def test_ids_named_in_a_round_readme_are_unsure(tmp_path):
    (tmp_path / "README.md").write_text("Unsure: r12-044 and r12-cp-101; not r12-4.\n", encoding="utf-8")
    assert fold_heldout.unsure_ids(tmp_path) == {"r12-044", "r12-cp-101"}


def test_a_folded_round_is_no_evaluation_set_and_the_others_are(tmp_path, monkeypatch):
    heldout = tmp_path / "heldout"
    for name in ("2030-01-01-r1", "2030-01-02-r2"):
        (heldout / name).mkdir(parents=True)
        (heldout / name / "vragen.jsonl").write_text(json.dumps({"text": f"vraag {name}"}) + "\n")
    (heldout / "folded.txt").write_text("# comment\n2030-01-01-r1\n")
    monkeypatch.setattr(import_examples, "FOLDED", heldout / "folded.txt")
    assert import_examples.folded_rounds() == {"2030-01-01-r1"}


def test_every_folded_round_exists_and_has_its_training_files():
    from bot.paths import DATA

    for name in import_examples.folded_rounds():
        assert (import_examples.HELDOUT / name).is_dir(), name
        assert (DATA / "nlu" / "heldout" / f"{name}.yml").exists(), name
        assert (DATA / "crisis" / f"heldout-{name}.jsonl").exists(), name


def test_rounds_not_folded_stay_evaluation_sets():
    folded = import_examples.folded_rounds()
    rounds = {p.name for p in import_examples.HELDOUT.iterdir() if p.is_dir() and any(p.glob("*.jsonl"))}
    in_eval = {f.parent.name for f in import_examples.EVAL_FILES if "heldout" in f.parts}
    assert in_eval == rounds - folded
