<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CreditRecord</name>
    <message>
        <location filename="../../hr/credit_record_action.py" line="+33"/>
        <source>Print learning record (学时证明)</source>
        <translation>打印学时证明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year of the credit hours to certify:</source>
        <translation>证明哪一年的学时：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save learning record</source>
        <translation>保存学时证明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved %1.
%2: %3 in %4.
Verification code: %5</source>
        <translation>已保存 %1。
%2：%4 年共 %3。
验证码：%5</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Learning record saved</source>
        <translation>学时证明已保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writing the learning record…</source>
        <translation>正在生成学时证明…</translation>
    </message>
</context>
<context>
    <name>CreditRuleDialog</name>
    <message>
        <location filename="../../hr/credit_rule_dialog.py" line="+57"/>
        <source>At least (minutes)</source>
        <translation>不少于（分钟）</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Credit-hour rule (学时)</source>
        <translation>学时折算规则</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Modules that declare no credit hours of their own earn them by their stated minutes: the largest band a module reaches applies. Counted in quarter hours.</source>
        <translation>没有自行声明学时的模块按标注的学习分钟数折算：取模块达到的最高一档。学时以 0.25 为单位。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Credit hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add band</source>
        <translation>添加一档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove band</source>
        <translation>删除此档</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Passed final assessment adds:</source>
        <translation>通过结业考核另加：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Years are counted in:</source>
        <translation>年度按此时区计算：</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Put the new rule in force?</source>
        <translation>启用新的学时规则？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everyone&apos;s credit hours are computed again under this rule, on every machine that uses this database. Modules that declare their own credit hours keep them.</source>
        <translation>所有人的学时将按新规则重新计算，使用此数据库的每台电脑都会生效。自行声明了学时的模块保持不变。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Applying the credit-hour rule…</source>
        <translation>正在应用学时规则…</translation>
    </message>
</context>
</TS>
