"""One question back only where it matters: two likely needs behind different doors."""
from bot.nlu.ask_back import doors, should_ask


def test_close_call_between_different_doors_asks():
    assert should_ask([("need_bijstand", 0.40), ("need_ww", 0.35)], margin=0.1)


def test_a_clear_winner_does_not_ask():
    assert not should_ask([("need_bijstand", 0.70), ("need_ww", 0.10)], margin=0.1)


def test_two_needs_behind_the_same_door_do_not_ask():
    # huishoudelijke hulp and begeleiding both start at the Wmo loket
    assert doors()["huishoudelijke_hulp"][0] == doors()["begeleiding"][0]
    assert not should_ask([("need_huishoudelijke_hulp", 0.40), ("need_begeleiding", 0.38)], margin=0.1)


def test_out_of_scope_or_small_talk_as_runner_up_does_not_ask():
    assert not should_ask([("need_paspoort", 0.40), ("out_of_scope", 0.38)], margin=0.1)
    assert not should_ask([("greet", 0.40), ("need_paspoort", 0.38)], margin=0.1)


def test_the_fallback_label_is_skipped():
    assert should_ask([("nlu_fallback", 0.5), ("need_toeslagen", 0.30), ("need_bijzondere_bijstand", 0.28)], margin=0.1)


def test_every_need_has_a_door():
    import yaml

    from bot.paths import ROUTING_DATA

    needs = yaml.safe_load((ROUTING_DATA / "needs.yml").read_text(encoding="utf-8"))["needs"]
    assert set(needs) <= set(doors())
