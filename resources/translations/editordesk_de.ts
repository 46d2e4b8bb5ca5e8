<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open the selected stories (Enter)</source>
        <translation>Die gewählten Beiträge öffnen (Eingabetaste)</translation>
    </message>
    <message>
        <source>Mark as draft</source>
        <translation>Als Entwurf markieren</translation>
    </message>
    <message>
        <source>Set the selected stories&apos; status to draft</source>
        <translation>Den Status der gewählten Beiträge auf Entwurf setzen</translation>
    </message>
    <message>
        <source>Mark as editing</source>
        <translation>Als „In Bearbeitung“ markieren</translation>
    </message>
    <message>
        <source>Set the selected stories&apos; status to editing</source>
        <translation>Den Status der gewählten Beiträge auf „In Bearbeitung“ setzen</translation>
    </message>
    <message>
        <source>Mark as ready</source>
        <translation>Als fertig markieren</translation>
    </message>
    <message>
        <source>Set the selected stories&apos; status to ready</source>
        <translation>Den Status der gewählten Beiträge auf fertig setzen</translation>
    </message>
    <message>
        <source>Mark as published</source>
        <translation>Als veröffentlicht markieren</translation>
    </message>
    <message>
        <source>Set the selected stories&apos; status to published</source>
        <translation>Den Status der gewählten Beiträge auf veröffentlicht setzen</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>Dupli&amp;zieren</translation>
    </message>
    <message>
        <source>A new draft copied from the story</source>
        <translation>Ein neuer Entwurf als Kopie des Beitrags</translation>
    </message>
    <message>
        <source>Sp&amp;ike</source>
        <translation>Ver&amp;werfen</translation>
    </message>
    <message>
        <source>Spike: hide it</source>
        <translation>Verwerfen: ausblenden</translation>
    </message>
    <message>
        <source>U&amp;nspike</source>
        <translation>Zurück&amp;holen</translation>
    </message>
    <message>
        <source>Bring a spiked story back as a draft</source>
        <translation>Einen verworfenen Beitrag als Entwurf zurückholen</translation>
    </message>
    <message>
        <source>Dele&amp;te…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Move the selected stories to the trash</source>
        <translation>Die gewählten Beiträge in den Papierkorb legen</translation>
    </message>
    <message>
        <source>&amp;Restore from the trash</source>
        <translation>Aus dem Papierkorb w&amp;iederherstellen</translation>
    </message>
    <message>
        <source>Put them back on the desk</source>
        <translation>Sie zurück in die Redaktion holen</translation>
    </message>
    <message>
        <source>&amp;Empty the trash…</source>
        <translation>Papierkorb l&amp;eeren…</translation>
    </message>
    <message>
        <source>Delete the trash for good</source>
        <translation>Den Papierkorb endgültig löschen</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export the selected stories</source>
        <translation>Die gewählten Beiträge exportieren</translation>
    </message>
    <message>
        <source>History of the selected stor&amp;y…</source>
        <translation>Verlauf des gewählten &amp;Beitrags…</translation>
    </message>
    <message>
        <source>Revisions of the story selected in the list</source>
        <translation>Versionen des in der Liste gewählten Beitrags</translation>
    </message>
    <message>
        <source>Copy the s&amp;lug</source>
        <translation>&amp;Kurznamen kopieren</translation>
    </message>
    <message>
        <source>Copy the story&apos;s slug</source>
        <translation>Den Kurznamen des Beitrags kopieren</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>The notices file is missing from this installation; see {0}.</source>
        <translation>Die Datei mit den Hinweisen fehlt in dieser Installation; siehe {0}.</translation>
    </message>
    <message>
        <source>About EditorDesk</source>
        <translation>Über EditorDesk</translation>
    </message>
    <message>
        <source>&lt;h2&gt;EditorDesk {0}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;EditorDesk {0}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>EditorDesk version</source>
        <translation>EditorDesk-Version</translation>
    </message>
    <message>
        <source>Third-party notices</source>
        <translation>Hinweise zu Drittanbietern</translation>
    </message>
    <message>
        <source>About EditorDesk&apos;s pages</source>
        <translation>Seiten von „Über EditorDesk“</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <source>&amp;Licences</source>
        <translation>&amp;Lizenzen</translation>
    </message>
    <message>
        <source>&amp;Notices</source>
        <translation>&amp;Hinweise</translation>
    </message>
</context>
<context>
    <name>AssetsPanel</name>
    <message>
        <source>Pictures and tweets</source>
        <translation>Bilder und Tweets</translation>
    </message>
    <message>
        <source>The story&apos;s pictures and tweets; double-click to edit one</source>
        <translation>Die Bilder und Tweets des Beitrags; Doppelklick zum Bearbeiten</translation>
    </message>
    <message>
        <source>Edit details…</source>
        <translation>Angaben bearbeiten…</translation>
    </message>
    <message>
        <source>Replace picture…</source>
        <translation>Bild ersetzen…</translation>
    </message>
    <message>
        <source>Take out of story</source>
        <translation>Aus dem Beitrag nehmen</translation>
    </message>
    <message>
        <source>Edit the picture&apos;s caption and credit, or the tweet&apos;s words</source>
        <translation>Bildunterschrift und Nachweis des Bildes oder den Text des Tweets bearbeiten</translation>
    </message>
    <message>
        <source>Show another picture from the library in this place</source>
        <translation>An dieser Stelle ein anderes Bild aus der Bibliothek zeigen</translation>
    </message>
    <message>
        <source>Remove it from this story (it stays in the library)</source>
        <translation>Aus diesem Beitrag entfernen (es bleibt in der Bibliothek)</translation>
    </message>
    <message>
        <source>No pictures or tweets yet: Insert ▸ Figure or Insert ▸ Tweet.</source>
        <translation>Noch keine Bilder oder Tweets: Einfügen ▸ Bild oder Einfügen ▸ Tweet.</translation>
    </message>
</context>
<context>
    <name>BatchExport</name>
    <message>
        <source>Exporting…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Export läuft</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Exportfortschritt</translation>
    </message>
</context>
<context>
    <name>BodyEdit</name>
    <message>
        <source>Story body</source>
        <translation>Text des Beitrags</translation>
    </message>
</context>
<context>
    <name>BodyMirror</name>
    <message>
        <source>Story body</source>
        <translation>Text des Beitrags</translation>
    </message>
    <message>
        <source>Story body (Markdown source)</source>
        <translation>Text des Beitrags (Markdown-Quelltext)</translation>
    </message>
    <message>
        <source>Story body editors</source>
        <translation>Editoren für den Text des Beitrags</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>{0} saved this story at {1} while you were editing it. Nothing has been overwritten.</source>
        <translation>{0} hat diesen Beitrag um {1} gespeichert, während Sie ihn bearbeitet haben. Nichts wurde überschrieben.</translation>
    </message>
    <message>
        <source>Their version is on the left, yours on the right. Choose which to keep.</source>
        <translation>Links steht die andere Fassung, rechts Ihre. Wählen Sie, welche bleiben soll.</translation>
    </message>
    <message>
        <source>Replace your changes?</source>
        <translation>Ihre Änderungen ersetzen?</translation>
    </message>
    <message>
        <source>Show their version in the editor? Your unsaved text is not lost: it moves to a tab of its own (“Kept: …”), unsaved, to copy from or save as a new story.</source>
        <translation>Die andere Fassung im Editor zeigen? Ihr ungespeicherter Text geht nicht verloren: Er kommt ungespeichert in einen eigenen Tab („Behalten: …“), zum Kopieren oder zum Speichern als neuer Beitrag.</translation>
    </message>
</context>
<context>
    <name>CreditsColumns</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>The day the story was published (or last saved, if not published yet)</source>
        <translation>Der Tag, an dem der Beitrag veröffentlicht wurde (oder zuletzt gespeichert, wenn noch nicht veröffentlicht)</translation>
    </message>
    <message>
        <source>Story</source>
        <translation>Beitrag</translation>
    </message>
    <message>
        <source>The story&apos;s headline; double-click to open the story</source>
        <translation>Die Überschrift des Beitrags; Doppelklick öffnet den Beitrag</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>The picture&apos;s file name in the library</source>
        <translation>Der Dateiname des Bildes in der Bibliothek</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Nachweis</translation>
    </message>
    <message>
        <source>The credit line printed with the picture</source>
        <translation>Die Nachweiszeile, die mit dem Bild gedruckt wird</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>Urheber</translation>
    </message>
    <message>
        <source>Who took or made the picture</source>
        <translation>Wer das Bild aufgenommen oder gemacht hat</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>The agency or organisation it came from</source>
        <translation>Die Agentur oder Organisation, von der es stammt</translation>
    </message>
    <message>
        <source>Copyright</source>
        <translation>Urheberrecht</translation>
    </message>
    <message>
        <source>The copyright notice</source>
        <translation>Der Urheberrechtsvermerk</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>The terms the desk uses it under</source>
        <translation>Die Bedingungen, unter denen die Redaktion es verwendet</translation>
    </message>
