"""The Qt binding itself must not corrupt Python: PySide6 6.12.0 on Python 3.11 dropped a
reference to None on every call returning nothing, and the app aborted after minutes."""

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        label.setEnabled(True)
    # Other threads may hold a few references briefly; a leak would show thousands.
    assert abs(sys.getrefcount(None) - before) < 100
