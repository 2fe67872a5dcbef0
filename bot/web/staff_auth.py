"""Who may see the staff pages: front-desk and loket staff, never a resident.

Two ways in, both documented in docs/web.md:

* **A login** against ``var/staff_users.json`` (names with PBKDF2 password hashes, and optionally
  the loket type a person works for). Manage it with::

      .venv/bin/python -m bot.web.staff_auth add NAME [--loket-type wmo-loket]   # asks the password
      .venv/bin/python -m bot.web.staff_auth remove NAME
      .venv/bin/python -m bot.web.staff_auth list

  After a login the browser holds a signed cookie (HttpOnly, SameSite=Strict, 8 hours).
* **A reverse proxy** that has logged the person in already (the municipality's own sign-on) and
  passes the name in a header. Only when ``LOKETWIJZER_STAFF_HEADER`` names that header is it
  trusted; the proxy must remove the header from every request that comes from outside.

Why not only the proxy: a small municipality running the demo set-up has none; why not only the
login: a municipality with sign-on should not keep a second list of passwords.
"""
from __future__ import annotations

import argparse
import getpass
import hashlib
import hmac
import json
import os
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional

from bot.paths import ROOT

USERS_FILE = Path(os.environ.get("LOKETWIJZER_STAFF_USERS", ROOT / "var" / "staff_users.json"))
SECRET_FILE = ROOT / "var" / "web_secret"
HEADER_ENV = "LOKETWIJZER_STAFF_HEADER"
COOKIE = "lw_staff"
SESSION_SECONDS = 8 * 3600
ITERATIONS = 200_000


@dataclass(frozen=True)
class StaffMember:
    name: str
    loket_type: Optional[str] = None  # None: may look at every loket's referrals


def hash_password(password: str, salt: Optional[str] = None) -> str:
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), ITERATIONS)
    return f"pbkdf2_sha256${ITERATIONS}${salt}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        algo, iterations, salt, digest = stored.split("$")
    except ValueError:
        return False
    if algo != "pbkdf2_sha256":
        return False
    got = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), int(iterations))
    return hmac.compare_digest(got.hex(), digest)


class StaffUsers:
    """The users file: ``{"name": {"hash": "...", "loket_type": null}}``."""

    def __init__(self, path: Path = USERS_FILE):
        self.path = Path(path)

    def load(self) -> Dict[str, Dict[str, Optional[str]]]:
        if not self.path.exists():
            return {}
        return json.loads(self.path.read_text(encoding="utf-8"))

    def save(self, users: Dict[str, Dict[str, Optional[str]]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(users, indent=1, sort_keys=True), encoding="utf-8")
        os.chmod(tmp, 0o600)
        tmp.replace(self.path)

    def add(self, name: str, password: str, loket_type: Optional[str] = None) -> None:
        if not name.strip() or len(password) < 8:
            raise ValueError("a name, and a password of at least 8 characters")
        users = self.load()
        users[name.strip()] = {"hash": hash_password(password), "loket_type": loket_type}
        self.save(users)

    def remove(self, name: str) -> bool:
        users = self.load()
        found = users.pop(name, None) is not None
        self.save(users)
        return found

    def verify(self, name: str, password: str) -> Optional[StaffMember]:
        entry = self.load().get(name)
        if entry and check_password(password, entry.get("hash") or ""):
            return StaffMember(name, entry.get("loket_type"))
        return None

    def member(self, name: str) -> Optional[StaffMember]:
        entry = self.load().get(name)
        return StaffMember(name, entry.get("loket_type")) if entry else None


def secret(path: Path = SECRET_FILE) -> bytes:
    """The key that signs staff cookies; made once per installation, readable by its owner only."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        os.chmod(path, 0o600)
    return path.read_text(encoding="utf-8").strip().encode()


def _sign(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def session_cookie(key: bytes, name: str, now: Optional[float] = None) -> str:
    expires = int((now or time.time()) + SESSION_SECONDS)
    body = f"{name}|{expires}"
    return f"{body}|{_sign(key, body)}"


def cookie_name(key: bytes, value: Optional[str], now: Optional[float] = None) -> Optional[str]:
    """The staff member's name of a valid, unexpired cookie, else None."""
    try:
        name, expires, signature = (value or "").rsplit("|", 2)
    except ValueError:
        return None
    if not hmac.compare_digest(_sign(key, f"{name}|{expires}"), signature):
        return None
    if not expires.isdigit() or int(expires) < (now or time.time()):
        return None
    return name


def csrf_token(key: bytes, name: str) -> str:
    """A form token bound to the staff member: a form posted from another site lacks it."""
    return _sign(key, "csrf|" + name)


class LoginThrottle:
    """After ``limit`` wrong passwords for one name from one address within ``window`` seconds,
    that pair may not try again until the window has passed: guessing a password takes years, not
    minutes. Kept in memory: a restart forgets it, which costs an attacker a restart they cannot cause."""

    def __init__(self, limit: int = 5, window: float = 15 * 60, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._failures: Dict[tuple, list] = {}

    def _recent(self, key: tuple) -> list:
        now = self.clock()
        recent = [t for t in self._failures.get(key, []) if now - t < self.window]
        self._failures[key] = recent
        return recent

    def blocked(self, address: str, name: str) -> bool:
        return len(self._recent((address, name.lower()))) >= self.limit

    def failed(self, address: str, name: str) -> None:
        self._recent((address, name.lower())).append(self.clock())

    def succeeded(self, address: str, name: str) -> None:
        self._failures.pop((address, name.lower()), None)


def proxy_header() -> Optional[str]:
    value = os.environ.get(HEADER_ENV, "").strip()
    return value or None


def ensure_demo_user(users: StaffUsers) -> Optional[str]:
    """On a fresh installation: one user ``balie`` with a random password, returned once so the
    run command can print it. None when users exist or a proxy header is configured."""
    if users.load() or proxy_header():
        return None
    password = secrets.token_urlsafe(9)
    users.add("balie", password)
    return password


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Staff accounts for the front-desk pages.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    add = sub.add_parser("add", help="add a person, or give them a new password")
    add.add_argument("name")
    add.add_argument("--loket-type", default=None, help="only this loket's referrals (e.g. wmo-loket)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    rm = sub.add_parser("remove", help="remove a person")
    rm.add_argument("name")
    sub.add_parser("list", help="list the people")
    args = ap.parse_args(argv)
    users = StaffUsers()
    if args.cmd == "add":
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Wachtwoord: ")
        try:
            users.add(args.name, password, args.loket_type)
        except ValueError as err:
            print(f"Niet opgeslagen: {err}.", file=sys.stderr)
            return 2
        print(f"{args.name} kan nu inloggen.")
    elif args.cmd == "remove":
        print("Verwijderd." if users.remove(args.name) else f"{args.name} bestaat niet.")
    else:
        for name, entry in sorted(users.load().items()):
            print(name + (f"  ({entry['loket_type']})" if entry.get("loket_type") else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
