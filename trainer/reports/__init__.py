"""Exports: CSV, XLSX, PDF, certificates, progress bundles.

May use QtGui (QPdfWriter, QTextDocument, QPainter) for PDF output, never QtWidgets, so
exports run on a machine with no display.
"""
