<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PackPreview</name>
    <message>
        <location filename="../../trainer/preview.py" line="+28"/>
        <source>Competency</source>
        <translation>能力项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In the pool</source>
        <translation>题库题数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drawn per sitting</source>
        <translation>每次抽取</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recall</source>
        <translation>记忆题</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Question pool: a sitting draws %1 at random of the %2 here; a retake draws others where the pool allows.</source>
        <translation>题库抽题：每次测验从本模块的 %2 道题中随机抽取 %1 道；重考时尽量抽取其他题目。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recall questions per sitting: at most %1 (under %2%).</source>
        <translation>每次测验的记忆题：最多 %1 道（低于 %2%）。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The course appears here as learners will see it, once its folder is open and has no errors.</source>
        <translation>打开课程包文件夹且没有错误后，这里会按学员看到的样子显示课程。</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message numerus="yes">
        <location filename="../../trainer/problems.py" line="+70"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location line="-24"/>
        <location line="+151"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="-151"/>
        <location line="+151"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Cannot read this file: %1</source>
        <translation>无法读取此文件：%1</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Open in my editor</source>
        <translation>用我的编辑器打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opens the file with the system&apos;s default application for it</source>
        <translation>用系统为此类文件设置的默认程序打开</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No problems: the pack is ready to build.</source>
        <translation>没有问题：可以生成课程包文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, %2. Click one to see the file at that line.</source>
        <translation>%1，%2。点击其中一项可查看文件中的对应行。</translation>
    </message>
</context>
<context>
    <name>TrainerPages</name>
    <message>
        <location filename="../../trainer/pages.py" line="+11"/>
        <source>Course workspace</source>
        <translation>课程编写</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../trainer/workspace.py" line="+44"/>
        <source>Lesson</source>
        <translation>课文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assessment</source>
        <translation>测验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>参考资料</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Course workspace</source>
        <translation>课程编写</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open pack folder…</source>
        <translation>打开课程包文件夹…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New pack…</source>
        <translation>新建课程包…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import question bank…</source>
        <translation>导入题库…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Build and share…</source>
        <translation>生成并分发…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The preview also reloads by itself when a file is saved (F5)</source>
        <translation>保存文件后预览也会自动刷新（F5）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Open a pack folder</source>
        <translation>打开课程包文件夹</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>No pack folder is open. Open one, create a new pack or import a question bank.</source>
        <translation>还没有打开课程包文件夹。可以打开一个、新建课程包，或导入题库。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The preview shows the last version that loaded.</source>
        <translation>预览中显示的是上一次成功加载的版本。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This pack has %1 and cannot be loaded. %2 &lt;a href=&apos;problems&apos;&gt;Show the problems&lt;/a&gt;</source>
        <translation>该课程包有 %1，无法加载。%2 &lt;a href=&apos;problems&apos;&gt;查看问题&lt;/a&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checked at %1: %2, %3.</source>
        <translation>%1 检查：%2，%3。</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Modules of the pack</source>
        <translation>课程包的单元</translation>
    </message>
</context>
<context>
    <name>WorkspaceDialogs</name>
    <message>
        <location filename="../../trainer/dialogs.py" line="+36"/>
        <source>single choice</source>
        <translation>单选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>multiple choice</source>
        <translation>多选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>true/false</source>
        <translation>判断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fill-in</source>
        <translation>填空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ordering</source>
        <translation>排序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>matching</source>
        <translation>配对</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open response</source>
        <translation>简答</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chinese (Simplified)</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>New course pack</source>
        <translation>新建课程包</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New folder:</source>
        <translation>新文件夹：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language of the examples:</source>
        <translation>示例语言：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The starter pack has a lesson, a case, an assessment and a glossary with an example of every exercise type. Edit its files in your own editor; the preview follows every save.</source>
        <translation>示例课程包包含一篇课文、一个案例、一次测验和一份术语表，每种题型都有示例。用您自己的编辑器修改文件，每次保存后预览都会随之更新。</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+119"/>
        <source>New pack folder</source>
        <translation>新课程包文件夹</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>Import a question bank</source>
        <translation>导入题库</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Excel question bank (.xlsx)</source>
        <translation>Excel 题库 (.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add as a new module of the open pack</source>
        <translation>作为新单元加入当前课程包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a new pack in:</source>
        <translation>新建课程包于：</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Question file:</source>
        <translation>题库文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Competency trained:</source>
        <translation>训练的能力：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Convert</source>
        <translation>转换</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Choose a question bank</source>
        <translation>选择题库文件</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Writing and checking the pack…</source>
        <translation>正在写入并检查课程包…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Converting questions…</source>
        <translation>正在转换题目…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The converted questions do not make a valid pack; nothing was written.</source>
        <translation>转换结果不是有效的课程包，没有写入任何文件。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Converted %1 into %2.</source>
        <translation>已把 %1 转换到 %2。</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>%1, %2, about %3 of study</source>
        <translation>%1，%2，约需学习 %3</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Open in workspace</source>
        <translation>在编写区打开</translation>
    </message>
    <message>
        <location line="-132"/>
        <source>Questions that cannot be converted are listed here with their line (Excel: sheet and row); the rest still convert.</source>
        <translation>无法转换的题目会连同行号（Excel 为工作表和行号）列在这里，其余题目照常转换。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Question banks (*.gift *.txt *.xlsx);;All files (*)</source>
        <translation>题库 (*.gift *.txt *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Reading the question bank…</source>
        <translation>正在读取题库…</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Left out (not converted): %1; each is listed below with its line or row.</source>
        <translation>未能转换：%1 处，下面逐一列出所在的行。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Build and share</source>
        <translation>生成并分发</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Builds one file that learners&apos; machines import. The pack is checked first; a pack with errors is not built.</source>
        <translation>生成一个供学员电脑导入的文件。生成前会先检查课程包，有错误的课程包不会生成。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SHA-256 digest of the file, after building</source>
        <translation>生成后显示文件的 SHA-256 摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy digest</source>
        <translation>复制摘要</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File to write:</source>
        <translation>保存为：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Digest:</source>
        <translation>摘要：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Build</source>
        <translation>生成</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save the pack as</source>
        <translation>课程包另存为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Course pack (*.zip)</source>
        <translation>课程包 (*.zip)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Building the pack…</source>
        <translation>正在生成课程包…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Built %1 (%2 KB).</source>
        <translation>已生成 %1（%2 KB）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, version %2, language %3</source>
        <translation>%1，版本 %2，语言 %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exercises by type: %1</source>
        <translation>各题型练习数：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exercises per competency: %1</source>
        <translation>各能力练习数：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give learners&apos; machines the file and its digest; importing checks the file.</source>
        <translation>把文件和摘要一起交给学员电脑；导入时会核对文件。</translation>
    </message>
    <message>
        <location line="-211"/>
        <source>Conversion report</source>
        <translation>转换报告</translation>
    </message>
</context>
<context>
    <name>WorkspacePage</name>
    <message numerus="yes">
        <location filename="../../trainer/workspace.py" line="+125"/>
        <source>%n exercise(s)</source>
        <translation>
            <numerusform>%n 道练习</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n per sitting</source>
        <translation>
            <numerusform>每次抽 %n 道</numerusform>
        </translation>
    </message>
</context>
</TS>
