<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>NotebookPage</name>
    <message numerus="yes">
        <location filename="../../learner/review_notebook.py" line="+146"/>
        <source>%n exercise(s). An exercise leaves the book once you answer it right in two reviews about a day apart.</source>
        <translation>
            <numerusform>%n exercise. An exercise leaves the book once you answer it right in two reviews about a day apart.</numerusform>
            <numerusform>%n exercises. An exercise leaves the book once you answer it right in two reviews about a day apart.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PracticeCalendar</name>
    <message numerus="yes">
        <location filename="../../learner/review_panel.py" line="+43"/>
        <source>Practised on %1 of the last %n day(s).</source>
        <translation>
            <numerusform>Practised on %1 of the last %n day.</numerusform>
            <numerusform>Practised on %1 of the last %n days.</numerusform>
        </translation>
    </message>
</context>
</TS>
