<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../common/about.py" line="+31"/>
        <source>Qt for Python: windows and widgets</source>
        <translation>Qt for Python：窗口与控件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database access</source>
        <translation>数据库访问</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database schema upgrades</source>
        <translation>数据库结构升级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lesson text</source>
        <translation>课文正文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>safe HTML in lessons</source>
        <translation>课文中的安全 HTML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>numbers for charts</source>
        <translation>图表数值计算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>where the data folder lives</source>
        <translation>数据文件夹位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>course manifests</source>
        <translation>课程包清单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reading Excel rosters</source>
        <translation>读取 Excel 花名册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>writing Excel reports</source>
        <translation>生成 Excel 报表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reading rosters in any encoding</source>
        <translation>识别花名册的文字编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used for</source>
        <translation>用途</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>application framework</source>
        <translation>应用程序框架</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chinese font</source>
        <translation>中文字体</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>About Trainer</source>
        <translation>关于 Trainer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trainer</source>
        <translation>Trainer 数字政府能力培训</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline training in digital-government and data-governance skills for civil servants.</source>
        <translation>面向公务员的数字政府与数据治理能力离线培训。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Licensed under the Apache License 2.0.</source>
        <translation>依据 Apache License 2.0 许可发布。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Third-party licences</source>
        <translation>第三方许可证</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About Qt</source>
        <translation>关于 Qt</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Mode: portable: all data is kept in the data folder beside the program</source>
        <translation>运行方式：绿色版（便携版），所有数据都保存在程序旁边的 data 文件夹中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mode: installed program; data is kept in the user&apos;s data folder</source>
        <translation>运行方式：安装版，数据保存在用户的数据文件夹中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mode: Python package (pip)</source>
        <translation>运行方式：Python 软件包（pip）</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../app.py" line="+111"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Trainer is already running for this data folder (%1). Its window has been brought to the front.</source>
        <translation>Trainer 已在使用此数据文件夹（%1）运行，已将其窗口切换到前台。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Trainer</source>
        <translation>Trainer</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../../common/counts.py" line="+19"/>
        <source>%n answer(s)</source>
        <translation>
            <numerusform>%n 次答题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n learner(s)</source>
        <translation>
            <numerusform>%n 名学员</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n lesson record(s)</source>
        <translation>
            <numerusform>%n 条学习记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n 个账号</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n cell(s)</source>
        <translation>
            <numerusform>%n 个单元格</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n 个字符</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n 道题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n module(s)</source>
        <translation>
            <numerusform>%n 个单元</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n exercise(s)</source>
        <translation>
            <numerusform>%n 道练习</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n 分</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%1 credit hours</source>
        <translation>
            <numerusform>%1 学时</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorPresenter</name>
    <message>
        <location filename="../../common/errors.py" line="+47"/>
        <source>Trainer</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Something went wrong inside Trainer. This is a bug, not your mistake.</source>
        <translation>Trainer 内部出现错误。这是程序缺陷，不是您的操作问题。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your saved work is safe. Please send the log file to your administrator.</source>
        <translation>您已保存的学习记录不受影响。请将日志文件发送给管理员。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log file: %1</source>
        <translation>日志文件：%1</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Not done: the learner-records database is damaged and read-only (see the warning at the top of the window).</source>
        <translation>未完成：学习记录数据库已损坏，只能查看（见窗口顶部的提示）。</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../common/help_view.py" line="+28"/>
        <source>Learners</source>
        <translation>学员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trainers (course authors)</source>
        <translation>培训师（课程编写者）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HR and administrators</source>
        <translation>人事与管理员</translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+4"/>
        <source>User Guide</source>
        <translation>使用指南</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>&amp;Guide for:</source>
        <translation>指南对象(&amp;G)：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../common/shell.py" line="+152"/>
        <source>Trainer — Digital Government Skills</source>
        <translation>Trainer — 数字政府能力培训</translation>
    </message>
    <message>
        <location filename="../../common/menus.py" line="+70"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Data Folder</source>
        <translation>打开数据文件夹(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign &amp;Out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出程序(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;Navigation</source>
        <translation>显示导航栏(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Log Folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Trainer</source>
        <translation>关于 Trainer(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../common/shell.py" line="+2"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="+169"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed in: %1 (%2)</source>
        <translation>当前用户：%1（%2）</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Finishing work in progress…</source>
        <translation>正在完成进行中的操作…</translation>
    </message>
    <message>
        <location filename="../../common/menus.py" line="-2"/>
        <source>&amp;User Guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../common/shell.py" line="-281"/>
        <location line="+33"/>
        <source>Navigation</source>
        <translation>导航栏</translation>
    </message>
</context>
<context>
    <name>ReadOnly</name>
    <message>
        <location filename="../../common/readonly.py" line="+29"/>
        <source>Not available: the learner-records database is damaged and opened read-only, so the result could not be saved. See the warning at the top of the window.</source>
        <translation>不可用：学习记录数据库已损坏，只能以只读方式打开，结果无法保存。请看窗口顶部的提示。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Answers cannot be saved now (the database is read-only).</source>
        <translation>答案现在无法保存（数据库只读）。</translation>
    </message>
</context>
<context>
    <name>ReadOnlyBar</name>
    <message>
        <location line="+78"/>
        <source>The learner-records database is damaged: you can look at everything, but nothing can be saved.</source>
        <translation>学习记录数据库已损坏，只能查看，不能保存。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing already saved was changed. Please tell your administrator, who can check and repair it with: trainer db check, trainer db restore, trainer db salvage.</source>
        <translation>已保存的记录没有任何改动。请告知管理员，可用以下命令检查和修复：trainer db check、trainer db restore、trainer db salvage。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Learner records are read-only</source>
        <translation>学习记录只读</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../common/settings_dialog.py" line="+32"/>
        <location line="+3"/>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes take effect at once and are kept for everyone who uses Trainer on this computer.</source>
        <translation>更改立即生效，并对这台计算机上使用 Trainer 的所有人有效。</translation>
    </message>
    <message>
        <location filename="../../../config.py" line="+319"/>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lesson font size</source>
        <translation>课文字号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pt</source>
        <translation>磅</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop counting study time after idle for</source>
        <translation>无操作多久后停止计时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>min</source>
        <translation>分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learners may register themselves</source>
        <translation>允许学员自行注册</translation>
    </message>
    <message>
        <location filename="../../common/settings_dialog.py" line="-66"/>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <location filename="../../../config.py" line="+2"/>
        <source>Questions in the daily practice (每日一练)</source>
        <translation>每日一练题数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>questions</source>
        <translation>题</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../common/start_page.py" line="+47"/>
        <source>Trainer %1</source>
        <translation>Trainer %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Digital government and data governance skills</source>
        <translation>数字政府与数据治理能力培训</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
</context>
<context>
    <name>Work</name>
    <message>
        <location filename="../../common/work.py" line="+131"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trainer</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
</context>
</TS>
