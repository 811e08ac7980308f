"""Learner records: SQLAlchemy models, engine and session set-up, migrations, services.

Knows nothing of Markdown or course packs beyond their ids; imports neither Qt nor
``trainer.content``.
"""
