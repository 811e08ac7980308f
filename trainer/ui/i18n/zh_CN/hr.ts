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
        <location line="+18"/>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Gathering the figures…</source>
        <translation>正在统计数据…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing the answers…</source>
        <translation>正在写入答题记录…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Drawing the charts…</source>
        <translation>正在绘制图表…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laying out the tables…</source>
        <translation>正在排版表格…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the pages…</source>
        <translation>正在写入页面…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Report Exported</source>
        <translation>报表已导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Containing Folder</source>
        <translation>打开所在文件夹</translation>
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
        <location line="+1"/>
        <source>Answers, last activity, completed modules and passed final assessments count inside the dates; scores and levels are where each learner stood at the end of the last day.</source>
        <translation>答题次数、最近活动、学完的单元和通过的结业考核只算日期范围内的；得分和等级是每位学员在最后一天结束时达到的水平。</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location filename="../../hr/screen.py" line="+203"/>
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
        <location line="+4"/>
        <source>Search learners</source>
        <translation>搜索学员</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Gathering the figures…</source>
        <translation>正在统计数据…</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>%1 · average completion of all learners %2% · %3</source>
        <translation>%1 · 全体学员平均完成度 %2% · %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The average over every learner listed, each counted once; courses a learner has not started count as 0. The Departments tab averages each course over the people taking it (its participants), so its figures can be higher.</source>
        <translation>按列出的每位学员计算的平均值，每人只计一次；尚未开始的课程按 0 计。“部门”页按每门课程的参训人员计算平均值，因此其数字可能更高。</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>Credit-hour rule…</source>
        <translation>学时规则…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Plans</source>
        <translation>学习计划</translation>
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
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../hr/plan_dialog.py" line="+52"/>
        <source>New plan</source>
        <translation>新建学习计划</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. %1年度干部网络学习计划</source>
        <translation>例如 %1年度干部网络学习计划</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Employee numbers, separated by commas</source>
        <translation>工号，用逗号分隔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Period:</source>
        <translation>计划周期(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Required 学时:</source>
        <translation>要求学时(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Courses:</source>
        <translation>课程：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>For units and job roles:</source>
        <translation>适用单位和岗位角色：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>And these &amp;people:</source>
        <translation>以及这些人员(&amp;P)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create plan</source>
        <translation>创建计划</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In the plan</source>
        <translation>在计划中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not in the plan</source>
        <translation>不在计划中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Compulsory (必修)</source>
        <translation>必修</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Elective (选修)</source>
        <translation>选修</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no deadline</source>
        <translation>无截止日期</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Saving the plan…</source>
        <translation>正在保存学习计划…</translation>
    </message>
</context>
<context>
    <name>PlanImport</name>
    <message>
        <location filename="../../hr/plan_import.py" line="+41"/>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Trust this computer?</source>
        <translation>信任这台电脑？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The plan was signed by %1, which this computer does not know yet. Its key is %2: compare it with the key that computer shows (&apos;trainer progress device&apos;). Trust it and import the plan?</source>
        <translation>该计划由 %1 签名，本机尚不认识这台电脑。其密钥为 %2：请与那台电脑显示的密钥（&apos;trainer progress device&apos;）核对。信任它并导入该计划吗？</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Added the plan %1 (signed by %2).</source>
        <translation>已添加学习计划 %1（由 %2 签名）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated the plan %1 (signed by %2).</source>
        <translation>已更新学习计划 %1（由 %2 签名）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The plan %1 is already up to date here (signed by %2).</source>
        <translation>本机的学习计划 %1 已是最新（由 %2 签名）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan imported</source>
        <translation>学习计划已导入</translation>
    </message>
</context>
<context>
    <name>PlanTab</name>
    <message>
        <location filename="../../hr/plan_tab.py" line="+106"/>
        <source>&amp;Plan:</source>
        <translation>计划(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unit:</source>
        <translation>单位(&amp;U)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import plan…</source>
        <translation>导入计划…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export plan…</source>
        <translation>导出计划…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export plan report</source>
        <translation>导出计划报表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbook (.xlsx)…</source>
        <translation>Excel 工作簿（.xlsx）…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF with chart…</source>
        <translation>含图表的 PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV: one row per person…</source>
        <translation>CSV：每人一行…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>People</source>
        <translation>人员明细</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Units</source>
        <translation>各单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completion chart</source>
        <translation>完成率图表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Overdue</source>
        <translation>逾期名单</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+26"/>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Gathering the plan…</source>
        <translation>正在统计学习计划…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1: %2 – %3, %4 学时 required · %5 · %6 completed the plan · %7 overdue</source>
        <translation>%1：%2 – %3，要求 %4 学时 · %5 · %6 人完成计划 · %7 人逾期</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import a plan</source>
        <translation>导入学习计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan files (*.trainer-plan)</source>
        <translation>学习计划文件 (*.trainer-plan)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+16"/>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <location line="-167"/>
        <source>New plan…</source>
        <translation>新建计划…</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>No plan yet: create one with New plan…, or import a plan file.</source>
        <translation>还没有学习计划：请点“新建计划…”创建，或导入计划文件。</translation>
    </message>
</context>
</TS>
