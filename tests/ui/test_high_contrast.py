"""The high-contrast theme: chosen in Settings, applied at once to the window, the charts and the
lessons, and remembered for the next start."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QComboBox

from trainer.config import Settings
from trainer.ui.common.context import AppContext
from trainer.ui.common.contrast import ENHANCED, contrast_ratio


def test_high_contrast_from_settings_reaches_charts_and_lessons(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, reset_appearance: None) -> None:
    from trainer.content.styles import CONTRAST
    from trainer.ui.app import start_gui
    from trainer.ui.common.charts import SERIES_CONTRAST, theme_from_palette
    from trainer.ui.common.settings_dialog import SettingsDialog
    from trainer.ui.common.theme import current_theme
    from trainer.ui.learner.rendering import stylesheet

    app_ctx.settings.set("language", "en")
    window = start_gui(qapp, app_ctx)
    qtbot.addWidget(window)
    dialog = SettingsDialog(app_ctx, window)
    qtbot.addWidget(dialog)
    combo = dialog.editors["theme"]
    assert isinstance(combo, QComboBox)
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert "High contrast" in labels, labels
    combo.setCurrentIndex(combo.findData("contrast"))  # as choosing it in the list does
    assert current_theme(qapp) == "contrast"
    palette = qapp.palette()
    window_colour = palette.color(QPalette.ColorRole.Window).name()
    text_colour = palette.color(QPalette.ColorRole.WindowText).name()
    assert contrast_ratio(text_colour, window_colour) >= ENHANCED
    chart = theme_from_palette(window.palette())  # what every ChartView draws with
    assert chart.series == SERIES_CONTRAST and chart.background == window_colour
    assert f"color: {CONTRAST.text}" in stylesheet(window, "contrast", 15)
    assert Settings(app_ctx.paths.settings_file).get("theme") == "contrast", "remembered"
    combo.setCurrentIndex(combo.findData("light"))
    assert current_theme(qapp) == "light"
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 200
