<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>DashboardPlurals</name>
    <message numerus="yes">
        <location filename="../../learner/dashboard_view.py" line="+27"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1: %n answer(s)</source>
        <translation>
            <numerusform>%1: %n answer</numerusform>
            <numerusform>%1: %n answers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecommendationsPanel</name>
    <message numerus="yes">
        <location filename="../../learner/dashboard_panels.py" line="+101"/>
        <source>Study “%1” — %n exercise(s) to master</source>
        <translation>
            <numerusform>Study “%1” — %n exercise to master</numerusform>
            <numerusform>Study “%1” — %n exercises to master</numerusform>
        </translation>
    </message>
</context>
</TS>
