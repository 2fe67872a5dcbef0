#!/usr/bin/env sh
# Print the path of a Python interpreter that Rasa 3.6 accepts (3.8-3.10), preferring 3.10.
# Looks on PATH first, then under pyenv. Exits 1 with a clear message when none is found.
ok() { "$1" -c 'import sys; sys.exit(0 if (3, 8) <= sys.version_info[:2] <= (3, 10) else 1)' 2>/dev/null; }

for name in python3.10 python3.9 python3.8 python3 python; do
  p=$(command -v "$name" 2>/dev/null) || continue
  if ok "$p"; then echo "$p"; exit 0; fi
done

root=${PYENV_ROOT:-}
[ -z "$root" ] && command -v pyenv >/dev/null 2>&1 && root=$(pyenv root 2>/dev/null)
[ -z "$root" ] && root="$HOME/.pyenv"
for v in 3.10 3.9 3.8; do
  for p in $(ls -d "$root"/versions/$v.*/bin/python 2>/dev/null | sort -r); do
    if ok "$p"; then echo "$p"; exit 0; fi
  done
done

cat >&2 <<MSG
ERROR: no Python 3.8-3.10 found (Rasa Open Source 3.6 does not run on newer Pythons).
Looked on PATH (python3.10, python3.9, python3.8, python3, python) and under pyenv ($root/versions).
Install Python 3.10, for example:
  pyenv install 3.10.13        (with pyenv)
  apt-get install python3.10 python3.10-venv   (Debian/Ubuntu, where packaged)
or point to one explicitly:  make run PYTHON=/path/to/python3.10
MSG
exit 1
