<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BundleExport</name>
    <message>
        <location filename="../../hr/bundle_dialog.py" line="+54"/>
        <source>Export progress bundle</source>
        <translation>导出学习进度包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress bundles (*.zip)</source>
        <translation>学习进度包 (*.zip)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Progress exported</source>
        <translation>学习进度已导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 holds %2, %3 and %4. Copy it to the other machine and import it there.

It is signed by this computer (%5) with the key %6: HR compares that key when importing from this computer for the first time.</source>
        <translation>%1 包含 %2、%3 和 %4。请把它复制到另一台电脑并在那里导入。

它由本机（%5）用密钥 %6 签名：首次从本机导入时，人事人员会核对这个密钥。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exporting progress…</source>
        <translation>正在导出学习进度…</translation>
    </message>
</context>
<context>
    <name>BundleImportDialog</name>
    <message>
        <location line="+17"/>
        <source>Import progress bundle</source>
        <translation>导入学习进度包</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose a progress bundle exported on another machine (trainer progress export, or Export progress).</source>
        <translation>请选择在另一台电脑上用“导出学习进度…”导出的学习进度包。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show only learners with something new</source>
        <translation>只显示有新内容的学员</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+36"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Choose a progress bundle</source>
        <translation>选择学习进度包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Progress bundles (*.zip);;All files (*)</source>
        <translation>学习进度包 (*.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+9"/>
        <source>Checking the bundle…</source>
        <translation>正在检查进度包…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This file cannot be imported; nothing was changed.</source>
        <translation>此文件无法导入，没有做任何更改。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>From %1, exported %2.</source>
        <translation>来自 %1，导出于 %2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an unnamed machine</source>
        <translation>未命名的电脑</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Everything in this bundle is already here: importing it changes nothing.</source>
        <translation>此进度包中的内容本机都已存在，导入不会有任何更改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Importing adds %1 and updates %2; adds %3 (%4 already here) and %5, updating %6.</source>
        <translation>导入将新增 %1、更新 %2 名；新增 %3（已有 %4 条）和 %5，更新 %6 条。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Trainers&apos;, HR or administrators&apos; accounts (%1) stay switched on or off as they are here: a bundle never changes those.</source>
        <translation>培训师、人事或管理员账号（%1）保持本机上的启用或停用状态：进度包从不更改这些账号。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Added %1 and %2; %3 changed.</source>
        <translation>已新增 %1、%2；%3 有变化。</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>This computer has never imported from %1. Its key is %2: compare it with the key that computer shows after exporting; import only if they are the same.</source>
        <translation>本机从未导入过来自 %1 的进度包。其密钥为 %2：请与该电脑导出后显示的密钥核对，一致时才导入。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Trust and import…</source>
        <translation>信任并导入…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Importing progress…</source>
        <translation>正在导入学习进度…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Trust this computer?</source>
        <translation>信任这台电脑？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trust %1 with the key %2 and import its bundle?

Only answer Yes if that computer shows the same key. From now on its bundles are imported without asking, and a bundle claiming to be from it with another key is refused.</source>
        <translation>信任 %1（密钥 %2）并导入其进度包？

只有在该电脑显示的密钥与此相同时才选择“是”。此后来自它的进度包将直接导入；自称来自它但密钥不同的进度包将被拒绝。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Progress imported</source>
        <translation>学习进度已导入</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>Learners in the file</source>
        <translation>文件中的学员</translation>
    </message>
</context>
<context>
    <name>MergePlanModel</name>
    <message>
        <location filename="../../hr/bundle_model.py" line="+40"/>
        <source>Employee no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New answers</source>
        <translation>新作答</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>On this machine</source>
        <translation>本机情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lesson records</source>
        <translation>课程学习记录</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>New here</source>
        <translation>新学员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Profile updated</source>
        <translation>资料已更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already here</source>
        <translation>已存在</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../hr/roster_model.py" line="+121"/>
        <source>learner</source>
        <translation>学员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>trainer</source>
        <translation>培训师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HR</source>
        <translation>人事</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>RosterFields</name>
    <message>
        <location line="+5"/>
        <source>employee number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>parent unit</source>
        <translation>上级单位</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <location filename="../../hr/roster_dialog.py" line="+75"/>
        <source>Import roster</source>
        <translation>导入人员名单</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose a roster: CSV (UTF-8 or GB18030) or Excel .xlsx, one person per row.</source>
        <translation>请选择人员名单：CSV（UTF-8 或 GB18030 编码）或 Excel .xlsx 文件，每行一人。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Columns</source>
        <translation>列对应关系</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Show only rows with problems</source>
        <translation>只显示有问题的行</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Save a blank roster…</source>
        <translation>保存空白名单…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An Excel file with the right columns to fill in</source>
        <translation>一个列已设好的 Excel 文件，填好即可导入</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The workbook&apos;s sheet that holds the roster</source>
        <translation>工作簿中存放花名册的工作表</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Numbers that differ only by leading zeros (102 and 000102) are different people</source>
        <translation>只差前导零的工号（如 102 和 000102）是不同的人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Usually they are the same person, once with the zeros Excel dropped; tick only if you are sure</source>
        <translation>通常是同一个人，只是 Excel 去掉了前面的零；确定无误时才勾选</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy problems</source>
        <translation>复制问题清单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy every problem with its line number, to fix the file</source>
        <translation>复制所有问题及其行号，便于修改文件</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose a roster</source>
        <translation>选择人员名单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rosters (*.csv *.txt *.xlsx);;All files (*)</source>
        <translation>人员名单 (*.csv *.txt *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save a blank roster</source>
        <translation>保存空白名单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx);;CSV UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV UTF-8 (*.csv)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Blank roster saved as %1: fill it in, then choose it here.</source>
        <translation>空白名单已保存为 %1：填好后在此处选择该文件。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reading the roster…</source>
        <translation>正在读取人员名单…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 — reads: %2</source>
        <translation>%1 — 读作：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the encoding</source>
        <translation>选择编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file&apos;s encoding cannot be told for sure. Choose the one in which the line reads correctly:</source>
        <translation>无法确定文件的编码。请选择能正确读出这一行的编码：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>(not in the file)</source>
        <translation>（文件中没有）</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%1 — %n row(s), read as %2</source>
        <translation>
            <numerusform>%1 — 共 %n 行，按 %2 编码读取</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Not recognised: choose the column that holds the %1.</source>
        <translation>未能识别：请选择%1所在的列。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+64"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Nothing can be imported until the required columns (*) are chosen.</source>
        <translation>选定必填列（*）之后才能导入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check that each field uses the right column; change it here if the headers were not recognised.</source>
        <translation>请核对每一项对应的列是否正确；如果表头未被识别，可在此处修改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking the roster…</source>
        <translation>正在检查人员名单…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: %2 new, %3 to update, %4 unchanged, %5 with problems (not imported). Nothing is written until you press Import.</source>
        <translation>%1：新增 %2，更新 %3，不变 %4，有问题 %5（不导入）。按“导入”之前不会写入任何内容。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Nothing to import</source>
        <translation>没有需要导入的内容</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Import %n good row(s)</source>
        <translation>
            <numerusform>导入 %n 条无问题的行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Import %n row(s)</source>
        <translation>
            <numerusform>导入 %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n row(s) below the people were not read as people (totals, signatures, notes): line %1.</source>
        <translation>
            <numerusform>名单下方的 %n 行不是人员（合计、签名、备注），未读入：第 %1 行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>New department(s) to be created: %1.</source>
        <translation>
            <numerusform>将新建 %n 个部门：%1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1:%2: %3</source>
        <translation>%1:%2: %3</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Protecting PINs…</source>
        <translation>正在加密保存 PIN 码…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saving learners…</source>
        <translation>正在保存人员…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Importing the roster…</source>
        <translation>正在导入人员名单…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 new, %2 updated, %3 unchanged, %4 not imported.</source>
        <translation>新增 %1 人，更新 %2 人，%3 人无变化，%4 行未导入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Roster imported</source>
        <translation>人员名单已导入</translation>
    </message>
    <message>
        <location line="-296"/>
        <source>Rows of the roster</source>
        <translation>名单中的各行</translation>
    </message>
</context>
<context>
    <name>RosterPlanModel</name>
    <message>
        <location filename="../../hr/roster_model.py" line="+27"/>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Employee no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update: %1</source>
        <translation>更新：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not imported</source>
        <translation>不导入</translation>
    </message>
</context>
<context>
    <name>RosterProblem</name>
    <message>
        <location line="-167"/>
        <source>missing employee number</source>
        <translation>缺少工号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>employee number %1 may only hold letters, digits and . _ / - (at most %2)</source>
        <translation>工号 %1 只能包含字母、数字和 . _ / -（最多 %2 个字符）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>missing name</source>
        <translation>缺少姓名</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unknown role %1 (use 学员, 培训师, 人事, 管理员 or learner, trainer, hr, admin)</source>
        <translation>无法识别的角色“%1”（请填写 学员、培训师、人事、管理员，或 learner、trainer、hr、admin）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>email %1 is not an address like name@example.gov.cn</source>
        <translation>邮箱 %1 格式不正确，应类似 name@example.gov.cn</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>name longer than %1</source>
        <translation>姓名超过 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>department longer than %1</source>
        <translation>部门名称超过 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>PIN shorter than %1</source>
        <translation>PIN 少于 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN longer than %1</source>
        <translation>PIN 超过 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duplicate employee number %1 (also on line %2)</source>
        <translation>工号 %1 重复（第 %2 行也有）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only an administrator may give the role %1</source>
        <translation>只有管理员才能授予“%1”角色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a %1 account needs a PIN (add a PIN column)</source>
        <translation>%1账号需要设置 PIN 码（请增加 PIN 码列）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is the only administrator and cannot be demoted</source>
        <translation>%1 是唯一的管理员，不能取消其管理员角色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>employee number %1 looks like %2 without its leading zeros (Excel drops them: format the column as text)</source>
        <translation>工号 %1 像是丢了开头的 0 的 %2（Excel 会去掉数字开头的 0：请把该列设置为文本格式）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>employee number %1 looks like the stored %2 with leading zeros: probably the same person (correct the number, or import it as a new person on purpose)</source>
        <translation>工号 %1 像是已有工号 %2 前面补了零：可能是同一个人（请改正工号，或确认后作为新人员导入）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>employee number %1 differs from %2 on line %3 only by leading zeros: probably the same person</source>
        <translation>工号 %1 与第 %3 行的 %2 只差前导零：可能是同一个人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>employee number %1 ends in .0, as a program writes a number cell; write %2 (format the column as text before exporting)</source>
        <translation>工号 %1 末尾是 .0，是程序把数字单元格导出成了小数；请写成 %2（导出前把该列设为文本格式）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>employee number %1 was shown by Excel in scientific notation and lost its last digits (format the column as text and type the numbers again)</source>
        <translation>工号 %1 被 Excel 显示为科学计数法，末尾几位已丢失（请把该列设为文本格式后重新输入工号）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the %1 cell holds a line break (remove it: a roster cell is one line)</source>
        <translation>%1单元格中有换行（请删除：名单的每个单元格只能占一行）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 but the header has %2: a %3 inside a cell moves the cells after it (put that cell in quotes)</source>
        <translation>有 %1，但表头只有 %2 列：单元格中的%3会使其后的单元格错位（请给该单元格加上引号）</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>semicolon</source>
        <translation>分号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vertical bar</source>
        <translation>竖线</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>unit %1 has an empty part between its / marks (write 局/科)</source>
        <translation>单位 %1 的 / 之间有空白部分（请写成 局/科）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unit %1 has more than %2 levels</source>
        <translation>单位 %1 超过 %2 级</translation>
    </message>
</context>
</TS>
