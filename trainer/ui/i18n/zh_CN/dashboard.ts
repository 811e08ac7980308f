<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CertificateDialog</name>
    <message>
        <location filename="../../learner/certificate_dialog.py" line="+45"/>
        <source>Save Certificate</source>
        <translation>保存证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saving the certificate…</source>
        <translation>正在保存证书…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Certificate saved to %1</source>
        <translation>证书已保存到 %1</translation>
    </message>
</context>
<context>
    <name>CertificatesPanel</name>
    <message>
        <location filename="../../learner/dashboard_panels.py" line="+205"/>
        <source>Pass a course&apos;s final assessment to receive its certificate.</source>
        <translation>通过课程的结业测验后即可获得结业证书。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has not passed a final assessment yet.</source>
        <translation>%1 尚未通过结业测验。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save Certificate…</source>
        <translation>保存证书…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check a Certificate Code…</source>
        <translation>核验证书…</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <location filename="../../common/charts.py" line="+295"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this chart as a PNG or SVG image</source>
        <translation>把这张图表保存为 PNG 或 SVG 图片</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Save as PNG…</source>
        <translation>另存为 PNG…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save as SVG…</source>
        <translation>另存为 SVG…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save Chart</source>
        <translation>保存图表</translation>
    </message>
</context>
<context>
    <name>CompletionList</name>
    <message>
        <location filename="../../learner/dashboard_panels.py" line="+47"/>
        <source>Open this module</source>
        <translation>打开这个单元</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../learner/dashboard.py" line="+153"/>
        <source>My progress</source>
        <translation>我的进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress of %1</source>
        <translation>%1 的学习进度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare with the role:</source>
        <translation>对照岗位：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Competencies</source>
        <translation>能力画像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to study next</source>
        <translation>下一步学什么</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Course completion</source>
        <translation>课程完成情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activity</source>
        <translation>学习活跃度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exercises to retry</source>
        <translation>待重做的练习</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates</source>
        <translation>结业证书</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No wrong answers waiting: every exercise you answered is mastered.</source>
        <translation>没有待重做的错题：你答过的练习都已掌握。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No wrong answers waiting: every exercise %1 answered is mastered.</source>
        <translation>没有待重做的错题：%1 答过的练习都已掌握。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sign in to see your progress.</source>
        <translation>登录后查看你的学习进度。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Your progress cannot be read right now.</source>
        <translation>暂时无法读取你的学习进度。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The progress of %1 cannot be read right now.</source>
        <translation>暂时无法读取 %1 的学习进度。</translation>
    </message>
    <message>
        <location filename="../../learner/dashboard_view.py" line="+61"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no department</source>
        <translation>未填写部门</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Every competency of %1 is at the top level (%2). Next for them: the final assessment if not passed yet, or the answers they got wrong.</source>
        <translation>%1 的各项能力都已达到最高等级（%2）。下一步：如果还没有通过结业测验，可以去参加；也可以回顾答错的题目。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every competency is at the top level (%1). Next: take the final assessment if you have not passed it yet, or go over the answers you got wrong.</source>
        <translation>各项能力都已达到最高等级（%1）。下一步：如果还没有通过结业测验，可以去参加；也可以回顾下方待重做的错题。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 has mastered every exercise that trains their weaker areas. Next for them: the final assessment, or the answers they got wrong.</source>
        <translation>%1 已掌握训练其较弱能力的全部练习。下一步：参加结业测验，或回顾答错的题目。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You have mastered every exercise that trains your weaker areas. Next: take the final assessment, or go over the answers you got wrong.</source>
        <translation>训练你较弱能力的练习都已掌握。下一步：参加结业测验，或回顾下方待重做的错题。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>None (show my weakest areas)</source>
        <translation>不对照（显示我最薄弱的能力）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None (show the weakest areas)</source>
        <translation>不对照（显示最薄弱的能力）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>study time</source>
        <translation>学习时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>answers in the last 7 days</source>
        <translation>近 7 天答题数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>courses completed</source>
        <translation>已完成课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>final assessments passed</source>
        <translation>已通过结业测验</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Me</source>
        <translation>我</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Target: %1</source>
        <translation>目标：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>My department&apos;s average</source>
        <translation>本部门平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department average</source>
        <translation>部门平均</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no answers yet</source>
        <translation>尚未作答</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Open a course in the library to start; your progress appears here.</source>
        <translation>在课程库中打开一门课程开始学习，进度会显示在这里。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has not started a course yet.</source>
        <translation>%1 还没有开始学习任何课程。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not passed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1, %2 of study</source>
        <translation>%1，学习 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 — %2% complete</source>
        <translation>%1 —— 已完成 %2%</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 on %2 in the last 26 weeks; %3 of study in all.</source>
        <translation>最近 26 周内有 %2学习，共 %1；累计学习 %3。</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in progress</source>
        <translation>学习中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>credit hours (学时) in %1</source>
        <translation>%1 年已获学时</translation>
    </message>
