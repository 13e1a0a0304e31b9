"""The scenarios in the main window: the Scenarios menu, the "Showing" tool bar and the
banner over the canvas (the panel's dock is built with the window's other panels)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from .chooser import ScenarioBanner, ScenarioToolBar

if TYPE_CHECKING:
    from ..main_window import MainWindow


def install_scenarios(window: MainWindow) -> None:
    """Add the menu, tool bar and banner for ``window.scenarios_panel``; its actions need a
    map open, like the window's other map actions."""
    panel = window.scenarios_panel
    status = window.statusBar()
    window.scenario_tool_bar = ScenarioToolBar(window.document, window)
    # Just before Run, which runs what it shows.
    window.insertToolBar(window.run_tool_bar, window.scenario_tool_bar)
    window.scenario_banner = ScenarioBanner(window.document, window.canvas)
    menu = QMenu("&Scenarios", window)
    menu.setToolTipsVisible(True)
    menu.addActions([panel.new_action, panel.show_action])
    menu.addSeparator()
    menu.addActions([panel.rename_action, panel.duplicate_action, panel.delete_action])
    menu.addSeparator()
    menu.addActions([panel.import_action, panel.export_action])
    bar = window.menuBar()
    run_menu = next((a for a in bar.actions() if a.text() == "&Run"), None)
    bar.insertMenu(run_menu, menu)
    window.scenarios_menu = menu
    window.acts.panels_menu.addAction(window.scenario_tool_bar.toggleViewAction())
    # The others follow the selection in the panel (see ScenariosPanel._show_details).
    window.acts.map_actions.extend([panel.new_action, panel.import_action])
    panel.statusMessage.connect(lambda text: status.showMessage(text, 8000))
    window.scenario_tool_bar.refused.connect(lambda text: status.showMessage(text, 10_000))
    window.document.undo_stack.refused.connect(lambda text: status.showMessage(text, 10_000))
