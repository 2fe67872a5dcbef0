#!/bin/sh
# What the production tests need (tests/test_production.py): Debian's HAProxy in front of the Rasa
# servers. Installs it when it can (as root with apt-get); otherwise says so, and those tests skip
# with the same hint (in CI, .ci/run makes a skip a failure).
if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== Installing Debian's haproxy for the production tests"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null 2>&1 || \
      { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null 2>&1; } || \
      echo "NOTE: could not install haproxy (apt-get install haproxy); the production tests will be skipped."
  else
    echo "NOTE: haproxy is not installed (Debian: sudo apt-get install haproxy); the production tests will be skipped."
  fi
fi
exit 0
