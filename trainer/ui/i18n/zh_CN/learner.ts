<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssessmentView</name>
    <message numerus="yes">
        <location filename="../../learner/assessment.py" line="+103"/>
        <source>%n question(s)</source>
        <translation>
            <numerusform>共 %n 题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>drawn at random from %n</source>
        <translation>
            <numerusform>从 %n 道题中随机抽取</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>time limit %n minute(s)</source>
        <translation>
            <numerusform>限时 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pass mark %1%</source>
        <translation>及格线 %1%</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>You see whether your answers are right only after handing in. You can take the assessment again; your best result counts.</source>
        <translation>交卷之后才会显示答案是否正确。测验可以重做，以最好的一次成绩为准。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The time ran out while you were away; the answers you had given were handed in.</source>
        <translation>你离开期间测验时间已到，已保存的答案已自动交卷。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your result so far: %1% (passed)</source>
        <translation>目前成绩：%1%（已通过）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your result so far: %1% (not passed yet)</source>
        <translation>目前成绩：%1%（尚未通过）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start the assessment</source>
        <translation>开始测验</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>← Previous</source>
        <translation>← 上一节</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+94"/>
        <source>Hand in</source>
        <translation>交卷</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>You are back in the sitting you started; the answers you gave are kept.</source>
        <translation>你回到了之前开始的这场测验，已作答的答案都在。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Time left %1</source>
        <translation>剩余时间 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+57"/>
        <source>Answered %1 of %2</source>
        <translation>已答 %1 / %2 题</translation>
    </message>
    <message numerus="yes">
        <location line="-44"/>
        <source>%n question(s) have no answer yet. Hand in anyway?</source>
        <translation>
            <numerusform>还有 %n 道题没有作答。确定要交卷吗？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../learner/sitting_keeper.py" line="+93"/>
        <source>The assessment is still open</source>
        <translation>测验尚未交卷</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit anyway</source>
        <translation>仍然退出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign out anyway</source>
        <translation>仍然注销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave the assessment</source>
        <translation>离开测验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue the assessment</source>
        <translation>继续答题</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Your answers so far are saved, and the sitting stays open: you continue it when you come back.</source>
        <translation>已作答的答案均已保存，本场测验保持未交卷状态：回来后可以继续作答。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your answers so far are saved, and the sitting stays open: you continue it when you come back. The clock stops while you are away (%1 left).</source>
        <translation>已作答的答案均已保存，本场测验保持未交卷状态：回来后可以继续作答。离开期间暂停计时（剩余 %1）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your answers so far are saved, and the sitting stays open: you continue it when you come back. The clock keeps running while you are away (%1 left now); when the time is up, the saved answers are handed in.</source>
        <translation>已作答的答案均已保存，本场测验保持未交卷状态：回来后可以继续作答。离开期间计时继续（现在剩余 %1）；时间一到，已保存的答案将自动交卷。</translation>
    </message>
    <message>
        <location filename="../../learner/assessment.py" line="+37"/>
        <source>Time is up; your answers were handed in.</source>
        <translation>时间到，已自动交卷。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passed. Well done!</source>
        <translation>通过了，做得好！</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not passed yet: the pass mark is %1%. Review the answers and try again.</source>
        <translation>暂未通过：及格线是 %1%。看看答案和解析，再试一次。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n written answer(s) wait for a trainer&apos;s score.</source>
        <translation>
            <numerusform>有 %n 道简答题等待培训师评分。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By competency</source>
        <translation>各项能力得分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review answers and explanations</source>
        <translation>查看答案与解析</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take it again</source>
        <translation>重新测验</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back to the result</source>
        <translation>返回成绩</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Next →</source>
        <translation>下一节 →</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>Questions</source>
        <translation>试题</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>Result</source>
        <translation>测验结果</translation>
    </message>
