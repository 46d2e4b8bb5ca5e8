<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CreditsReportDialog</name>
    <message numerus="yes">
        <source>The %n &amp;chosen story(s)</source>
        <translation>
            <numerusform>The %n &amp;chosen story</numerusform>
            <numerusform>The %n &amp;chosen stories</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>Export %n story(s)</source>
        <translation>
            <numerusform>Export %n story</numerusform>
            <numerusform>Export %n stories</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message numerus="yes">
        <source>%n revision(s), newest first. Select one to see what it changed; restoring one keeps the current text in the history too.</source>
        <translation>
            <numerusform>%n revision, newest first. Select one to see what it changed; restoring one keeps the current text in the history too.</numerusform>
            <numerusform>%n revisions, newest first. Select one to see what it changed; restoring one keeps the current text in the history too.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message numerus="yes">
        <source>Publish %n story(s)</source>
        <translation>
            <numerusform>Publish %n story</numerusform>
            <numerusform>Publish %n stories</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplacePreviewDialog</name>
    <message numerus="yes">
        <source>%n replacement(s) on {0} lines.</source>
        <translation>
            <numerusform>%n replacement on {0} lines.</numerusform>
            <numerusform>%n replacements on {0} lines.</numerusform>
        </translation>
    </message>
</context>
</TS>
