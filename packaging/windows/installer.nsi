; trudi_py Windows installer (NSIS 3, Unicode). Built by packaging/windows/build.py, which
; passes: VERSION, VERSION4, PUBLISHER, OUTFILE, FILES_NSH, UNINSTALL_NSH, ESTIMATED_SIZE_KB,
; optionally APP_ICON. Payload: the embeddable CPython in Python\ plus the unpacked wheels in
; pkgs\ (the only installer of trudi_py).
;
; Per-user: no admin rights, installs to %LOCALAPPDATA%\Programs\trudi_py, registers the
; uninstaller under HKCU. The user's data (%LOCALAPPDATA%\trudi_py: archives, pins.json,
; settings) is never touched, neither by installing nor by uninstalling.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma
SetCompressorDictSize 64
SetDatablockOptimize on
SetDateSave on
CRCCheck on

!include MUI2.nsh
!include LogicLib.nsh
!include WinVer.nsh
!include x64.nsh

!define APPNAME "trudi_py"
; oldest Windows the bundled Qt runs on: Windows 10 1903
!define MIN_BUILD 18362
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}"
!define APP_KEY "Software\${APPNAME}"

; pythonw: no console window (a start-up failure shows a message box and goes to the log,
; see trudi_py/startup_failure.py); -P: never put the working directory on sys.path
!define GUI_EXE "$INSTDIR\Python\pythonw.exe"
!define GUI_ARGS "-P -m trudi_py gui"
!define CLI_DIR "$INSTDIR"

!ifdef APP_ICON
  !define MUI_ICON "${APP_ICON}"
  !define MUI_UNICON "${APP_ICON}"
  !define SHORTCUT_ICON "$INSTDIR\trudi_py.ico"
!else
  !define SHORTCUT_ICON "${GUI_EXE}"
!endif

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "${APPNAME} ${VERSION}"
ShowInstDetails hide
ShowUninstDetails hide

; ------------------------------------------------------------------ pages and languages
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "$(RunApp)"
!define MUI_FINISHPAGE_RUN_FUNCTION LaunchApp
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(KeepData)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the fallback; NSIS picks German on a German Windows.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "German"

LangString SecApp ${LANG_ENGLISH} "trudi_py (program and Start menu entries)"
LangString SecApp ${LANG_GERMAN} "trudi_py (Programm und Startmenü-Einträge)"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString SecDesktop ${LANG_GERMAN} "Verknüpfung auf dem Desktop"
LangString AppDesc ${LANG_ENGLISH} "Read, check and archive your Smart Meter Gateway data"
LangString AppDesc ${LANG_GERMAN} "Messwerte des Smart-Meter-Gateways lesen, prüfen und archivieren"
LangString CliName ${LANG_ENGLISH} "trudi_py command line"
LangString CliName ${LANG_GERMAN} "trudi_py Kommandozeile"
LangString RunApp ${LANG_ENGLISH} "Start trudi_py now"
LangString RunApp ${LANG_GERMAN} "trudi_py jetzt starten"
LangString Compiling ${LANG_ENGLISH} "Preparing the Python modules (this takes a minute) ..."
LangString Compiling ${LANG_GERMAN} "Python-Module werden vorbereitet (etwa eine Minute) ..."
LangString KeepData ${LANG_ENGLISH} "trudi_py will be removed from your computer. Your archives, pinned gateway certificates and settings in %LOCALAPPDATA%\trudi_py are kept; delete that folder yourself if you no longer need them."
LangString KeepData ${LANG_GERMAN} "trudi_py wird von diesem Computer entfernt. Ihre Archive, die hinterlegten Gateway-Zertifikate und Einstellungen in %LOCALAPPDATA%\trudi_py bleiben erhalten; löschen Sie diesen Ordner selbst, wenn Sie sie nicht mehr brauchen."
LangString NeedWin10 ${LANG_ENGLISH} "trudi_py needs 64-bit Windows 10 version 1903 (build ${MIN_BUILD}) or newer, or Windows 11: its Qt libraries use parts of Windows that older versions lack. This Windows is build $1. Please install the Windows updates, then run this setup again."
LangString NeedWin10 ${LANG_GERMAN} "trudi_py benötigt ein 64-Bit-Windows 10 ab Version 1903 (Build ${MIN_BUILD}) oder Windows 11: Die Qt-Bibliotheken nutzen Teile von Windows, die älteren Versionen fehlen. Dieses Windows hat Build $1. Bitte installieren Sie die Windows-Updates und starten Sie dieses Setup dann erneut."
LangString NotDataDir ${LANG_ENGLISH} "This folder holds your trudi_py data. Please choose another installation folder."
LangString NotDataDir ${LANG_GERMAN} "In diesem Ordner liegen Ihre trudi_py-Daten. Bitte wählen Sie einen anderen Installationsordner."