</context>
<context>
    <name>ChoiceInput</name>
    <message>
        <location filename="../../learner/exercises/choice.py" line="+165"/>
        <source>Correct answer</source>
        <translation>正确答案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Partly correct</source>
        <translation>部分正确</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not correct</source>
        <translation>不正确</translation>
    </message>
</context>
<context>
    <name>CourseCard</name>
    <message>
        <location filename="../../learner/cards.py" line="+33"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message numerus="yes">
        <location line="+74"/>
        <source>%n module(s)</source>
        <translation>
            <numerusform>%n 个单元</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-40"/>
        <source>about %n hour(s)</source>
        <translation>
            <numerusform>约 %n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>约 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Progress</source>
        <translation>学习进度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not started yet</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Final assessment not passed</source>
        <translation>结业测验未通过</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Continue</source>
        <translation>继续学习</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start</source>
        <translation>开始学习</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>plus %n reference(s)</source>
        <translation>
            <numerusform>另附 %n 份参考资料</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-28"/>
        <source>%1 of %n module(s) done</source>
        <translation>
            <numerusform>已完成 %1 / %n 个单元</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoursePage</name>
    <message>
        <location filename="../../learner/course.py" line="+127"/>
        <source>← All courses</source>
        <translation>← 全部课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Course outline</source>
        <translation>课程目录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outline</source>
        <translation>目录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the course outline</source>
        <translation>显示或隐藏课程目录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Smaller text (Ctrl+−)</source>
        <translation>缩小文字（Ctrl+−）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Larger text (Ctrl++)</source>
        <translation>放大文字（Ctrl++）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
</context>
<context>
    <name>ExerciseCard</name>
    <message>
        <location filename="../../learner/exercises/card.py" line="+26"/>
        <source>Single choice</source>
        <translation>单选题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multiple choice: tick every correct answer</source>
        <translation>多选题：选出所有正确答案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>True or false</source>
        <translation>判断题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill in the blank</source>
        <translation>填空题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put in order</source>
        <translation>排序题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Match the pairs</source>
        <translation>配对题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written answer</source>
        <translation>简答题</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Exercise %1 · %2</source>
        <translation>练习 %1 · %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Submit answer</source>
        <translation>提交答案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Try again</source>
        <translation>再做一次</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Not answered. Score: 0%</source>
        <translation>未作答。得分：0%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Submitted. A trainer will score this answer.</source>
        <translation>已提交，培训师会为这道题评分。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Correct! Score: %1%</source>
        <translation>回答正确！得分 %1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partly correct. Score: %1%</source>
        <translation>部分正确，得分 %1%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not correct. Score: %1%</source>
        <translation>回答不正确，得分 %1%</translation>
    </message>
</context>
<context>
    <name>FillInput</name>
    <message>
        <location filename="../../learner/exercises/text.py" line="+22"/>
        <source>Type your answer</source>
        <translation>在这里输入答案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Accepted answers: %1</source>
        <translation>参考答案：%1</translation>
    </message>
</context>
<context>
    <name>FirstRunSetup</name>
    <message>
        <location filename="../../learner/setup.py" line="+57"/>
        <source>This employee number is already registered. Choose it in the list to sign in.</source>
        <translation>这个工号已经登记过了。请在列表中选择它登录。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The two entries are not the same. Please type them again.</source>
        <translation>两次输入不一致，请重新输入。</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Welcome! Let us set up Trainer</source>
        <translation>欢迎！先做一个简单的设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This takes a minute. Who will use this computer?</source>
        <translation>只需一分钟。这台电脑由谁使用？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only me</source>
        <translation>只有我自己</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal mode: no PIN needed, and you can also manage courses and settings.</source>
        <translation>个人模式：无需 PIN 码，你也可以管理课程和设置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Several people</source>
        <translation>多人共用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shared computer: an administrator with a password, and each learner with a PIN.</source>
        <translation>共用电脑：由管理员设置密码，每位学员使用自己的 PIN 码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employee number:</source>
        <translation>工号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administrator password:</source>
        <translation>管理员密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>About you</source>
        <translation>你的信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The administrator adds learners and manages courses. Learners set their own PIN.</source>
        <translation>管理员负责添加学员和管理课程。学员各自设置 PIN 码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name is shown on your progress and certificates.</source>
        <translation>你的姓名会显示在学习进度和证书上。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Please enter a name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please enter an employee number.</source>
        <translation>请输入工号。</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>Use at least %1.</source>
        <translation>请至少使用 %1。</translation>
    </message>
