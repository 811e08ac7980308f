"""Permissions live in the services, not the screens: every function a screen imports from the
store, analytics, reports or exchange either takes the acting user (``actor``: checked and audited there)
or is listed here with the reason it needs none. A new data-changing action offered by the GUI
fails this test until its service checks who asks.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import trainer

PACKAGE = Path(trainer.__file__).resolve().parent
SERVICE_LAYERS = ("store", "analytics", "reports", "exchange")

READS = {  # change nothing
    "analytics.assessment.assessment_result", "analytics.assessment.shown_status",
    "analytics.certificates.verify_certificate",
    "analytics.assessment.handed_in", "analytics.assessment.revealed",
    "analytics.namesearch.matches",
    "analytics.namesearch.query_words", "analytics.namesearch.person_key",
    "analytics.namesearch.name_key", "analytics.namesearch.text_key",
    "analytics.namesearch.pinyin_loaded",
    "analytics.cohort.cohort_competency", "analytics.learner.activity_by_day",
    "analytics.peers.group_mean",  # reads; registers a changed pack as cohort_competency does
    "analytics.cohort.learner_table", "analytics.people.table_ids",  # HR's table, a page at a time
    "analytics.learner.best_scores", "analytics.learner.completion",
    "analytics.learner.time_spent", "analytics.learner.wrong_exercises",
    "analytics.recommend.recommend", "analytics.recommend.weakest_gaps",
    "analytics.scoring.exercise_weights", "analytics.scoring.merged_framework",
    "analytics.scoring.role_targets", "analytics.scoring.score_competencies",
    "reports.bundles.read_bundle", "exchange.bundles.read_bundle",
    "exchange.bundles.bundle_signer", "reports.data.collect", "reports.data.order_packs",
    "reports.data.rounded", "reports.tables.competency_columns",
    "analytics.rounding.shown", "reports.tables.legend",  # formatting and column notes
    "reports.tables.department_columns", "reports.tables.learner_columns",
    "store.db.open_database", "store.engine.known_error", "store.departments.list_departments",
    "store.learners.find_learners", "store.learners.get_learner",
    "analytics.credits.current_rule", "analytics.credits.year_total",
    "analytics.credits.course_hours", "store.credit_rule.make_rule",  # builds a value only
    "store.learners.list_departments", "store.progress.attempts", "store.progress.best_scores",
    "store.progress.enrollments", "store.progress.last_position",
    "store.progress.lesson_states", "store.roster.build_preview", "store.roster.guess_mapping",
    "store.roster.read_roster_table", "analytics.review.review_note",
    "analytics.notebook.group_title",
    # plans: names and periods (a learner sees their own plan anyway), pure tables and drawing
    "store.plans.list_plans", "analytics.plan_report.plan_catalogue",
    "reports.plan_figure.draw_completion", "reports.plan_figure.chart_height",
    "reports.plan_tables.report_tables",
    "store.plan_spec.hours_text",
}
FILES_ONLY = {  # write a file the user chose, nothing in the data folder
    "reports.certificate.write_certificate_pdf", "reports.roster_template.write_roster_template",
    "reports.credit_record.write_record_pdf",
}
OWN_RECORDS = {  # the signed-in learner's own answers, study time and sign-in tries
    "store.progress.record_attempt", "store.progress.record_lesson_progress",
    "store.learners.sign_in", "store.sittings.save_answer", "store.sittings.save_time",
    "analytics.sittings.begin", "analytics.sittings.hand_in", "analytics.sittings.resume",
    # read the learner's review items; items whose exercise vanished are retired on the way
    "analytics.review.due_today", "analytics.review.daily_set", "analytics.review.overview",
    "analytics.notebook.notebook",
}
DERIVED = {  # recompute what the records already say (no person's data changes, nothing audited)
    "analytics.people.fill_search_keys",  # the learners' pinyin search and sort keys
}
NEEDS_NO_ACTOR = READS | FILES_ONLY | OWN_RECORDS | DERIVED


def screen_imports() -> dict[str, set[str]]:
    """``layer.module.function`` -> the screens importing it, for store/analytics/reports."""
    found: dict[str, set[str]] = {}
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            parts = node.module.split(".")
            if parts[0] == "trainer" and len(parts) > 2 and parts[1] in SERVICE_LAYERS:
                for alias in node.names:
                    found.setdefault(f"{'.'.join(parts[1:])}.{alias.name}", set()).add(
                        str(path.relative_to(PACKAGE.parent)))
    return found


def test_every_service_a_screen_calls_takes_the_actor_or_needs_none() -> None:
    unchecked = []
    for name, screens in screen_imports().items():
        module, _, attribute = name.rpartition(".")
        target = getattr(importlib.import_module(f"trainer.{module}"), attribute, None)
        if not inspect.isfunction(target) or name in NEEDS_NO_ACTOR:
            continue
        if "actor" not in inspect.signature(target).parameters:
            unchecked.append(f"{name} (used by {', '.join(sorted(screens))})")
    assert unchecked == [], ("services that change data must take the acting user and check "
                             f"it (or be listed here with the reason): {unchecked}")


def test_packs_are_installed_only_through_the_checked_service() -> None:
    """``Library.install`` writes the library without asking who; screens and commands call
    ``analytics.install.install_pack``, which checks the role and audits."""
    offenders = []
    for folder in ("ui", "commands", "reports"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            offenders += [f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                          for node in ast.walk(tree)
                          if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                          and node.func.attr == "install"]
    assert offenders == []
