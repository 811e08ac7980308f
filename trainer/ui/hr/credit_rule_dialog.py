"""The organisation's 学时 rule for HR: minutes bands, the bonus for a passed final assessment,
and the time zone years are counted in. Saving puts it in force for every machine on this
database and re-derives everyone's awards (after a confirmation), through the same service as
``trainer credits rule set``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.context import PROGRESS, AppContext
from trainer.ui.common.work import run_work


def _hours_box(value: Decimal) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 50)
    box.setSingleStep(0.25)
    box.setDecimals(2)
    box.setValue(float(value))
    return box


class CreditRuleDialog(QDialog):
    """Edit the rule; OK saves it (HR or administrator; the service checks and audits)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from trainer.analytics.credits import current_rule

        self.ctx = ctx
        self.setWindowTitle(self.tr("Credit-hour rule (学时)"))
        rule = current_rule(ctx.db)
        intro = QLabel(self.tr("Modules that declare no credit hours of their own earn them by their "
                               "stated minutes: the largest band a module reaches applies. "
                               "Counted in quarter hours."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("At least (minutes)"), self.tr("Credit hours")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for minimum, hours in rule.bands:
            self.add_band(minimum, hours)
        add = QPushButton(self.tr("Add band"))
        add.clicked.connect(lambda: self.add_band(0, Decimal("0.25")))
        remove = QPushButton(self.tr("Remove band"))
        remove.clicked.connect(self.remove_band)
        band_buttons = QHBoxLayout()
        band_buttons.addWidget(add)
        band_buttons.addWidget(remove)
        band_buttons.addStretch(1)
        self.bonus = _hours_box(rule.assessment)
        self.offset = QComboBox()
        offsets = sorted({h * 60 for h in range(-12, 15)} | {rule.utc_offset_minutes})
        for minutes in offsets:
            sign = "+" if minutes >= 0 else "-"
            self.offset.addItem(f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}",
                                minutes)
        self.offset.setCurrentIndex(offsets.index(rule.utc_offset_minutes))
        form = QFormLayout()
        form.addRow(self.tr("Passed final assessment adds:"), self.bonus)
        form.addRow(self.tr("Years are counted in:"), self.offset)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(band_buttons)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, 420)

    def add_band(self, minimum: int, hours: Decimal) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        minutes = QSpinBox()
        minutes.setRange(0, 1000)
        minutes.setValue(minimum)
        self.table.setCellWidget(row, 0, minutes)
        self.table.setCellWidget(row, 1, _hours_box(hours))

    def remove_band(self) -> None:
        row = self.table.currentRow()
        if row >= 0 and self.table.rowCount() > 1:
            self.table.removeRow(row)

    def bands(self) -> list[tuple[int, str]]:
        return [(self.table.cellWidget(r, 0).value(),  # type: ignore[union-attr]
                 f"{self.table.cellWidget(r, 1).value():.2f}")  # type: ignore[union-attr]
                for r in range(self.table.rowCount())]

    def rule(self) -> Any:
        """The rule as entered; InvalidValue names what is wrong."""
        from trainer.store.credit_rule import make_rule

        return make_rule(self.bands(), f"{self.bonus.value():.2f}", self.offset.currentData())

    def save(self) -> None:
        from trainer.store.errors import InvalidValue

        try:
            rule = self.rule()
        except InvalidValue as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        answer = QMessageBox.question(
            self, self.tr("Put the new rule in force?"),
            self.tr("Everyone's credit hours are computed again under this rule, on every machine "
                    "that uses this database. Modules that declare their own credit hours keep "
                    "them."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        from trainer.analytics.credits import set_rule

        db, user = self.ctx.db, self.ctx.user
        run_work(self, self.ctx, lambda _p: set_rule(db, rule, actor=user),
                 title=self.tr("Applying the credit-hour rule…"), changes=PROGRESS,
                 on_success=lambda _result: self.accept())