</context>
<context>
    <name>LearnerListModel</name>
    <message>
        <location filename="../../learner/models.py" line="+112"/>
        <source>PIN</source>
        <translation>已设 PIN</translation>
    </message>
</context>
<context>
    <name>LearnerPages</name>
    <message>
        <location filename="../../learner/pages.py" line="+19"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Courses</source>
        <translation>课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My progress</source>
        <translation>我的进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Course</source>
        <translation>课程学习</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Import Course Pack…</source>
        <translation>导入课程包(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;witch User…</source>
        <translation>切换用户(&amp;W)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Find in Courses…</source>
        <translation>在课程中查找(&amp;F)…</translation>
    </message>
</context>
<context>
    <name>LessonText</name>
    <message>
        <location filename="../../learner/lesson.py" line="+55"/>
        <source>Lesson text</source>
        <translation>课文</translation>
    </message>
</context>
<context>
    <name>LessonView</name>
    <message>
        <location line="+170"/>
        <source>Case scenario</source>
        <translation>案例情境</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>After this module you can:</source>
        <translation>学完本节，你能够：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lesson</source>
        <translation>课文</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Case study</source>
        <translation>案例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final assessment</source>
        <translation>结业测验</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reference</source>
        <translation>参考资料</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>约 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>← Previous</source>
        <translation>← 上一节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next →</source>
        <translation>下一节 →</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <location filename="../../learner/library.py" line="+126"/>
        <source>Courses</source>
        <translation>课程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import course pack…</source>
        <translation>导入课程包…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue where you left off</source>
        <translation>从上次离开的地方继续</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue</source>
        <translation>继续学习</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You can also drag a course pack (.zip file or folder) onto this window to import it.</source>
        <translation>也可以把课程包（.zip 文件或文件夹）拖到这个窗口里导入。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Loading courses…</source>
        <translation>正在载入课程…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No courses yet. Import a course pack to begin.</source>
        <translation>还没有课程。请先导入一个课程包。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No courses yet. Ask a trainer to install a course pack.</source>
        <translation>还没有课程。请培训师或管理员安装课程包。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Import a course pack</source>
        <translation>导入课程包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Course packs (*.zip);;All files (*)</source>
        <translation>课程包 (*.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Imported: %1</source>
        <translation>已导入：%1</translation>
    </message>
</context>
<context>
    <name>MatchInput</name>
    <message>
        <location filename="../../learner/exercises/arrange.py" line="+177"/>
        <source>Partner of %1</source>
        <translation>“%1”的配对项</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Correct partner: %1</source>
        <translation>正确配对：%1</translation>
    </message>
</context>
<context>
    <name>OpenInput</name>
    <message>
        <location filename="../../learner/exercises/text.py" line="+10"/>
        <source>Write your answer here</source>
        <translation>在这里写下你的回答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your answer</source>
        <translation>你的回答</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Then tick each point your answer covers:</source>
        <translation>写完后，勾选你的回答做到了的要点：</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 (%n point(s))</source>
        <translation>
            <numerusform>%1（%n 分）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A trainer will read and score this answer.</source>
        <translation>培训师会阅读并为这道题评分。</translation>
    </message>
</context>
<context>
    <name>OrderInput</name>
    <message>
        <location filename="../../learner/exercises/arrange.py" line="-164"/>
        <source>Steps to put in order</source>
        <translation>待排序的步骤</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Drag the steps, or select one and press Ctrl+↑ / Ctrl+↓.</source>
        <translation>拖动步骤排序，或选中一项后按 Ctrl+↑ / Ctrl+↓。</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Correct order:</source>
        <translation>正确顺序：</translation>
    </message>
</context>
<context>
    <name>OutlineModel</name>
    <message>
        <location filename="../../learner/models.py" line="+62"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>学习中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not passed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Final assessment</source>
        <translation>结业测验</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Score %1%</source>
        <translation>得分 %1%</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <location filename="../../learner/problems_dialog.py" line="+24"/>
        <source>Course pack not imported</source>
        <translation>课程包未导入</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 was not imported: it has %n problem(s). Nothing was changed. Give this list to the course&apos;s author.</source>
        <translation>
            <numerusform>%1 没有导入：发现 %n 个问题，现有内容没有任何改动。请把下面的清单交给课程作者。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Problems</source>
        <translation>问题列表</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy list</source>
        <translation>复制清单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../learner/setup.py" line="+192"/>
        <source>Register as a new learner</source>
        <translation>注册新学员</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Optional, at least 4 characters</source>
        <translation>可不填；如设置，至少 4 个字符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employee number:</source>
        <translation>工号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN:</source>
        <translation>PIN 码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN again:</source>
        <translation>再次输入 PIN 码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PIN keeps others on this computer out of your records.</source>
        <translation>设置 PIN 码后，这台电脑的其他使用者就看不到你的学习记录。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Please enter your name.</source>
        <translation>请输入你的姓名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please enter your employee number.</source>
        <translation>请输入你的工号。</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../learner/search_page.py" line="+106"/>
        <source>Search the courses</source>
        <translation>搜索课程内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Words to find, e.g. 一网通办 or data sharing</source>
        <translation>输入要查找的词，例如：一网通办、数据共享</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+10"/>
        <source>Preparing the search…</source>
        <translation>正在准备搜索…</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%n place(s) found</source>
        <translation>
            <numerusform>找到 %n 处</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing found. Try fewer or shorter words.</source>
        <translation>没有找到。试试少输几个字或换个说法。</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../learner/signin.py" line="+137"/>
        <source>Welcome to digital-government skills training</source>
        <translation>欢迎参加数字政府能力培训</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose your name in the list, then sign in.</source>
        <translation>请在列表中选择你的名字，然后登录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find by name, employee number or department</source>
        <translation>按姓名、工号或部门查找</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find a learner</source>
        <translation>查找学员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learners on this computer</source>
        <translation>这台电脑上的学员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I am new: register…</source>
        <translation>我是新学员，注册…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PIN:</source>
        <translation>PIN 码：</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Please enter your PIN.</source>
        <translation>请输入你的 PIN 码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Please enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>Too many wrong tries. Please wait %n second(s).</source>
        <translation>
            <numerusform>输错次数太多，请等待 %n 秒后再试。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That is not the right PIN or password. Please try again.</source>
        <translation>PIN 码或密码不正确，请重试。</translation>
    </message>
</context>
<context>
    <name>TasksPanel</name>
    <message>
        <location filename="../../learner/tasks_panel.py" line="+95"/>
        <source>My learning tasks</source>
        <translation>我的学习任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning tasks of %1</source>
        <translation>%1 的学习任务</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>学时 this year: %1</source>
        <translation>本年度已获学时：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>学时 of the plan</source>
        <translation>计划学时进度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 学时 (compulsory %3, elective %4)</source>
        <translation>已获 %1 学时，要求 %2 学时（必修 %3，选修 %4）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+22"/>
        <source>Compulsory</source>
        <translation>必修</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Done %1</source>
        <translation>已完成（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overdue: was due %1</source>
        <translation>已逾期（截止 %1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due by %1</source>
        <translation>截止 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To do</source>
        <translation>待完成</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Elective</source>
        <translation>选修</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compulsory · due %1</source>
        <translation>必修 · 截止 %1</translation>
    </message>
</context>
</TS>