; ------------------------------------------------------------------ version resource
VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "Apache-2.0, ${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${APPNAME} ${VERSION} Setup"
VIAddVersionKey /LANG=${LANG_GERMAN} "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=${LANG_GERMAN} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_GERMAN} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_GERMAN} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_GERMAN} "LegalCopyright" "Apache-2.0, ${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_GERMAN} "FileDescription" "${APPNAME} ${VERSION} Setup"

; ------------------------------------------------------------------ install
Function .onInit
  SetShellVarContext current
  ; the bundled Qt 6 needs Windows 10 1903 (build 18362: e.g. the system's icuuc.dll);
  ; the build number is read from the registry (GetVersionEx may be shimmed)
  SetRegView 64
  ReadRegStr $1 HKLM "SOFTWARE\Microsoft\Windows NT\CurrentVersion" "CurrentBuildNumber"
  SetRegView default
  StrCmp $1 "" 0 +2
    StrCpy $1 "?"
  IntOp $2 $1 + 0
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
  ${OrIf} $2 < ${MIN_BUILD}
    MessageBox MB_ICONSTOP|MB_OK "$(NeedWin10)" /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
FunctionEnd

Function .onVerifyInstDir
  ; never install into (and later uninstall from) the user's data folder
  StrCmp "$INSTDIR" "$LOCALAPPDATA\${APPNAME}" 0 +2
    Abort
FunctionEnd

Function LaunchApp
  SetOutPath "$INSTDIR"
  Exec '"${GUI_EXE}" ${GUI_ARGS}'
FunctionEnd

Section "$(SecApp)" SEC_APP
  SectionIn RO
  SetShellVarContext current
  ${If} "$INSTDIR" == "$LOCALAPPDATA\${APPNAME}"
    MessageBox MB_ICONSTOP|MB_OK "$(NotDataDir)" /SD IDOK
    Abort
  ${EndIf}
  ; an update: remove the previous version's program files first (only if it was ours)
  ${If} ${FileExists} "$INSTDIR\uninstall.exe"
    !include "${UNINSTALL_NSH}"
  ${EndIf}

  !include "${FILES_NSH}"

  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; byte-compile once at install time (the build writes no .pyc: reproducible, and the
  ; user's Python is what matters); failures only cost start-up time, so no abort
  DetailPrint "$(Compiling)"
  nsExec::ExecToLog '"$INSTDIR\Python\python.exe" -P -m compileall -q -q "$INSTDIR\pkgs"'
  Pop $0

  ; Start menu: the GUI, and a console where `trudi-py` works
  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "${GUI_EXE}" "${GUI_ARGS}" \
    "${SHORTCUT_ICON}" 0 SW_SHOWNORMAL "" "$(AppDesc)"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\$(CliName).lnk" "$SYSDIR\cmd.exe" \
    '/k set "PATH=${CLI_DIR};%PATH%" && trudi-py --help' "$SYSDIR\cmd.exe" 0 \
    SW_SHOWNORMAL "" "$(CliName)"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\Uninstall ${APPNAME}.lnk" "$INSTDIR\uninstall.exe"

  ; Apps & features entry (per user)
  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APPNAME} ${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "${SHORTCUT_ICON}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" ${ESTIMATED_SIZE_KB}
SectionEnd

Section "$(SecDesktop)" SEC_DESKTOP
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "${GUI_EXE}" "${GUI_ARGS}" "${SHORTCUT_ICON}" 0 \
    SW_SHOWNORMAL "" "$(AppDesc)"
SectionEnd

; ------------------------------------------------------------------ uninstall
Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  ; only the program files listed at build time; %LOCALAPPDATA%\trudi_py is not touched
  !include "${UNINSTALL_NSH}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$DESKTOP\${APPNAME}.lnk"
  Delete "$SMPROGRAMS\${APPNAME}\*.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
SectionEnd
