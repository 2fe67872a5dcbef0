import sys

from bot.web.app import main

sys.exit(main())
