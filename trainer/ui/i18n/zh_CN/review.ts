<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>NotebookPage</name>
    <message>
        <location filename="../../learner/review_notebook.py" line="+113"/>
        <source>Wrong-answer book</source>
        <translation>错题本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exercises in the wrong-answer book</source>
        <translation>错题本中的题目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chosen exercise</source>
        <translation>所选题目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Group by:</source>
        <translation>分组方式(&amp;G)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Module</source>
        <translation>单元</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Competency</source>
        <translation>能力</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Exercise</source>
        <translation>练习题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last score</source>
        <translation>上次得分</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%n exercise(s). An exercise leaves the book once you answer it right in two reviews about a day apart.</source>
        <translation>
            <numerusform>共 %n 题。一道题在间隔约一天的两次复习中都答对后，会移出错题本。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No wrong answers to go over. Well done!</source>
        <translation>没有需要订正的错题，做得好！</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Your last answer (%1), the right one and the explanation. Press Try again to redo it.</source>
        <translation>你上次的答案（%1）、正确答案和解析。点击“再试一次”重做。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A question of the final assessment you handed in (%1): to read, not to redo.</source>
        <translation>你已交卷的结业考试中的题目（%1）：仅供查看，不能重做。</translation>
    </message>
</context>
<context>
    <name>PracticeCalendar</name>
    <message numerus="yes">
        <location filename="../../learner/review_panel.py" line="+43"/>
        <source>Practised on %1 of the last %n day(s).</source>
        <translation>
            <numerusform>最近 %n 天中练习了 %1 天。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPages</name>
    <message>
        <location filename="../../learner/review_pages.py" line="+16"/>
        <source>Review</source>
        <translation>复习</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong-answer book</source>
        <translation>错题本</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../../learner/review_panel.py" line="+101"/>
        <source>Review and daily practice</source>
        <translation>复习与每日一练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Due for review today: %1</source>
        <translation>今日复习：%1 题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start review (%1)</source>
        <translation>开始复习（%1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Daily practice %1/%2</source>
        <translation>每日一练 %1/%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrong-answer book (%1)</source>
        <translation>错题本（%1）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Answer the exercises whose review is due, one at a time. Exercises come back when you are about to forget them: sooner after a mistake, later after an easy answer.</source>
        <translation>逐题复习到期的练习。练习会在你快要遗忘时再次出现：答错后很快复习，答得轻松则间隔更久。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A few questions a day: due reviews and new exercises for the competencies furthest below your role&apos;s target. The number is set in Settings.</source>
        <translation>每天几道题：到期的复习题，加上离岗位目标差距最大的能力方面的新题。题数可在“设置”中调整。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every exercise you got wrong, with your last answer, the right one and the explanation. It leaves the book after two right answers about a day apart.</source>
        <translation>所有答错过的练习，附上次答案、正确答案和解析。间隔约一天、两次答对后移出错题本。</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Days practised in a row: %1</source>
        <translation>已连续练习 %1 天</translation>
    </message>
</context>
<context>
    <name>ReviewSessionPage</name>
    <message>
        <location filename="../../learner/review_session.py" line="+111"/>
        <source>Daily practice</source>
        <translation>每日一练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review due today</source>
        <translation>今日复习</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to courses</source>
        <translation>返回课程</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next question</source>
        <translation>下一题</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Loading questions…</source>
        <translation>正在准备题目…</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Nothing to practise today: every course exercise is answered and nothing is due.</source>
        <translation>今天没有可练的题：课程中的练习都已作答，也没有到期的复习。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is due for review now. Well done!</source>
        <translation>现在没有到期的复习，做得好！</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done: %1 of %2 answered right. Your answers are saved.</source>
        <translation>完成：%2 题中答对 %1 题。答案已保存。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Question %1 of %2</source>
        <translation>第 %1 题，共 %2 题</translation>
    </message>
</context>
</TS>