</context>
<context>
    <name>DashboardPlurals</name>
    <message numerus="yes">
        <location line="-125"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1: %n answer(s)</source>
        <translation>
            <numerusform>%1：答题 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 of %n exercise(s) answered</source>
        <translation>
            <numerusform>%n 道练习已答 %1 道</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Passed on %1 with %n point(s)</source>
        <translation>
            <numerusform>%1 通过，得分 %n 分</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecommendationsPanel</name>
    <message>
        <location filename="../../learner/dashboard_panels.py" line="-177"/>
        <source>%1 has reached every target of the role profile.</source>
        <translation>%1 已达到岗位能力要求的全部目标。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has not answered enough exercises for advice yet.</source>
        <translation>%1 答题还不够多，暂时无法给出学习建议。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every target of your role profile is reached. Well done!</source>
        <translation>你已达到岗位能力要求的全部目标，做得好！</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answer a few exercises to get advice on what to study.</source>
        <translation>先完成几道练习，系统会据此给出学习建议。</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Study “%1” — %n exercise(s) to master</source>
        <translation>
            <numerusform>学习“%1”—— %n 道练习待掌握</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opens the module at its first exercise not mastered yet.</source>
        <translation>打开该单元，并定位到第一道尚未掌握的练习。</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%1 (%n point(s))</source>
        <translation>
            <numerusform>%1（%n 分）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not assessed yet</source>
        <translation>尚无测评</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: now %2, target %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：当前 %2，目标 %3</translation>
    </message>
</context>
<context>
    <name>RetryTable</name>
    <message>
        <location line="+28"/>
        <source>Module</source>
        <translation>单元</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Question</source>
        <translation>题目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Best</source>
        <translation>最好成绩</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tries</source>
        <translation>作答次数</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Retry</source>
        <translation>重做</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../learner/certificate_dialog.py" line="+10"/>
        <source>Check a Certificate</source>
        <translation>核验证书</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Check</source>
        <translation>核验</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Verification code printed on the certificate:</source>
        <translation>证书上印的验证码：</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&lt;b&gt;Genuine.&lt;/b&gt; %1 (employee no. %2) passed “%3” on %4 with %5.</source>
        <translation>&lt;b&gt;真实有效。&lt;/b&gt;%1（工号 %2）于 %4 通过“%3”，得分 %5。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;Genuine.&lt;/b&gt; Learning record of %1 (employee no. %2): %3 in %4, issued on %5.</source>
        <translation>&lt;b&gt;真实有效。&lt;/b&gt;%1（工号 %2）的学时证明：%4 共 %3，出具于 %5。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;Not genuine.&lt;/b&gt; The record of this certificate was changed after it was issued.</source>
        <translation>&lt;b&gt;证书无效。&lt;/b&gt;该证书的记录在颁发后被改动过。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Not found.&lt;/b&gt; No certificate with this code was issued here. Codes can only be checked on the computer (or server) that issued them.</source>
        <translation>&lt;b&gt;未找到。&lt;/b&gt;本机没有颁发过使用此验证码的证书。验证码只能在颁发证书的电脑（或服务器）上核验。</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>all years</source>
        <translation>全部年度</translation>
    </message>
</context>
</TS>
