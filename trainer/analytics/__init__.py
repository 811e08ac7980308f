"""Competency scoring, completion and cohort aggregates (SQL aggregates, not Python loops).

Joins ``store`` (what learners did) and ``content`` (what the packs ask), by
``(pack_id, item_id)``. No Qt.
"""
