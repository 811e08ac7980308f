<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AssessmentView</name>
    <message numerus="yes">
        <location filename="../../learner/assessment.py" line="+103"/>
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n question</numerusform>
            <numerusform>%n questions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>drawn at random from %n</source>
        <translation>
            <numerusform>drawn at random from %n</numerusform>
            <numerusform>drawn at random from %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>time limit %n minute(s)</source>
        <translation>
            <numerusform>time limit %n minute</numerusform>
            <numerusform>time limit %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+171"/>
        <source>%n question(s) have no answer yet. Hand in anyway?</source>
        <translation>
            <numerusform>%n question has no answer yet. Hand in anyway?</numerusform>
            <numerusform>%n questions have no answer yet. Hand in anyway?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>%n written answer(s) wait for a trainer&apos;s score.</source>
        <translation>
            <numerusform>%n written answer waits for a trainer&apos;s score.</numerusform>
            <numerusform>%n written answers wait for a trainer&apos;s score.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CourseCard</name>
    <message numerus="yes">
        <location filename="../../learner/cards.py" line="+109"/>
        <source>%n module(s)</source>
        <translation>
            <numerusform>%n module</numerusform>
            <numerusform>%n modules</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-40"/>
        <source>about %n hour(s)</source>
        <translation>
            <numerusform>about %n hour</numerusform>
            <numerusform>about %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>about %n minute</numerusform>
            <numerusform>about %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+42"/>
        <source>plus %n reference(s)</source>
        <translation>
            <numerusform>plus %n reference</numerusform>
            <numerusform>plus %n references</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-28"/>
        <source>%1 of %n module(s) done</source>
        <translation>
            <numerusform>%1 of %n module done</numerusform>
            <numerusform>%1 of %n modules done</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LessonView</name>
    <message numerus="yes">
        <location filename="../../learner/lesson.py" line="+266"/>
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>about %n minute</numerusform>
            <numerusform>about %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OpenInput</name>
    <message numerus="yes">
        <location filename="../../learner/exercises/text.py" line="+75"/>
        <source>%1 (%n point(s))</source>
        <translation>
            <numerusform>%1 (%n point)</numerusform>
            <numerusform>%1 (%n points)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message numerus="yes">
        <location filename="../../learner/problems_dialog.py" line="+27"/>
        <source>%1 was not imported: it has %n problem(s). Nothing was changed. Give this list to the course&apos;s author.</source>
        <translation>
            <numerusform>%1 was not imported: it has %n problem. Nothing was changed. Give this list to the course&apos;s author.</numerusform>
            <numerusform>%1 was not imported: it has %n problems. Nothing was changed. Give this list to the course&apos;s author.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message numerus="yes">
        <location filename="../../learner/search_page.py" line="+184"/>
        <source>%n place(s) found</source>
        <translation>
            <numerusform>%n place found</numerusform>
            <numerusform>%n places found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message numerus="yes">
        <location filename="../../learner/signin.py" line="+313"/>
        <source>Too many wrong tries. Please wait %n second(s).</source>
        <translation>
            <numerusform>Too many wrong tries. Please wait %n second.</numerusform>
            <numerusform>Too many wrong tries. Please wait %n seconds.</numerusform>
        </translation>
    </message>
</context>
</TS>
