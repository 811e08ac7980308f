<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>RosterImportDialog</name>
    <message numerus="yes">
        <location filename="../../hr/roster_dialog.py" line="+269"/>
        <source>%1 — %n row(s), read as %2</source>
        <translation>
            <numerusform>%1 — %n row, read as %2</numerusform>
            <numerusform>%1 — %n rows, read as %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+72"/>
        <source>Import %n good row(s)</source>
        <translation>
            <numerusform>Import %n good row</numerusform>
            <numerusform>Import %n good rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Import %n row(s)</source>
        <translation>
            <numerusform>Import %n row</numerusform>
            <numerusform>Import %n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n row(s) below the people were not read as people (totals, signatures, notes): line %1.</source>
        <translation>
            <numerusform>%n row below the people was not read as a person (totals, signatures, notes): line %1.</numerusform>
            <numerusform>%n rows below the people were not read as people (totals, signatures, notes): line %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>New department(s) to be created: %1.</source>
        <translation>
            <numerusform>New department to be created: %1.</numerusform>
            <numerusform>%n new departments to be created: %1.</numerusform>
        </translation>
    </message>
</context>
</TS>
