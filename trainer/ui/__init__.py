"""The desktop app (PySide6). The only package that imports QtWidgets.

Organised by who uses a screen: ``learner/``, ``trainer/``, ``hr/``, and ``common/`` for the
application shell, the helper for long or data-changing work, the error presenter, chart
styling and shared widgets.
"""
