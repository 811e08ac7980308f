"""The user guides (Markdown per language and role, with screenshots), shipped as package data.

Shown by ``trainer.ui.common.help_view`` (F1); the screenshots are made by
``tools/help_screenshots.py``. Nothing here is imported as code.
"""
