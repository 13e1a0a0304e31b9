"""`python -m outsidein_desktop` does what the `outsidein` command does."""

from outsidein_desktop.cli import main

raise SystemExit(main())
