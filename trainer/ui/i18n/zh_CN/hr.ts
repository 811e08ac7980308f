<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExportButton</name>
    <message>
        <location filename="../../hr/exports.py" line="+48"/>
        <source>Export report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (.xlsx)…</source>
        <translation>Excel 工作簿（.xlsx）…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF report with charts…</source>
        <translation>含图表的 PDF 报告…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV: one row per learner…</source>
        <translation>CSV：每位学员一行…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV: every answer…</source>
        <translation>CSV：全部答题记录…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV: departments…</source>
        <translation>CSV：部门汇总…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Training report</source>
        <translation>培训情况报告</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 编码 (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Report Exported</source>
        <translation>报表已导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../hr/filter_bar.py" line="+65"/>
        <source>&amp;Department</source>
        <translation>部门(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job &amp;role</source>
        <translation>岗位角色(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Course</source>
        <translation>课程(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From date</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+13"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>HRPages</name>
    <message>
        <location filename="../../hr/pages.py" line="+12"/>
        <source>People and reports</source>
        <translation>人员与报表</translation>
    </message>
</context>
<context>
    <name>HRScreen</name>
    <message>
        <location filename="../../hr/screen.py" line="+155"/>
        <source>People and reports</source>
        <translation>人员与报表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import roster…</source>
        <translation>导入花名册…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import progress…</source>
        <translation>导入学习进度…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export progress…</source>
        <translation>导出学习进度…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search by name, employee number or department</source>
        <translation>按姓名、工号或部门搜索</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open learner&apos;s progress…</source>
        <translation>查看学员进度…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Or double-click a learner</source>
        <translation>也可以双击学员所在行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learners</source>
        <translation>学员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Competencies</source>
        <translation>能力</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search learners</source>
        <translation>搜索学员</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Gathering the figures…</source>
        <translation>正在统计数据…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 · average completion of all learners %2% · %3</source>
        <translation>%1 · 全体学员平均完成度 %2% · %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The average over every learner listed, each counted once; courses a learner has not started count as 0. The Departments tab averages each course over the people taking it (its participants), so its figures can be higher.</source>
        <translation>按列出的每位学员计算的平均值，每人只计一次；尚未开始的课程按 0 计。“部门”页按每门课程的参训人员计算平均值，因此其数字可能更高。</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Credit-hour rule…</source>
        <translation>学时规则…</translation>
    </message>
</context>
<context>
    <name>LearnerDashboardDialog</name>
    <message>
        <location filename="../../hr/drilldown.py" line="+45"/>
        <source>%1 (%2) — progress</source>
        <translation>%1（%2）的学习进度</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print learning record…</source>
        <translation>打印学时证明…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The learning record of a year: courses, dates, credit hours and assessment results, with a verification code</source>
        <translation>某一年度的学时证明：课程、日期、学时和考核结果，附验证码</translation>
    </message>
</context>
</TS>
