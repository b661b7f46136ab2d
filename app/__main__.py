"""`python -m golive` is the `golive` command."""

import sys

from golive.cli import main

sys.exit(main())
