"""What says which map the canvas shows: a "Showing" box in the tool bar to switch between
the baseline and its scenarios, and a banner over the canvas while a scenario is shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolBar,
    QWidget,
)

from ...errors import OutsideInError
from ..document import MapDocument
from ..inspector.widgets import quiet
from .commands import BASELINE

BANNER_STYLE = ("#scenarioBanner { background: #FFF4CE; border: 1px solid #C9A227; "
                "border-radius: 4px; } #scenarioBanner QLabel { color: #4A3B00; }")


class ScenarioToolBar(QToolBar):
    """"Showing: [Baseline ▾]": choose the map the canvas shows and edits."""

    refused = Signal(str)  # why the chosen scenario cannot be shown

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__("Scenario tool bar", parent)
        self.setObjectName("scenarioToolBar")
        self.document = document
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setToolTip("The map the canvas shows and your edits change: the baseline "
                              "or one of its scenarios")
        self.addWidget(QLabel(" Showing: "))
        self.addWidget(self.combo)
        self.combo.activated.connect(self._chosen)
        document.scenariosChanged.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        with quiet(self.combo):
            self.combo.clear()
            self.combo.addItem(BASELINE, None)
            for scenario in self.document.scenarios:
                self.combo.addItem(scenario.name, scenario.name)
            self.combo.setCurrentIndex(max(0, self.combo.findData(self.document.shown_name)))

    def _chosen(self, index: int) -> None:
        name = self.combo.itemData(index)
        try:
            self.document.show(name)
        except OutsideInError as error:
            self.refused.emit(f"'{name}' cannot be shown: {error}")
            self.reload()


class ScenarioBanner(QFrame):
    """A strip at the top of the canvas: "Editing scenario 'X' …  [Show Baseline]"."""

    def __init__(self, document: MapDocument, canvas: QGraphicsView) -> None:
        super().__init__(canvas)
        self.setObjectName("scenarioBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.document = document
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.back = QPushButton("Show Baseline")
        self.back.setToolTip("Show the map as drawn (the scenario keeps its changes)")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 6, 4)
        row.addWidget(self.label)
        row.addWidget(self.back)
        self.back.clicked.connect(lambda: document.show(None))
        document.scenariosChanged.connect(self.reload)
        self._follower = _FollowResize(canvas, self._place)
        self.reload()

    def reload(self) -> None:
        name = self.document.shown_name
        self.setVisible(name is not None)
        if name is not None:
            count = len(self.document.shown_scenario.changes)
            self.label.setText(f"Editing scenario '{name}' ({count} change"
                               f"{'s' if count != 1 else ''}): your edits change the scenario, "
                               "not the baseline.")
            self.adjustSize()
            self._place()

    def _place(self) -> None:
        canvas = self.parentWidget()
        self.move(max(0, (canvas.width() - self.width()) // 2), 8)


class _FollowResize(QObject):
    """Calls ``place`` whenever ``widget`` is resized (the banner stays centred)."""

    def __init__(self, widget: QWidget, place) -> None:
        super().__init__(widget)
        self._place = place
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False
