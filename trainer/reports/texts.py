"""Every text an export writes (headers, sheet names, PDF headings) in both interface languages.

Exports run without Qt (the command line has no display and no Qt translator), so their texts
live here in one table instead of the .ts files; the HR screen passes its interface language.
"""

from __future__ import annotations

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

# key: (English, Chinese)
TEXTS: dict[str, tuple[str, str]] = {
    "employee_no": ("Employee no.", "工号"),
    "name": ("Name", "姓名"),
    "department": ("Department", "部门"),
    "job_role": ("Job role", "岗位角色"),
    "completion": ("Completion (%)", "完成度（%）"),
    "average": ("Average score", "平均得分"),
    "attempts": ("Answers", "答题次数"),
    "last_active": ("Last active (%1)", "最近活动（%1）"),  # %1: the zone, "UTC+08:00"
    "courses": ("Courses", "课程"),
    "passed_courses": ("Passed", "已通过考核"),
    "score_of": ("%1 score", "%1 得分"),
    "level_of": ("%1 level", "%1 等级"),
    "course": ("Course", "课程"),
    "course_id": ("Course id", "课程编号"),
    "participants": ("Participants", "参训人数"),
    "completed": ("Completed all modules", "学完全部单元人数"),
    "passed": ("Passed final assessment", "结业考核通过人数"),
    # what a figure counts: header tooltips on screen, legends under the PDF/XLSX tables
    "note_participants": ("People enrolled in, studying or answering this course.",
                          "报名、学习或答过该课程题目的人。"),
    "note_participants_completion": (
        "Mean share of the course's counted modules completed, over its participants only.",
        "该课程计入单元的平均完成比例，只算参训人员。"),
    "note_completed": (
        "Participants who completed every counted module, the final assessment included.",
        "学完全部计入单元（含通过结业考核）的参训人数。"),
    "note_passed": (
        "Participants who passed the final assessment; they need not have finished the other "
        "modules, so this can be larger than the number who completed all modules.",
        "通过结业考核的人数；不要求学完其他单元，所以可能多于“学完全部单元人数”。"),
    "note_completion": (
        "Share of counted modules completed over every course the learner takes part in.",
        "该学员所参加全部课程中计入单元的完成比例。"),
    "note_average": ("Mean of the learner's competency scores (competencies with answers only).",
                     "该学员各项能力得分的平均值（只算有答题记录的能力）。"),
    "note_learners_with_evidence": (
        "Learners with at least one scored answer in this competency.",
        "在该能力上至少有一道已评分答题的人数。"),
    "note_mean_score": ("Mean of those learners' scores in this competency, 0–100.",
                        "这些学员在该能力上得分的平均值（0–100）。"),
    "note_dates": (
        "With a date range, answers, activity, completions and passes count inside it; scores "
        "are where each learner stood at its end (best results of every answer before it).",
        "限定日期时，答题次数、活动、完成和通过只算范围内的；得分是每位学员在范围结束时达到的"
        "水平（取结束前所有答题的最好成绩）。"),
    "note_average_completion": (
        "Every learner listed counted once; courses a learner has not started count as 0. "
        "The per-department figures average each course over its participants only, so they "
        "can be higher.",
        "所列每位学员计一次，未开始的课程按 0 计；按部门列出的完成度只对各课程的参训人员求平均，"
        "因此可能更高。"),
    "legend_line": ("%1: %2", "%1：%2"),
    "rounding_rule": ("Scores and percentages are rounded half up (四舍五入) to one decimal.",
                      "得分和百分比按四舍五入保留一位小数。"),
    "competency": ("Competency", "能力"),
    "learners_with_evidence": ("Learners with evidence", "有答题记录的人数"),
    "mean_score": ("Mean score", "平均分"),
    "level": ("Level", "等级"),
    "exercise": ("Exercise", "练习"),
    "score_pct": ("Score (%)", "得分（%）"),
    "pending": ("Pending (marked by a trainer)", "待评分（由培训师评分）"),
    "started_at": ("Started (%1)", "开始时间（%1）"),
    "finished_at": ("Finished (%1)", "完成时间（%1）"),
    "all_departments": ("All departments", "全部部门"),
    "no_department": ("(no department)", "（未分配部门）"),
    "everyone": ("Everyone", "全体"),
    # sheets
    "sheet_summary": ("Summary", "汇总"),
    "sheet_learners": ("Learners", "学员"),
    "sheet_competencies": ("Competencies", "能力"),
    "sheet_attempts": ("Attempts", "答题记录"),
    # summary and cover
    "report_title": ("Training report", "培训情况报告"),
    "generated": ("Generated (%1)", "生成时间（%1）"),
    "filters": ("Filters", "筛选条件"),
    "filter_department": ("Department", "部门"),
    "filter_role": ("Job role", "岗位角色"),
    "filter_course": ("Course", "课程"),
    "filter_since": ("From", "开始日期"),
    "filter_until": ("To", "结束日期"),
    "any": ("any", "不限"),
    "learners_total": ("Learners", "学员人数"),
    "average_completion": ("Mean completion, all learners (%)", "全体学员平均完成度（%）"),
    "participants_completion": ("Participants' completion (%)", "参训人员平均完成度（%）"),
    "attempts_total": ("Answers recorded", "答题记录数"),
    "attempts_truncated": (
        "Only the first %1 of %2 answers fit on the Attempts sheet (the spreadsheet row limit). "
        "Export the answers as CSV to get all of them: trainer report export --format csv "
        "--table attempts -o FILE",
        "“答题记录”工作表只能容纳前 %1 条（共 %2 条，已达表格行数上限）。"
        "如需全部记录，请以 CSV 格式导出答题记录：trainer report export --format csv "
        "--table attempts -o 文件名"),
    "department_summary": ("Departments", "部门汇总"),
    "department_competency": ("Mean score by department and competency",
                              "各部门能力平均分"),
    "learners_of": ("Learners: %1", "学员名单：%1"),
    "continued": ("%1 (continued)", "%1（续）"),
    "chart_completion": ("Completion by department", "各部门完成度"),
    "chart_heatmap": ("Mean score by department and competency", "部门 × 能力平均分"),
    "chart_distribution": ("Distribution of learners' average scores", "学员平均分分布"),
    "axis_completion": ("Mean completion (%)", "平均完成度（%）"),
    "axis_learners": ("Learners", "人数"),
    "axis_score": ("Average score", "平均得分"),
    "no_data": ("No records match these filters.", "没有符合筛选条件的记录。"),
    "page_of": ("Page %1 of %2", "第 %1 页，共 %2 页"),
    "contents": ("Contents", "目录"),
}


def normalise_language(language: str | None) -> str:
    """zh_CN / zh-CN / zh → zh_CN; en / en_US → en; anything else → the default (Chinese)."""
    if not language:
        return DEFAULT_LANGUAGE
    text = language.replace("-", "_").lower()
    if text.startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def text(key: str, language: str, *args: object) -> str:
    """The text for ``key`` in ``language``, with %1, %2 … replaced by ``args``."""
    english, chinese = TEXTS[key]
    result = english if normalise_language(language) == "en" else chinese
    for number, value in enumerate(args, start=1):
        result = result.replace(f"%{number}", str(value))
    return result


class Texts:
    """``texts("name")`` in one fixed language, so exporters need not pass it around."""

    def __init__(self, language: str | None) -> None:
        self.language = normalise_language(language)

    def __call__(self, key: str, *args: object) -> str:
        return text(key, self.language, *args)
