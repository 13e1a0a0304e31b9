"""Shared test set-up. Qt draws offscreen, so the tests need no display.

This runs when pytest loads it, before any test module imports Qt.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
