"""Running a map from the GUI: settings, the background run, its progress and cancel."""

from .commands import RunCommands
from .controller import RunController, RunStatus
from .progress import RunProgress
from .settings import RunSettingsDialog, RunToolBar, worker_processes

__all__ = ["RunCommands", "RunController", "RunProgress", "RunSettingsDialog", "RunStatus",
           "RunToolBar", "worker_processes"]
