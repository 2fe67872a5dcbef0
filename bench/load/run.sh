#!/bin/sh
# The load benchmark in one command (bench/load/run.py: the reference bot, then Loketwijzer,
# 1/10/50 users over REST and socket.io, a JSON in bench/load/results/ and a markdown table).
# Locust lives in its own venv, bench/load/.venv, made here from requirements.txt on first use,
# so that the project's .venv (Rasa's pins) never moves. Arguments go to run.py (--help).
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
venv="$here/.venv"
if [ ! -x "$root/.venv/bin/python" ]; then
    echo "ERROR: the project is not set up; run 'make setup model' in $root first." >&2
    exit 1
fi
if [ ! -f "$venv/.installed" ] || [ "$here/requirements.txt" -nt "$venv/.installed" ]; then
    py=${LOAD_PYTHON:-}
    for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.11.*/bin/python "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10.*/bin/python \
                     "$(command -v python3.11 || true)" "$(command -v python3 || true)"; do
        [ -n "$py" ] && break
        [ -x "$candidate" ] && py=$candidate
    done
    [ -n "$py" ] || { echo "ERROR: no Python 3 for the load venv; set LOAD_PYTHON=/path/to/python3" >&2; exit 1; }
    echo "== Making $venv with $py"
    [ -x "$venv/bin/python" ] || "$py" -m venv "$venv"
    "$venv/bin/python" -m pip install -qq -r "$here/requirements.txt"
    touch "$venv/.installed"
fi
exec "$venv/bin/python" "$here/run.py" "$@"
