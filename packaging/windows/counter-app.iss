; Windows installer for the counter app (Inno Setup 6). Built by the CI workflow
; .github/workflows/windows-installer.yml after `python packaging/build.py`:
;
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\..\dist\counter-app-0.1.0 packaging\windows\counter-app.iss
;
; Per-machine install (Program Files, all users), shortcuts in the Start menu (and on the
; desktop unless /TASKS="!desktopicon"). For mass roll-out the per-machine configuration is
; preset from the command line, so IT touches no PC by hand:
;
;   counter-app-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;       /UNIT="000.00.01.H22" /OFFICE="Bộ phận Một cửa xã Minh Khai" /COUNTER=2
;       /DBURL="postgresql+psycopg://counter@10.0.0.5/motcua" /PRINTER="Canon LBP2900"
;       /SYNCCONFIG="C:\ProgramData\MotCua\counter-app\province-dvc.toml"
;   or /CONFIG="\\server\motcua\config.toml" (a prepared file, copied as is)
;
; /SERVER=host is a short form of /DBURL for the office's PostgreSQL server
; (postgresql+psycopg://counter@host/motcua). The file goes to
; C:\ProgramData\MotCua\counter-app\config.toml (read by every user of the PC, below the user's
; own file and the environment). Secrets never pass through the installer: passwords and keys
; go to the Windows Credential Manager (`counter-app-cli secret set NAME`).
;
; Uninstalling removes the program only: the configuration, the database, attachments, logs
; and backups stay (an office's records are kept by law; a reinstall finds them again).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\counter-app-" + AppVersion
#endif

[Setup]
AppId={{5B0E7C1E-9C1D-4F4B-9B7A-3C0D1A2E6F11}
AppName=Một cửa – Phần mềm Bộ phận Một cửa
AppVersion={#AppVersion}
AppVerName=Một cửa {#AppVersion}
AppPublisher=MotCua
DefaultDirName={autopf}\MotCua\counter-app
DefaultGroupName=Một cửa
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=counter-app-{#AppVersion}-setup
SetupIconFile=counter-app.ico
UninstallDisplayIcon={app}\counter-app.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
VersionInfoVersion={#AppVersion}
VersionInfoProductName=counter-app

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
en.DesktopIcon=Tạo biểu tượng trên màn hình (Desktop)
en.RunApp=Mở phần mềm Một cửa
en.ConfigMissing=Không tìm thấy tệp cấu hình %1

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Một cửa"; Filename: "{app}\counter-app.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\Một cửa"; Filename: "{app}\counter-app.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Dirs]
; The per-machine configuration folder; what the installer writes there outlives it.
Name: "{commonappdata}\MotCua\counter-app"; Flags: uninsneveruninstall

[Run]
Filename: "{app}\counter-app.exe"; Description: "{cm:RunApp}"; Flags: nowait postinstall skipifsilent

[Code]
function MachineConfig: String;
begin
  Result := ExpandConstant('{commonappdata}\MotCua\counter-app\config.toml');
end;

{ A TOML basic string: backslashes and quotes escaped. }
function Toml(Value: String): String;
begin
  StringChangeEx(Value, '\', '\\', True);
  StringChangeEx(Value, '"', '\"', True);
  Result := '"' + Value + '"';
end;

procedure AddKey(var Lines: TArrayOfString; Key, Value: String);
var
  N: Integer;
begin
  if Value = '' then
    Exit;
  N := GetArrayLength(Lines);
  SetArrayLength(Lines, N + 1);
  Lines[N] := Key + ' = ' + Toml(Value);
end;

procedure AddSection(var Lines: TArrayOfString; Name: String);
var
  N: Integer;
begin
  N := GetArrayLength(Lines);
  SetArrayLength(Lines, N + 1);
  Lines[N] := '[' + Name + ']';
end;

{ Writes config.toml from /CONFIG (copied) or from the key parameters. Without any of them an
  existing file (an upgrade) is left alone. }
procedure WriteMachineConfig;
var
  Given, DbUrl, SyncConfig: String;
  Lines: TArrayOfString;
begin
  Given := ExpandConstant('{param:CONFIG|}');
  if Given <> '' then
  begin
    if not FileExists(Given) then
      RaiseException(FmtMessage(CustomMessage('ConfigMissing'), [Given]));
    FileCopy(Given, MachineConfig, False);
    Exit;
  end;
  DbUrl := ExpandConstant('{param:DBURL|}');
  if (DbUrl = '') and (ExpandConstant('{param:SERVER|}') <> '') then
    DbUrl := 'postgresql+psycopg://counter@' + ExpandConstant('{param:SERVER|}') + '/motcua';
  SyncConfig := ExpandConstant('{param:SYNCCONFIG|}');
  if (ExpandConstant('{param:UNIT|}') = '') and (ExpandConstant('{param:OFFICE|}') = '') and
     (DbUrl = '') and (ExpandConstant('{param:PRINTER|}') = '') and
     (ExpandConstant('{param:COUNTER|}') = '') and (SyncConfig = '') then
    Exit;
  SetArrayLength(Lines, 1);
  Lines[0] := '# Written by the installer ' + GetDateTimeString('yyyy-mm-dd hh:nn', '-', ':');
  AddSection(Lines, 'office');
  AddKey(Lines, 'unit_id', ExpandConstant('{param:UNIT|}'));
  AddKey(Lines, 'name', ExpandConstant('{param:OFFICE|}'));
  AddSection(Lines, 'database');
  AddKey(Lines, 'url', DbUrl);
  AddSection(Lines, 'counter');
  AddKey(Lines, 'counter', ExpandConstant('{param:COUNTER|}'));
  AddSection(Lines, 'printing');
  AddKey(Lines, 'printer', ExpandConstant('{param:PRINTER|}'));
  if SyncConfig <> '' then
  begin
    AddSection(Lines, 'sync');
    SetArrayLength(Lines, GetArrayLength(Lines) + 1);
    Lines[GetArrayLength(Lines) - 1] := 'enabled = true';
    AddKey(Lines, 'config_file', SyncConfig);
  end;
  ForceDirectories(ExtractFileDir(MachineConfig));
  { Without a BOM: Python's TOML reader takes the file as it is. Inno Setup ≥ 6.3. }
  if not SaveStringsToUTF8FileWithoutBOM(MachineConfig, Lines, False) then
    RaiseException('Cannot write ' + MachineConfig);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep = ssPostInstall then
    WriteMachineConfig;
end;
