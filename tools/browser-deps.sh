#!/bin/sh
# What the browser tests need (tests/test_web_browser.py): Debian's chromium, driven by Playwright
# (its own browser download is not used), and axe-core from npm (tests/browser/package-lock.json).
# Installs what is missing when it can; otherwise says so, and those tests skip with the same hint.
cd "$(dirname "$0")/.." || exit 1
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== Installing Debian's chromium for the browser tests"
    apt-get install -y -qq chromium >/dev/null 2>&1 || \
      { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; } || \
      echo "NOTE: could not install chromium (apt-get install chromium); the browser tests will be skipped."
  else
    echo "NOTE: chromium is not installed (Debian: sudo apt-get install chromium); the browser tests will be skipped."
  fi
fi
if [ ! -f tests/browser/node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error >/dev/null || \
      echo "NOTE: npm could not install axe-core; the accessibility checks will be skipped."
  else
    echo "NOTE: npm is not installed; the accessibility checks (axe-core) will be skipped."
  fi
fi
exit 0
