; Inno Setup script: a per-user Windows installer for the one-folder program (issue 15).
; Built on Windows by `python tools/build_installers.py windows` (Inno Setup 6's ISCC.exe on
; PATH), which passes AppVersion, SourceDir (build\pyinstaller\dist\trainer) and IconFile.
; Saved as UTF-8 with a byte-order mark, which Inno Setup needs for the Chinese menu name.
; No administrator rights: installs into %LOCALAPPDATA%\Programs\Trainer. Learner data lives in
; %LOCALAPPDATA%\Trainer\Trainer, outside the install folder: upgrades and uninstalling keep it.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef IconFile
  #define IconFile "..\build\trainer.ico"
#endif
#ifndef SourceDir
  #define SourceDir "..\build\pyinstaller\dist\trainer"
#endif

[Setup]
AppId={{6E0C2B7A-3F55-4C1B-9B7E-5A1D7C0F2E41}
AppName=Trainer
AppVerName=Trainer {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=Trainer team
DefaultDirName={localappdata}\Programs\Trainer
DefaultGroupName=Trainer
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=trainer-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\trainer-gui.exe
SetupIconFile={#IconFile}
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[CustomMessages]
en.AppMenuName=Trainer — Digital Government Skills
zh_CN.AppMenuName=数字政府能力培训

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an upgrade replaces the program folder; the data folder is elsewhere and never touched
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{userprograms}\{cm:AppMenuName}"; Filename: "{app}\trainer-gui.exe"
Name: "{userdesktop}\{cm:AppMenuName}"; Filename: "{app}\trainer-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\trainer-gui.exe"; Description: "{cm:LaunchProgram,Trainer}"; Flags: nowait postinstall skipifsilent
