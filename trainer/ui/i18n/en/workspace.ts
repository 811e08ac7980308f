<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ProblemsModel</name>
    <message numerus="yes">
        <location filename="../../trainer/problems.py" line="+67"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error(s)</numerusform>
            <numerusform>%n error(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning(s)</numerusform>
            <numerusform>%n warning(s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkspacePage</name>
    <message numerus="yes">
        <location filename="../../trainer/workspace.py" line="+237"/>
        <source>%n exercise(s)</source>
        <translation>
            <numerusform>%n exercise(s)</numerusform>
            <numerusform>%n exercise(s)</numerusform>
        </translation>
    </message>
</context>
</TS>
