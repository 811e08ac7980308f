"""Settings dialog: interface language, lesson font size, theme, and the few other settings.

Each change is saved and applied at once (``AppContext.set_setting`` → ``settingsChanged``);
the app reacts by installing the language, re-theming, and screens restyle their lessons.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trainer.config import QT_TRANSLATE_NOOP, SETTINGS, Setting
from trainer.ui.common.context import AppContext
from trainer.ui.common.wheel import guard_wheel

translate = QCoreApplication.translate

# Labels for choice values, translated in the "Settings" context.
CHOICE_LABELS = {
    ("language", "system"): QT_TRANSLATE_NOOP("Settings", "Same as the system"),
    ("language", "zh_CN"): "简体中文",  # a language's own name is never translated
    ("language", "en"): "English",
    ("theme", "system"): QT_TRANSLATE_NOOP("Settings", "Same as the system"),
    ("theme", "light"): QT_TRANSLATE_NOOP("Settings", "Light"),
    ("theme", "dark"): QT_TRANSLATE_NOOP("Settings", "Dark"),
    ("theme", "contrast"): QT_TRANSLATE_NOOP("Settings", "High contrast"),
}
ADMIN_ONLY = {"allow_self_registration"}



class SettingsDialog(QDialog):
    """One editor per declared setting; changes apply immediately, Close just closes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("SettingsDialog")
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.form = QFormLayout()
        for setting in SETTINGS:
            if setting.key in ADMIN_ONLY and not ctx.has_role("admin"):
                continue
            editor = self._editor(setting)
            label = QLabel()
            label.setBuddy(editor)
            self.editors[setting.key] = editor
            self.labels[setting.key] = label
            self.form.addRow(label, editor)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.note = QLabel()
        self.note.setObjectName("PageSubtitle")
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        ctx.languageChanged.connect(self.retranslate)
        self.retranslate()

    def _editor(self, setting: Setting) -> QWidget:
        value = self.ctx.settings.get(setting.key)
        if setting.choices:
            combo = guard_wheel(QComboBox())
            for choice in setting.choices:
                combo.addItem("", choice)
            combo.setCurrentIndex(setting.choices.index(value))
            combo.currentIndexChanged.connect(
                lambda _i, s=setting, c=combo: self._changed(s, c.currentData()))
            return combo
        if setting.type is bool:
            box = QCheckBox()
            box.setChecked(bool(value))
            box.toggled.connect(lambda on, s=setting: self._changed(s, on))
            return box
        spin = guard_wheel(QSpinBox())
        spin.setRange(setting.minimum, setting.maximum)
        spin.setValue(int(value))
        spin.valueChanged.connect(lambda v, s=setting: self._changed(s, v))
        return spin

    def _changed(self, setting: Setting, value: Any) -> None:
        self.ctx.set_setting(setting.key, value)

    def retranslate(self) -> None:
        self.setWindowTitle(translate("Settings", "Settings"))
        self.note.setText(translate("Settings", "Changes take effect at once and are kept for "
                                                "everyone who uses Trainer on this computer."))
        for key, label in self.labels.items():
            setting = next(s for s in SETTINGS if s.key == key)
            label.setText(translate("Settings", setting.title))
            editor = self.editors[key]
            if isinstance(editor, QComboBox):
                for index, choice in enumerate(setting.choices):
                    editor.setItemText(index, translate("Settings", CHOICE_LABELS.get((key, choice), choice)))
            if isinstance(editor, QSpinBox) and setting.unit:
                editor.setSuffix(" " + translate("Settings", setting.unit))

