<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>DashboardPlurals</name>
    <message numerus="yes">
        <location filename="../../learner/dashboard_view.py" line="+28"/>
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
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 of %n exercise(s) answered</source>
        <translation>
            <numerusform>%1 of %n exercise answered</numerusform>
            <numerusform>%1 of %n exercises answered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Passed on %1 with %n point(s)</source>
        <translation>
            <numerusform>Passed on %1 with %n point</numerusform>
            <numerusform>Passed on %1 with %n points</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecommendationsPanel</name>
    <message numerus="yes">
        <location filename="../../learner/dashboard_panels.py" line="+109"/>
        <source>Study “%1” — %n exercise(s) to master</source>
        <translation>
            <numerusform>Study “%1” — %n exercise to master</numerusform>
            <numerusform>Study “%1” — %n exercises to master</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%1 (%n point(s))</source>
        <translation>
            <numerusform>%1 (%n point)</numerusform>
            <numerusform>%1 (%n points)</numerusform>
        </translation>
    </message>
</context>
</TS>
