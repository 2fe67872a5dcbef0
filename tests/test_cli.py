"""`python -m bot route --batch`: every line gets an answer or a clear error, in order; the batch goes on."""
import io
import json

from bot.cli import Router, run_batch


def batch(table, lines):
    out = io.StringIO()
    run_batch(Router(table), io.StringIO("\n".join(lines) + "\n"), out)
    return [json.loads(l) for l in out.getvalue().splitlines()]


def test_bad_lines_get_an_error_and_the_batch_goes_on(table):
    got = batch(table, [
        '{"id": "a", "need": "bijstand", "gemeente": "GM0505"}',
        'geen json',
        '{"id": "b", "need": "bijstand", "gemeente": "Nergenshuizen"}',
        '[1, 2]',
        '{"id": "c", "text": 42}',
        '{"id": "d", "text": "   ", "gemeente": "Utrecht"}',
        '{"id": "e", "need": "schulden", "gemeente": "leeuwarde"}',
    ])
    assert [g.get("id") for g in got] == ["a", None, "b", None, "c", "d", "e"]
    assert got[0]["route"]["primary"]["loket_type"] == "gemeente-werk-inkomen"
    assert got[0]["gemeente"]["code"] == "GM0505"
    assert "geen geldige JSON" in got[1]["error"] and got[1]["line"] == 2
    assert "Onbekende gemeente" in got[2]["error"] and "Nergenshuizen" in got[2]["error"]
    assert "JSON-object" in got[3]["error"]
    assert "'text' moet tekst zijn" in got[4]["error"]
    assert "Lege vraag" in got[5]["error"]
    assert got[6]["gemeente"]["naam"] == "Leeuwarden"


def test_a_previous_line_id_is_not_reused_for_a_broken_line(table):
    got = batch(table, ['{"id": "x", "need": "bijstand"}', '{broken'])
    assert "id" not in got[1]
