; Inno Setup 6 script for EditorDesk on Windows: a per-user install that needs no
; administrator, from the PyInstaller bundle. packaging/build.py windows runs it as
;   ISCC /DAppVersion=<pyproject version> /DSourceDir=dist\editordesk
;        /DIconFile=build\packaging\generated\editordesk.ico /DOutputDir=dist editordesk.iss
; and the defaults below let it compile from packaging\windows after a build with no /D at all.
;
; The user's store and settings live in %LOCALAPPDATA%\EditorDesk (platformdirs'
; user_data_dir and user_config_dir), outside {app}: the uninstaller removes only the files
; this installer put in {app}, its shortcuts and the optional file association, and leaves
; the stories, pictures and preferences where they are.

#ifndef AppVersion
  #error Pass the version from pyproject.toml: ISCC /DAppVersion=X.Y.Z (packaging/build.py does)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\editordesk"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\packaging\generated\editordesk.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

#define AppName "EditorDesk"
#define AppExe "editordesk.exe"
#define CliExe "editordesk-cli.exe"
#define ProgId "EditorDesk.Markdown"

[Setup]
; One fixed AppId for every version, so an upgrade replaces the old install in place.
AppId={{5E0C4B7A-3D8F-4F0B-9C61-2A7E9D4B1F35}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The EditorDesk developers
AppPublisherURL=https://github.com/editordesk/editordesk
AppCopyright=The EditorDesk developers. GPL-3.0-or-later; Qt and PySide6 under the LGPL v3.
VersionInfoVersion={#AppVersion}
; Per user, no UAC prompt: {autopf} is %LOCALAPPDATA%\Programs and registry writes to HKA go
; to HKEY_CURRENT_USER.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=editordesk-{#AppVersion}-windows-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Tell Explorer to refresh its icons when the .md association changes.
ChangesAssociations=yes
CloseApplications=yes
InfoBeforeFile={#SourceDir}\_internal\editordesk\resources\licenses\THIRD-PARTY-NOTICES.txt

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "mdassoc"; Description: "Offer EditorDesk in ""Open with"" for Markdown (.md) files: opening one imports it as a new draft"; GroupDescription: "File association:"; Flags: unchecked

[Files]
; The whole one-folder bundle: editordesk.exe (the window), editordesk-cli.exe (the command
; line, with a console) and _internal\ (Python, Qt, the libraries and EditorDesk's resources).
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Write, edit and export news stories"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Only with the mdassoc task, only for this user, and removed again by the uninstaller. The
; association adds EditorDesk to .md's "Open with" list without taking the default from the
; editor the user already has.
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: mdassoc
Root: HKA; Subkey: "Software\Classes\.markdown\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: mdassoc
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Markdown story"; Flags: uninsdeletekey; Tasks: mdassoc
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: mdassoc
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Tasks: mdassoc
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: mdassoc
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".md"; ValueData: ""; Flags: uninsdeletekey; Tasks: mdassoc

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Nothing outside {app}: %LOCALAPPDATA%\EditorDesk (the store, its pictures, the settings and
; the window's layout) is the user's and stays. Inside {app} only what the installer wrote is
; removed; this catches a folder left empty by an older version.
Type: dirifempty; Name: "{app}"
