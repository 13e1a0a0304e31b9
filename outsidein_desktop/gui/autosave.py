"""Autosave: unsaved work is written to the user data folder every minute, so that a crash
or a killed process loses at most a minute of drawing.

Each autosave is a map file ``<name>.autosave.json`` (written atomically by storage) and
a small sidecar ``<name>.autosave.meta.json`` recording the map's own file, so that a
recovered map can be saved back where it belongs. A clean save, a discard or a clean exit
deletes both; files still there at the next start are offered for recovery.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.scenario import Scenario
from ..domain.service_map import ServiceMap
from ..errors import OutsideInError
from ..storage import load_map, save_map, write_json_atomically
from ..storage.files import load_map_and_scenarios
from .document import MapDocument

log = logging.getLogger(__name__)

INTERVAL_MS = 60_000
MAP_SUFFIX = ".autosave.json"
META_SUFFIX = ".autosave.meta.json"


def default_folder() -> Path:
    return Path(user_data_dir("OutsideIn", appauthor=False)) / "autosave"


@dataclass(frozen=True)
class AutosaveFile:
    """An autosave found on disk: the map file, its sidecar and what the sidecar says."""

    map_file: Path
    meta_file: Path
    original_path: Path | None
    title: str
    saved_at: str

    def describe(self) -> str:
        where = self.original_path.name if self.original_path else "never saved"
        return f"{self.title or 'Untitled journey'} ({where}), autosaved {self.saved_at}"

    def load(self) -> ServiceMap:
        """The autosaved map; raises MapFileError if the file is damaged."""
        return load_map(self.map_file)

    def load_with_scenarios(self) -> tuple[ServiceMap, list[Scenario]]:
        """The autosaved baseline map and its scenarios; MapFileError if damaged."""
        return load_map_and_scenarios(self.map_file)

    def delete(self) -> None:
        for path in (self.map_file, self.meta_file):
            path.unlink(missing_ok=True)


class Autosaver(QObject):
    """Writes ``document`` to ``folder`` every ``interval_ms`` while it has unsaved changes."""

    failed = Signal(str)  # a plain message: the autosave could not be written

    def __init__(self, document: MapDocument, folder: Path | None = None,
                 interval_ms: int = INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.folder = Path(folder) if folder is not None else default_folder()
        self.enabled = True
        self._untitled_id = uuid.uuid4().hex[:8]
        self._written: Path | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.save_now)
        document.modifiedChanged.connect(self._on_modified_changed)
        document.mapOpened.connect(self.discard)  # not on showing a scenario: same file
        document.pathChanged.connect(self._on_path_changed)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def written(self) -> Path | None:
        """The autosave file of this document, if one is on disk."""
        return self._written

    def target(self) -> Path:
        path = self.document.path
        if path is None:
            stem, tag = "Untitled", self._untitled_id
        else:
            stem = path.stem
            tag = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]
        return self.folder / f"{stem}-{tag}{MAP_SUFFIX}"

    def save_now(self) -> Path | None:
        """Write the autosave now if there are unsaved changes; return the file or None."""
        if not self.enabled or not self.document.is_modified:
            return None
        target = self.target()
        meta = {
            "original_path": str(self.document.path) if self.document.path else None,
            "title": self.document.baseline.title,
            "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
            "pid": os.getpid(),
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            save_map(self.document.baseline, target, scenarios=self.document.scenarios)
            write_json_atomically(meta, _meta_file(target))
        except (OSError, OutsideInError) as error:
            log.warning("autosave to %s failed: %s", target, error)
            self.failed.emit(f"Autosave failed: {error}")
            return None
        if self._written is not None and self._written != target:
            self._delete(self._written)
        self._written = target
        return target

    def discard(self) -> None:
        """Delete this document's autosave (after a clean save, a discard or a clean exit)."""
        self._timer.stop()
        if self._written is not None:
            self._delete(self._written)
            self._written = None

    def _on_modified_changed(self, modified: bool) -> None:
        if modified:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self.discard()

    def _on_path_changed(self) -> None:
        # Saved under a new name: the old autosave name no longer fits.
        if self._written is not None and self._written != self.target():
            self._delete(self._written)
            self._written = None

    @staticmethod
    def _delete(map_file: Path) -> None:
        for path in (map_file, _meta_file(map_file)):
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                log.warning("could not delete autosave %s: %s", path, error)


def _meta_file(map_file: Path) -> Path:
    return map_file.with_name(map_file.name[: -len(MAP_SUFFIX)] + META_SUFFIX)


def find_autosaves(folder: Path | None = None) -> list[AutosaveFile]:
    """Autosaves left by a session that did not end cleanly, newest first.

    Files written by another OutsideIn that is still running are left alone.
    """
    folder = Path(folder) if folder is not None else default_folder()
    if not folder.is_dir():
        return []
    found = []
    for map_file in folder.glob(f"*{MAP_SUFFIX}"):
        meta_file = _meta_file(map_file)
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        if not isinstance(meta, dict):
            meta = {}
        pid = meta.get("pid")
        if isinstance(pid, int) and pid != os.getpid() and _is_running(pid):
            continue
        original = meta.get("original_path")
        found.append(AutosaveFile(map_file, meta_file, Path(original) if original else None,
                                  str(meta.get("title") or ""), str(meta.get("saved_at") or "")))
    return sorted(found, key=lambda f: f.map_file.stat().st_mtime, reverse=True)


def _is_running(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def ask_recover(parent: QWidget | None, files: list[AutosaveFile]) -> bool:
    """Ask whether to recover the autosaved maps: True for Recover, False for Discard."""
    listing = "\n".join(f"\N{BULLET} {f.describe()}" for f in files)
    box = QMessageBox(QMessageBox.Icon.Question, "Recover unsaved work?",
                      "OutsideIn did not close properly last time. It kept a copy of the "
                      f"unsaved work:\n\n{listing}\n\nRecover it?", parent=parent)
    recover = box.addButton("Recover", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(recover)
    box.exec()
    return box.clickedButton() is recover