</context>
<context>
    <name>CreditsReportDialog</name>
    <message>
        <source>Photo credits report</source>
        <translation>Fotonachweise</translation>
    </message>
    <message>
        <source>Chosen stories</source>
        <translation>Gewählte Beiträge</translation>
    </message>
    <message>
        <source>Report on the stories selected in the story list</source>
        <translation>Bericht über die in der Beitragsliste gewählten Beiträge</translation>
    </message>
    <message>
        <source>Stories &amp;published from</source>
        <translation>Beiträge &amp;veröffentlicht vom</translation>
    </message>
    <message>
        <source>Date range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Report on the stories published between two days (a story not published yet counts by the day it was last saved)</source>
        <translation>Bericht über die zwischen zwei Tagen veröffentlichten Beiträge (ein noch nicht veröffentlichter Beitrag zählt mit dem Tag seiner letzten Speicherung)</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>&amp;bis</translation>
    </message>
    <message numerus="yes">
        <source>The %n &amp;chosen story(s)</source>
        <translation>
            <numerusform>Der %n &amp;gewählte Beitrag</numerusform>
            <numerusform>Die %n &amp;gewählten Beiträge</numerusform>
        </translation>
    </message>
    <message>
        <source>Pictures in the report</source>
        <translation>Bilder im Bericht</translation>
    </message>
    <message>
        <source>Click a column to sort; double-click a row to open its story</source>
        <translation>Zum Sortieren auf eine Spalte klicken; Doppelklick auf eine Zeile öffnet ihren Beitrag</translation>
    </message>
    <message>
        <source>Report summary</source>
        <translation>Zusammenfassung des Berichts</translation>
    </message>
    <message>
        <source>How many pictures and stories the report holds</source>
        <translation>Wie viele Bilder und Beiträge der Bericht enthält</translation>
    </message>
    <message>
        <source>&amp;Save as CSV…</source>
        <translation>Als CSV &amp;speichern…</translation>
    </message>
    <message>
        <source>Save as CSV</source>
        <translation>Als CSV speichern</translation>
    </message>
    <message>
        <source>Save the table as a CSV file that Excel, LibreOffice and Numbers open</source>
        <translation>Die Tabelle als CSV-Datei speichern, die Excel, LibreOffice und Numbers öffnen</translation>
    </message>
    <message>
        <source>Close the report</source>
        <translation>Den Bericht schließen</translation>
    </message>
    <message>
        <source>Close the photo credits report</source>
        <translation>Den Bericht der Fotonachweise schließen</translation>
    </message>
    <message>
        <source>No store is open.</source>
        <translation>Es ist kein Speicher geöffnet.</translation>
    </message>
    <message>
        <source>Reading the report…</source>
        <translation>Der Bericht wird gelesen…</translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation>Der Bericht wurde nicht gespeichert</translation>
    </message>
    <message>
        <source>{0} could not be written: {1}.</source>
        <translation>{0} konnte nicht geschrieben werden: {1}.</translation>
    </message>
    <message>
        <source>{0} Saved as {1}.</source>
        <translation>{0} Gespeichert als {1}.</translation>
    </message>
    <message>
        <source>Save the credits report</source>
        <translation>Den Bericht der Nachweise speichern</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>No pictures were used in these stories.</source>
        <translation>In diesen Beiträgen wurden keine Bilder verwendet.</translation>
    </message>
    <message>
        <source>1 story</source>
        <translation>1 Beitrag</translation>
    </message>
    <message numerus="yes">
        <source>%n stories</source>
        <translation>
            <numerusform>%n Beitrag</numerusform>
            <numerusform>%n Beiträge</numerusform>
        </translation>
    </message>
    <message>
        <source>1 picture in {0}.</source>
        <translation>1 Bild in {0}.</translation>
    </message>
    <message numerus="yes">
        <source>%n pictures in {0}.</source>
        <translation>
            <numerusform>%n Bild in {0}.</numerusform>
            <numerusform>%n Bilder in {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a credit (shown in red).</source>
        <translation>
            <numerusform>%n ohne Nachweis (rot markiert).</numerusform>
            <numerusform>%n ohne Nachweis (rot markiert).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CreditsTableModel</name>
    <message>
        <source>{0} (not published)</source>
        <translation>{0} (nicht veröffentlicht)</translation>
    </message>
    <message>
        <source>No credit</source>
        <translation>Kein Nachweis</translation>
    </message>
    <message>
        <source>This picture has no credit: add one in the library before it runs</source>
        <translation>Dieses Bild hat keinen Nachweis: fügen Sie vor dem Erscheinen einen in der Bibliothek hinzu</translation>
    </message>
</context>
<context>
    <name>DeskHint</name>
    <message>
        <source>No story is open.

Double-click a story in the list (or select it and press Enter) to open it.
Press {0} to start a new story.
Use File ▸ Import… (Ctrl+Shift+I), or drop .md and .docx files here, to import stories.</source>
        <translation>Kein Beitrag ist geöffnet.

Doppelklicken Sie auf einen Beitrag in der Liste (oder wählen Sie ihn und drücken Sie die Eingabetaste), um ihn zu öffnen.
Drücken Sie {0}, um einen neuen Beitrag zu beginnen.
Mit Datei ▸ Importieren… (Strg+Umschalt+I) oder durch Ziehen von .md- und .docx-Dateien hierher importieren Sie Beiträge.</translation>
    </message>
    <message>
        <source>No story is open</source>
        <translation>Kein Beitrag ist geöffnet</translation>
    </message>
</context>
<context>
    <name>DeskStyleDialog</name>
    <message>
        <source>Desk spelling and house style</source>
        <translation>Rechtschreibung und Hausstil der Redaktion</translation>
    </message>
    <message>
        <source>Desk&apos;s language</source>
        <translation>Sprache der Redaktion</translation>
    </message>
    <message>
        <source>The language of stories that do not choose their own</source>
        <translation>Die Sprache der Beiträge, die keine eigene wählen</translation>
    </message>
    <message>
        <source>Check acronyms</source>
        <translation>Akronyme prüfen</translation>
    </message>
    <message>
        <source>Off: words in capitals such as NATO are never flagged</source>
        <translation>Aus: Wörter in Großbuchstaben wie NATO werden nie markiert</translation>
    </message>
    <message>
        <source>House style (YAML)</source>
        <translation>Hausstil (YAML)</translation>
    </message>
    <message>
        <source>preferred, avoid, numbers, names, headline_max, standfirst_max: see the sample for each</source>
        <translation>preferred, avoid, numbers, names, headline_max, standfirst_max: siehe das Beispiel zu jedem</translation>
    </message>
    <message>
        <source>Style problem</source>
        <translation>Problem im Hausstil</translation>
    </message>
    <message>
        <source>Replace the text with a style file</source>
        <translation>Den Text durch eine Stildatei ersetzen</translation>
    </message>
    <message>
        <source>Save the text as a style file</source>
        <translation>Den Text als Stildatei speichern</translation>
    </message>
    <message>
        <source>Start again from the shipped sample style</source>
        <translation>Neu mit dem mitgelieferten Beispielstil beginnen</translation>
    </message>
    <message>
        <source>Check all-capital words (&amp;acronyms) too</source>
        <translation>Auch Wörter in Großbuchstaben (&amp;Akronyme) prüfen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Sa&amp;mple</source>
        <translation>&amp;Beispiel</translation>
    </message>
    <message>
        <source>Desk&apos;s &amp;language</source>
        <translation>&amp;Sprache der Redaktion</translation>
    </message>
    <message>
        <source>House st&amp;yle:</source>
        <translation>&amp;Hausstil:</translation>
    </message>
    <message>
        <source>Import a house style</source>
        <translation>Einen Hausstil importieren</translation>
    </message>
    <message>
        <source>Style files (*.yaml *.yml);;All files (*)</source>
        <translation>Stildateien (*.yaml *.yml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>{0}: cannot be read ({1})</source>
        <translation>{0}: kann nicht gelesen werden ({1})</translation>
    </message>
    <message>
        <source>Export the house style</source>
        <translation>Den Hausstil exportieren</translation>
    </message>
    <message>
        <source>Style files (*.yaml)</source>
        <translation>Stildateien (*.yaml)</translation>
    </message>
    <message>
        <source>{0}: cannot be written ({1})</source>
        <translation>{0}: kann nicht geschrieben werden ({1})</translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Rechts</translation>
    </message>
    <message>
        <source>Changed fields</source>
        <translation>Geänderte Felder</translation>
    </message>
    <message>
        <source>The fields other than the body that differ</source>
        <translation>Die Felder außer dem Text, die sich unterscheiden</translation>
    </message>
    <message>
        <source>Words removed are struck through</source>
        <translation>Gestrichene Wörter sind durchgestrichen</translation>
    </message>
    <message>
        <source>Words added are underlined</source>
        <translation>Hinzugefügte Wörter sind unterstrichen</translation>
    </message>
    <message>
        <source>Changed: {0}.</source>
        <translation>Geändert: {0}.</translation>
    </message>
    <message>
        <source>The two versions are the same.</source>
        <translation>Die beiden Fassungen sind gleich.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>Export %n story(s)</source>
        <translation>
            <numerusform>%n Beitrag exportieren</numerusform>
            <numerusform>%n Beiträge exportieren</numerusform>
        </translation>
    </message>
    <message>
        <source>Put pictures inside the page (data: URIs)</source>
        <translation>Bilder in die Seite einbetten (data:-URIs)</translation>
    </message>
    <message>
        <source>Export even if preflight finds errors</source>
        <translation>Auch exportieren, wenn die Prüfung Fehler findet</translation>
    </message>
    <message>
        <source>Open the folder afterwards</source>
        <translation>Den Ordner danach öffnen</translation>
    </message>
    <message>
        <source>One self-contained HTML file per story</source>
        <translation>Eine eigenständige HTML-Datei je Beitrag</translation>
    </message>
    <message>
        <source>Normally a story a desk would reject is skipped</source>
        <translation>Sonst wird ein Beitrag übersprungen, den eine Redaktion ablehnen würde</translation>
    </message>
    <message>
        <source>Show the exported files when done</source>
        <translation>Die exportierten Dateien danach zeigen</translation>
    </message>
    <message>
        <source>HTML templates</source>
        <translation>HTML-Vorlagen</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <source>Fol&amp;der</source>
        <translation>&amp;Ordner</translation>
    </message>
    <message>
        <source>&amp;HTML templates</source>
        <translation>&amp;HTML-Vorlagen</translation>
    </message>
    <message>
        <source>&amp;Word reference</source>
        <translation>&amp;Word-Vorlage</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Browse for the {0}</source>
        <translation>Nach {0} suchen</translation>
    </message>
    <message>
        <source>Choose the {0}</source>
        <translation>{0} wählen</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>Reference document</source>
        <translation>Vorlagedokument</translation>
    </message>
    <message>
        <source>Word (*.docx)</source>
        <translation>Word (*.docx)</translation>
    </message>
    <message>
        <source>Choose the folder to export into.</source>
        <translation>Wählen Sie den Ordner für den Export.</translation>
    </message>
</context>
<context>
    <name>FindOptions</name>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Find text</source>
        <translation>Text suchen</translation>
    </message>
    <message>
        <source>Text to find (Enter: next, Shift+Enter: previous)</source>
        <translation>Zu suchender Text (Eingabe: nächster, Umschalt+Eingabe: voriger)</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Ersetzen durch</translation>
    </message>
    <message>
        <source>What each match becomes; with regular expressions, \1…</source>
        <translation>Was aus jedem Treffer wird; mit regulären Ausdrücken \1…</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>Ganze Wörter</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>Regulärer Ausdruck</translation>
    </message>
    <message>
        <source>Capitals must match</source>
        <translation>Groß- und Kleinschreibung muss passen</translation>
    </message>
    <message>
        <source>Only whole words match</source>
        <translation>Nur ganze Wörter passen</translation>
    </message>
    <message>
        <source>Find a Python regular expression</source>
        <translation>Einen regulären Ausdruck (Python) suchen</translation>
    </message>
</context>
<context>
    <name>FindReplaceBar</name>
    <message>
        <source>Highlight all</source>
        <translation>Alle hervorheben</translation>
    </message>
    <message>
        <source>Mark every match in the body</source>
        <translation>Jeden Treffer im Text markieren</translation>
    </message>
    <message>
        <source>Find result</source>
        <translation>Suchergebnis</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Voriger</translation>
    </message>
    <message>
        <source>The match before (Shift+Enter)</source>
        <translation>Der vorige Treffer (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächster</translation>
    </message>
    <message>
        <source>The next match (Enter)</source>
        <translation>Der nächste Treffer (Eingabe)</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Replace this match and go to the next</source>
        <translation>Diesen Treffer ersetzen und zum nächsten gehen</translation>
    </message>
    <message>
        <source>Replace all…</source>
        <translation>Alle ersetzen…</translation>
    </message>
    <message>
        <source>Replace every match in the story, after a preview</source>
        <translation>Jeden Treffer im Beitrag ersetzen, nach einer Vorschau</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the find bar (Esc)</source>
        <translation>Die Suchleiste schließen (Esc)</translation>
    </message>
    <message>
        <source>{0} (find)</source>
        <translation>{0} (Suche)</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>Suchen:</translation>
    </message>
    <message>
        <source>Replace:</source>
        <translation>Ersetzen:</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} von {1}</translation>
    </message>
    <message>
        <source>Replaced {0}</source>
        <translation>{0} ersetzt</translation>
    </message>
</context>
<context>
    <name>Focus</name>
    <message>
        <source>the text</source>
        <translation>den Text</translation>
    </message>
    <message>
        <source>Clear {0}</source>
        <translation>{0} leeren</translation>
    </message>
    <message>
        <source>More toolbar commands</source>
        <translation>Weitere Befehle der Werkzeugleiste</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Loading the revisions…</source>
        <translation>Die Versionen werden geladen…</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>Select a revision to see it on the right, compared with the one before it</source>
        <translation>Eine Version wählen, um sie rechts mit der vorigen verglichen zu sehen</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Vergleichen mit</translation>
    </message>
    <message>
        <source>The revision shown on the left</source>
        <translation>Die links gezeigte Version</translation>
    </message>
    <message>
        <source>&amp;Compare with:</source>
        <translation>&amp;Vergleichen mit:</translation>
    </message>
    <message>
        <source>Restore this revision</source>
        <translation>Diese Version wiederherstellen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the history; nothing changes (Esc)</source>
        <translation>Den Verlauf schließen; nichts ändert sich (Esc)</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s), newest first. Select one to see what it changed; restoring one keeps the current text in the history too.</source>
        <translation>
            <numerusform>%n Version, die neueste zuerst. Wählen Sie eine, um zu sehen, was sie geändert hat; beim Wiederherstellen bleibt der aktuelle Text ebenfalls im Verlauf.</numerusform>
            <numerusform>%n Versionen, die neueste zuerst. Wählen Sie eine, um zu sehen, was sie geändert hat; beim Wiederherstellen bleibt der aktuelle Text ebenfalls im Verlauf.</numerusform>
        </translation>
    </message>
    <message>
        <source>The history could not be read: {0}.</source>
        <translation>Der Verlauf konnte nicht gelesen werden: {0}.</translation>
    </message>
    <message>
        <source>Select a revision to restore</source>
        <translation>Eine Version zum Wiederherstellen wählen</translation>
    </message>
    <message>
        <source>Read-only: {0} is editing this story; take it over before restoring a revision</source>
        <translation>Schreibgeschützt: {0} bearbeitet diesen Beitrag; übernehmen Sie ihn, bevor Sie eine Version wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Restore revision {0}</source>
        <translation>Version {0} &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>Revision {0} is already the current text</source>
        <translation>Version {0} ist bereits der aktuelle Text</translation>
    </message>
    <message>
        <source>Make revision {0} (shown on the right) the story&apos;s current text. The current text stays in the history.</source>
        <translation>Version {0} (rechts gezeigt) zum aktuellen Text des Beitrags machen. Der aktuelle Text bleibt im Verlauf.</translation>
    </message>
    <message>
        <source>Restoring revision {0}…</source>
        <translation>Version {0} wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Revision {0} was not restored.</source>
        <translation>Version {0} wurde nicht wiederhergestellt.</translation>
    </message>
    <message>
        <source>Revision not restored</source>
        <translation>Version nicht wiederhergestellt</translation>
    </message>
    <message>
        <source>Revision {0} was not restored: {1}.</source>
        <translation>Version {0} wurde nicht wiederhergestellt: {1}.</translation>
    </message>
</context>
<context>
    <name>ImageConflictDialog</name>
    <message>
        <source>{0} saved this picture&apos;s details at {1} while you were editing them. Nothing has been overwritten.</source>
        <translation>{0} hat die Angaben zu diesem Bild um {1} gespeichert, während Sie sie bearbeitet haben. Nichts wurde überschrieben.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Theirs (saved)</source>
        <translation>Die andere Fassung (gespeichert)</translation>
    </message>
    <message>
        <source>Yours (not saved)</source>
        <translation>Ihre (nicht gespeichert)</translation>
    </message>
    <message>
        <source>Their details and yours</source>
        <translation>Die anderen Angaben und Ihre</translation>
    </message>
    <message>
        <source>Drop your changes?</source>
        <translation>Ihre Änderungen verwerfen?</translation>
    </message>
    <message>
        <source>Show their details on the card? Your unsaved details will be dropped.</source>
        <translation>Die anderen Angaben auf der Karte zeigen? Ihre ungespeicherten Angaben werden verworfen.</translation>
    </message>
</context>
<context>
    <name>ImageEditPanel</name>
    <message>
        <source>Picture details</source>
        <translation>Bildangaben</translation>
    </message>
    <message>
        <source>Picture preview</source>
        <translation>Bildvorschau</translation>
    </message>
    <message>
        <source>The selected picture, upright as it will be exported</source>
        <translation>Das gewählte Bild, aufrecht, wie es exportiert wird</translation>
    </message>
    <message>
        <source>Picture file name</source>
        <translation>Dateiname des Bildes</translation>
    </message>
    <message>
        <source>The name the file had when it was imported</source>
        <translation>Der Name, den die Datei beim Import hatte</translation>
    </message>
    <message>
        <source>Picture size and type</source>
        <translation>Größe und Typ des Bildes</translation>
    </message>
    <message>
        <source>Width × height in pixels, file type and file size</source>
        <translation>Breite × Höhe in Pixeln, Dateityp und Dateigröße</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save picture details</source>
        <translation>Bildangaben speichern</translation>
    </message>
    <message>
        <source>Keep these fields in the library (Ctrl+S while the panel has the focus)</source>
        <translation>Diese Felder in der Bibliothek speichern (Strg+S, solange der Bereich den Fokus hat)</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Revert picture details</source>
        <translation>Bildangaben zurücksetzen</translation>
    </message>
    <message>
        <source>Go back to the fields as they were last saved</source>
        <translation>Zu den Feldern zurückkehren, wie sie zuletzt gespeichert waren</translation>
    </message>
    <message>
        <source>&amp;Insert into story</source>
        <translation>In den Beitrag &amp;einfügen</translation>
    </message>
    <message>
        <source>Insert into story</source>
        <translation>In den Beitrag einfügen</translation>
    </message>
    <message>
        <source>Put this picture into the open story at the cursor (or double-click it)</source>
        <translation>Dieses Bild an der Schreibmarke in den offenen Beitrag setzen (oder doppelklicken)</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Verlauf…</translation>
    </message>
    <message>
        <source>Picture details history</source>
        <translation>Verlauf der Bildangaben</translation>
    </message>
    <message>
        <source>Every saved caption, credit, alt text and the rest, with who saved them</source>
        <translation>Jede gespeicherte Bildunterschrift, jeder Nachweis, Alternativtext und der Rest, mit wer sie gespeichert hat</translation>
    </message>
    <message>
        <source>Picture details status</source>
        <translation>Stand der Bildangaben</translation>
    </message>
    <message>
        <source>Whether the fields are saved</source>
        <translation>Ob die Felder gespeichert sind</translation>
    </message>
    <message>
        <source>About changing credits</source>
        <translation>Zum Ändern von Nachweisen</translation>
    </message>
    <message>
        <source>Used in:</source>
        <translation>Verwendet in:</translation>
    </message>
    <message>
        <source>Stories using this picture</source>
        <translation>Beiträge, die dieses Bild verwenden</translation>
    </message>
    <message>
        <source>&amp;Used in:</source>
        <translation>&amp;Verwendet in:</translation>
    </message>
    <message>
        <source>The stories whose body shows this picture</source>
        <translation>Die Beiträge, deren Text dieses Bild zeigt</translation>
    </message>
    <message>
        <source>Used in</source>
        <translation>Verwendet in</translation>
    </message>
    <message>
        <source>Click a story to open it</source>
        <translation>Einen Beitrag anklicken, um ihn zu öffnen</translation>
    </message>
    <message>
        <source>No picture selected</source>
        <translation>Kein Bild gewählt</translation>
    </message>
    <message>
        <source>Choose a picture in the grid, or import some.</source>
        <translation>Wählen Sie ein Bild im Raster oder importieren Sie welche.</translation>
    </message>
    <message>
        <source>Loading preview…</source>
        <translation>Vorschau wird geladen…</translation>
    </message>
    <message>
        <source>Used in: …</source>
        <translation>Verwendet in: …</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>no story yet</source>
        <translation>noch keinem Beitrag</translation>
    </message>
    <message>
        <source>1 story</source>
        <translation>1 Beitrag</translation>
    </message>
    <message numerus="yes">
        <source>%n stories</source>
        <translation>
            <numerusform>%n Beitrag</numerusform>
            <numerusform>%n Beiträge</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved. Used in {0}; exports from now on show it.</source>
        <translation>Gespeichert. Verwendet in {0}; Exporte zeigen es ab jetzt.</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>Nicht gespeichert: {0}</translation>
    </message>
    <message>
        <source>the picture&apos;s details could not be saved</source>
        <translation>die Angaben zum Bild konnten nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Older details brought back: save to keep them.</source>
        <translation>Ältere Angaben zurückgeholt: speichern, um sie zu behalten.</translation>
    </message>
    <message>
        <source>Showing the details {0} saved.</source>
        <translation>Die von {0} gespeicherten Angaben werden gezeigt.</translation>
    </message>
    <message>
        <source>Not saved: {0} saved this picture meanwhile; save again to compare.</source>
        <translation>Nicht gespeichert: {0} hat dieses Bild inzwischen gespeichert; erneut speichern, um zu vergleichen.</translation>
    </message>
    <message>
        <source>Used in: (could not be read)</source>
        <translation>Verwendet in: (konnte nicht gelesen werden)</translation>
    </message>
    <message>
        <source>No preview: the file is missing or damaged</source>
        <translation>Keine Vorschau: die Datei fehlt oder ist beschädigt</translation>
    </message>
    <message>
        <source>Used in: no story yet</source>
        <translation>Verwendet in: noch keinem Beitrag</translation>
    </message>
    <message>
        <source>Not used in any story yet</source>
        <translation>Noch in keinem Beitrag verwendet</translation>
    </message>
    <message>
        <source>Used in {0}:</source>
        <translation>Verwendet in {0}:</translation>
    </message>
    <message>
        <source>(story {0}, no headline)</source>
        <translation>(Beitrag {0}, ohne Überschrift)</translation>
    </message>
    <message>
        <source>Open story {0}</source>
        <translation>Beitrag {0} öffnen</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
</context>
<context>
    <name>ImageHistoryDialog</name>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Saved picture details</source>
        <translation>Gespeicherte Bildangaben</translation>
    </message>
    <message>
        <source>These details</source>
        <translation>Diese Angaben</translation>
    </message>
    <message>
        <source>No saves yet: the details are as imported.</source>
        <translation>Noch nicht gespeichert: die Angaben sind wie importiert.</translation>
    </message>
    <message>
        <source>&amp;Bring these back</source>
        <translation>Diese &amp;zurückholen</translation>
    </message>
    <message>
        <source>Put these details on the card, unsaved, to look over</source>
        <translation>Diese Angaben ungespeichert auf die Karte holen, zum Durchsehen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>InsertCommands</name>
    <message>
        <source>Insert link</source>
        <translation>Link einfügen</translation>
    </message>
    <message>
        <source>Web address (https://…):</source>
        <translation>Webadresse (https://…):</translation>
    </message>
    <message>
        <source>Insert a picture</source>
        <translation>Ein Bild einfügen</translation>
    </message>
    <message>
        <source>Choose the picture to show instead</source>
        <translation>Das Bild wählen, das stattdessen erscheinen soll</translation>
    </message>
    <message>
        <source>Insert a picture — choose it, then Insert (Enter)</source>
        <translation>Ein Bild einfügen — wählen, dann Einfügen (Eingabetaste)</translation>
    </message>
</context>
<context>
    <name>LanguageBox</name>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The story&apos;s language, which picks the spelling dictionary</source>
        <translation>Die Sprache des Beitrags; sie bestimmt das Wörterbuch der Rechtschreibprüfung</translation>
    </message>
    <message>
        <source>Desk&apos;s language</source>
        <translation>Sprache der Redaktion</translation>
    </message>
    <message>
        <source>Desk&apos;s language ({0})</source>
        <translation>Sprache der Redaktion ({0})</translation>
    </message>
    <message>
        <source>{0} (not installed)</source>
        <translation>{0} (nicht installiert)</translation>
    </message>
</context>
<context>
    <name>LanguageChecking</name>
    <message>
        <source>(no suggestions)</source>
        <translation>(keine Vorschläge)</translation>
    </message>
    <message>
        <source>Add to my dictionary</source>
        <translation>Zu meinem Wörterbuch hinzufügen</translation>
    </message>
    <message>
        <source>Add to the desk&apos;s dictionary</source>
        <translation>Zum Wörterbuch der Redaktion hinzufügen</translation>
    </message>
    <message>
        <source>Ignore in this story</source>
        <translation>In diesem Beitrag ignorieren</translation>
    </message>
    <message>
        <source>Change to “{0}”</source>
        <translation>Ändern in „{0}“</translation>
    </message>
</context>
<context>
    <name>LibraryDialog</name>
    <message>
        <source>Picture library</source>
        <translation>Bildbibliothek</translation>
    </message>
    <message>
        <source>Close the library</source>
        <translation>Die Bibliothek schließen</translation>
    </message>
    <message>
        <source>Close the picture library</source>
        <translation>Die Bildbibliothek schließen</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Picture library</source>
        <translation>Bildbibliothek</translation>
    </message>
    <message>
        <source>Search pictures</source>
        <translation>Bilder suchen</translation>
    </message>
    <message>
        <source>Show pictures whose file name, caption, credit, creator or source has all these words</source>
        <translation>Bilder zeigen, deren Dateiname, Bildunterschrift, Nachweis, Urheber oder Quelle alle diese Wörter enthält</translation>
    </message>
    <message>
        <source>Missing credit</source>
        <translation>Ohne Nachweis</translation>
    </message>
    <message>
        <source>Show only pictures that have no credit line yet</source>
        <translation>Nur Bilder zeigen, die noch keinen Nachweis haben</translation>
    </message>
    <message>
        <source>Missing alt te&amp;xt</source>
        <translation>Ohne &amp;Alternativtext</translation>
    </message>
    <message>
        <source>Missing alt text</source>
        <translation>Ohne Alternativtext</translation>
    </message>
    <message>
        <source>Show only pictures that have no alt text yet</source>
        <translation>Nur Bilder zeigen, die noch keinen Alternativtext haben</translation>
    </message>
    <message>
        <source>I&amp;mport pictures…</source>
        <translation>Bilder i&amp;mportieren…</translation>
    </message>
    <message>
        <source>Import pictures</source>
        <translation>Bilder importieren</translation>
    </message>
    <message>
        <source>Add JPEG, PNG, WebP or GIF files to the library; their own credits and captions fill the fields. You can also drop files or folders on the library.</source>
        <translation>JPEG-, PNG-, WebP- oder GIF-Dateien zur Bibliothek hinzufügen; ihre eigenen Nachweise und Bildunterschriften füllen die Felder. Sie können Dateien oder Ordner auch auf die Bibliothek ziehen.</translation>
    </message>
    <message>
        <source>Missing cre&amp;dit</source>
        <translation>Ohne &amp;Nachweis</translation>
    </message>
    <message>
        <source>Cr&amp;edits report…</source>
        <translation>Nachweis&amp;bericht…</translation>
    </message>
    <message>
        <source>Credits report</source>
        <translation>Nachweisbericht</translation>
    </message>
    <message>
        <source>Every picture used in a period&apos;s stories, with its credit, creator and licence, as a table you can save as CSV</source>
        <translation>Jedes in den Beiträgen eines Zeitraums verwendete Bild mit Nachweis, Urheber und Lizenz, als Tabelle, die Sie als CSV speichern können</translation>
    </message>
    <message>
        <source>Picture details panel</source>
        <translation>Bereich der Bildangaben</translation>
    </message>
    <message>
        <source>Library status</source>
        <translation>Stand der Bibliothek</translation>
    </message>
    <message>
        <source>How many pictures the grid shows, and work under way</source>
        <translation>Wie viele Bilder das Raster zeigt und was gerade läuft</translation>
    </message>
    <message>
        <source>Library progress</source>
        <translation>Fortschritt der Bibliothek</translation>
    </message>
    <message>
        <source>Thumbnails being made or pictures being imported</source>
        <translation>Vorschaubilder werden erstellt oder Bilder importiert</translation>
    </message>
    <message>
        <source>Loading the library…</source>
        <translation>Die Bibliothek wird geladen…</translation>
    </message>
    <message>
        <source>No store is open</source>
        <translation>Kein Speicher ist geöffnet</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>The library&apos;s pictures, newest first. Enter or a double-click inserts the picture into the open story.</source>
        <translation>Die Bilder der Bibliothek, die neuesten zuerst. Eingabetaste oder Doppelklick fügt das Bild in den offenen Beitrag ein.</translation>
    </message>
    <message>
        <source>Open a store before importing pictures.</source>
        <translation>Öffnen Sie einen Speicher, bevor Sie Bilder importieren.</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n file(s)…</source>
        <translation>
            <numerusform>%n Datei wird importiert…</numerusform>
            <numerusform>%n Dateien werden importiert…</numerusform>
        </translation>
    </message>
    <message>
        <source>The import stopped</source>
        <translation>Der Import wurde abgebrochen</translation>
    </message>
    <message>
        <source>the pictures could not be imported</source>
        <translation>die Bilder konnten nicht importiert werden</translation>
    </message>
    <message>
        <source>Importing {0} of {1}: {2}…</source>
        <translation>Import {0} von {1}: {2}…</translation>
    </message>
    <message>
        <source>Some pictures were not imported</source>
        <translation>Einige Bilder wurden nicht importiert</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>Nicht importiert</translation>
    </message>
    <message>
        <source>Drop to import 1 file into the library</source>
        <translation>Loslassen, um 1 Datei in die Bibliothek zu importieren</translation>
    </message>
    <message numerus="yes">
        <source>Drop to import %n files into the library</source>
        <translation>
            <numerusform>Loslassen, um %n Datei in die Bibliothek zu importieren</numerusform>
            <numerusform>Loslassen, um %n Dateien in die Bibliothek zu importieren</numerusform>
        </translation>
    </message>
    <message>
        <source>The library could not be read: {0}</source>
        <translation>Die Bibliothek konnte nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>No pictures yet: use Import pictures… or drop picture files here</source>
        <translation>Noch keine Bilder: Bilder importieren… verwenden oder Bilddateien hierher ziehen</translation>
    </message>
    <message>
        <source>No picture matches</source>
        <translation>Kein Bild passt</translation>
    </message>
    <message>
        <source>Making thumbnails {0} of {1}…</source>
        <translation>Vorschaubilder {0} von {1} werden erstellt…</translation>
    </message>
    <message>
        <source>Unsaved picture details</source>
        <translation>Ungespeicherte Bildangaben</translation>
    </message>
    <message>
        <source>Save your changes to {0}?</source>
        <translation>Ihre Änderungen an {0} speichern?</translation>
    </message>
</context>
<context>
    <name>LiveDesk</name>
    <message>
        <source>Connection to the store</source>
        <translation>Verbindung zum Speicher</translation>
    </message>
    <message>
        <source>Take over the story?</source>
        <translation>Den Beitrag übernehmen?</translation>
    </message>
    <message>
        <source>{0} is editing “{1}”. If you take it over, {2}&apos;s window becomes read-only and is told so; any text {3} has not saved stays in their window. Take it over?</source>
        <translation>{0} bearbeitet „{1}“. Wenn Sie ihn übernehmen, wird das Fenster von {2} schreibgeschützt und erfährt das; Text, den {3} nicht gespeichert hat, bleibt in diesem Fenster. Übernehmen?</translation>
    </message>
    <message>
        <source>Replace your unsaved changes?</source>
        <translation>Ihre ungespeicherten Änderungen ersetzen?</translation>
    </message>
    <message>
        <source>Show the stored story in this tab? Your unsaved changes will not be lost: they move to a new tab of their own (“Kept: …”), unsaved, to copy from or save as a new story.</source>
        <translation>Den gespeicherten Beitrag in diesem Tab zeigen? Ihre ungespeicherten Änderungen gehen nicht verloren: Sie kommen ungespeichert in einen eigenen neuen Tab („Behalten: …“), zum Kopieren oder zum Speichern als neuer Beitrag.</translation>
    </message>
    <message>
        <source>⚠ Store unreachable — edits kept here</source>
        <translation>⚠ Speicher nicht erreichbar — Änderungen bleiben hier</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>EditorDesk main window</source>
        <translation>EditorDesk-Hauptfenster</translation>
    </message>
    <message>
        <source>Word count</source>
        <translation>Wortzahl</translation>
    </message>
    <message>
        <source>Save state</source>
        <translation>Speicherstand</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>The store this window works on</source>
        <translation>Der Speicher, mit dem dieses Fenster arbeitet</translation>
    </message>
    <message>
        <source>Untitled story</source>
        <translation>Beitrag ohne Titel</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message numerus="yes">
        <source>%n min read</source>
        <translation>
            <numerusform>%n Min. Lesezeit</numerusform>
            <numerusform>%n Min. Lesezeit</numerusform>
        </translation>
    </message>
    <message>
        <source>no reading time</source>
        <translation>keine Lesezeit</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>{0} words · {1} characters · {2}</source>
        <translation>{0} Wörter · {1} Zeichen · {2}</translation>
    </message>
    <message>
        <source>Save your changes first? A restored revision replaces the text in the window.</source>
        <translation>Ihre Änderungen zuerst speichern? Eine wiederhergestellte Version ersetzt den Text im Fenster.</translation>
    </message>
    <message>
        <source>Store changed</source>
        <translation>Speicher geändert</translation>
    </message>
    <message>
        <source>EditorDesk will use the new store the next time it starts.</source>
        <translation>EditorDesk verwendet den neuen Speicher beim nächsten Start.</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New story</source>
        <translation>&amp;Neuer Beitrag</translation>
    </message>
    <message>
        <source>Start a new draft</source>
        <translation>Einen neuen Entwurf beginnen</translation>
    </message>
    <message>
        <source>&amp;Open story…</source>
        <translation>Beitrag ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Find a story to open in the list</source>
        <translation>Einen Beitrag zum Öffnen in der Liste finden</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the story as a new revision</source>
        <translation>Den Beitrag als neue Version speichern</translation>
    </message>
    <message>
        <source>&amp;Close story</source>
        <translation>Beitrag s&amp;chließen</translation>
    </message>
    <message>
        <source>Close the current story</source>
        <translation>Den aktuellen Beitrag schließen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Import Markdown (.md) or Word (.docx) files as new drafts</source>
        <translation>Markdown- (.md) oder Word-Dateien (.docx) als neue Entwürfe importieren</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Export the stories selected in the list (or the open one)</source>
        <translation>Die in der Liste gewählten Beiträge (oder den offenen) exportieren</translation>
    </message>
    <message>
        <source>P&amp;ublish…</source>
        <translation>&amp;Veröffentlichen…</translation>
    </message>
    <message>
        <source>Publish the stories selected in the list (or the open one) to a WordPress site</source>
        <translation>Die in der Liste gewählten Beiträge (oder den offenen) auf einer WordPress-Website veröffentlichen</translation>
    </message>
    <message>
        <source>Add the s&amp;ample story</source>
        <translation>Beis&amp;pielbeitrag hinzufügen</translation>
    </message>
    <message>
        <source>Add the sample story that shows every feature</source>
        <translation>Den Beispielbeitrag hinzufügen, der alle Funktionen zeigt</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>Einste&amp;llungen…</translation>
    </message>
    <message>
        <source>Store, your name, autosave and export settings</source>
        <translation>Speicher, Ihr Name, automatisches Sichern und Export</translation>
    </message>
    <message>
        <source>Si&amp;tes…</source>
        <translation>&amp;Websites…</translation>
    </message>
    <message>
        <source>The sites stories are published to</source>
        <translation>Die Websites, auf denen Beiträge erscheinen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit EditorDesk</source>
        <translation>EditorDesk beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>Undo the last change</source>
        <translation>Die letzte Änderung rückgängig machen</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Redo what was undone</source>
        <translation>Das Rückgängiggemachte wiederholen</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <source>Cut the selection to the clipboard</source>
        <translation>Die Auswahl in die Zwischenablage ausschneiden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the selection</source>
        <translation>Die Auswahl kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>E&amp;infügen</translation>
    </message>
    <message>
        <source>Paste from the clipboard</source>
        <translation>Aus der Zwischenablage einfügen</translation>
    </message>
    <message>
        <source>Paste as plain te&amp;xt</source>
        <translation>Als reinen &amp;Text einfügen</translation>
    </message>
    <message>
        <source>Paste the clipboard&apos;s text without its formatting</source>
        <translation>Den Text der Zwischenablage ohne Formatierung einfügen</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>Alles a&amp;uswählen</translation>
    </message>
    <message>
        <source>Select all the text</source>
        <translation>Den ganzen Text auswählen</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>Find text in the story</source>
        <translation>Text im Beitrag suchen</translation>
    </message>
    <message>
        <source>R&amp;eplace…</source>
        <translation>&amp;Ersetzen…</translation>
    </message>
    <message>
        <source>Find and replace in the story&apos;s fields and body</source>
        <translation>In den Feldern und im Text des Beitrags suchen und ersetzen</translation>
    </message>
    <message>
        <source>Search &amp;stories…</source>
        <translation>&amp;Beiträge durchsuchen…</translation>
    </message>
    <message>
        <source>Search every story in the store</source>
        <translation>Alle Beiträge im Speicher durchsuchen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Markdown source</source>
        <translation>&amp;Markdown-Quelltext</translation>
    </message>
    <message>
        <source>Edit the body as Markdown with shortcodes; again for the visual editor</source>
        <translation>Den Text als Markdown mit Shortcodes bearbeiten; erneut für den visuellen Editor</translation>
    </message>
    <message>
        <source>&amp;Next pane</source>
        <translation>&amp;Nächster Bereich</translation>
    </message>
    <message>
        <source>Move to the next part of the window: story list, story, side panel</source>
        <translation>Zum nächsten Teil des Fensters: Beitragsliste, Beitrag, Seitenbereich</translation>
    </message>
    <message>
        <source>&amp;Previous pane</source>
        <translation>&amp;Vorheriger Bereich</translation>
    </message>
    <message>
        <source>Move to the previous part of the window</source>
        <translation>Zum vorigen Teil des Fensters</translation>
    </message>
    <message>
        <source>Next story &amp;tab</source>
        <translation>Nächster Beitrags-&amp;Tab</translation>
    </message>
    <message>
        <source>Show the next open story</source>
        <translation>Den nächsten offenen Beitrag zeigen</translation>
    </message>
    <message>
        <source>Previous story ta&amp;b</source>
        <translation>Vorheriger Beitrags-Ta&amp;b</translation>
    </message>
    <message>
        <source>Show the previous open story</source>
        <translation>Den vorigen offenen Beitrag zeigen</translation>
    </message>
    <message>
        <source>Pre&amp;view panel</source>
        <translation>Vor&amp;schau</translation>
    </message>
    <message>
        <source>Show the story&apos;s preview</source>
        <translation>Die Vorschau des Beitrags zeigen</translation>
    </message>
    <message>
        <source>&amp;Checks panel</source>
        <translation>&amp;Prüfungen</translation>
    </message>
    <message>
        <source>Show what a desk would reject</source>
        <translation>Zeigen, was eine Redaktion ablehnen würde</translation>
    </message>
    <message>
        <source>&amp;Related panel</source>
        <translation>Verwan&amp;dte Links</translation>
    </message>
    <message>
        <source>Show the related links</source>
        <translation>Die verwandten Links zeigen</translation>
    </message>
    <message>
        <source>P&amp;ictures &amp;&amp; tweets panel</source>
        <translation>B&amp;ilder &amp;&amp; Tweets</translation>
    </message>
    <message>
        <source>Show the pictures and tweets in the story</source>
        <translation>Die Bilder und Tweets im Beitrag zeigen</translation>
    </message>
    <message>
        <source>&amp;Widen the list</source>
        <translation>Liste b&amp;reiter</translation>
    </message>
    <message>
        <source>Give the story list more room</source>
        <translation>Der Beitragsliste mehr Platz geben</translation>
    </message>
    <message>
        <source>N&amp;arrow the list</source>
        <translation>Liste schm&amp;aler</translation>
    </message>
    <message>
        <source>Give the story list less room</source>
        <translation>Der Beitragsliste weniger Platz geben</translation>
    </message>
    <message>
        <source>Wi&amp;den the side panel</source>
        <translation>Seitenbereich br&amp;eiter</translation>
    </message>
    <message>
        <source>Give the side panel more room beside the body</source>
        <translation>Dem Seitenbereich neben dem Text mehr Platz geben</translation>
    </message>
    <message>
        <source>Narrow the side pane&amp;l</source>
        <translation>Seitenbereich schma&amp;ler</translation>
    </message>
    <message>
        <source>Give the side panel less room beside the body</source>
        <translation>Dem Seitenbereich neben dem Text weniger Platz geben</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>F&amp;ormat</translation>
    </message>
    <message>
        <source>&amp;Bold</source>
        <translation>&amp;Fett</translation>
    </message>
    <message>
        <source>Make the selection bold</source>
        <translation>Die Auswahl fett setzen</translation>
    </message>
    <message>
        <source>&amp;Italic</source>
        <translation>&amp;Kursiv</translation>
    </message>
    <message>
        <source>Make the selection italic</source>
        <translation>Die Auswahl kursiv setzen</translation>
    </message>
    <message>
        <source>&amp;Link…</source>
        <translation>&amp;Link…</translation>
    </message>
    <message>
        <source>Link the selection to a web address</source>
        <translation>Die Auswahl mit einer Webadresse verlinken</translation>
    </message>
    <message>
        <source>Heading &amp;1</source>
        <translation>Überschrift &amp;1</translation>
    </message>
    <message>
        <source>Make the line a heading</source>
        <translation>Die Zeile zur Überschrift machen</translation>
    </message>
    <message>
        <source>Heading &amp;2</source>
        <translation>Überschrift &amp;2</translation>
    </message>
    <message>
        <source>Make the line a subheading</source>
        <translation>Die Zeile zur Zwischenüberschrift machen</translation>
    </message>
    <message>
        <source>Heading &amp;3</source>
        <translation>Überschrift &amp;3</translation>
    </message>
    <message>
        <source>Make the line a minor heading</source>
        <translation>Die Zeile zur kleinen Überschrift machen</translation>
    </message>
    <message>
        <source>B&amp;ulleted list</source>
        <translation>&amp;Aufzählung</translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation>Aufzählung</translation>
    </message>
    <message>
        <source>&amp;Numbered list</source>
        <translation>&amp;Nummerierte Liste</translation>
    </message>
    <message>
        <source>Numbered list</source>
        <translation>Nummerierte Liste</translation>
    </message>
    <message>
        <source>&amp;Quote</source>
        <translation>&amp;Zitat</translation>
    </message>
    <message>
        <source>Block quote</source>
        <translation>Blockzitat</translation>
    </message>
    <message>
        <source>S&amp;trikethrough</source>
        <translation>&amp;Durchgestrichen</translation>
    </message>
    <message>
        <source>Strike through the selection</source>
        <translation>Die Auswahl durchstreichen</translation>
    </message>
    <message>
        <source>&amp;Code block</source>
        <translation>&amp;Codeblock</translation>
    </message>
    <message>
        <source>Make the lines a block of code</source>
        <translation>Die Zeilen zu einem Codeblock machen</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>&amp;Figure…</source>
        <translation>&amp;Bild…</translation>
    </message>
    <message>
        <source>Insert a picture from the library (import new ones there)</source>
        <translation>Ein Bild aus der Bibliothek einfügen (neue dort importieren)</translation>
    </message>
    <message>
        <source>Figure from a fi&amp;le…</source>
        <translation>Bild aus einer &amp;Datei…</translation>
    </message>
    <message>
        <source>Insert a picture straight from a file; it joins the library</source>
        <translation>Ein Bild direkt aus einer Datei einfügen; es kommt in die Bibliothek</translation>
    </message>
    <message>
        <source>&amp;Tweet…</source>
        <translation>&amp;Tweet…</translation>
    </message>
    <message>
        <source>Embed a tweet by pasting its link</source>
        <translation>Einen Tweet einbetten, indem Sie seinen Link einfügen</translation>
    </message>
    <message>
        <source>T&amp;able…</source>
        <translation>T&amp;abelle…</translation>
    </message>
    <message>
        <source>Insert a table of the rows and columns you choose</source>
        <translation>Eine Tabelle mit den gewählten Zeilen und Spalten einfügen</translation>
    </message>
    <message>
        <source>Foot&amp;note</source>
        <translation>Fuß&amp;note</translation>
    </message>
    <message>
        <source>Insert a footnote reference here and its note at the end</source>
        <translation>Hier einen Fußnotenverweis einfügen und seine Fußnote am Ende</translation>
    </message>
    <message>
        <source>Horizontal &amp;rule</source>
        <translation>T&amp;rennlinie</translation>
    </message>
    <message>
        <source>Insert a line across the page</source>
        <translation>Eine Linie quer über die Seite einfügen</translation>
    </message>
    <message>
        <source>&amp;Story</source>
        <translation>Bei&amp;trag</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Verlauf…</translation>
    </message>
    <message>
        <source>Every saved revision: compare and restore</source>
        <translation>Jede gespeicherte Version: vergleichen und wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>Vor&amp;schau</translation>
    </message>
    <message>
        <source>Show or hide the live preview</source>
        <translation>Die Live-Vorschau zeigen oder verbergen</translation>
    </message>
    <message>
        <source>Preview in &amp;dark colours</source>
        <translation>Vorschau in &amp;dunklen Farben</translation>
    </message>
    <message>
        <source>Show the preview as the page looks in a reader&apos;s dark mode (its own dark colours); off, as it looks in light mode</source>
        <translation>Die Vorschau so zeigen, wie die Seite im dunklen Modus eines Lesers aussieht (mit ihren eigenen dunklen Farben); aus: wie im hellen Modus</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>Bi&amp;lder</translation>
    </message>
    <message>
        <source>&amp;Picture library…</source>
        <translation>&amp;Bildbibliothek…</translation>
    </message>
    <message>
        <source>Every picture with its caption, credit and alt text; import new ones</source>
        <translation>Jedes Bild mit Bildunterschrift, Nachweis und Alternativtext; neue importieren</translation>
    </message>
    <message>
        <source>Photo &amp;credits report…</source>
        <translation>&amp;Fotonachweise…</translation>
    </message>
    <message>
        <source>The pictures used in the selected stories or a date range, with credits</source>
        <translation>Die in den gewählten Beiträgen oder einem Zeitraum verwendeten Bilder, mit Nachweisen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Every command and its keys</source>
        <translation>Jeder Befehl und seine Tasten</translation>
    </message>
    <message>
        <source>&amp;About EditorDesk</source>
        <translation>Ü&amp;ber EditorDesk</translation>
    </message>
    <message>
        <source>Version and licences</source>
        <translation>Version und Lizenzen</translation>
    </message>
    <message>
        <source>Edit ta&amp;ble</source>
        <translation>Tabelle bearbeit&amp;en</translation>
    </message>
    <message>
        <source>Add row &amp;above</source>
        <translation>Zeile dar&amp;über einfügen</translation>
    </message>
    <message>
        <source>Add a row above the cursor&apos;s</source>
        <translation>Eine Zeile über der Zeile der Schreibmarke einfügen</translation>
    </message>
    <message>
        <source>Add row &amp;below</source>
        <translation>Zeile dar&amp;unter einfügen</translation>
    </message>
    <message>
        <source>Add a row below the cursor&apos;s</source>
        <translation>Eine Zeile unter der Zeile der Schreibmarke einfügen</translation>
    </message>
    <message>
        <source>Add column &amp;left</source>
        <translation>Spalte &amp;links einfügen</translation>
    </message>
    <message>
        <source>Add a column left of the cursor&apos;s</source>
        <translation>Eine Spalte links der Spalte der Schreibmarke einfügen</translation>
    </message>
    <message>
        <source>Add column &amp;right</source>
        <translation>Spalte &amp;rechts einfügen</translation>
    </message>
    <message>
        <source>Add a column right of the cursor&apos;s</source>
        <translation>Eine Spalte rechts der Spalte der Schreibmarke einfügen</translation>
    </message>
    <message>
        <source>Remove r&amp;ow</source>
        <translation>&amp;Zeile entfernen</translation>
    </message>
    <message>
        <source>Remove the cursor&apos;s row</source>
        <translation>Die Zeile der Schreibmarke entfernen</translation>
    </message>
    <message>
        <source>Remove &amp;column</source>
        <translation>&amp;Spalte entfernen</translation>
    </message>
    <message>
        <source>Remove the cursor&apos;s column</source>
        <translation>Die Spalte der Schreibmarke entfernen</translation>
    </message>
    <message>
        <source>Align column l&amp;eft</source>
        <translation>Spalte links&amp;bündig</translation>
    </message>
    <message>
        <source>Align the column&apos;s cells left</source>
        <translation>Die Zellen der Spalte links ausrichten</translation>
    </message>
    <message>
        <source>Align column ce&amp;nter</source>
        <translation>Spalte &amp;zentriert</translation>
    </message>
    <message>
        <source>Centre the column&apos;s cells</source>
        <translation>Die Zellen der Spalte zentrieren</translation>
    </message>
    <message>
        <source>Align column r&amp;ight</source>
        <translation>Spalte rechts&amp;bündig</translation>
    </message>
    <message>
        <source>Align the column&apos;s cells right</source>
        <translation>Die Zellen der Spalte rechts ausrichten</translation>
    </message>
    <message>
        <source>&amp;Delete table</source>
        <translation>Tabelle l&amp;öschen</translation>
    </message>
    <message>
        <source>Remove the whole table</source>
        <translation>Die ganze Tabelle entfernen</translation>
    </message>
    <message>
        <source>Read-only: {who} is editing this story. Use “Edit it” or “Take over” first.</source>
        <translation>Schreibgeschützt: {who} bearbeitet diesen Beitrag. Wählen Sie zuerst „Bearbeiten“ oder „Übernehmen“.</translation>
    </message>
    <message>
        <source>List &amp;columns</source>
        <translation>Listensp&amp;alten</translation>
    </message>
    <message>
        <source>Choose the story list&apos;s columns (or right-click its header)</source>
        <translation>Die Spalten der Beitragsliste wählen (oder Rechtsklick auf ihren Kopf)</translation>
    </message>
    <message>
        <source>&amp;Sort the list by</source>
        <translation>Liste s&amp;ortieren nach</translation>
    </message>
    <message>
        <source>Sort the story list by a column (or click its header)</source>
        <translation>Die Beitragsliste nach einer Spalte sortieren (oder auf ihren Kopf klicken)</translation>
    </message>
    <message>
        <source>Rows, columns and alignment of the table the cursor is in</source>
        <translation>Zeilen, Spalten und Ausrichtung der Tabelle, in der die Schreibmarke steht</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>someone else</source>
        <translation>jemand anderes</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Story notice</source>
        <translation>Hinweis zum Beitrag</translation>
    </message>
    <message>
        <source>Story notice text</source>
        <translation>Text des Hinweises zum Beitrag</translation>
    </message>
    <message>
        <source>Take over…</source>
        <translation>Übernehmen…</translation>
    </message>
</context>
<context>
    <name>PictureFields</name>
    <message>
        <source>A changed credit or caption shows in every story that uses this picture from its next export.</source>
        <translation>Ein geänderter Nachweis oder eine geänderte Bildunterschrift erscheint in jedem Beitrag, der dieses Bild verwendet, ab seinem nächsten Export.</translation>
    </message>
    <message>
        <source>&amp;Caption</source>
        <translation>&amp;Bildunterschrift</translation>
    </message>
    <message>
        <source>What the picture shows, as readers see it under the picture</source>
        <translation>Was das Bild zeigt, wie Leser es unter dem Bild sehen</translation>
    </message>
    <message>
        <source>What happened, where, when</source>
        <translation>Was geschah, wo, wann</translation>
    </message>
    <message>
        <source>C&amp;redit line</source>
        <translation>&amp;Nachweiszeile</translation>
    </message>
    <message>
        <source>The credit printed with the picture, e.g. “J. Doyle / Ellan Courier” (the page adds the “Credit:” label)</source>
        <translation>Der mit dem Bild gedruckte Nachweis, z. B. „J. Doyle / Ellan Courier“ (die Seite setzt „Credit:“ davor)</translation>
    </message>
    <message>
        <source>Jane Photographer / Harbour Wire</source>
        <translation>Jana Fotografin / Hafendienst</translation>
    </message>
    <message>
        <source>Crea&amp;tor</source>
        <translation>&amp;Urheber</translation>
    </message>
    <message>
        <source>Who took or made the picture</source>
        <translation>Wer das Bild aufgenommen oder gemacht hat</translation>
    </message>
    <message>
        <source>Photographer or artist</source>
        <translation>Fotograf oder Künstler</translation>
    </message>
    <message>
        <source>Source / a&amp;gency</source>
        <translation>&amp;Quelle / Agentur</translation>
    </message>
    <message>
        <source>The agency or organisation the picture came from</source>
        <translation>Die Agentur oder Organisation, von der das Bild stammt</translation>
    </message>
    <message>
        <source>Agency, pool or handout</source>
        <translation>Agentur, Pool oder Handout</translation>
    </message>
    <message>
        <source>Co&amp;pyright notice</source>
        <translation>Urheberrechts&amp;vermerk</translation>
    </message>
    <message>
        <source>Who holds the copyright, e.g. “© 2026 Ellan Courier”</source>
        <translation>Wer das Urheberrecht hält, z. B. „© 2026 Ellan Courier“</translation>
    </message>
    <message>
        <source>© year holder</source>
        <translation>© Jahr Inhaber</translation>
    </message>
    <message>
        <source>&amp;Licence</source>
        <translation>&amp;Lizenz</translation>
    </message>
    <message>
        <source>The terms the desk may use the picture under (a licence name or its web address)</source>
        <translation>Die Bedingungen, unter denen die Redaktion das Bild verwenden darf (ein Lizenzname oder seine Webadresse)</translation>
    </message>
    <message>
        <source>e.g. agency subscription, CC BY 4.0</source>
        <translation>z. B. Agenturabo, CC BY 4.0</translation>
    </message>
    <message>
        <source>&amp;Alt text</source>
        <translation>&amp;Alternativtext</translation>
    </message>
    <message>
        <source>What the picture shows for readers who cannot see it; screen readers read it aloud</source>
        <translation>Was das Bild zeigt, für Leser, die es nicht sehen können; Bildschirmleser lesen es vor</translation>
    </message>
    <message>
        <source>Describe what is in the picture</source>
        <translation>Beschreiben Sie, was auf dem Bild ist</translation>
    </message>
</context>
<context>
    <name>PictureImport</name>
    <message>
        <source>{0} of {1} files could not be imported.</source>
        <translation>{0} von {1} Dateien konnten nicht importiert werden.</translation>
    </message>
    <message>
        <source>The other one is in the library.</source>
        <translation>Die andere ist in der Bibliothek.</translation>
    </message>
    <message>
        <source>The other %n are in the library.</source>
        <translation>Die anderen %n sind in der Bibliothek.</translation>
    </message>
    <message>
        <source>The file could not be imported.</source>
        <translation>Die Datei konnte nicht importiert werden.</translation>
    </message>
    <message>
        <source>None of the %n files could be imported.</source>
        <translation>Keine der %n Dateien konnte importiert werden.</translation>
    </message>
    <message>
        <source>…and %n more (see the details).</source>
        <translation>…und %n weitere (siehe die Einzelheiten).</translation>
    </message>
</context>
<context>
    <name>PictureLibrary</name>
    <message>
        <source>Credit: {0}</source>
        <translation>Nachweis: {0}</translation>
    </message>
    <message>
        <source>No credit yet</source>
        <translation>Noch kein Nachweis</translation>
    </message>
    <message>
        <source>Alt text written</source>
        <translation>Alternativtext vorhanden</translation>
    </message>
    <message>
        <source>No alt text yet</source>
        <translation>Noch kein Alternativtext</translation>
    </message>
    <message>
        <source>Double-click or press Enter to insert it into the story</source>
        <translation>Doppelklick oder Eingabetaste fügt es in den Beitrag ein</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>Shown to other editors on your edit locks and saved with each revision; also the default byline. Empty: your account&apos;s full name.</source>
        <translation>Wird anderen Redakteuren an Ihren Bearbeitungssperren gezeigt und mit jeder Version gespeichert; auch der vorgegebene Autor. Leer: der volle Name Ihres Kontos.</translation>
    </message>
    <message>
        <source>Autosave interval</source>
        <translation>Abstand der automatischen Sicherung</translation>
    </message>
    <message>
        <source>How often unsaved text is kept safe in the store</source>
        <translation>Wie oft ungespeicherter Text im Speicher gesichert wird</translation>
    </message>
    <message>
        <source>none (no daily backups)</source>
        <translation>keine (keine täglichen Sicherungen)</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Daily backups kept</source>
        <translation>Tägliche Sicherungen aufbewahrt</translation>
    </message>
    <message>
        <source>A SQLite store is backed up, pictures included, the first time it is opened each day, beside the store file; this many days are kept</source>
        <translation>Ein SQLite-Speicher wird beim ersten Öffnen jedes Tages samt Bildern neben der Speicherdatei gesichert; so viele Tage bleiben erhalten</translation>
    </message>
    <message>
        <source>the visual editor</source>
        <translation>dem visuellen Editor</translation>
    </message>
    <message>
        <source>Markdown source</source>
        <translation>Markdown-Quelltext</translation>
    </message>
    <message>
        <source>Edit stories in</source>
        <translation>Beiträge bearbeiten in</translation>
    </message>
    <message>
        <source>How a story&apos;s body opens: as it will read, or as Markdown with shortcodes (View ▸ Markdown source switches any time)</source>
        <translation>Wie sich der Text eines Beitrags öffnet: wie er erscheinen wird, oder als Markdown mit Shortcodes (Ansicht ▸ Markdown-Quelltext wechselt jederzeit)</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language of menus, dialogs and dates in the window: the system&apos;s, or one chosen here; a change takes effect at the next start</source>
        <translation>Die Sprache von Menüs, Dialogen und Datumsangaben im Fenster: die des Systems oder eine hier gewählte; eine Änderung wirkt beim nächsten Start</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>The window&apos;s colours: as the system&apos;s light or dark setting (and following it when it changes), or always light, or always dark</source>
        <translation>Die Farben des Fensters: wie die helle oder dunkle Einstellung des Systems (und ihr folgend, wenn sie wechselt), immer hell oder immer dunkel</translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation>Ihr &amp;Name</translation>
    </message>
    <message>
        <source>&amp;Store</source>
        <translation>&amp;Speicher</translation>
    </message>
    <message>
        <source>&amp;Media folder</source>
        <translation>&amp;Medienordner</translation>
    </message>
    <message>
        <source>&amp;Autosave every</source>
        <translation>&amp;Automatisch sichern alle</translation>
    </message>
    <message>
        <source>Daily &amp;backups kept</source>
        <translation>Tägliche Si&amp;cherungen</translation>
    </message>
    <message>
        <source>&amp;Edit stories in</source>
        <translation>Beiträge &amp;bearbeiten in</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>Sp&amp;rache</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;HTML templates</source>
        <translation>&amp;HTML-Vorlagen</translation>
    </message>
    <message>
        <source>&amp;Word reference</source>
        <translation>&amp;Word-Vorlage</translation>
    </message>
    <message>
        <source>S&amp;pelling and style</source>
        <translation>Rechtschreibung und S&amp;til</translation>
    </message>
    <message>
        <source>P&amp;ublishing</source>
        <translation>&amp;Veröffentlichen</translation>
    </message>
    <message>
        <source>Store in use</source>
        <translation>Speicher in Gebrauch</translation>
    </message>
    <message>
        <source>In use now: none yet (the store is opening)</source>
        <translation>Jetzt in Gebrauch: noch keiner (der Speicher wird geöffnet)</translation>
    </message>
    <message>
        <source>In use now: {0}</source>
        <translation>Jetzt in Gebrauch: {0}</translation>
    </message>
    <message>
        <source>The store this window works on now (--db or EDITORDESK_DB choose one for a run); a change above takes effect at the next start</source>
        <translation>Der Speicher, mit dem dieses Fenster jetzt arbeitet (--db oder EDITORDESK_DB wählen einen für einen Lauf); eine Änderung oben wirkt beim nächsten Start</translation>
    </message>
    <message>
        <source>Desk spelling and house style…</source>
        <translation>Rechtschreibung und Hausstil der Redaktion…</translation>
    </message>
    <message>
        <source>Desk spelling and house style</source>
        <translation>Rechtschreibung und Hausstil der Redaktion</translation>
    </message>
    <message>
        <source>The desk&apos;s language, acronyms and style file (in the store)</source>
        <translation>Sprache, Akronyme und Stildatei der Redaktion (im Speicher)</translation>
    </message>
    <message>
        <source>Sites…</source>
        <translation>Websites…</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Websites</translation>
    </message>
    <message>
        <source>The WordPress sites stories are published to (in the store)</source>
        <translation>Die WordPress-Websites, auf denen Beiträge erscheinen (im Speicher)</translation>
    </message>
</context>
<context>
    <name>PreflightPanel</name>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Preflight summary</source>
        <translation>Zusammenfassung der Prüfung</translation>
    </message>
    <message>
        <source>Preflight findings</source>
        <translation>Befunde der Prüfung</translation>
    </message>
    <message>
        <source>Double-click or press Enter on a finding to go to it</source>
        <translation>Doppelklick oder Eingabetaste auf einem Befund springt dorthin</translation>
    </message>
    <message>
        <source>Double-click a finding to go to it; a picture&apos;s credit or alt text opens its library card.</source>
        <translation>Doppelklick auf einen Befund springt dorthin; Nachweis oder Alternativtext eines Bildes öffnet seine Karte in der Bibliothek.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (fix these, or add words to a dictionary)</source>
        <translation>
            <numerusform>… und %n weiterer (diese beheben oder Wörter zu einem Wörterbuch hinzufügen)</numerusform>
            <numerusform>… und %n weitere (diese beheben oder Wörter zu einem Wörterbuch hinzufügen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready for export: nothing a desk would reject.</source>
        <translation>Bereit zum Export: nichts, was eine Redaktion ablehnen würde.</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message numerus="yes">
        <source>Publish %n story(s)</source>
        <translation>
            <numerusform>%n Beitrag veröffentlichen</numerusform>
            <numerusform>%n Beiträge veröffentlichen</numerusform>
        </translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>&amp;Sites…</source>
        <translation>&amp;Websites…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Featured picture</source>
        <translation>Aufmacherbild</translation>
    </message>
    <message>
        <source>The first picture</source>
        <translation>Das erste Bild</translation>
    </message>
    <message>
        <source>Where it is published</source>
        <translation>Wo er erscheint</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>No system keyring here: the site&apos;s password is asked once this session.</source>
        <translation>Hier gibt es keinen Schlüsselbund des Systems: Das Passwort der Website wird in dieser Sitzung einmal erfragt.</translation>
    </message>
    <message>
        <source>S&amp;ite:</source>
        <translation>W&amp;ebsite:</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>&amp;Featured picture:</source>
        <translation>&amp;Aufmacherbild:</translation>
    </message>
    <message>
        <source>Published:</source>
        <translation>Veröffentlicht:</translation>
    </message>
    <message>
        <source>Last time:</source>
        <translation>Zuletzt:</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Veröffentlichen</translation>
    </message>
    <message>
        <source>Story {0}: {1} on {2} ({3}, changed since publishing) {4}</source>
        <translation>Beitrag {0}: {1} auf {2} ({3}, seit der Veröffentlichung geändert) {4}</translation>
    </message>
    <message>
        <source>Story {0}: {1} on {2} ({3}) {4}</source>
        <translation>Beitrag {0}: {1} auf {2} ({3}) {4}</translation>
    </message>
    <message>
        <source>Not published anywhere yet.</source>
        <translation>Noch nirgends veröffentlicht.</translation>
    </message>
    <message>
        <source>No sites yet: add one with Sites….</source>
        <translation>Noch keine Websites: fügen Sie eine mit Websites… hinzu.</translation>
    </message>
    <message>
        <source>Not published: no password given.</source>
        <translation>Nicht veröffentlicht: kein Passwort angegeben.</translation>
    </message>
    <message>
        <source>Publishing to {0}…</source>
        <translation>Veröffentlichen auf {0}…</translation>
    </message>
    <message>
        <source>Overwrite the edits made on the site?</source>
        <translation>Die auf der Website vorgenommenen Änderungen überschreiben?</translation>
    </message>
    <message>
        <source>{0}

Overwrite them with EditorDesk&apos;s story?</source>
        <translation>{0}

Mit dem Beitrag aus EditorDesk überschreiben?</translation>
    </message>
</context>
<context>
    <name>PublishedLine</name>
    <message>
        <source>Published on {0}: {1}, {2}, {3}</source>
        <translation>Veröffentlicht auf {0}: {1}, {2}, {3}</translation>
    </message>
    <message>
        <source> — changed since publishing</source>
        <translation> — seit der Veröffentlichung geändert</translation>
    </message>
    <message>
        <source>Where the story is published</source>
        <translation>Wo der Beitrag erschienen ist</translation>
    </message>
    <message>
        <source>The sites this story was published to with Publish…</source>
        <translation>Die Websites, auf denen dieser Beitrag mit Veröffentlichen… erschienen ist</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Recover unsaved work</source>
        <translation>Ungespeicherte Arbeit wiederherstellen</translation>
    </message>
    <message>
        <source>EditorDesk was closed before these changes were saved. Ticked stories reopen with your unsaved text; the others&apos; unsaved text is thrown away.</source>
        <translation>EditorDesk wurde geschlossen, bevor diese Änderungen gespeichert waren. Angehakte Beiträge öffnen sich mit Ihrem ungespeicherten Text; der ungespeicherte Text der anderen wird verworfen.</translation>
    </message>
    <message>
        <source>Unsaved stories</source>
        <translation>Ungespeicherte Beiträge</translation>
    </message>
    <message>
        <source>Tick the stories to reopen with their unsaved text</source>
        <translation>Die Beiträge anhaken, die mit ihrem ungespeicherten Text wieder geöffnet werden sollen</translation>
    </message>
    <message>
        <source>(no headline)</source>
        <translation>(ohne Überschrift)</translation>
    </message>
    <message>
        <source> — a new story, never saved</source>
        <translation> — ein neuer Beitrag, nie gespeichert</translation>
    </message>
    <message>
        <source> — someone saved this story since; you will choose which to keep</source>
        <translation> — jemand hat diesen Beitrag seither gespeichert; Sie wählen, welche Fassung bleibt</translation>
    </message>
    <message>
        <source>{0}   (last typed {1}){2}</source>
        <translation>{0}   (zuletzt getippt {1}){2}</translation>
    </message>
    <message>
        <source>Reopen ticked</source>
        <translation>Angehakte öffnen</translation>
    </message>
    <message>
        <source>Reopen ticked stories</source>
        <translation>Angehakte Beiträge wieder öffnen</translation>
    </message>
    <message>
        <source>Open the ticked stories with their unsaved text</source>
        <translation>Die angehakten Beiträge mit ihrem ungespeicherten Text öffnen</translation>
    </message>
    <message>
        <source>Discard all</source>
        <translation>Alle verwerfen</translation>
    </message>
    <message>
        <source>Discard all unsaved text</source>
        <translation>Allen ungespeicherten Text verwerfen</translation>
    </message>
    <message>
        <source>Throw away every unsaved change listed here</source>
        <translation>Jede hier aufgeführte ungespeicherte Änderung verwerfen</translation>
    </message>
</context>
<context>
    <name>RelatedPanel</name>
    <message>
        <source>Next post: </source>
        <translation>Nächster Beitrag: </translation>
    </message>
    <message>
        <source>story “{0}”</source>
        <translation>Beitrag „{0}“</translation>
    </message>
    <message>
        <source> — no longer in the store</source>
        <translation> — nicht mehr im Speicher</translation>
    </message>
    <message>
        <source>(title from the story)</source>
        <translation>(Titel aus dem Beitrag)</translation>
    </message>
    <message>
        <source>Related links</source>
        <translation>Verwandte Links</translation>
    </message>
    <message>
        <source>Drag to reorder; the first is the next post</source>
        <translation>Zum Umordnen ziehen; der erste ist der nächste Beitrag</translation>
    </message>
    <message>
        <source>Link a story…</source>
        <translation>Beitrag verlinken…</translation>
    </message>
    <message>
        <source>Link another story from the store</source>
        <translation>Einen anderen Beitrag aus dem Speicher verlinken</translation>
    </message>
    <message>
        <source>Add a web page…</source>
        <translation>Webseite hinzufügen…</translation>
    </message>
    <message>
        <source>Link a page elsewhere on the web</source>
        <translation>Eine Seite anderswo im Web verlinken</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Change the selected link</source>
        <translation>Den gewählten Link ändern</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move the selected link up</source>
        <translation>Den gewählten Link nach oben schieben</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Move the selected link down</source>
        <translation>Den gewählten Link nach unten schieben</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected link</source>
        <translation>Den gewählten Link entfernen</translation>
    </message>
    <message>
        <source>Suggested stories</source>
        <translation>Vorgeschlagene Beiträge</translation>
    </message>
    <message>
        <source>Stories sharing tags or words; double-click to link one</source>
        <translation>Beiträge mit gemeinsamen Schlagwörtern oder Wörtern; Doppelklick zum Verlinken</translation>
    </message>
    <message>
        <source>Suggest</source>
        <translation>Vorschlagen</translation>
    </message>
    <message>
        <source>Suggest related stories</source>
        <translation>Verwandte Beiträge vorschlagen</translation>
    </message>
    <message>
        <source>Find stories that share tags or words with this one</source>
        <translation>Beiträge finden, die Schlagwörter oder Wörter mit diesem teilen</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Vorschläge</translation>
    </message>
    <message>
        <source>No suggestions yet: add tags or words first.</source>
        <translation>Noch keine Vorschläge: fügen Sie zuerst Schlagwörter oder Text hinzu.</translation>
    </message>
</context>
<context>
    <name>ReplaceInStoriesDialog</name>
    <message>
        <source>Replace in {0} selected stories</source>
        <translation>In {0} gewählten Beiträgen ersetzen</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Preview the changes, then replace.</source>
        <translation>Die Änderungen in der Vorschau ansehen, dann ersetzen.</translation>
    </message>
    <message>
        <source>Replace status</source>
        <translation>Stand des Ersetzens</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>List every change; nothing is written yet</source>
        <translation>Jede Änderung auflisten; noch wird nichts geschrieben</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Write the previewed changes, one revision per story</source>
        <translation>Die angesehenen Änderungen schreiben, eine Version je Beitrag</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Suchen:</translation>
    </message>
    <message>
        <source>Replace &amp;with:</source>
        <translation>Ersetzen &amp;durch:</translation>
    </message>
    <message>
        <source>Looking…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>Replacing…</source>
        <translation>Ersetzen läuft…</translation>
    </message>
</context>
<context>
    <name>ReplacePreviewDialog</name>
    <message>
        <source>Replace all: preview</source>
        <translation>Alle ersetzen: Vorschau</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message numerus="yes">
        <source>%n replacement(s) on {0} lines.</source>
        <translation>
            <numerusform>%n Ersetzung in {0} Zeilen.</numerusform>
            <numerusform>%n Ersetzungen in {0} Zeilen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Find a command or a key…</source>
        <translation>Einen Befehl oder eine Taste finden…</translation>
    </message>
    <message>
        <source>Find a shortcut</source>
        <translation>Ein Tastenkürzel finden</translation>
    </message>
    <message>
        <source>Type part of a command&apos;s name or of its keys</source>
        <translation>Einen Teil des Befehlsnamens oder seiner Tasten eingeben</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Commands and their keys</source>
        <translation>Befehle und ihre Tasten</translation>
    </message>
</context>
<context>
    <name>SitesDialog</name>
    <message>
        <source>Sites</source>
        <translation>Websites</translation>
    </message>
    <message>
        <source>Daily News</source>
        <translation>Tageszeitung</translation>
    </message>
    <message>
        <source>https://news.example</source>
        <translation>https://news.example</translation>
    </message>
    <message>
        <source>An application password (the user&apos;s profile page, WordPress 5.6+)</source>
        <translation>Ein Anwendungspasswort (auf der Profilseite des Benutzers, WordPress 5.6+)</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>Name der Website</translation>
    </message>
    <message>
        <source>Site address</source>
        <translation>Adresse der Website</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Application password</source>
        <translation>Anwendungspasswort</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Application &amp;password:</source>
        <translation>Anwendungs&amp;passwort:</translation>
    </message>
    <message>
        <source>&amp;Add and check</source>
        <translation>Hinzufügen und &amp;prüfen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>{0} wird geprüft…</translation>
    </message>
    <message>
        <source>Added {0}: signed in as {1}.</source>
        <translation>{0} hinzugefügt: angemeldet als {1}.</translation>
    </message>
    <message>
        <source>Removed {0}.</source>
        <translation>{0} entfernt.</translation>
    </message>
</context>
<context>
    <name>SlugField</name>
    <message>
        <source>Slug</source>
        <translation>Kurzname</translation>
    </message>
    <message>
        <source>The story&apos;s name in file names, the canonical URL and the .md bundle: lowercase letters, digits and hyphens</source>
        <translation>Der Name des Beitrags in Dateinamen, der kanonischen URL und dem .md-Paket: Kleinbuchstaben, Ziffern und Bindestriche</translation>
    </message>
    <message>
        <source>slug</source>
        <translation>kurzname</translation>
    </message>
    <message>
        <source>from the headline</source>
        <translation>aus der Überschrift</translation>
    </message>
    <message>
        <source>Slug from the headline</source>
        <translation>Kurzname aus der Überschrift</translation>
    </message>
    <message>
        <source>The slug follows the headline until you type one or the story is exported</source>
        <translation>Der Kurzname folgt der Überschrift, bis Sie einen eingeben oder der Beitrag exportiert wird</translation>
    </message>
    <message>
        <source>Slug check</source>
        <translation>Prüfung des Kurznamens</translation>
    </message>
    <message>
        <source>Taken by “{0}”</source>
        <translation>Vergeben an „{0}“</translation>
    </message>
</context>
<context>
    <name>StoryColumns</name>
    <message>
        <source>Headline</source>
        <translation>Überschrift</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Ressort</translation>
    </message>
    <message>
        <source>Byline</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Wörter</translation>
    </message>
    <message>
        <source>The story&apos;s headline</source>
        <translation>Die Überschrift des Beitrags</translation>
    </message>
    <message>
        <source>Draft, editing, ready, published or spiked</source>
        <translation>Entwurf, in Bearbeitung, fertig, veröffentlicht oder verworfen</translation>
    </message>
    <message>
        <source>The section the story is filed in</source>
        <translation>Das Ressort, in dem der Beitrag steht</translation>
    </message>
    <message>
        <source>Who wrote it</source>
        <translation>Wer ihn geschrieben hat</translation>
    </message>
    <message>
        <source>When the story was last saved (your local time)</source>
        <translation>Wann der Beitrag zuletzt gespeichert wurde (Ihre Ortszeit)</translation>
    </message>
    <message>
        <source>Words in the body</source>
        <translation>Wörter im Text</translation>
    </message>
    <message>
        <source>Click to sort, again to reverse, a third time for newest first (best match first while searching).</source>
        <translation>Klicken zum Sortieren, erneut zum Umkehren, ein drittes Mal für die neuesten zuerst (beim Suchen die besten Treffer zuerst).</translation>
    </message>
</context>
<context>
    <name>StoryEditor</name>
    <message>
        <source>Headline</source>
        <translation>Überschrift</translation>
    </message>
    <message>
        <source>Standfirst: the paragraph under the headline</source>
        <translation>Vorspann: der Absatz unter der Überschrift</translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation>Schlagwörter, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>&amp;Publish at</source>
        <translation>Erscheint a&amp;m</translation>
    </message>
    <message>
        <source>The story&apos;s headline</source>
        <translation>Die Überschrift des Beitrags</translation>
    </message>
    <message>
        <source>Standfirst</source>
        <translation>Vorspann</translation>
    </message>
    <message>
        <source>The paragraph under the headline</source>
        <translation>Der Absatz unter der Überschrift</translation>
    </message>
    <message>
        <source>Byline</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Who wrote it</source>
        <translation>Wer ihn geschrieben hat</translation>
    </message>
    <message>
        <source>Dateline</source>
        <translation>Ortsmarke</translation>
    </message>
    <message>
        <source>Where it was filed from</source>
        <translation>Von wo er geschickt wurde</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Ressort</translation>
    </message>
    <message>
        <source>The section the story runs in</source>
        <translation>Das Ressort, in dem der Beitrag erscheint</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Draft, editing, ready, published or spiked</source>
        <translation>Entwurf, in Bearbeitung, fertig, veröffentlicht oder verworfen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Has a publish time</source>
        <translation>Hat einen Erscheinungstermin</translation>
    </message>
    <message>
        <source>Tick to set when the story goes out</source>
        <translation>Anhaken, um festzulegen, wann der Beitrag erscheint</translation>
    </message>
    <message>
        <source>Publish time</source>
        <translation>Erscheinungstermin</translation>
    </message>
    <message>
        <source>When the story goes out (local time)</source>
        <translation>Wann der Beitrag erscheint (Ortszeit)</translation>
    </message>
    <message>
        <source>B&amp;yline</source>
        <translation>A&amp;utor</translation>
    </message>
    <message>
        <source>&amp;Dateline</source>
        <translation>Ortsmar&amp;ke</translation>
    </message>
    <message>
        <source>Se&amp;ction</source>
        <translation>&amp;Ressort</translation>
    </message>
    <message>
        <source>St&amp;atus</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>Ta&amp;gs</source>
        <translation>Schla&amp;gwörter</translation>
    </message>
    <message>
        <source>Story side panel</source>
        <translation>Seitenbereich des Beitrags</translation>
    </message>
    <message>
        <source>Side panel tabs</source>
        <translation>Tabs des Seitenbereichs</translation>
    </message>
    <message>
        <source>Alt+1 to Alt+4 show each tab</source>
        <translation>Alt+1 bis Alt+4 zeigen jeden Tab</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>The story as the HTML export will write it</source>
        <translation>Der Beitrag, wie der HTML-Export ihn schreibt</translation>
    </message>
    <message>
        <source>Open in &amp;browser</source>
        <translation>Im &amp;Browser öffnen</translation>
    </message>
    <message>
        <source>The real exported page, in your web browser</source>
        <translation>Die echte exportierte Seite, in Ihrem Webbrowser</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Related</source>
        <translation>Verwandt</translation>
    </message>
    <message>
        <source>Pictures &amp;&amp; tweets</source>
        <translation>Bilder &amp;&amp; Tweets</translation>
    </message>
    <message>
        <source>Headli&amp;ne</source>
        <translation>Überschr&amp;ift</translation>
    </message>
    <message>
        <source>S&amp;tandfirst</source>
        <translation>&amp;Vorspann</translation>
    </message>
    <message>
        <source>Lang&amp;uage</source>
        <translation>Spra&amp;che</translation>
    </message>
    <message numerus="yes">
        <source>Pasted; %n note(s) in Checks</source>
        <translation>
            <numerusform>Eingefügt; %n Hinweis unter Prüfungen</numerusform>
            <numerusform>Eingefügt; %n Hinweise unter Prüfungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Checks ({0})</source>
        <translation>Prüfungen ({0})</translation>
    </message>
    <message>
        <source>The preview cannot be shown: {0}</source>
        <translation>Die Vorschau kann nicht gezeigt werden: {0}</translation>
    </message>
</context>
<context>
    <name>StoryListCommands</name>
    <message>
        <source>Set &amp;status</source>
        <translation>Status &amp;setzen</translation>
    </message>
    <message>
        <source>The stories were not changed</source>
        <translation>Die Beiträge wurden nicht geändert</translation>
    </message>
    <message>
        <source>1 story marked: {0}</source>
        <translation>1 Beitrag markiert: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln stories marked: {0}</source>
        <translation>
            <numerusform>%Ln Beitrag markiert: {0}</numerusform>
            <numerusform>%Ln Beiträge markiert: {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied as a new draft</source>
        <translation>Als neuer Entwurf kopiert</translation>
    </message>
    <message>
        <source>Delete stories</source>
        <translation>Beiträge löschen</translation>
    </message>
    <message>
        <source>Move 1 story to the trash? You can restore it from the trash (Status filter ▸ Trash) until it is emptied.</source>
        <translation>1 Beitrag in den Papierkorb legen? Sie können ihn aus dem Papierkorb wiederherstellen (Statusfilter ▸ Papierkorb), bis er geleert wird.</translation>
    </message>
    <message numerus="yes">
        <source>Move %Ln stories to the trash? You can restore them from the trash (Status filter ▸ Trash) until it is emptied.</source>
        <translation>
            <numerusform>%Ln Beitrag in den Papierkorb legen? Sie können ihn aus dem Papierkorb wiederherstellen (Statusfilter ▸ Papierkorb), bis er geleert wird.</numerusform>
            <numerusform>%Ln Beiträge in den Papierkorb legen? Sie können sie aus dem Papierkorb wiederherstellen (Statusfilter ▸ Papierkorb), bis er geleert wird.</numerusform>
        </translation>
    </message>
    <message>
        <source>1 story moved to the trash</source>
        <translation>1 Beitrag in den Papierkorb gelegt</translation>
    </message>
    <message numerus="yes">
        <source>%Ln stories moved to the trash</source>
        <translation>
            <numerusform>%Ln Beitrag in den Papierkorb gelegt</numerusform>
            <numerusform>%Ln Beiträge in den Papierkorb gelegt</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore stories</source>
        <translation>Beiträge wiederherstellen</translation>
    </message>
    <message>
        <source>Put 1 story back on the desk?</source>
        <translation>1 Beitrag zurück in die Redaktion holen?</translation>
    </message>
    <message numerus="yes">
        <source>Put %Ln stories back on the desk?</source>
        <translation>
            <numerusform>%Ln Beitrag zurück in die Redaktion holen?</numerusform>
            <numerusform>%Ln Beiträge zurück in die Redaktion holen?</numerusform>
        </translation>
    </message>
    <message>
        <source>1 story restored from the trash</source>
        <translation>1 Beitrag aus dem Papierkorb wiederhergestellt</translation>
    </message>
    <message numerus="yes">
        <source>%Ln stories restored from the trash</source>
        <translation>
            <numerusform>%Ln Beitrag aus dem Papierkorb wiederhergestellt</numerusform>
            <numerusform>%Ln Beiträge aus dem Papierkorb wiederhergestellt</numerusform>
        </translation>
    </message>
    <message>
        <source>Empty the trash</source>
        <translation>Papierkorb leeren</translation>
    </message>
    <message>
        <source>Delete every story in the trash for good, with its revisions? This cannot be undone.</source>
        <translation>Jeden Beitrag im Papierkorb samt Versionen endgültig löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>1 story deleted for good</source>
        <translation>1 Beitrag endgültig gelöscht</translation>
    </message>
    <message numerus="yes">
        <source>%Ln stories deleted for good</source>
        <translation>
            <numerusform>%Ln Beitrag endgültig gelöscht</numerusform>
            <numerusform>%Ln Beiträge endgültig gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied {0}</source>
        <translation>{0} kopiert</translation>
    </message>
</context>
<context>
    <name>StoryListModel</name>
    <message>
        <source>Status: {0}</source>
        <translation>Status: {0}</translation>
    </message>
    <message>
        <source>Last saved {0} (your local time)</source>
        <translation>Zuletzt gespeichert {0} (Ihre Ortszeit)</translation>
    </message>
    <message>
        <source>(no headline)</source>
        <translation>(ohne Überschrift)</translation>
    </message>
    <message>
        <source>Being edited by {0}</source>
        <translation>Wird bearbeitet von {0}</translation>
    </message>
</context>
<context>
    <name>StoryListWidget</name>
    <message>
        <source>Search stories</source>
        <translation>Beiträge suchen</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>Show only stories with this status</source>
        <translation>Nur Beiträge mit diesem Status zeigen</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Published on a site</source>
        <translation>Auf einer Website veröffentlicht</translation>
    </message>
    <message>
        <source>Stories published to a site with Publish…</source>
        <translation>Mit Veröffentlichen… auf einer Website erschienene Beiträge</translation>
    </message>
    <message>
        <source>Changed since publishing</source>
        <translation>Seit der Veröffentlichung geändert</translation>
    </message>
    <message>
        <source>Stories saved again since they were published</source>
        <translation>Beiträge, die seit ihrer Veröffentlichung erneut gespeichert wurden</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>Stories deleted to the trash: restore them or empty it</source>
        <translation>In den Papierkorb gelegte Beiträge: wiederherstellen oder den Papierkorb leeren</translation>
    </message>
    <message>
        <source>Section filter</source>
        <translation>Ressortfilter</translation>
    </message>
    <message>
        <source>Show only stories in this section</source>
        <translation>Nur Beiträge in diesem Ressort zeigen</translation>
    </message>
    <message>
        <source>All sections</source>
        <translation>Alle Ressorts</translation>
    </message>
    <message>
        <source>Tag filter</source>
        <translation>Schlagwortfilter</translation>
    </message>
    <message>
        <source>Show only stories with this tag</source>
        <translation>Nur Beiträge mit diesem Schlagwort zeigen</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Alle Schlagwörter</translation>
    </message>
    <message>
        <source>Story list status</source>
        <translation>Stand der Beitragsliste</translation>
    </message>
    <message>
        <source>How many stories the list shows</source>
        <translation>Wie viele Beiträge die Liste zeigt</translation>
    </message>
    <message>
        <source>Loading stories…</source>
        <translation>Beiträge werden geladen…</translation>
    </message>
    <message>
        <source>Stories</source>
        <translation>Beiträge</translation>
    </message>
    <message>
        <source>Stories: press Enter or double-click to open one</source>
        <translation>Beiträge: Eingabetaste oder Doppelklick öffnet einen</translation>
    </message>
    <message>
        <source>Press Enter or double-click to open the selected story</source>
        <translation>Eingabetaste oder Doppelklick öffnet den gewählten Beitrag</translation>
    </message>
    <message>
        <source>Right-click to choose the columns</source>
        <translation>Rechtsklick, um die Spalten zu wählen</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Fit columns to the list&apos;s width</source>
        <translation>Spalten an die Breite der Liste anpassen</translation>
    </message>
    <message>
        <source>Hide the least needed columns whenever the list is narrow</source>
        <translation>Die am wenigsten gebrauchten Spalten ausblenden, wenn die Liste schmal ist</translation>
    </message>
    <message>
        <source>Newest first (best match while searching)</source>
        <translation>Neueste zuerst (beim Suchen beste Treffer)</translation>
    </message>
    <message>
        <source>Reverse the order</source>
        <translation>Reihenfolge umkehren</translation>
    </message>
    <message>
        <source>No store is open</source>
        <translation>Kein Speicher ist geöffnet</translation>
    </message>
    <message>
        <source>The trash is empty</source>
        <translation>Der Papierkorb ist leer</translation>
    </message>
    <message>
        <source>1 story in the trash</source>
        <translation>1 Beitrag im Papierkorb</translation>
    </message>
    <message numerus="yes">
        <source>%Ln stories in the trash</source>
        <translation>
            <numerusform>%Ln Beitrag im Papierkorb</numerusform>
            <numerusform>%Ln Beiträge im Papierkorb</numerusform>
        </translation>
    </message>
    <message>
        <source>No stories match “{0}” with these filters</source>
        <translation>Keine Beiträge passen zu „{0}“ mit diesen Filtern</translation>
    </message>
    <message>
        <source>No stories match “{0}”</source>
        <translation>Keine Beiträge passen zu „{0}“</translation>
    </message>
    <message>
        <source>No stories match these filters</source>
        <translation>Keine Beiträge passen zu diesen Filtern</translation>
    </message>
    <message>
        <source>No stories yet</source>
        <translation>Noch keine Beiträge</translation>
    </message>
    <message numerus="yes">
        <source>Showing %Ln of many — scroll for more</source>
        <translation>
            <numerusform>%Ln von vielen gezeigt — für mehr blättern</numerusform>
            <numerusform>%Ln von vielen gezeigt — für mehr blättern</numerusform>
        </translation>
    </message>
    <message>
        <source>1 story</source>
        <translation>1 Beitrag</translation>
    </message>
    <message numerus="yes">
        <source>%Ln stories</source>
        <translation>
            <numerusform>%Ln Beitrag</numerusform>
            <numerusform>%Ln Beiträge</numerusform>
        </translation>
    </message>
    <message>
        <source>Searching for “{0}”…</source>
        <translation>Suche nach „{0}“…</translation>
    </message>
    <message>
        <source>Replace in selected stories…</source>
        <translation>In gewählten Beiträgen ersetzen…</translation>
    </message>
</context>
<context>
    <name>StoryPickerDialog</name>
    <message>
        <source>Link a story</source>
        <translation>Einen Beitrag verlinken</translation>
    </message>
    <message>
        <source>Search stories</source>
        <translation>Beiträge suchen</translation>
    </message>
    <message>
        <source>Search stories to link</source>
        <translation>Beiträge zum Verlinken suchen</translation>
    </message>
    <message>
        <source>Words from the story&apos;s headline or text</source>
        <translation>Wörter aus Überschrift oder Text des Beitrags</translation>
    </message>
    <message>
        <source>Stories found</source>
        <translation>Gefundene Beiträge</translation>
    </message>
    <message>
        <source>Double-click, or press Enter or OK, to link the story</source>
        <translation>Doppelklick, Eingabetaste oder OK verlinkt den Beitrag</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>&amp;Verlinken</translation>
    </message>
</context>
<context>
    <name>StoryStatus</name>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Spiked</source>
        <translation>Verworfen</translation>
    </message>
</context>
<context>
    <name>StoryTabs</name>
    <message>
        <source>Open stories</source>
        <translation>Offene Beiträge</translation>
    </message>
    <message>
        <source>Story tabs</source>
        <translation>Beitrags-Tabs</translation>
    </message>
    <message>
        <source>Ctrl+PgDown and Ctrl+PgUp move between them</source>
        <translation>Strg+Bild ab und Strg+Bild auf wechseln zwischen ihnen</translation>
    </message>
    <message>
        <source>Close {0}</source>
        <translation>{0} schließen</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>“{0}” is being edited by {1}, so your changes cannot be saved to it. Keep them as a new story before closing?</source>
        <translation>„{0}“ wird von {1} bearbeitet, daher können Ihre Änderungen nicht dort gespeichert werden. Vor dem Schließen als neuen Beitrag behalten?</translation>
    </message>
    <message>
        <source>“{0}” has changes that are not saved. Save them before closing?</source>
        <translation>„{0}“ hat ungespeicherte Änderungen. Vor dem Schließen speichern?</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
</context>
<context>
    <name>StoryTransfer</name>
    <message>
        <source>Import stories</source>
        <translation>Beiträge importieren</translation>
    </message>
    <message>
        <source>Welcome to EditorDesk</source>
        <translation>Willkommen bei EditorDesk</translation>
    </message>
    <message>
        <source>This store is empty. Add a sample story that shows what EditorDesk keeps — a standfirst, byline and dateline, a picture with its caption and credit, a tweet and related links?</source>
        <translation>Dieser Speicher ist leer. Einen Beispielbeitrag hinzufügen, der zeigt, was EditorDesk verwaltet — Vorspann, Autor und Ortsmarke, ein Bild mit Bildunterschrift und Nachweis, einen Tweet und verwandte Links?</translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message>
        <source>Insert table</source>
        <translation>Tabelle einfügen</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>How many rows, the header row among them</source>
        <translation>Wie viele Zeilen, die Kopfzeile eingeschlossen</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>How many columns</source>
        <translation>Wie viele Spalten</translation>
    </message>
    <message>
        <source>&amp;Rows:</source>
        <translation>&amp;Zeilen:</translation>
    </message>
    <message>
        <source>&amp;Columns:</source>
        <translation>&amp;Spalten:</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>&amp;Einfügen</translation>
    </message>
</context>
<context>
    <name>TweetDialog</name>
    <message>
        <source>Paste the tweet&apos;s link (twitter.com or x.com)</source>
        <translation>Den Link des Tweets einfügen (twitter.com oder x.com)</translation>
    </message>
    <message>
        <source>Posted on</source>
        <translation>Gepostet am</translation>
    </message>
    <message>
        <source>e.g. en</source>
        <translation>z. B. de</translation>
    </message>
    <message>
        <source>Fetch from Twitter</source>
        <translation>Von Twitter holen</translation>
    </message>
    <message>
        <source>Tweet link</source>
        <translation>Link des Tweets</translation>
    </message>
    <message>
        <source>&amp;Posted on</source>
        <translation>&amp;Gepostet am</translation>
    </message>
    <message>
        <source>&amp;Fetch from Twitter</source>
        <translation>Von Twitter &amp;holen</translation>
    </message>
    <message>
        <source>The tweet&apos;s address, in any form people paste</source>
        <translation>Die Adresse des Tweets, in jeder Form, die man einfügt</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>The account&apos;s display name</source>
        <translation>Der Anzeigename des Kontos</translation>
    </message>
    <message>
        <source>Tweet text</source>
        <translation>Text des Tweets</translation>
    </message>
    <message>
        <source>The tweet&apos;s words, as the page will show them</source>
        <translation>Die Worte des Tweets, wie die Seite sie zeigen wird</translation>
    </message>
    <message>
        <source>Has a date</source>
        <translation>Hat ein Datum</translation>
    </message>
    <message>
        <source>Tick to show the day the tweet was posted</source>
        <translation>Anhaken, um den Tag zu zeigen, an dem der Tweet gepostet wurde</translation>
    </message>
    <message>
        <source>The day the tweet was posted</source>
        <translation>Der Tag, an dem der Tweet gepostet wurde</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The tweet&apos;s language code, e.g. en</source>
        <translation>Der Sprachcode des Tweets, z. B. de</translation>
    </message>
    <message>
        <source>Fill the details from Twitter when online (optional)</source>
        <translation>Die Angaben online von Twitter füllen (freiwillig)</translation>
    </message>
    <message>
        <source>Tweet preview</source>
        <translation>Vorschau des Tweets</translation>
    </message>
    <message>
        <source>The tweet exactly as the export will show it</source>
        <translation>Der Tweet genau so, wie der Export ihn zeigt</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>&amp;Verlinken</translation>
    </message>
    <message>
        <source>Display &amp;name</source>
        <translation>Anzeige&amp;name</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>As it will &amp;appear:</source>
        <translation>So wird er &amp;erscheinen:</translation>
    </message>
    <message>
        <source>Asking Twitter…</source>
        <translation>Twitter wird gefragt…</translation>
    </message>
    <message>
        <source>Filled from Twitter — check the words before saving.</source>
        <translation>Von Twitter gefüllt — prüfen Sie die Worte vor dem Speichern.</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>Nicht gespeichert: {0}</translation>
    </message>
</context>
<context>
    <name>VisualCards</name>
    <message>
        <source>Picture {0} is not in the library</source>
        <translation>Bild {0} ist nicht in der Bibliothek</translation>
    </message>
    <message>
        <source>A picture not in the library</source>
        <translation>Ein Bild, das nicht in der Bibliothek ist</translation>
    </message>
    <message>
        <source>Picture: {0} — {1}</source>
        <translation>Bild: {0} — {1}</translation>
    </message>
    <message>
        <source>Picture: {0}</source>
        <translation>Bild: {0}</translation>
    </message>
    <message>
        <source>Tweet by @{0} (not recorded)</source>
        <translation>Tweet von @{0} (nicht erfasst)</translation>
    </message>
    <message>
        <source>Tweet by @{0}: {1}</source>
        <translation>Tweet von @{0}: {1}</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Tweet</source>
        <translation>Tweet</translation>
    </message>
    <message>
        <source>Note {0}</source>
        <translation>Anmerkung {0}</translation>
    </message>
    <message>
        <source>Footnote {0}</source>
        <translation>Fußnote {0}</translation>
    </message>
    <message>
        <source>the web</source>
        <translation>dem Web</translation>
    </message>
    <message>
        <source>Web picture from {0}: {1}</source>
        <translation>Webbild von {0}: {1}</translation>
    </message>
    <message>
        <source>Web picture from {0}</source>
        <translation>Webbild von {0}</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Anmerkungen</translation>
    </message>
    <message>
        <source>No alt text</source>
        <translation>Kein Alternativtext</translation>
    </message>
    <message>
        <source>No credit</source>
        <translation>Kein Nachweis</translation>
    </message>
    <message>
        <source>Credit: </source>
        <translation>Nachweis: </translation>
    </message>
    <message>
        <source>This figure names no library picture</source>
        <translation>Dieses Bild nennt kein Bild der Bibliothek</translation>
    </message>
    <message>
        <source>Picture {0}&apos;s file is missing from the media folder</source>
        <translation>Die Datei von Bild {0} fehlt im Medienordner</translation>
    </message>
    <message>
        <source>Picture {0}&apos;s file could not be read</source>
        <translation>Die Datei von Bild {0} konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>(no words recorded)</source>
        <translation>(keine Worte erfasst)</translation>
    </message>
    <message>
        <source>Tweet {0} is not recorded in the library</source>
        <translation>Tweet {0} ist nicht in der Bibliothek erfasst</translation>
    </message>
</context>
<context>
    <name>VisualEdit</name>
    <message>
        <source>Story body</source>
        <translation>Text des Beitrags</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>&amp;Tabelle</translation>
    </message>
    <message>
        <source>Add row &amp;above</source>
        <translation>Zeile dar&amp;über einfügen</translation>
    </message>
    <message>
        <source>Add row &amp;below</source>
        <translation>Zeile dar&amp;unter einfügen</translation>
    </message>
    <message>
        <source>Add column &amp;left</source>
        <translation>Spalte &amp;links einfügen</translation>
    </message>
    <message>
        <source>Add column &amp;right</source>
        <translation>Spalte &amp;rechts einfügen</translation>
    </message>
    <message>
        <source>Remove r&amp;ow</source>
        <translation>&amp;Zeile entfernen</translation>
    </message>
    <message>
        <source>Remove &amp;column</source>
        <translation>&amp;Spalte entfernen</translation>
    </message>
    <message>
        <source>Align column l&amp;eft</source>
        <translation>Spalte links&amp;bündig</translation>
    </message>
    <message>
        <source>Align column ce&amp;nter</source>
        <translation>Spalte &amp;zentriert</translation>
    </message>
    <message>
        <source>Align column r&amp;ight</source>
        <translation>Spalte rechts&amp;bündig</translation>
    </message>
    <message>
        <source>&amp;Delete table</source>
        <translation>Tabelle l&amp;öschen</translation>
    </message>
</context>
<context>
    <name>VisualPaste</name>
    <message>
        <source>A pasted picture was not added to the library: {0}</source>
        <translation>Ein eingefügtes Bild kam nicht in die Bibliothek: {0}</translation>
    </message>
    <message>
        <source>A pasted picture was not added to the library: {0} could not be written to a temporary folder ({1})</source>
        <translation>Ein eingefügtes Bild kam nicht in die Bibliothek: {0} konnte nicht in einen temporären Ordner geschrieben werden ({1})</translation>
    </message>
    <message>
        <source>The paste was not made: {0}</source>
        <translation>Das Einfügen fand nicht statt: {0}</translation>
    </message>
    <message>
        <source>Pictures are pasted only into a story</source>
        <translation>Bilder werden nur in einen Beitrag eingefügt</translation>
    </message>
    <message>
        <source>Nothing in the pasted HTML could be pasted</source>
        <translation>Nichts im eingefügten HTML konnte eingefügt werden</translation>
    </message>
    <message>
        <source>The paste was not made: the story became read-only</source>
        <translation>Das Einfügen fand nicht statt: der Beitrag wurde schreibgeschützt</translation>
    </message>
</context>
<context>
    <name>WebLinkDialog</name>
    <message>
        <source>Related story</source>
        <translation>Verwandter Beitrag</translation>
    </message>
    <message>
        <source>Related web page</source>
        <translation>Verwandte Webseite</translation>
    </message>
    <message>
        <source>&amp;Dated</source>
        <translation>&amp;Datiert</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Has a date</source>
        <translation>Hat ein Datum</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Ressort</translation>
    </message>
    <message>
        <source>Excerpt</source>
        <translation>Auszug</translation>
    </message>
    <message>
        <source>The linked page&apos;s {0}</source>
        <translation>{0} der verlinkten Seite</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Adresse</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <source>&amp;Section</source>
        <translation>&amp;Ressort</translation>
    </message>
    <message>
        <source>E&amp;xcerpt</source>
        <translation>Aus&amp;zug</translation>
    </message>
    <message>
        <source>Give the link a title.</source>
        <translation>Geben Sie dem Link einen Titel.</translation>
    </message>
</context>
<context>
    <name>_PathField</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Browse for {0}</source>
        <translation>Nach {0} suchen</translation>
    </message>
    <message>
        <source>Choose the {0}</source>
        <translation>{0} wählen</translation>
    </message>
</context>
<context>
    <name>gui.dialogs.export</name>
    <message>
        <source>Export finished</source>
        <translation>Export abgeschlossen</translation>
    </message>
    <message>
        <source>The exported files</source>
        <translation>Die exportierten Dateien</translation>
    </message>
    <message>
        <source>The files are in {0}</source>
        <translation>Die Dateien liegen in {0}</translation>
    </message>
    <message>
        <source>This desktop has no program set to open folders, so it could not be shown.</source>
        <translation>Dieser Desktop hat kein Programm zum Öffnen von Ordnern, daher konnte er nicht gezeigt werden.</translation>
    </message>
</context>
<context>
    <name>gui.dialogs.preferences</name>
    <message>
        <source>Choose or create a store</source>
        <translation>Einen Speicher wählen oder anlegen</translation>
    </message>
    <message>
        <source>EditorDesk stores (*.sqlite);;All files (*)</source>
        <translation>EditorDesk-Speicher (*.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Einen Ordner wählen</translation>
    </message>
    <message>
        <source>Choose a reference .docx</source>
        <translation>Eine Vorlage (.docx) wählen</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word-Dokumente (*.docx)</translation>
    </message>
</context>
<context>
    <name>gui.dialogs.sites</name>
    <message>
        <source>Application password</source>
        <translation>Anwendungspasswort</translation>
    </message>
</context>
<context>
    <name>gui.editor.browser_preview</name>
    <message>
        <source>Open in browser</source>
        <translation>Im Browser öffnen</translation>
    </message>
    <message>
        <source>No browser could be started. The page is {0}</source>
        <translation>Es konnte kein Browser gestartet werden. Die Seite liegt in {0}</translation>
    </message>
</context>
</TS>
