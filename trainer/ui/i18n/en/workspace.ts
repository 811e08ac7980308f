<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ProblemsModel</name>
    <message numerus="yes">
        <location filename="../../trainer/problems.py" line="+70"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkspacePage</name>
    <message numerus="yes">
        <location filename="../../trainer/workspace.py" line="+246"/>
        <source>%n exercise(s)</source>
        <translation>
            <numerusform>%n exercise</numerusform>
            <numerusform>%n exercises</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n per sitting</source>
        <translation>
            <numerusform>%n per sitting</numerusform>
            <numerusform>%n per sitting</numerusform>
        </translation>
    </message>
</context>
</TS>
