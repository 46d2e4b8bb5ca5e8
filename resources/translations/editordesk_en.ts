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
    <message numerus="yes">
        <source>%n stories</source>
        <translation>
            <numerusform>%n story</numerusform>
            <numerusform>%n stories</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pictures in {0}.</source>
        <translation>
            <numerusform>%n picture in {0}.</numerusform>
            <numerusform>%n pictures in {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a credit (shown in red).</source>
        <translation>
            <numerusform>%n without a credit (shown in red).</numerusform>
            <numerusform>%n without a credit (shown in red).</numerusform>
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
    <name>ImageEditPanel</name>
    <message numerus="yes">
        <source>%n stories</source>
        <translation>
            <numerusform>%n story</numerusform>
            <numerusform>%n stories</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message numerus="yes">
        <source>Importing %n file(s)…</source>
        <translation>
            <numerusform>Importing %n file…</numerusform>
            <numerusform>Importing %n files…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Drop to import %n files into the library</source>
        <translation>
            <numerusform>Drop to import %n file into the library</numerusform>
            <numerusform>Drop to import %n files into the library</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n min read</source>
        <translation>
            <numerusform>%n min read</numerusform>
            <numerusform>%n min read</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreflightPanel</name>
    <message numerus="yes">
        <source>… and %n more (fix these, or add words to a dictionary)</source>
        <translation>
            <numerusform>… and %n more (fix these, or add words to a dictionary)</numerusform>
            <numerusform>… and %n more (fix these, or add words to a dictionary)</numerusform>
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
<context>
    <name>StoryEditor</name>
    <message numerus="yes">
        <source>Pasted; %n note(s) in Checks</source>
        <translation>
            <numerusform>Pasted; %n note in Checks</numerusform>
            <numerusform>Pasted; %n notes in Checks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StoryListCommands</name>
    <message numerus="yes">
        <source>%Ln stories marked: {0}</source>
        <translation>
            <numerusform>%Ln story marked: {0}</numerusform>
            <numerusform>%Ln stories marked: {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %Ln stories to the trash? You can restore them from the trash (Status filter ▸ Trash) until it is emptied.</source>
        <translation>
            <numerusform>Move %Ln story to the trash? You can restore it from the trash (Status filter ▸ Trash) until it is emptied.</numerusform>
            <numerusform>Move %Ln stories to the trash? You can restore them from the trash (Status filter ▸ Trash) until it is emptied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln stories moved to the trash</source>
        <translation>
            <numerusform>%Ln story moved to the trash</numerusform>
            <numerusform>%Ln stories moved to the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put %Ln stories back on the desk?</source>
        <translation>
            <numerusform>Put %Ln story back on the desk?</numerusform>
            <numerusform>Put %Ln stories back on the desk?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln stories restored from the trash</source>
        <translation>
            <numerusform>%Ln story restored from the trash</numerusform>
            <numerusform>%Ln stories restored from the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln stories deleted for good</source>
        <translation>
            <numerusform>%Ln story deleted for good</numerusform>
            <numerusform>%Ln stories deleted for good</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StoryListWidget</name>
    <message numerus="yes">
        <source>%Ln stories in the trash</source>
        <translation>
            <numerusform>%Ln story in the trash</numerusform>
            <numerusform>%Ln stories in the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %Ln of many — scroll for more</source>
        <translation>
            <numerusform>Showing %Ln of many — scroll for more</numerusform>
            <numerusform>Showing %Ln of many — scroll for more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln stories</source>
        <translation>
            <numerusform>%Ln story</numerusform>
            <numerusform>%Ln stories</numerusform>
        </translation>
    </message>
</context>
</TS>
