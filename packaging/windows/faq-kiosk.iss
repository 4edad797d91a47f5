; FAQ Kiosk - Inno Setup 6 script: a per-machine installer that installs silently and
; upgrades in place.
;
; Build it with packaging\windows\build.ps1 (PyInstaller first, then this script):
;   ISCC /DAppVersion=0.1.0 [/DAppNumericVersion=0.1.0] [/DDistDir=...\dist\faq-kiosk]
;        [/DLicensesDir=...\build\windows\licenses] packaging\windows\faq-kiosk.iss
; Output: dist\FaqKiosk-Setup-<version>.exe. Command lines for silent install, upgrade and
; uninstall are in packaging\windows\README.md.
;
; What goes where:
;   {app} = C:\Program Files\FAQ Kiosk      program (PyInstaller one-folder build), tools,
;                                            licences; replaced on upgrade
;   C:\ProgramData\FaqKiosk\config.toml     configuration; installed from
;                                            packaging\config.toml only if missing, kept on
;                                            upgrade and uninstall (uninstall /PURGE deletes
;                                            the folder)
;   C:\ProgramData\FaqKiosk\logs            the kiosk's log (kiosk.system.health.default_log_dir)
;   C:\ProgramData\FaqKiosk\staff-pin       the staff PIN's hash (faq-kiosk set-pin); only
;                                            SYSTEM and administrators, plus the kiosk account
;                                            that kiosk-lockdown.ps1 grants, may read it
; ProgramData\FaqKiosk: administrators and SYSTEM change it, other users read it;
; logs\: users may also write (the kiosk account writes its log there).
;
; Keep this file ASCII: tests/packaging/test_windows_scripts.py checks it, its sections and
; its paths on Linux, where it cannot be compiled.

#if VER < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (ArchitecturesAllowed=x64compatible)
#endif
#ifndef AppVersion
  #error AppVersion is not defined: build with packaging\windows\build.ps1, or pass /DAppVersion=X.Y.Z to ISCC
#endif
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif

#define AppName "FAQ Kiosk"
#define AppExeName "faq-kiosk.exe"
#define RepoRoot AddBackslash(SourcePath) + "..\.."
#ifndef DistDir
  #define DistDir RepoRoot + "\dist\faq-kiosk"
#endif
#ifndef LicensesDir
  #define LicensesDir RepoRoot + "\build\windows\licenses"
#endif
; Where kiosk.config.settings.default_config_path and kiosk.system.health.default_log_dir look on Windows.
#define DataDir "{commonappdata}\FaqKiosk"
; The exit code setup and the uninstaller give a running kiosk when they stop it.
; kiosk-lockdown.ps1 maps it to Shell Launcher's "do nothing" (keep the two equal).
#define StoppedExitCode "3010"

#if !FileExists(DistDir + "\" + AppExeName)
  #error The PyInstaller build is missing (no faq-kiosk.exe in DistDir): run packaging\windows\build.ps1
#endif

