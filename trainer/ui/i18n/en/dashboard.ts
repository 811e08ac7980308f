<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>RecommendationsPanel</name>
    <message numerus="yes">
        <location filename="../../learner/dashboard_panels.py" line="+98"/>
        <source>Study “%1” — %n exercise(s) to master</source>
        <translation>
            <numerusform>Study “%1” — %n exercise to master</numerusform>
            <numerusform>Study “%1” — %n exercises to master</numerusform>
        </translation>
    </message>
</context>
</TS>
