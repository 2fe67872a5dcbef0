"""``python -m bot ...``: the stable command line (see docs/contract/interfaces.md)."""
import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main())
