"""``python -m recommender`` entry point."""

import sys

from recommender.api.cli import main

sys.exit(main())
