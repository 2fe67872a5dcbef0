"""The residents' widget and the staff pages in a real browser, against the real servers (issue 13).

Headless Debian chromium driven by Playwright (``executable_path``; Playwright's own browser
download is not used), axe-core from npm (tests/browser/package-lock.json); ``make test`` installs
both (tools/browser-deps.sh). Without them these tests skip with that hint. The socket.io
handshake test needs neither. Screenshots of each page go to docs/screenshots/.
"""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import sqlite3
import urllib.request
import uuid
from pathlib import Path

import pytest

from bot.paths import ROOT
from bot.tools import serve

RASA_PORT, ACTIONS_PORT, WEB_PORT = 5117, 5167, 8117
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "docs" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
QUESTION = "Ik kan mijn huis niet meer schoonhouden sinds mijn operatie"
STAFF = ("anna", "geheim-wachtwoord")
ANSWER_MS = 90_000


@pytest.fixture(scope="module")
def stack(chat_servers):
    """The servers of tests/conftest.py (ports and staff user from this module)."""
    return chat_servers


def events_of(tracker: Path, sender: str) -> int:
    con = sqlite3.connect(tracker)
    try:
        return con.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]
    finally:
        con.close()


def rest(message: str, sender: str, gemeente: str = "Utrecht"):
    body = {"sender": sender, "message": message, "metadata": {"gemeente": gemeente}}
    req = urllib.request.Request(f"http://127.0.0.1:{RASA_PORT}/webhooks/rest/webhook", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=90) as r:
        return json.loads(r.read())


# ---- the socket.io handshake, without a browser ------------------------------------------------------

def test_the_engine_io_handshake_is_protocol_4_as_the_vendored_client_speaks(stack):
    with urllib.request.urlopen(f"http://127.0.0.1:{RASA_PORT}/socket.io/?EIO=4&transport=polling", timeout=10) as r:
        body = r.read().decode()
    assert body.startswith("0{") and "pingInterval" in json.loads(body[1:])
    vendored = (ROOT / "bot" / "web" / "static" / "vendor" / "socket.io.min.js").read_text()[:60]
    assert "Socket.IO v4." in vendored  # client 4.x speaks Engine.IO 4 / Socket.IO 5


def test_socketio_session_request_confirm_and_an_answer_in_the_room_with_the_gemeente_from_metadata(stack, monkeypatch,
                                                                                                   socket_resident):
    from bot.handover import staff

    monkeypatch.setenv("RASA_URL", f"http://127.0.0.1:{RASA_PORT}")

    session = "sio-" + uuid.uuid4().hex

    async def talk():
        resident = socket_resident(f"http://127.0.0.1:{RASA_PORT}", session)
        assert await resident.open(timeout=10) == session
        got = await resident.ask(QUESTION, timeout=90)
        # a staff member writes (bot.handover.staff): the message reaches the open socket at once
        await asyncio.get_running_loop().run_in_executor(None, staff.say, session, "Ik kijk even mee.")
        got.append(await resident.next_answer(20))
        await resident.close()
        return got

    messages = asyncio.run(talk())
    texts = " ".join(m.get("text", "") for m in messages)
    assert "Utrecht" in texts and "In welke gemeente" not in texts
    assert messages[-1]["text"] == staff.STAFF_PREFIX + "Ik kijk even mee."
    assert events_of(stack["tracker"], session) > 0  # the room is the conversation id: one conversation


# ---- in the browser ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("browser tests skipped: Debian's chromium is not installed (apt-get install chromium; "
                    "make test installs it when it can)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    # bypass_csp: axe-core is injected as a script; the staff pages forbid scripts (their CSP is checked
    # in tests/test_web_pages.py)
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="nl-NL", bypass_csp=True)
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, errors


def axe_violations(pg, include=None):
    if not AXE.exists():
        pytest.skip("accessibility check skipped: axe-core is not installed (npm ci --prefix tests/browser)")
    pg.add_script_tag(path=str(AXE))
    result = pg.evaluate("""async ([tags, include]) => {
        const r = await axe.run(include ? {include: [include]} : document, {runOnly: {type: 'tag', values: tags}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}));
    }""", [WCAG_TAGS, include])
    return [v for v in result if v["impact"] in ("serious", "critical")]


