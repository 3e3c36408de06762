; Inno Setup 6 script for EduDesk: a per-user setup that needs no administrator rights.
;
; Build dist\edudesk\ first (py installer\build.py runs ISCC itself when it finds it), or:
;   ISCC.exe /DAppVersion=0.1.0 installer\edudesk.iss
; Output: dist\edudesk-<version>-windows-setup.exe
;
; The program goes to %LOCALAPPDATA%\Programs\EduDesk. The data (database, attachments,
; backups, keys, logs) lives in the platformdirs user data folder %LOCALAPPDATA%\EduDesk,
; never in the program folder: an upgrade replaces the program only, and the uninstaller
; asks before it deletes the data folder.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef AppSource
  #define AppSource AddBackslash(SourcePath) + "..\dist\edudesk"
#endif
#ifndef AppIcon
  #define AppIcon AddBackslash(SourcePath) + "..\build\icon\edudesk.ico"
#endif
#define AppName "EduDesk"
#define AppExe "edudesk.exe"
; platformdirs.user_data_dir("EduDesk", appauthor=False) on Windows
#define DataDir "{localappdata}\EduDesk"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{6E0C2B7A-3F4D-4B8E-9A51-ED0DE5C20260}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=EduDesk
DefaultDirName={localappdata}\Programs\EduDesk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
; Qt 6 runs on 64-bit Windows 10 (1809) or later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir={#AddBackslash(SourcePath)}..\dist
OutputBaseFilename=edudesk-{#AppVersion}-windows-setup
#if FileExists(AppIcon)
SetupIconFile={#AppIcon}
#endif
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
CloseApplications=yes
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage

[Languages]
; Vietnamese first: it is the default when Windows speaks neither language.
; Inno Setup ships no Vietnamese.isl; put the user-contributed one in Inno Setup's
; Languages folder for a fully Vietnamese wizard (installer/README.md). Without it the
; wizard's standard texts are the ones overridden in [Messages] below, the rest English.
#if FileExists(CompilerPath + "Languages\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
#else
Name: "vi"; MessagesFile: "compiler:Default.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

#if !FileExists(CompilerPath + "Languages\Vietnamese.isl")
[LangOptions]
vi.LanguageName=Tiếng Việt
vi.LanguageID=$042A

[Messages]
vi.SetupAppTitle=Cài đặt
vi.SetupWindowTitle=Cài đặt - %1
vi.UninstallAppTitle=Gỡ cài đặt
vi.UninstallAppFullTitle=Gỡ cài đặt %1
vi.ButtonBack=< &Quay lại
vi.ButtonNext=&Tiếp >
vi.ButtonInstall=&Cài đặt
vi.ButtonOK=Đồng ý
vi.ButtonCancel=Hủy
vi.ButtonYes=&Có
vi.ButtonNo=&Không
vi.ButtonFinish=&Hoàn tất
vi.ButtonBrowse=&Chọn...
vi.ExitSetupTitle=Thoát cài đặt
vi.ExitSetupMessage=Việc cài đặt chưa xong. Nếu thoát bây giờ, chương trình sẽ không được cài.%n%nBạn có thể chạy lại tệp cài đặt vào lúc khác.%n%nThoát cài đặt?
vi.WelcomeLabel1=Chào mừng đến với trình cài đặt [name]
vi.WelcomeLabel2=Trình này sẽ cài [name/ver] cho tài khoản Windows của bạn, không cần quyền quản trị.%n%nNên đóng các chương trình khác trước khi tiếp tục.
vi.WizardSelectDir=Chọn thư mục cài đặt
vi.SelectDirDesc=Cài [name] vào đâu?
vi.SelectDirLabel3=Trình cài đặt sẽ cài [name] vào thư mục dưới đây.
vi.SelectDirBrowseLabel=Bấm Tiếp để tiếp tục. Muốn chọn thư mục khác, bấm Chọn.
vi.WizardSelectTasks=Chọn tác vụ bổ sung
vi.SelectTasksDesc=Cần làm thêm những việc gì?
vi.SelectTasksLabel2=Chọn các tác vụ bổ sung khi cài [name], rồi bấm Tiếp.
vi.WizardReady=Sẵn sàng cài đặt
vi.ReadyLabel1=Trình cài đặt đã sẵn sàng cài [name] vào máy.
vi.ReadyLabel2a=Bấm Cài đặt để bắt đầu, hoặc Quay lại để xem lại hay thay đổi lựa chọn.
vi.WizardInstalling=Đang cài đặt
vi.InstallingLabel=Vui lòng chờ trong khi [name] được cài vào máy.
vi.FinishedHeadingLabel=Đã cài xong [name]
vi.FinishedLabelNoIcons=[name] đã được cài vào máy.
vi.FinishedLabel=[name] đã được cài vào máy. Có thể mở chương trình bằng các lối tắt đã tạo.
vi.ClickFinish=Bấm Hoàn tất để đóng trình cài đặt.
vi.ConfirmUninstall=Gỡ hoàn toàn %1 khỏi máy?
vi.UninstallStatusLabel=Vui lòng chờ trong khi %1 được gỡ khỏi máy.
vi.UninstalledAll=%1 đã được gỡ khỏi máy.
vi.UninstalledMost=Đã gỡ xong %1.%n%nMột số mục không xóa được, có thể xóa bằng tay.
vi.AdditionalIcons=Lối tắt bổ sung:
vi.StatusExtractFiles=Đang chép tệp...
vi.StatusCreateIcons=Đang tạo lối tắt...
vi.StatusUninstalling=Đang gỡ %1...
#endif

[CustomMessages]
vi.DesktopIcon=Tạo lối tắt trên màn hình nền
en.DesktopIcon=Create a desktop shortcut
vi.LaunchApp=Mở EduDesk
en.LaunchApp=Start EduDesk
vi.UninstallApp=Gỡ cài đặt EduDesk
en.UninstallApp=Uninstall EduDesk
vi.AppComment=Theo dõi kế hoạch, nhiệm vụ và báo cáo của ngành giáo dục
en.AppComment=Task and report tracking for education offices
vi.AskDeleteData=Có xóa luôn thư mục dữ liệu của EduDesk không?%n%n%1%n%nThư mục này chứa cơ sở dữ liệu, tệp minh chứng, bản sao lưu và khóa của đơn vị. Nếu xóa, các dữ liệu đó mất hẳn và không khôi phục được.%n%nChọn "Không" để giữ lại (nên giữ nếu sẽ cài lại EduDesk).
en.AskDeleteData=Also delete the EduDesk data folder?%n%n%1%n%nIt holds the database, evidence files, backups and the office's keys. Deleted, they are gone for good.%n%nChoose "No" to keep it (keep it if EduDesk will be installed again).

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"

[InstallDelete]
; An upgrade starts from a clean program folder, so no file of the old version stays behind.
; The data is elsewhere ({#DataDir}) and is not touched.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#AppSource}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\EduDesk"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{group}\{cm:UninstallApp}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\EduDesk"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

[Code]
// After the program is removed: ask (default No) before deleting the data folder.
// A silent uninstall never deletes data.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Data: String;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  Data := ExpandConstant('{#DataDir}');
  if not DirExists(Data) or UninstallSilent then
    exit;
  if MsgBox(FmtMessage(CustomMessage('AskDeleteData'), [Data]), mbConfirmation,
            MB_YESNO or MB_DEFBUTTON2) = IDYES then
    DelTree(Data, True, True, True);
end;
