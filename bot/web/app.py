"""The web doors: the residents' chat widget (and a demo page to try it) and the staff pages.

    .venv/bin/python -m bot.web [--port 8080]     (``make run`` starts it beside the two servers)

Residents' side, open to everyone:
  /                      demo of a municipality's website with the widget and a municipality chooser
  /widget/loketwijzer.js the widget (one script tag); its CSS and the vendored socket.io client
  /widget/config.json    the municipality's name, code and website, and the hosts a message may link to
  /widget/api/wis        POST: erase the conversation from the tracker store ("Wis dit gesprek")
Staff side (bot.web.staff_auth: a login, or a trusted reverse-proxy header):
  /balie                 lookup: a question and a municipality give the route, with sources
  /balie/tabel           the routing table of one municipality: which loket for which need
  /balie/verwijzingen    open referrals; the receiving loket moves a status on
The chat itself goes straight from the browser to the Rasa server's socket.io channel.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
import urllib.parse
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic, response
from sanic.request import Request

from bot.web import staff_auth

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"]))
DEFAULT_PORT = int(os.environ.get("WEB_PORT", "8080"))
DEMO_GEMEENTE = "Utrecht"
NO_STORE = {"Cache-Control": "no-store"}
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
# staff pages run no script at all; no other site may frame them (a status form under a fake page)
STAFF_CSP = "default-src 'self'; script-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
TOO_MANY = "Te veel pogingen. Probeer het over een kwartier opnieuw."


@lru_cache(maxsize=1)
def table():
    from bot.routing.table import default_table

    return default_table()


def gemeente_info(name: Optional[str]):
    """The municipality for a name, alias or CBS code; None when unknown or not certain."""
    from bot.routing.gemeenten import Match

    if not name:
        return None
    t = table()
    if name.upper() in t.gemeenten:
        return t.gemeenten[name.upper()]
    found = t.matcher.resolve(name)
    return t.gemeenten[found.code] if isinstance(found, Match) else None


@lru_cache(maxsize=1)
def link_hosts() -> List[str]:
    """Every website of the routing table (lokets, regions, municipalities): the only hosts a chat
    message may link to."""
    t = table()
    urls: List[Optional[str]] = [g.website for g in t.gemeenten.values()]
    urls.extend(r.website for r in t.regions.values())
    for versions in list(t.national_lokets.values()) + list(t.specific_lokets.values()):
        urls.extend(getattr(v, "website", None) for v in versions)
    hosts = set()
    for url in urls:
        if url:
            host = urllib.parse.urlsplit(url if "://" in url else "https://" + url).hostname or ""
            hosts.add(host.removeprefix("www."))
    return sorted(h for h in hosts if h)


def render(name: str, csp: Optional[str] = STAFF_CSP, **context: Any) -> response.HTTPResponse:
    headers = {**NO_STORE, **SECURITY_HEADERS, **({"Content-Security-Policy": csp} if csp else {})}
    return response.html(TEMPLATES.get_template(name).render(**context), headers=headers)


class Web:
    """The app with what it needs: the router (asks the running Rasa server), the referral store,
    the staff accounts and the tracker store to erase from."""

    def __init__(self, rasa_url: Optional[str] = None, tracker_url: Optional[str] = None,
                 handover_url: Optional[str] = None, users: Optional[staff_auth.StaffUsers] = None,
                 secret: Optional[bytes] = None):
        from bot.privacy.retention import tracker_url as default_tracker

        self.rasa_url = rasa_url if rasa_url and rasa_url != "off" else None
        if self.rasa_url:  # the lookup's parse asks this server (bot.nlu.remote)
            os.environ.setdefault("LOKETWIJZER_RASA_URL", self.rasa_url)
        self.tracker_url = tracker_url or default_tracker()
        self.handover_url = handover_url
        self.users = users or staff_auth.StaffUsers()
        self.secret = secret or staff_auth.secret()
        self.throttle = staff_auth.LoginThrottle()
        self._router = None
        self._store = None

    @property
    def router(self):
        if self._router is None:
            from bot.cli import Router

            self._router = Router(table=table(), use_server=True)
        return self._router

    @property
    def store(self):
        if self._store is None:
            from bot.handover.store import HandoverStore

            self._store = HandoverStore(self.handover_url)
        return self._store

    # ---- staff ----------------------------------------------------------------------------------
    def staff(self, request: Request) -> Optional[staff_auth.StaffMember]:
        header = staff_auth.proxy_header()
        if header and request.headers.get(header):
            name = request.headers.get(header).strip()
            return self.users.member(name) or staff_auth.StaffMember(name)
        name = staff_auth.cookie_name(self.secret, request.cookies.get(staff_auth.COOKIE))
        return self.users.member(name) if name else None


WARM_UP_QUESTION = "Ik zoek hulp bij het schoonhouden van mijn huis"


def warm_up(web: Web, wait_seconds: int = 300) -> None:
    """Answer one question in the background as soon as the Rasa server answers, so the first
    staff member does not wait for the loading of the reader's parts (seconds, measured in
    bench/web_latency.py). Never loads the model here: without a server it does nothing."""
    from bot.nlu.remote import RemoteInterpreter, server_url

    if not server_url():
        return
    for _ in range(wait_seconds):
        if RemoteInterpreter.find() is not None:
            break
        time.sleep(1)
    else:
        return
    try:
        web.router.answer(WARM_UP_QUESTION, None)
    except Exception:  # a warm-up that fails costs only the first request's speed
        logging.getLogger(__name__).debug("warm-up failed", exc_info=True)


def _login_redirect(request: Request) -> response.HTTPResponse:
    target = urllib.parse.quote(request.path + ("?" + request.query_string if request.query_string else ""))
    return response.redirect(f"/balie/inloggen?naar={target}")


def _exit_url(value: Optional[str]) -> str:
    """The quick exit's address from the demo page's ``?exit=``: only a web address. The widget
    goes there with ``location.replace``; a ``javascript:`` address would run in this site."""
    value = (value or "").strip()
    scheme = urllib.parse.urlsplit(value).scheme.lower()
    return value if scheme in ("http", "https") and len(value) <= 500 else "https://www.google.nl/"


def _safe_next(value: Optional[str]) -> str:
    return value if value and value.startswith("/balie") and not value.startswith("//") else "/balie"


TOO_LONG = "Dit verzoek is te lang. Maak de vraag korter (hooguit 1 000 tekens) en probeer het opnieuw."
NOT_UNDERSTOOD = "Dit verzoek kwam niet goed aan. Probeer het opnieuw vanaf de pagina."


def create_app(web: Optional[Web] = None, name: str = "loketwijzer_web") -> Sanic:
    from sanic.exceptions import InvalidUsage, PayloadTooLarge

    from bot.web import sanic_request_line

    sanic_request_line.install()  # raw bytes in an address: 400, not a dropped connection
    web = web or Web()
    app = Sanic(name, configure_logging=False)
    app.config.ACCESS_LOG = False  # an access log would hold conversation ids
    app.ctx.web = web
    app.static("/widget/loketwijzer.js", str(STATIC / "loketwijzer.js"), content_type="text/javascript; charset=utf-8")
    app.static("/widget/loketwijzer.css", str(STATIC / "loketwijzer.css"), content_type="text/css; charset=utf-8")
    app.static("/widget/vendor/socket.io.min.js", str(STATIC / "vendor" / "socket.io.min.js"),
               content_type="text/javascript; charset=utf-8")
    app.static("/static/pages.css", str(STATIC / "pages.css"), content_type="text/css; charset=utf-8")
    app.static("/static/demo.js", str(STATIC / "demo.js"), content_type="text/javascript; charset=utf-8")

    def allow_any_origin(resp: response.HTTPResponse) -> response.HTTPResponse:
        resp.headers["Access-Control-Allow-Origin"] = "*"  # the widget runs on the municipality's site
        return resp

    # ---- residents ------------------------------------------------------------------------------------
    @app.get("/")
    async def demo(request: Request):
        chosen = gemeente_info(request.args.get("gemeente")) or gemeente_info(DEMO_GEMEENTE)
        gemeenten = sorted(table().gemeenten.values(), key=lambda g: g.naam)
        rasa = web.rasa_url or f"{request.scheme}://{request.host.split(':')[0]}:{os.environ.get('RASA_PORT', '5005')}"
        # the demo page is a municipality's page: it may run the widget and talk to the Rasa server
        return render("demo.html", csp=None, gemeenten=gemeenten, chosen=chosen, rasa_url=rasa,
                      exit_url=_exit_url(request.args.get("exit")))

    @app.get("/widget/config.json")
    async def widget_config(request: Request):
        g = gemeente_info(request.args.get("gemeente"))
        body = {"gemeente": {"code": g.code, "naam": g.naam, "website": g.website} if g else None,
                "hosts": link_hosts()}
        return allow_any_origin(response.json(body))

    @app.route("/widget/api/wis", methods=["POST", "OPTIONS"])
    async def erase(request: Request):
        from bot.privacy.retention import erase_conversation

        if request.method == "OPTIONS":
            return allow_any_origin(response.empty())
        sender = (request.form.get("sender") or "").strip()
        if not sender or len(sender) > 128:
            return allow_any_origin(response.json({"error": "sender ontbreekt"}, status=400))
        loop = asyncio.get_running_loop()
        deleted = await loop.run_in_executor(None, erase_conversation, web.tracker_url, sender)
        return allow_any_origin(response.json({"erased": deleted}))

    # ---- staff ----------------------------------------------------------------------------------------
    @app.get("/balie/inloggen")
    async def login_form(request: Request):
        return render("login.html", naar=_safe_next(request.args.get("naar")), fout=None, header=staff_auth.proxy_header())

    @app.post("/balie/inloggen")
    async def login(request: Request):
        name = (request.form.get("naam") or "").strip()
        target = _safe_next(request.form.get("naar"))
        address = request.ip or ""
        if web.throttle.blocked(address, name):
            return render("login.html", naar=target, fout=TOO_MANY, header=staff_auth.proxy_header())
        member = web.users.verify(name, request.form.get("wachtwoord") or "")
        if not member:
            web.throttle.failed(address, name)
            return render("login.html", naar=target, fout="Naam of wachtwoord klopt niet.", header=staff_auth.proxy_header())
        web.throttle.succeeded(address, name)
        resp = response.redirect(target)
        resp.cookies[staff_auth.COOKIE] = staff_auth.session_cookie(web.secret, member.name)
        for key, value in (("httponly", True), ("samesite", "Strict"), ("path", "/balie"),
                           ("max-age", staff_auth.SESSION_SECONDS)):
            resp.cookies[staff_auth.COOKIE][key] = value
        return resp

    @app.post("/balie/uitloggen")
    async def logout(request: Request):
        resp = response.redirect("/balie/inloggen")
        del resp.cookies[staff_auth.COOKIE]
        return resp

    def staff_page(handler):
        async def wrapped(request: Request, *args, **kwargs):
            member = web.staff(request)
            if member is None:
                return _login_redirect(request)
            return await handler(request, member, *args, **kwargs)

        wrapped.__name__ = handler.__name__
        return wrapped

    def common(member: staff_auth.StaffMember, **context: Any) -> Dict[str, Any]:
        return {"member": member, "csrf": staff_auth.csrf_token(web.secret, member.name),
                "gemeenten": sorted(table().gemeenten.values(), key=lambda g: g.naam), **context}

    @app.get("/balie")
    @staff_page
    async def lookup(request: Request, member):
        from bot.cli import RouteError

        text = (request.args.get("vraag") or "").strip()
        gemeente = (request.args.get("gemeente") or "").strip()
        result, error = None, None
        if text:
            loop = asyncio.get_running_loop()
            try:
                result = await loop.run_in_executor(None, web.router.answer, text, gemeente or None)
            except RouteError as err:
                error = str(err)
        return render("lookup.html", **common(member, vraag=text, gemeente=gemeente, result=result, fout=error,
                                              needs=table().needs))

    @app.get("/balie/tabel")
    @staff_page
    async def routing_table(request: Request, member):
        g = gemeente_info(request.args.get("gemeente"))
        rows = routing_rows(g) if g else []
        return render("table.html", **common(member, chosen=g, rows=rows,
                                             gevraagd=request.args.get("gemeente") or ""))

    @app.get("/balie/verwijzingen")
    @staff_page
    async def referrals(request: Request, member):
        return render("referrals.html", **common(member, **referral_context(web, member),
                                                 melding=request.args.get("melding"), fout=request.args.get("fout")))

    @app.post("/balie/verwijzingen/<code>")
    @staff_page
    async def move_referral(request: Request, member, code: str):
        from bot.handover.lifecycle import PERFORMER, TransitionRefused

        if request.form.get("csrf") != staff_auth.csrf_token(web.secret, member.name):
            return response.text("Dit formulier is verlopen. Laad de pagina opnieuw.", status=403)
        referral = web.store.get(code)
        if referral is None or (member.loket_type and referral.loket_type != member.loket_type):
            return response.redirect("/balie/verwijzingen?fout=" + urllib.parse.quote(f"Verwijzing {code} niet gevonden."))
        new = request.form.get("status") or ""
        reason = request.form.get("reden") or None
        note = (request.form.get("toelichting") or "").strip() or None
        try:
            web.store.set_status(code, new, PERFORMER, member.name, reason=reason, note=note)
        except TransitionRefused as err:
            return response.redirect("/balie/verwijzingen?fout=" + urllib.parse.quote(f"{code}: niet gewijzigd ({err})."))
        return response.redirect("/balie/verwijzingen?melding=" + urllib.parse.quote(f"{code}: status is nu {new}."))

    # Sanic's own error pages are English and technical: an address longer than its header limit
    # (a very long question in the lookup form), or one that is not valid UTF-8
    @app.exception(PayloadTooLarge)
    async def too_long(request: Request, exception: Exception):
        return response.text(TOO_LONG, status=413, headers={**NO_STORE, **SECURITY_HEADERS})

    @app.exception(InvalidUsage)
    async def bad_request(request: Request, exception: Exception):
        return response.text(NOT_UNDERSTOOD, status=400, headers={**NO_STORE, **SECURITY_HEADERS})

    @app.after_server_start
    async def start_warm_up(app_, loop):
        loop.run_in_executor(None, warm_up, web)

    @app.get("/favicon.ico")
    async def favicon(request: Request):
        return response.empty()

    @app.get("/health")
    async def health(request: Request):
        return response.json({"status": "ok"})

    return app


def routing_rows(g) -> List[Dict[str, Any]]:
    """One row per need: the primary loket in this municipality, by the router itself (so the
    table shows what the assistant answers, not a second copy of the rules)."""
    from bot.routing.router import Context, UnknownNeed, route

    t = table()
    rows = []
    for code, need in sorted(t.needs.items(), key=lambda kv: kv[1].naam.lower()):
        try:
            r = route([code], g, Context(), t)
        except UnknownNeed:
            continue
        p = r.primary
        rows.append({"need": need.naam, "code": code, "crisis": need.crisis, "loket": p.naam, "type": p.loket_type,
                     "law": p.law, "contact": p.contact.as_dict(), "bron": p.bron, "peildatum": r.peildatum,
                     "algemeen": p.algemeen, "ook": [s.naam for s in r.also]})
    return rows


def referral_context(web: Web, member: staff_auth.StaffMember) -> Dict[str, Any]:
    from bot.handover import lifecycle as lc

    items = []
    for ref in web.store.open_referrals(member.loket_type):
        moves = [to for (frm, to), role in lc.TRANSITIONS.items() if frm == ref.status and role == lc.PERFORMER]
        summary = ref.summary or {}
        items.append({"code": ref.code, "loket": ref.loket_naam, "type": ref.loket_type, "status": ref.status,
                      "created": ref.created_at.strftime("%d-%m-%Y %H:%M") if ref.created_at else "",
                      "citaat": (summary.get("situatie") or {}).get("citaat") or "",
                      "vragen": summary.get("vraag_van_de_inwoner") or [],
                      "urgent": (summary.get("urgentie") or {}).get("urgent"),
                      "gemeente": (summary.get("gemeente") or {}).get("naam") if isinstance(summary.get("gemeente"), dict) else None,
                      "moves": moves})
    return {"items": items, "reasons": lc.REASONS, "needs_reason": sorted(lc.NEEDS_REASON),
            "status_names": STATUS_NAMES}


STATUS_NAMES = {
    "requested": "aangevraagd", "accepted": "aangenomen", "rejected": "afgewezen", "cancelled": "ingetrokken",
    "in-progress": "in behandeling", "on-hold": "gepauzeerd", "completed": "afgerond", "failed": "niet gelukt",
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Loketwijzer's web pages: the widget demo and the staff pages.")
    ap.add_argument("--host", default=os.environ.get("WEB_HOST", "127.0.0.1"))
    ap.add_argument("--port", type=int, default=DEFAULT_PORT)
    ap.add_argument("--rasa-url", default=os.environ.get("LOKETWIJZER_RASA_URL"),
                    help="the Rasa server the widget and the lookup talk to (default: same host, port $RASA_PORT or 5005)")
    args = ap.parse_args(argv)
    logging.getLogger("sanic.root").setLevel(logging.WARNING)
    app = create_app(Web(rasa_url=args.rasa_url))
    app.run(host=args.host, port=args.port, access_log=False, motd=False, workers=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
