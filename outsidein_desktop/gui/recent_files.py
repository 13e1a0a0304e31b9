"""The app's settings and the list of recently opened maps kept in them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

ORGANISATION = "OutsideIn"
APPLICATION = "OutsideIn"
MAX_RECENT = 8
RECENT_KEY = "recentFiles"


def open_settings() -> QSettings:
    """The user's settings for OutsideIn.

    Uses ``QSettings.defaultFormat()`` so that tests can switch every window to an INI file
    in a temporary folder (``setDefaultFormat`` + ``setPath``) without touching the real
    user settings; the named-organisation constructor would always use the native format.
    """
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope,
                     ORGANISATION, APPLICATION)


class RecentFiles(QObject):
    """The last :data:`MAX_RECENT` maps opened or saved, newest first, kept in QSettings."""

    changed = Signal()

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings or open_settings()

    def paths(self) -> list[Path]:
        value = self._settings.value(RECENT_KEY, [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value]
        return [Path(v) for v in (value or []) if v]

    def add(self, path: str | Path) -> None:
        """Put ``path`` at the top of the list (moving it if it is already there)."""
        path = Path(path).resolve()
        paths = [path, *(p for p in self.paths() if p != path)]
        self._store(paths[:MAX_RECENT])

    def remove(self, path: str | Path) -> None:
        path = Path(path)
        self._store([p for p in self.paths() if p != path])

    def clear(self) -> None:
        self._store([])

    def _store(self, paths: list[Path]) -> None:
        self._settings.setValue(RECENT_KEY, [str(p) for p in paths])
        self._settings.sync()
        self.changed.emit()
