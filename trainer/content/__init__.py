"""Course packs: model, loader, validator, Markdown rendering, grading, archives.

Pure Python: imports neither Qt nor the database layer. Knows nothing of learners.
"""