[Setup]
; Never change AppId: it is how an upgrade finds and replaces the installed version.
AppId={{BE36A428-E38C-4386-A2F3-EAB31B7CCE84}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName={#AppName}
VersionInfoProductVersion={#AppNumericVersion}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoDescription={#AppName} Setup
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Windows 10 1809, the oldest Windows Qt 6 supports.
MinVersion=10.0.17763
OutputDir={#RepoRoot}\dist
OutputBaseFilename=FaqKiosk-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Always write a setup log (to %TEMP%, or where /LOG="file" says).
SetupLogging=yes
UninstallLogging=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExeName}
SetupMutex=FaqKioskSetup,Global\FaqKioskSetup
; [Code] stops the kiosk itself first (it ignores close requests); Restart Manager then
; closes anything else still using the program's files. Setup never starts the kiosk
; again: it belongs to the kiosk account's session, not to the installing account.
CloseApplications=force
CloseApplicationsFilter=*.exe,*.dll,*.pyd
RestartApplications=no
#ifdef Sign
SignTool=faqkiosk
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[InstallDelete]
; An upgrade replaces the whole PyInstaller folder: files that a newer build no longer has
; must not linger beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Dirs]
Name: "{#DataDir}"; Flags: uninsneveruninstall
Name: "{#DataDir}\logs"; Permissions: users-modify; Flags: uninsneveruninstall
; What the kiosk keeps between runs (kiosk.system.files.default_state_dir): the PIN lock-out.
Name: "{#DataDir}\state"; Permissions: users-modify; Flags: uninsneveruninstall

[Files]
; The PyInstaller one-folder build (packaging\pyinstaller\faq-kiosk.spec).
Source: "{#DistDir}\{#AppExeName}"; DestDir: "{app}"; Flags: ignoreversion signonce
Source: "{#DistDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs
; The configuration: only when there is none, and never removed by the uninstaller.
Source: "{#RepoRoot}\packaging\config.toml"; DestDir: "{#DataDir}"; Flags: onlyifdoesntexist uninsneveruninstall
; The staff PIN file, empty until `faq-kiosk set-pin`; its ACL is set in [Run].
Source: "staff-pin"; DestDir: "{#DataDir}"; Flags: onlyifdoesntexist uninsneveruninstall
; The current example, with every key and its default, replaced on each upgrade.
Source: "{#RepoRoot}\packaging\config.toml"; DestDir: "{app}"; DestName: "config.example.toml"; Flags: ignoreversion
; Lock-down script and the Windows notes.
Source: "kiosk-lockdown.ps1"; DestDir: "{app}\tools"; Flags: ignoreversion
Source: "README.md"; DestDir: "{app}"; DestName: "README-Windows.md"; Flags: ignoreversion
; Licences: the application's (if the repository has one), the font's, Qt's (LGPL) and
; the bundled Python packages' (collected by collect_licenses.py during the build).
Source: "{#RepoRoot}\LICENSE*"; DestDir: "{app}\licenses"; Flags: ignoreversion skipifsourcedoesntexist
Source: "THIRD-PARTY-NOTICES.txt"; DestDir: "{app}\licenses"; Flags: ignoreversion
Source: "licenses\*"; DestDir: "{app}\licenses"; Flags: ignoreversion
Source: "{#RepoRoot}\resources\fonts\LICENSE-OFL.txt"; DestDir: "{app}\licenses"; DestName: "NotoSans-OFL.txt"; Flags: ignoreversion
Source: "{#LicensesDir}\*"; DestDir: "{app}\licenses\python-packages"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\FAQ Kiosk (window)"; Filename: "{app}\{#AppExeName}"; Parameters: "--windowed"; WorkingDir: "{app}"; Comment: "Preview the kiosk in a window. Like the kiosk it ignores the close button: use Task Manager, or staff Exit when staff.allow_exit is true."
Name: "{group}\Check FAQ Kiosk installation"; Filename: "{cmd}"; Parameters: "/k """"{app}\{#AppExeName}"" check"""; WorkingDir: "{app}"; Comment: "Runs faq-kiosk check: configuration, content, catalogs, fonts and voices."
Name: "{group}\FAQ Kiosk configuration and logs"; Filename: "{#DataDir}"; Comment: "The folder holding config.toml and logs."
Name: "{group}\FAQ Kiosk licences"; Filename: "{app}\licenses"
Name: "{group}\Uninstall FAQ Kiosk"; Filename: "{uninstallexe}"

[Run]
; ProgramData lets every user create files in its subfolders. The kiosk's folder gets its
; own ACL instead: SYSTEM and Administrators full control, Users read (the kiosk reads its
; config). logs\ keeps the users-modify it got in [Dirs]. Well-known SIDs, so the names'
; language does not matter. Run on every install, so an upgrade repairs the ACL.
Filename: "{sys}\icacls.exe"; Parameters: """{#DataDir}"" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX"; Flags: runhidden; StatusMsg: "Setting permissions on {#DataDir}..."
; The PIN file: not readable by Users (a 4-digit PIN's hash falls to an offline search in
; minutes); kiosk-lockdown.ps1 grants the kiosk account read. /grant:r replaces only the
; grants it names, so an upgrade keeps the kiosk account's.
Filename: "{sys}\icacls.exe"; Parameters: """{#DataDir}\staff-pin"" /inheritance:r /grant:r *S-1-5-18:F *S-1-5-32-544:F"; Flags: runhidden; StatusMsg: "Setting permissions on the staff PIN file..."

[Code]
const
  KioskExeName = '{#AppExeName}';
  StoppedExitCode = {#StoppedExitCode};
  StopRounds = 20;

var
  KioskWasStopped: Boolean;

// Ends every running faq-kiosk.exe (the kiosk and its speech workers) with exit code
// StoppedExitCode, which Shell Launcher (as kiosk-lockdown.ps1 sets it up) answers by doing
// nothing, instead of starting the old kiosk again while its files are replaced. Tries for
// up to StopRounds half-seconds. Returns '' once none is left, else the reason.
function StopKiosk(var Stopped: Boolean): String;
var
  Locator, Service, Processes, Process: Variant;
  Attempt, I, Found, Pid, Code: Integer;
begin
  Result := '';
  Stopped := False;
  try
    Locator := CreateOleObject('WbemScripting.SWbemLocator');
    Service := Locator.ConnectServer('.', 'root\CIMV2');
    // Administrators need SeDebugPrivilege to end a process of another account.
    Service.Security_.Privileges.AddAsString('SeDebugPrivilege', True);
    for Attempt := 1 to StopRounds do
    begin
      Processes := Service.ExecQuery('SELECT * FROM Win32_Process WHERE Name = ''' + KioskExeName + '''');
      Found := Processes.Count;
      if Found = 0 then
        Exit;
      for I := 0 to Found - 1 do
      begin
        Process := Processes.ItemIndex(I);
        Pid := Process.ProcessId;
        Log(Format('Stopping %s (process %d) with exit code %d.', [KioskExeName, Pid, StoppedExitCode]));
        try
          Process.Terminate(StoppedExitCode);
          Stopped := True;
        except
          Log(Format('Could not stop process %d: %s', [Pid, GetExceptionMessage]));
        end;
      end;
      Sleep(500);
    end;
    Result := KioskExeName + ' is still running, or something keeps starting it again. ' +
      'If Shell Launcher runs it, run kiosk-lockdown.ps1 again (it maps exit code ' +
      IntToStr(StoppedExitCode) + ' to "do nothing"), or sign the kiosk account out; then run setup again.';
  except
    // WMI itself failed: fall back to taskkill (exit code 1, so Shell Launcher may start
    // the kiosk again; Restart Manager and the file-in-use checks still apply).
    Log('Could not use WMI to stop ' + KioskExeName + ': ' + GetExceptionMessage + '. Trying taskkill.');
    if not Exec(ExpandConstant('{sys}\taskkill.exe'), '/F /T /IM ' + KioskExeName, '', SW_HIDE,
      ewWaitUntilTerminated, Code) then
      Result := 'Could not stop ' + KioskExeName + ': ' + SysErrorMessage(Code)
    else if Code = 0 then
      Stopped := True
    else if Code <> 128 then  // 128: no such process
      Result := 'Could not stop ' + KioskExeName + ': taskkill exit code ' + IntToStr(Code);
  end;
end;

// Before any file is replaced (and before Restart Manager looks for files in use).
function PrepareToInstall(var NeedsRestart: Boolean): String;
begin
  Result := StopKiosk(KioskWasStopped);
  if Result <> '' then
    Log(Result);
end;

// A kiosk that was running comes back at the kiosk account's next sign-in: ask for a
// restart (a very silent setup restarts at once unless /NORESTART is given; then
// /RESTARTEXITCODE=3010 reports it).
function NeedRestart(): Boolean;
begin
  Result := KioskWasStopped;
end;

function InitializeUninstall(): Boolean;
var
  Stopped: Boolean;
  Problem: String;
begin
  Problem := StopKiosk(Stopped);
  Result := Problem = '';
  if not Result then
  begin
    Log(Problem);
    SuppressibleMsgBox(Problem, mbError, MB_OK, IDOK);
  end;
end;

function PurgeRequested(): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/PURGE') = 0 then
      Result := True;
end;

// The configuration, logs and any content in ProgramData\FaqKiosk outlive an uninstall,
// so a reinstall finds them, unless the uninstaller runs with /PURGE, or the person
// uninstalling interactively says so.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
  Purge: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DataDir := ExpandConstant('{#DataDir}');
  if not DirExists(DataDir) then
    Exit;
  Purge := PurgeRequested();
  if (not Purge) and (not UninstallSilent()) then
    Purge := SuppressibleMsgBox('Also delete the FAQ Kiosk configuration, logs and content in ' +
      DataDir + '?' + #13#10#13#10 + 'Choose No to keep them for a later installation.',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES;
  if Purge then
  begin
    if DelTree(DataDir, True, True, True) then
      Log('Deleted ' + DataDir)
    else
      Log('Could not delete all of ' + DataDir);
  end
  else
    Log('Kept ' + DataDir + ' (uninstall with /PURGE to delete it).');
end;