def shot(pg, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def bot_texts(pg):
    return pg.locator(".lw-bot .lw-text").all_inner_texts()


def wait_for_bot(pg, count_before, timeout=ANSWER_MS):
    pg.wait_for_function("n => document.querySelectorAll('.lw-bot').length > n", arg=count_before, timeout=timeout)
    pg.wait_for_timeout(1500)  # the rest of the answer's messages


def open_demo(pg, stack, gemeente="Utrecht", exit_url=None):
    url = f"{stack['web']}/?gemeente={gemeente}" + (f"&exit={exit_url}" if exit_url else "")
    pg.goto(url)
    pg.wait_for_function("() => window.Loketwijzer !== undefined")


def test_a_resident_asks_gets_the_loket_and_uses_a_quick_reply(stack, page):
    open_demo(page, stack)
    page.get_by_role("button", name="Stel uw vraag aan Loketwijzer").click()
    assert page.evaluate("document.activeElement.id") == "lw-input"  # focus moves into the chat
    assert "computerprogramma" in page.locator(".lw-intro").inner_text()  # AI transparency at the start
    assert page.get_by_role("button", name="Praat met een medewerker").is_visible()
    page.get_by_label("Uw vraag").fill(QUESTION)
    page.get_by_role("button", name="Verstuur").click()
    wait_for_bot(page, 0)
    shown = bot_texts(page)
    same = [m.get("text") for m in rest(QUESTION, "rest-" + uuid.uuid4().hex) if m.get("text")]
    assert shown[: len(same)] == same  # the widget shows what the assistant says, all of it
    assert "Utrecht" in " ".join(shown) and "In welke gemeente" not in " ".join(shown)
    replies = page.locator(".lw-quick button")
    assert replies.count() >= 1, "expected quick replies under the answer"
    title = replies.first.inner_text()
    before = page.locator(".lw-bot").count()
    replies.first.click()
    assert page.locator(".lw-user .lw-text").last.inner_text() == title
    wait_for_bot(page, before)
    assert page.get_by_role("log", name="Gesprek met Loketwijzer").is_visible()
    shot(page, "widget")
    violations = axe_violations(page)
    assert not violations, violations


def test_the_same_with_the_keyboard_only(stack, page):
    open_demo(page, stack)
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.className") == "lw-launcher":
            break
    else:
        pytest.fail("the chat launcher cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "lw-input"
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    wait_for_bot(page, 0)
    for _ in range(10):  # the quick replies sit just above the input: one Shift+Tab back
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.className") == "lw-reply":
            break
    else:
        pytest.fail("no quick reply can be reached with Tab")
    title = page.evaluate("document.activeElement.textContent")
    before = page.locator(".lw-bot").count()
    page.keyboard.press("Enter")
    assert page.locator(".lw-user .lw-text").last.inner_text() == title
    wait_for_bot(page, before)
    page.keyboard.press("Escape")
    assert page.locator("#lw-panel").is_hidden()
    assert page.evaluate("document.activeElement.className") == "lw-launcher"  # focus back to the launcher


def test_a_message_is_never_rendered_as_html(stack, page):
    open_demo(page, stack)
    page.get_by_role("button", name="Stel uw vraag aan Loketwijzer").click()
    evil = '<img src=x onerror="window.__pwned=1"><b>vet</b>'
    page.get_by_label("Uw vraag").fill(evil)
    page.keyboard.press("Enter")
    wait_for_bot(page, 0)
    assert page.locator("#lw-log img, #lw-log b").count() == 0
    assert page.locator(".lw-user .lw-text").first.inner_text() == evil
    assert page.evaluate("window.__pwned") is None


def test_the_widget_reflows_at_200_percent_zoom(stack, browser):
    context = browser.new_context(viewport={"width": 640, "height": 512}, device_scale_factor=2)  # 1280x1024 at 200 %
    pg = context.new_page()
    open_demo(pg, stack)
    pg.get_by_role("button", name="Stel uw vraag aan Loketwijzer").click()
    box = pg.locator("#lw-panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 640
    assert pg.evaluate("document.documentElement.scrollWidth") <= 640  # no sideways scrolling
    context.close()


def test_server_gone_the_notice_then_the_reconnect_with_the_same_conversation(stack, page):
    open_demo(page, stack)
    page.get_by_role("button", name="Stel uw vraag aan Loketwijzer").click()
    page.get_by_label("Uw vraag").fill(QUESTION)
    page.keyboard.press("Enter")
    wait_for_bot(page, 0)
    sender = page.evaluate("sessionStorage.getItem('loketwijzer-gesprek')")
    stored_before = events_of(stack["tracker"], sender)
    assert stored_before > 0
    rasa = stack["procs"][1]
    os.killpg(rasa.pid, signal.SIGTERM)
    rasa.wait(timeout=30)
    notice = page.get_by_role("alert")
    notice.wait_for(state="visible", timeout=30_000)
    assert "geen verbinding" in notice.inner_text() and "utrecht.nl" in notice.inner_text()
    before = page.locator(".lw-bot").count()
    page.get_by_label("Uw vraag").fill("Wat kost dat?")
    page.keyboard.press("Enter")
    assert "nog niet verstuurd" in page.locator(".lw-user").last.inner_text()  # kept, not lost
    shot(page, "widget-offline")
    stack["procs"][1] = serve.rasa_server(RASA_PORT, stack["endpoints"], str(serve.current_model()),
                                          open(stack["log"], "ab"))
    assert serve.wait_for(f"http://127.0.0.1:{RASA_PORT}/status", [stack["procs"][1]])
    page.locator(".lw-status", has_text="De verbinding is terug").wait_for(timeout=60_000)
    wait_for_bot(page, before + 1)  # the queued question is sent and answered
    assert page.locator(".lw-pending").count() == 0 and page.locator("#lw-notice").is_hidden()
    assert page.evaluate("sessionStorage.getItem('loketwijzer-gesprek')") == sender
    assert events_of(stack["tracker"], sender) > stored_before  # the same conversation goes on


def test_erase_removes_the_conversation_from_the_tracker_store(stack, page):
    open_demo(page, stack)
    page.get_by_role("button", name="Stel uw vraag aan Loketwijzer").click()
    page.get_by_label("Uw vraag").fill(QUESTION)
    page.keyboard.press("Enter")
    wait_for_bot(page, 0)
    sender = page.evaluate("sessionStorage.getItem('loketwijzer-gesprek')")
    assert events_of(stack["tracker"], sender) > 0
    page.get_by_role("button", name="Wis dit gesprek").click()
    page.locator(".lw-status", has_text="Het gesprek is gewist").wait_for(timeout=10_000)
    assert events_of(stack["tracker"], sender) == 0
    assert page.locator(".lw-user").count() == 0
    assert page.evaluate("sessionStorage.getItem('loketwijzer-gesprek')") != sender


def test_quick_exit_leaves_for_a_neutral_site_without_a_way_back(stack, page):
    neutral = f"{stack['web']}/health"
    open_demo(page, stack, exit_url=neutral)
    page.get_by_role("button", name="Stel uw vraag aan Loketwijzer").click()
    page.get_by_role("button", name="Verlaat deze pagina").click()
    page.wait_for_url(neutral)
    assert page.evaluate("sessionStorage.getItem('loketwijzer-gesprek')") is None
    page.go_back()  # the chat page was replaced, so Back does not return to it
    assert "gemeente=" not in page.url and "Loketwijzer" not in page.content()


# ---- staff pages ------------------------------------------------------------------------------------------

def login(pg, stack, path="/balie"):
    pg.goto(stack["web"] + path)
    pg.get_by_label("Naam").fill(STAFF[0])
    pg.get_by_label("Wachtwoord").fill(STAFF[1])
    pg.get_by_role("button", name="Inloggen").click()


def test_the_lookup_page_answers_with_loket_sources_and_peildatum(stack, page):
    login(page, stack)
    page.get_by_label("Vraag van de inwoner").fill("Ik heb geen inkomen meer en kan de huur niet betalen")
    page.get_by_label("Gemeente").fill("Dordrecht")
    page.get_by_role("button", name="Zoek het loket").click()
    result = page.locator(".result")
    result.wait_for()
    text = result.inner_text()
    assert "Dordrecht" in text and "Eerste loket" in text and "Bron" in text and "Peildatum" in text
    shot(page, "balie-opzoeken")
    violations = axe_violations(page)
    assert not violations, violations


def test_the_routing_table_page(stack, page):
    login(page, stack, "/balie/tabel?gemeente=Utrecht")
    assert page.get_by_role("table").is_visible()
    shot(page, "balie-routeringstabel")
    violations = axe_violations(page)
    assert not violations, violations


def test_the_referral_page_moves_a_status_on(stack, page):
    from bot.handover.store import HandoverStore

    store = HandoverStore(stack["handover"])
    consent = store.record_consent("wmo-loket", "Wmo-loket Utrecht", ["situatie"], "Mag ik uw vraag doorgeven?", True)
    ref = store.create_referral(consent, {"situatie": {"citaat": "Mijn moeder kan niet meer douchen."},
                                          "vraag_van_de_inwoner": ["Hulp bij douchen"]}, gemeente_code="GM0344")
    login(page, stack, "/balie/verwijzingen")
    section = page.get_by_role("region", name=f"{ref.code} — Wmo-loket Utrecht")
    assert "aangevraagd" in section.inner_text()
    shot(page, "balie-verwijzingen")
    violations = axe_violations(page)
    assert not violations, violations
    section.get_by_label("Nieuwe status").select_option("accepted")
    section.get_by_role("button", name="Status opslaan").click()
    page.get_by_role("status").wait_for()
    assert store.get(ref.code).status == "accepted"
