"""Allow ``python -m finsam``."""

import sys

from finsam.cli import main

sys.exit(main())
