"""The web pages without a Rasa server (issue 13): staff pages behind a login, the routing-table view,
moving a referral's status on, the widget's config and the erase endpoint on a real SQLite store.
The widget in a browser, with Rasa, is tests/test_web_browser.py."""
from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from bot.paths import ROOT
from bot.web import staff_auth


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("web")
    users = staff_auth.StaffUsers(tmp / "users.json")
    users.add("anna", "geheim-wachtwoord")
    users.add("wmo", "ander-wachtwoord", loket_type="wmo-loket")
    tracker = tmp / "tracker.db"
    con = sqlite3.connect(tracker)
    con.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, timestamp REAL, "
                "intent_name TEXT, action_name TEXT, data TEXT)")
    con.executemany("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', 1, '{}')",
                    [("weg-ermee",), ("weg-ermee",), ("blijft",)])
    con.commit()
    con.close()
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), LOKETWIJZER_STAFF_USERS=str(users.path),
               HANDOVER_DATABASE_URL=f"sqlite:///{tmp / 'handover.db'}", TRACKER_DATABASE_URL=f"sqlite:///{tracker}",
               LOKETWIJZER_RASA_URL="off")
    env.pop(staff_auth.HEADER_ENV, None)
    proc = subprocess.Popen([sys.executable, "-m", "bot.web", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/health", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stdout.read().decode())
            time.sleep(0.5)
    yield {"base": base, "tmp": tmp, "tracker": tracker, "handover": f"sqlite:///{tmp / 'handover.db'}"}
    proc.terminate()
    output = proc.communicate(timeout=15)[0].decode()
    assert "Traceback" not in output, output


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def client(follow: bool = True):
    jar = http.cookiejar.CookieJar()
    handlers = [urllib.request.HTTPCookieProcessor(jar)] + ([] if follow else [NoRedirect()])
    return urllib.request.build_opener(*handlers)


def get(opener, url):
    try:
        with opener.open(url, timeout=30) as r:
            return r.status, r.geturl(), r.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Location"), err.read().decode()


def post(opener, url, fields):
    data = urllib.parse.urlencode(fields).encode()
    try:
        with opener.open(urllib.request.Request(url, data=data, method="POST"), timeout=30) as r:
            return r.status, r.geturl(), r.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Location"), err.read().decode()


def logged_in(site, name="anna", password="geheim-wachtwoord"):
    opener = client()
    status, url, body = post(opener, site["base"] + "/balie/inloggen", {"naam": name, "wachtwoord": password, "naar": "/balie"})
    assert status == 200 and url.endswith("/balie"), body[:300]
    return opener


@pytest.mark.parametrize("path", ["/balie", "/balie/tabel?gemeente=Utrecht", "/balie/verwijzingen"])
def test_staff_pages_are_closed_without_a_login(site, path):
    status, location, body = get(client(follow=False), site["base"] + path)
    assert status == 302 and location.startswith("/balie/inloggen?naar=")
    assert "Utrecht" not in body


def test_a_wrong_password_is_refused_and_the_right_one_lets_in(site):
    opener = client()
    status, url, body = post(opener, site["base"] + "/balie/inloggen", {"naam": "anna", "wachtwoord": "fout-fout", "naar": "/balie"})
    assert "Naam of wachtwoord klopt niet." in body and "/balie/inloggen" in url
    status, url, body = get(opener, site["base"] + "/balie")
    assert url.endswith("/balie/inloggen?naar=/balie")
    opener = logged_in(site)
    status, url, body = get(opener, site["base"] + "/balie/tabel")
    assert status == 200 and "Ingelogd als anna" in body


def test_staff_pages_run_no_script_and_cannot_be_framed(site):
    with client().open(site["base"] + "/balie/inloggen", timeout=30) as r:
        csp = r.headers["Content-Security-Policy"]
    assert "script-src 'none'" in csp and "frame-ancestors 'none'" in csp


def test_guessing_a_password_is_stopped_after_five_tries(site):
    opener = client()
    for _ in range(5):
        assert "klopt niet" in post(opener, site["base"] + "/balie/inloggen", {"naam": "gast", "wachtwoord": "fout-fout"})[2]
    body = post(opener, site["base"] + "/balie/inloggen", {"naam": "gast", "wachtwoord": "fout-fout"})[2]
    assert "Te veel pogingen" in body


def test_the_throttle_forgets_after_its_window():
    now = [0.0]
    throttle = staff_auth.LoginThrottle(limit=2, window=60, clock=lambda: now[0])
    throttle.failed("1.2.3.4", "Anna")
    throttle.failed("1.2.3.4", "anna")
    assert throttle.blocked("1.2.3.4", "anna") and not throttle.blocked("5.6.7.8", "anna")
    now[0] = 61
    assert not throttle.blocked("1.2.3.4", "anna")


def test_a_login_never_redirects_off_site(site):
    opener = client(follow=False)
    status, location, _ = post(opener, site["base"] + "/balie/inloggen",
                               {"naam": "anna", "wachtwoord": "geheim-wachtwoord", "naar": "//evil.example/"})
    assert status == 302 and location == "/balie"


def test_the_routing_table_page_shows_every_need_with_its_loket_source_and_peildatum(site):
    from bot.routing.table import default_table

    table = default_table()
    status, _, body = get(logged_in(site), site["base"] + "/balie/tabel?gemeente=Dordrecht")
    assert status == 200 and "Routeringstabel van Dordrecht" in body
    rows = re.findall(r"<tr(?: class=\"crisis-row\")?>\s*<th scope=\"row\">", body)
    assert len(rows) == len(table.needs)
    assert body.count("(20") >= len(rows)  # a peildatum on every row
    assert "Veilig Thuis" in body and "Wmo" in body
    status, _, body = get(logged_in(site), site["base"] + "/balie/tabel?gemeente=Nergenshuizen")
    assert "niet gevonden" in body


def _referral(site):
    from bot.handover.store import HandoverStore

    store = HandoverStore(site["handover"])
    consent = store.record_consent("wmo-loket", "Wmo-loket Utrecht", ["situatie"], "Mag ik uw vraag doorgeven?", True)
    summary = {"situatie": {"citaat": "Ik kan mijn huis niet meer <b>schoonhouden</b>"},
               "vraag_van_de_inwoner": ["Hulp in huis"], "urgentie": {"urgent": False}}
    return store, store.create_referral(consent, summary, gemeente_code="GM0344")


def test_a_referral_moves_on_with_the_lifecycle_and_a_rejection_needs_a_reason(site):
    store, ref = _referral(site)
    opener = logged_in(site)
    status, _, body = get(opener, site["base"] + "/balie/verwijzingen")
    assert ref.code in body and "aangevraagd" in body
    assert "&lt;b&gt;schoonhouden&lt;/b&gt;" in body  # a resident's words are text, never HTML
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', body).group(1)
    _, url, body = post(opener, f"{site['base']}/balie/verwijzingen/{ref.code}", {"csrf": csrf, "status": "rejected"})
    assert "niet gewijzigd" in urllib.parse.unquote(url) and store.get(ref.code).status == "requested"
    _, url, body = post(opener, f"{site['base']}/balie/verwijzingen/{ref.code}",
                        {"csrf": csrf, "status": "accepted", "toelichting": "Wij bellen morgen."})
    assert "status is nu accepted" in urllib.parse.unquote(url)
    after = store.get(ref.code)
    assert after.status == "accepted" and after.events[-1].actor == "anna" and after.events[-1].role == "performer"
    _, _, body = post(opener, f"{site['base']}/balie/verwijzingen/{ref.code}",
                      {"csrf": csrf, "status": "failed", "reden": "could-not-reach"})
    final = store.get(ref.code)
    assert final.status == "failed" and final.status_reason == "could-not-reach" and final.reconsider_loket_type
    assert ref.code not in get(opener, site["base"] + "/balie/verwijzingen")[2]  # a final status leaves the list


def test_a_status_form_from_another_site_is_refused(site):
    store, ref = _referral(site)
    status, _, body = post(logged_in(site), f"{site['base']}/balie/verwijzingen/{ref.code}",
                           {"csrf": "0" * 64, "status": "accepted"})
    assert status == 403 and store.get(ref.code).status == "requested"


def test_a_loket_sees_only_its_own_referrals(site):
    from bot.handover.store import HandoverStore

    store = HandoverStore(site["handover"])
    consent = store.record_consent("schuldhulp", "Schuldhulp Utrecht", ["situatie"], "Mag ik uw vraag doorgeven?", True)
    other = store.create_referral(consent, {"situatie": {"citaat": "schulden"}}, gemeente_code="GM0344")
    _, mine = _referral(site)
    _, _, body = get(logged_in(site, "wmo", "ander-wachtwoord"), site["base"] + "/balie/verwijzingen")
    assert mine.code in body and other.code not in body


def test_the_widget_config_gives_the_municipality_and_only_routing_table_hosts(site):
    status, _, body = get(client(), site["base"] + "/widget/config.json?gemeente=GM0344")
    config = json.loads(body)
    assert config["gemeente"]["naam"] == "Utrecht" and config["gemeente"]["website"]
    assert "utrecht.nl" in config["hosts"] and "veiligthuis.nl" in config["hosts"]
    assert not any("google" in h for h in config["hosts"])
    assert json.loads(get(client(), site["base"] + "/widget/config.json?gemeente=Atlantis")[2])["gemeente"] is None


def test_erase_deletes_one_conversation_from_the_tracker_store(site):
    status, _, body = post(client(), site["base"] + "/widget/api/wis", {"sender": "weg-ermee"})
    assert status == 200 and json.loads(body) == {"erased": 2}
    con = sqlite3.connect(site["tracker"])
    left = dict(con.execute("SELECT sender_id, COUNT(*) FROM events GROUP BY sender_id").fetchall())
    con.close()
    assert left == {"blijft": 1}
    assert post(client(), site["base"] + "/widget/api/wis", {"sender": ""})[0] == 400


def test_the_demo_page_embeds_the_widget_with_one_script_tag_and_no_cdn(site):
    _, _, body = get(client(), site["base"] + "/?gemeente=Zwolle")
    scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", body)
    assert "/widget/loketwijzer.js" in scripts and all(s.startswith("/") for s in scripts)
    assert 'data-gemeente="Zwolle"' in body and '<option value="Zwolle" selected>' in body
    js = get(client(), site["base"] + "/widget/loketwijzer.js")[2]
    assert "innerHTML" not in js and "https://cdn" not in js
    assert get(client(), site["base"] + "/widget/vendor/socket.io.min.js")[2].startswith("/*!\n * Socket.IO v4.8.1")


# ---- the staff accounts, without a server ---------------------------------------------------------

def test_a_session_cookie_cannot_be_forged_or_outlive_its_time():
    key = b"k" * 32
    cookie = staff_auth.session_cookie(key, "anna", now=1000)
    assert staff_auth.cookie_name(key, cookie, now=1001) == "anna"
    assert staff_auth.cookie_name(key, cookie.replace("anna", "bert"), now=1001) is None
    assert staff_auth.cookie_name(b"x" * 32, cookie, now=1001) is None
    assert staff_auth.cookie_name(key, cookie, now=1000 + staff_auth.SESSION_SECONDS + 1) is None
    assert staff_auth.cookie_name(key, "rommel", now=1001) is None


def test_passwords_are_stored_as_salted_hashes(tmp_path):
    users = staff_auth.StaffUsers(tmp_path / "u.json")
    users.add("anna", "geheim-wachtwoord")
    raw = (tmp_path / "u.json").read_text()
    assert "geheim-wachtwoord" not in raw and "pbkdf2_sha256$" in raw
    assert users.verify("anna", "geheim-wachtwoord") and not users.verify("anna", "geheim-wachtwoorD")
    with pytest.raises(ValueError):
        users.add("kort", "1234567")
    assert staff_auth.ensure_demo_user(users) is None  # users exist: no demo account


def test_the_proxy_header_counts_only_when_configured(monkeypatch, tmp_path):
    from types import SimpleNamespace

    from bot.web.app import Web

    web = Web(users=staff_auth.StaffUsers(tmp_path / "none.json"), secret=b"s" * 32, tracker_url="sqlite://")
    request = SimpleNamespace(headers={"X-Remote-User": "piet"}, cookies={})
    monkeypatch.delenv(staff_auth.HEADER_ENV, raising=False)
    assert web.staff(request) is None
    monkeypatch.setenv(staff_auth.HEADER_ENV, "X-Remote-User")
    assert web.staff(request).name == "piet"
