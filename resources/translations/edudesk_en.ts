<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
  <context>
    <name>AdminPage</name>
    <message>
      <location filename="../../ui/pages/accounts/admin.py" line="33" />
      <source>Tài khoản</source>
      <translation>Accounts</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/admin.py" line="35" />
      <source>Nhật ký thao tác</source>
      <translation>Activity log</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/admin.py" line="36" />
      <source>Thiết lập</source>
      <translation>Settings</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/admin.py" line="38" />
      <source>Sao lưu và kiểm tra</source>
      <translation>Backup and check</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/admin.py" line="40" />
      <source>Quản trị</source>
      <translation>Administration</translation>
    </message>
  </context>
  <context>
    <name>AssignDialog</name>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="175" />
      <source>Giao nhiệm vụ: %s</source>
      <translation>Assign task: %s</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="179" />
      <source>Tìm đơn vị theo tên hoặc mã, không cần dấu</source>
      <translation>Search units by name or code, diacritics optional</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="206" />
      <source>theo văn bản, ví dụ 2023-2024</source>
      <translation>as stated in the document, e.g. 2023-2024</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="208" />
      <source>Vai trò</source>
      <translation>Role</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="209" />
      <source>Hạn hoàn thành</source>
      <translation>Due date</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="210" />
      <source>Chu kỳ</source>
      <translation>Frequency</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="211" />
      <source>Năm học của các kỳ</source>
      <translation>School year of the rounds</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="212" />
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="213" />
      <source>Cả nhóm đơn vị:</source>
      <translation>Entire unit groups:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="215" />
      <source>Hoặc chọn từng đơn vị:</source>
      <translation>Or choose individual units:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="220" />
      <source>Giao việc</source>
      <translation>Assign</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="246" />
      <source>{n} đơn vị đã chọn</source>
      <translation>{n} units chosen</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="256" />
      <source>… và {n} đơn vị khác</source>
      <translation>… and {n} more units</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="259" />
      <source>Giao cho {n} đơn vị:</source>
      <translation>Assign to {n} units:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="261" />
      <source>Cả nhóm: {groups}</source>
      <translation>Whole groups: {groups}</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="263" />
      <source>Vai trò: {role}; hạn: {due}</source>
      <translation>Role: {role}; due: {due}</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="264" />
      <source>không có</source>
      <translation>none</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="269" />
      <source>Hãy chọn ít nhất một đơn vị hoặc một nhóm.</source>
      <translation>Choose at least one unit or group.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="271" />
      <source>Xác nhận giao việc</source>
      <translation>Confirm the assignment</translation>
    </message>
  </context>
  <context>
    <name>AssignmentsTab</name>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="213" />
      <source>Mọi cấp học</source>
      <translation>All school levels</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="214" />
      <source>Chỉ việc quá hạn</source>
      <translation>Overdue only</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="217" />
      <source>Bỏ lọc nhiệm vụ</source>
      <translation>Clear task filter</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="220" />
      <source>Cập nhật tiến độ…</source>
      <translation>Update progress…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="221" />
      <source>Hủy giao</source>
      <translation>Cancel assignment</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="241" />
      <source>Cập nhật tiến độ</source>
      <translation>Update progress</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="246" />
      <location filename="../../ui/pages/plans/work.py" line="251" />
      <source>Hủy giao việc</source>
      <translation>Cancel assignments</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="247" />
      <source>Hủy {n} việc đã chọn. Lý do (ghi vào nhật ký):</source>
      <translation>Cancel {n} selected assignments. Reason (recorded in the log):</translation>
    </message>
  </context>
  <context>
    <name>AuditTab</name>
    <message>
      <location filename="../../ui/pages/accounts/audit.py" line="23" />
      <source>Nhật ký thao tác</source>
      <translation>Activity log</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/audit.py" line="32" />
      <source>Chọn một dòng để xem giá trị trước và sau khi sửa.</source>
      <translation>Select a row to see the values before and after the change.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/audit.py" line="40" />
      <source>Mọi thao tác ghi dữ liệu đều được ghi lại; nhật ký không sửa được.</source>
      <translation>Every data change is recorded; the log cannot be edited.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/audit.py" line="64" />
      <source>Trước:
{before}

Sau:
{after}</source>
      <translation>Before:
{before}

After:
{after}</translation>
    </message>
  </context>
  <context>
    <name>BackupTab</name>
    <message>
      <location filename="../../ui/pages/operations.py" line="61" />
      <source>Kết quả kiểm tra dữ liệu hiện ở đây.</source>
      <translation>Data check results appear here.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="63" />
      <source>Sao lưu ra USB / thư mục…</source>
      <translation>Back up to USB / folder…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="64" />
      <source>Khôi phục từ bản sao lưu…</source>
      <translation>Restore from backup…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="65" />
      <location filename="../../ui/pages/operations.py" line="205" />
      <source>Kiểm tra dữ liệu</source>
      <translation>Check data</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="71" />
      <source>Bản sao lưu tự động (khi đóng chương trình, trước khi nâng cấp và trước khi nhận gói đồng bộ):</source>
      <translation>Automatic backups (on closing the application, before upgrading and before receiving a sync bundle):</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="117" />
      <source>Bản sao lưu EduDesk (*.{suffix})</source>
      <translation>EduDesk backup (*.{suffix})</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="96" />
      <source>Chưa từng sao lưu ra thiết bị ngoài.</source>
      <translation>Never backed up to an external device.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="98" />
      <source>Lần sao lưu ra thiết bị ngoài gần nhất cách đây {days} ngày.</source>
      <translation>The last backup to an external device was {days} days ago.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="102" />
      <source>Hãy sao lưu ra USB ngay hôm nay.</source>
      <translation>Back up to a USB stick today.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="106" />
      <source>Đã sao lưu ra thiết bị ngoài {days} ngày trước.</source>
      <translation>Backed up to an external device {days} days ago.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="116" />
      <location filename="../../ui/pages/operations.py" line="130" />
      <location filename="../../ui/pages/operations.py" line="132" />
      <source>Sao lưu</source>
      <translation>Backup</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="127" />
      <source>Đã sao lưu và kiểm tra: {path}</source>
      <translation>Backed up and verified: {path}</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="138" />
      <location filename="../../ui/pages/operations.py" line="158" />
      <source>Mật khẩu sao lưu</source>
      <translation>Backup passphrase</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="140" />
      <source>Mật khẩu sao lưu (ít nhất {n} ký tự): khóa đồng bộ của đơn vị được đưa vào bản sao lưu, mã hóa bằng mật khẩu này.
Để trống: bản sao lưu không có khóa (khôi phục ở máy mới thì phải tạo khóa mới và gửi cho các đơn vị kết nối).</source>
      <translation>Backup passphrase (at least {n} characters): the office's sync key goes into the backup, encrypted with it.
Leave it empty: the backup holds no key (restored on a new PC, a new key must be made and given to the connected offices).</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="146" />
      <source>Sao lưu không kèm khóa đồng bộ của đơn vị?</source>
      <translation>Back up without the office's sync key?</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="148" />
      <source>Nhập lại mật khẩu sao lưu:</source>
      <translation>Type the backup passphrase again:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="153" />
      <source>Hai lần nhập mật khẩu không khớp; chưa sao lưu gì.</source>
      <translation>The two passphrases differ; nothing was backed up.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="159" />
      <source>Bản sao lưu có khóa đồng bộ của đơn vị. Mật khẩu sao lưu để lấy lại khóa
(để trống: không lấy khóa, giữ khóa đang có trên máy):</source>
      <translation>The backup holds the office's sync key. Backup passphrase to take the key back
(empty: leave the key, keep the one on this PC):</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="166" />
      <source>Chọn bản sao lưu</source>
      <translation>Choose backup</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="167" />
      <source>Bản sao lưu EduDesk (*.sqlite *.db *.edudesk);;Mọi tệp (*)</source>
      <translation>EduDesk backup (*.sqlite *.db *.edudesk);;All files (*)</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="195" />
      <source>Đã khôi phục. Dữ liệu cũ được giữ tại: {kept}</source>
      <translation>Restored. The old data is kept at: {kept}</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="199" />
      <source>Đã xóa {n} cơ sở dữ liệu cũ hơn do các lần khôi phục trước để lại: {names}.</source>
      <translation>Dropped {n} older databases left by earlier restores: {names}.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="201" />
      <source>Hãy mở lại EduDesk.</source>
      <translation>Please open EduDesk again.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="170" />
      <location filename="../../ui/pages/operations.py" line="179" />
      <location filename="../../ui/pages/operations.py" line="183" />
      <location filename="../../ui/pages/operations.py" line="187" />
      <source>Khôi phục</source>
      <translation>Restore</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="174" />
      <source>Bản sao lưu của {office} ({code}) đã được kiểm tra.

Khôi phục sẽ thay toàn bộ dữ liệu hiện tại; dữ liệu hiện tại được giữ lại thành một tệp bên cạnh. EduDesk sẽ đóng sau khi khôi phục. Tiếp tục?</source>
      <translation>The backup of {office} ({code}) has been verified.

Restoring will replace all current data; the current data will be kept as a separate file alongside it. EduDesk will close after the restore. Continue?</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="210" />
      <source>Kết quả: dữ liệu toàn vẹn.</source>
      <translation>Result: data is intact.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="210" />
      <source>Kết quả: PHÁT HIỆN VẤN ĐỀ.</source>
      <translation>Result: PROBLEMS FOUND.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/operations.py" line="213" />
      <source>đạt</source>
      <translation>passed</translation>
    </message>
  </context>
  <context>
    <name>BookDialog</name>
    <message>
      <location filename="../../ui/dialogs/register.py" line="243" />
      <source>In sổ đăng ký văn bản</source>
      <translation>Print a document register</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="246" />
      <source>Sổ đăng ký văn bản đến</source>
      <translation>Register of incoming documents</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="247" />
      <source>Sổ đăng ký văn bản đi</source>
      <translation>Register of outgoing documents</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="252" />
      <source>PDF (in ký)</source>
      <translation>PDF (for signing)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="252" />
      <source>Word</source>
      <translation>Word</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="253" />
      <source>Excel</source>
      <translation>Excel</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="256" />
      <source>Sổ:</source>
      <translation>Register:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="257" />
      <source>Từ ngày:</source>
      <translation>From:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="258" />
      <source>Đến ngày:</source>
      <translation>To:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="259" />
      <source>Định dạng:</source>
      <translation>Format:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="262" />
      <source>In sổ</source>
      <translation>Print register</translation>
    </message>
  </context>
  <context>
    <name>CellEditor</name>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="95" />
      <source>Có</source>
      <translation>Yes</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="95" />
      <source>Không</source>
      <translation>No</translation>
    </message>
  </context>
  <context>
    <name>ChangePasswordDialog</name>
    <message>
      <location filename="../../ui/dialogs/accounts/password.py" line="19" />
      <location filename="../../ui/dialogs/accounts/password.py" line="31" />
      <source>Đổi mật khẩu</source>
      <translation>Change password</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/password.py" line="27" />
      <source>Mật khẩu hiện tại:</source>
      <translation>Current password:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/password.py" line="28" />
      <source>Mật khẩu mới:</source>
      <translation>New password:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/password.py" line="29" />
      <source>Nhập lại mật khẩu mới:</source>
      <translation>Confirm new password:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/password.py" line="30" />
      <source>Đăng xuất</source>
      <translation>Log out</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/password.py" line="34" />
      <source>Mật khẩu này do quản trị viên đặt. Hãy chọn mật khẩu của riêng bạn trước khi làm việc.</source>
      <translation>An administrator set this password. Choose your own before you start working.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/password.py" line="52" />
      <source>Hai lần nhập mật khẩu mới không giống nhau.</source>
      <translation>The new passwords do not match.</translation>
    </message>
  </context>
  <context>
    <name>DataTable</name>
    <message>
      <location filename="../../ui/widgets.py" line="52" />
      <source>Tìm (gõ không dấu cũng được)…</source>
      <translation>Search (diacritics optional)…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets.py" line="60" />
      <location filename="../../ui/widgets.py" line="204" />
      <location filename="../../ui/widgets.py" line="217" />
      <source>Xuất Excel</source>
      <translation>Export to Excel</translation>
    </message>
    <message>
      <location filename="../../ui/widgets.py" line="189" />
      <source>Đang tìm…</source>
      <translation>Searching…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets.py" line="192" />
      <source>{n} dòng</source>
      <translation>{n} rows</translation>
    </message>
  </context>
  <context>
    <name>DocumentDialog</name>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="101" />
      <source>Sửa văn bản</source>
      <translation>Edit document</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="101" />
      <source>Thêm văn bản</source>
      <translation>Add document</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="112" />
      <source>Loại văn bản</source>
      <translation>Document type</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="117" />
      <source>Ngày ban hành</source>
      <translation>Issue date</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="118" />
      <source>Trích yếu</source>
      <translation>Subject</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="121" />
      <source>Lưu</source>
      <translation>Save</translation>
    </message>
  </context>
  <context>
    <name>DocumentsTab</name>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="51" />
      <location filename="../../ui/pages/plans/page.py" line="148" />
      <source>Văn bản</source>
      <translation>Documents</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="55" />
      <source>Nhập từ tệp…</source>
      <translation>Import from file…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="56" />
      <source>Dán văn bản…</source>
      <translation>Paste document…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="57" />
      <source>Thêm thủ công</source>
      <translation>Add manually</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="58" />
      <source>Sửa</source>
      <translation>Edit</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="59" />
      <source>Xóa</source>
      <translation>Delete</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="60" />
      <source>Xem nhiệm vụ</source>
      <translation>View tasks</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="79" />
      <source>Chọn kế hoạch, chỉ thị, công văn</source>
      <translation>Choose a plan, directive or official letter</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="84" />
      <source>Đọc văn bản</source>
      <translation>Read document</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="93" />
      <location filename="../../ui/pages/plans/page.py" line="98" />
      <source>Dán văn bản</source>
      <translation>Paste document</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="94" />
      <source>Dán toàn bộ nội dung kế hoạch hoặc chỉ thị:</source>
      <translation>Paste the full text of the plan or directive:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="105" />
      <source>Văn bản đã nhập</source>
      <translation>Document already imported</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="106" />
      <source>Tệp {file} đã được nhập trước đây (văn bản «{title}»); không nhập lại.</source>
      <translation>The file {file} was imported before (document “{title}”); it is not imported again.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="118" />
      <source>Thêm văn bản</source>
      <translation>Add document</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="126" />
      <source>Sửa văn bản</source>
      <translation>Edit document</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="133" />
      <source>Xóa văn bản {ref}, cùng mọi nhiệm vụ và việc đã giao của nó? Thao tác được ghi vào nhật ký.</source>
      <translation>Delete document {ref} together with all its tasks and assignments? This action is recorded in the log.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="135" />
      <location filename="../../ui/pages/plans/page.py" line="137" />
      <source>Xóa văn bản</source>
      <translation>Delete document</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="148" />
      <source>Hãy chọn một văn bản trong bảng.</source>
      <translation>Please select a document in the table.</translation>
    </message>
  </context>
  <context>
    <name>EmptyPage</name>
    <message>
      <location filename="../../ui/pages/empty.py" line="19" />
      <source>Trang này chưa có trong phiên bản này của EduDesk.</source>
      <translation>This page is not yet available in this version of EduDesk.</translation>
    </message>
  </context>
  <context>
    <name>FirstRunDialog</name>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="46" />
      <source>Chào mừng đến với EduDesk</source>
      <translation>Welcome to EduDesk</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="48" />
      <source>Chưa có dữ liệu tại &lt;b&gt;{path}&lt;/b&gt;. Bạn muốn bắt đầu thế nào?</source>
      <translation>There is no data at &lt;b&gt;{path}&lt;/b&gt; yet. How would you like to start?</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="52" />
      <source>Tạo cơ sở dữ liệu cho đơn vị của tôi</source>
      <translation>Create a database for my unit</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="54" />
      <source>Mở huyện mẫu để dùng thử (có sẵn trường, kế hoạch, nhiệm vụ)</source>
      <translation>Open a sample district to try it out (with schools, plans and tasks)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="56" />
      <source>Mở gói khởi tạo từ Phòng GD&amp;ĐT</source>
      <translation>Open a setup bundle from the district office</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="65" />
      <source>Bắt đầu</source>
      <translation>Start</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="65" />
      <source>Thoát</source>
      <translation>Exit</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="73" />
      <source>Phòng Giáo dục và Đào tạo</source>
      <translation>District Education and Training Office</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="74" />
      <source>Trường học</source>
      <translation>Schools</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="75" />
      <source>Sở Giáo dục và Đào tạo</source>
      <translation>Provincial Department of Education and Training</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="78" />
      <source>ví dụ: PGD-CC</source>
      <translation>e.g. PGD-CC</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="80" />
      <source>ví dụ: Phòng Giáo dục và Đào tạo huyện Củ Chi</source>
      <translation>e.g. Củ Chi District Education and Training Office</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="88" />
      <source>Loại đơn vị:</source>
      <translation>Unit type:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="89" />
      <source>Mã đơn vị:</source>
      <translation>Unit code:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="90" />
      <source>Tên đơn vị:</source>
      <translation>Unit name:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="91" />
      <source>Cơ quan cấp trên:</source>
      <translation>Superior authority:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="92" />
      <location filename="../../ui/dialogs/accounts/first_run.py" line="120" />
      <source>Tài khoản quản trị:</source>
      <translation>Administrator account:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="93" />
      <location filename="../../ui/dialogs/accounts/first_run.py" line="121" />
      <source>Mật khẩu:</source>
      <translation>Password:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="94" />
      <location filename="../../ui/dialogs/accounts/first_run.py" line="122" />
      <source>Nhập lại mật khẩu:</source>
      <translation>Confirm password:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="100" />
      <source>tệp .edusync Phòng GD&amp;ĐT gửi (USB hoặc thư điện tử)</source>
      <translation>.edusync file sent by the district office (USB stick or e-mail)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="102" />
      <source>Chọn tệp…</source>
      <translation>Choose file…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="110" />
      <source>16 ký tự Phòng GD&amp;ĐT đọc qua điện thoại, ví dụ ABCD-EFGH-JKMN-PQRT</source>
      <translation>16 characters the district office reads by phone, e.g. ABCD-EFGH-JKMN-PQRT</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="117" />
      <source>Gói khởi tạo:</source>
      <translation>Setup bundle:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="119" />
      <source>Mã khởi tạo:</source>
      <translation>Setup code:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="126" />
      <source>Mở gói khởi tạo</source>
      <translation>Open a setup bundle</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="127" />
      <source>Gói EduDesk (*.edusync)</source>
      <translation>EduDesk bundle (*.edusync)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="144" />
      <source>Gói khởi tạo &lt;b&gt;{office}&lt;/b&gt; do &lt;b&gt;{parent}&lt;/b&gt; gửi.&lt;br&gt;Dấu vân tay khóa của Phòng: &lt;b&gt;{fingerprint}&lt;/b&gt; — gọi điện cho Phòng để đối chiếu.</source>
      <translation>Setup bundle for &lt;b&gt;{office}&lt;/b&gt; sent by &lt;b&gt;{parent}&lt;/b&gt;.&lt;br&gt;The office's key fingerprint: &lt;b&gt;{fingerprint}&lt;/b&gt; — call the office to compare it.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="164" />
      <source>Đăng nhập bằng admin, lanhdao, chuyenvien1 hoặc th001; mật khẩu Demo-2026.</source>
      <translation>Log in as admin, lanhdao, chuyenvien1 or th001; password Demo-2026.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="168" />
      <source>Số trường:</source>
      <translation>Number of schools:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="198" />
      <source>Hãy chọn tệp gói khởi tạo (.edusync) mà Phòng GD&amp;ĐT đã gửi.</source>
      <translation>Choose the setup bundle file (.edusync) the district office sent.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="217" />
      <source>Cần nhập mã và tên đơn vị.</source>
      <translation>Unit code and name are required.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/first_run.py" line="223" />
      <source>Hai lần nhập mật khẩu không khớp.</source>
      <translation>The passwords do not match.</translation>
    </message>
  </context>
  <context>
    <name>HandlingDialog</name>
    <message>
      <location filename="../../ui/dialogs/register.py" line="159" />
      <source>Phiếu giải quyết văn bản đến</source>
      <translation>Handling slip of an incoming document</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="161" />
      <source>Văn bản đến số {n}: {subject}</source>
      <translation>Incoming document no. {n}: {subject}</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="165" />
      <source>Ý kiến chỉ đạo của lãnh đạo</source>
      <translation>The head's instruction</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="178" />
      <source>Ý kiến:</source>
      <translation>Opinion:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="179" />
      <source>Chủ trì:</source>
      <translation>Lead:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="180" />
      <source>Phối hợp:</source>
      <translation>Support:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="181" />
      <source>Hạn giải quyết:</source>
      <translation>Deadline:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="186" />
      <source>Ghi phiếu</source>
      <translation>Save slip</translation>
    </message>
  </context>
  <context>
    <name>IncomingDialog</name>
    <message>
      <location filename="../../ui/dialogs/register.py" line="64" />
      <source>Vào sổ văn bản đến</source>
      <translation>Register an incoming document</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="70" />
      <source>ví dụ 123/KH-UBND</source>
      <translation>e.g. 123/KH-UBND</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="75" />
      <source>Thường</source>
      <translation>Normal</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="76" />
      <source>Không</source>
      <translation>No</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="79" />
      <source>Lãnh đạo (bất kỳ)</source>
      <translation>A head (any)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="83" />
      <source>Chưa chọn tệp (văn bản giấy)</source>
      <translation>No file chosen (paper document)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="84" />
      <source>Chọn tệp…</source>
      <translation>Choose file…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="86" />
      <source>Lưu thành kế hoạch (nhiệm vụ, giao việc) như khi nhập kế hoạch</source>
      <translation>Also save it as a plan (tasks, assignments), as importing a plan does</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="100" />
      <source>Tệp nhận được:</source>
      <translation>File received:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="102" />
      <source>Ngày đến:</source>
      <translation>Arrival date:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="103" />
      <source>Cơ quan ban hành:</source>
      <translation>Issuing authority:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="104" />
      <source>Số, ký hiệu:</source>
      <translation>Number and symbol:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="105" />
      <source>Ngày văn bản:</source>
      <translation>Document date:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="106" />
      <source>Loại văn bản:</source>
      <translation>Document type:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="107" />
      <source>Trích yếu:</source>
      <translation>Subject:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="108" />
      <source>Độ khẩn:</source>
      <translation>Urgency:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="109" />
      <source>Độ mật:</source>
      <translation>Confidentiality:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="110" />
      <source>Đơn vị, người nhận:</source>
      <translation>Sent to:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="111" />
      <source>Người cho ý kiến:</source>
      <translation>Opinion by:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="112" />
      <source>Ghi chú:</source>
      <translation>Note:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="117" />
      <source>Vào sổ</source>
      <translation>Register</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="120" />
      <source>Chọn văn bản đến</source>
      <translation>Choose the incoming document</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="121" />
      <source>Văn bản (*.docx *.pdf *.txt);;Mọi tệp (*)</source>
      <translation>Documents (*.docx *.pdf *.txt);;All files (*)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="141" />
      <source>Đọc từ tệp; hãy kiểm tra lại.</source>
      <translation>Read from the file; please check.</translation>
    </message>
  </context>
  <context>
    <name>IncomingTab</name>
    <message>
      <location filename="../../ui/pages/register.py" line="88" />
      <source>Vào sổ văn bản đến…</source>
      <translation>Register incoming…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="89" />
      <source>Vào sổ từ tệp…</source>
      <translation>Register from a file…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="90" />
      <source>Cho ý kiến giải quyết…</source>
      <translation>Give handling instruction…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="91" />
      <source>In phiếu giải quyết…</source>
      <translation>Print handling slip…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="92" />
      <location filename="../../ui/pages/register.py" line="150" />
      <source>Mở tệp văn bản</source>
      <translation>Open document file</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="100" />
      <location filename="../../ui/pages/register.py" line="104" />
      <source>Vào sổ văn bản đến</source>
      <translation>Register an incoming document</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="105" />
      <source>Đã vào sổ: số đến {n}.</source>
      <translation>Registered: arrival number {n}.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="110" />
      <source>Chọn văn bản đến</source>
      <translation>Choose the incoming document</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="111" />
      <source>Văn bản (*.docx *.pdf *.txt);;Mọi tệp (*)</source>
      <translation>Documents (*.docx *.pdf *.txt);;All files (*)</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="135" />
      <location filename="../../ui/pages/register.py" line="138" />
      <location filename="../../ui/pages/register.py" line="141" />
      <source>In phiếu giải quyết</source>
      <translation>Print handling slip</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="136" />
      <source>Văn bản này chưa có phiếu giải quyết.</source>
      <translation>This document has no handling slip yet.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="150" />
      <source>Văn bản này không có tệp lưu kèm.</source>
      <translation>No file is kept with this document.</translation>
    </message>
  </context>
  <context>
    <name>IndicatorsPage</name>
    <message>
      <location filename="../../ui/pages/reporting/indicators.py" line="63" />
      <source>Tạo chỉ tiêu từ kế hoạch…</source>
      <translation>Create indicators from plan…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/indicators.py" line="67" />
      <source>Giá trị = tổng tử số của các đơn vị đã nộp báo cáo / tổng mẫu số (không lấy trung bình tỉ lệ của từng trường).</source>
      <translation>Value = sum of numerators of the units that submitted reports / sum of denominators (school rates are not averaged).</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/indicators.py" line="73" />
      <source>Kỳ báo cáo:</source>
      <translation>Reporting round:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/indicators.py" line="120" />
      <source>Toàn đơn vị</source>
      <translation>Whole unit</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/indicators.py" line="121" />
      <source>Đạt</source>
      <translation>Met</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/indicators.py" line="121" />
      <source>Chưa đạt</source>
      <translation>Not met</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/indicators.py" line="116" />
      <source>Chưa có kỳ báo cáo nào: chỉ tiêu được tính từ báo cáo của các trường.</source>
      <translation>No reporting rounds yet: indicators are calculated from school reports.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/indicators.py" line="135" />
      <source>Chọn kế hoạch</source>
      <translation>Choose plan</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/indicators.py" line="135" />
      <source>Kế hoạch:</source>
      <translation>Plan:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/indicators.py" line="71" />
      <location filename="../../ui/pages/reporting/indicators.py" line="141" />
      <location filename="../../ui/pages/reporting/indicators.py" line="146" />
      <location filename="../../ui/pages/reporting/indicators.py" line="155" />
      <source>Chỉ tiêu</source>
      <translation>Indicators</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/indicators.py" line="146" />
      <source>Kế hoạch không nêu chỉ tiêu nào.</source>
      <translation>The plan lists no indicators.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/indicators.py" line="149" />
      <source>Chọn chỉ tiêu</source>
      <translation>Choose indicator</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/indicators.py" line="149" />
      <source>Chỉ tiêu của kế hoạch:</source>
      <translation>Plan indicators:</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../../ui/dialogs/accounts/login.py" line="23" />
      <source>Mở khóa EduDesk</source>
      <translation>Unlock EduDesk</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/login.py" line="23" />
      <source>Đăng nhập EduDesk</source>
      <translation>Log in to EduDesk</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/login.py" line="32" />
      <source>Tên đăng nhập:</source>
      <translation>Username:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/login.py" line="33" />
      <source>Mật khẩu:</source>
      <translation>Password:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/login.py" line="35" />
      <source>Đăng nhập</source>
      <translation>Log in</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/login.py" line="35" />
      <source>Thoát</source>
      <translation>Exit</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/login.py" line="35" />
      <source>Hủy</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../ui/main_window.py" line="191" />
      <source>&amp;Đi đến</source>
      <translation>&amp;Go to</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="197" />
      <source>&amp;Tài khoản</source>
      <translation>&amp;Account</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="198" />
      <source>Đổi mật khẩu…</source>
      <translation>Change password…</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="199" />
      <location filename="../../ui/main_window.py" line="253" />
      <source>Ngôn ngữ giao diện</source>
      <translation>Interface language</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="205" />
      <source>Khóa màn hình</source>
      <translation>Lock screen</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="206" />
      <source>Đăng xuất</source>
      <translation>Log out</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="208" />
      <source>Thoát</source>
      <translation>Exit</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="209" />
      <source>Trợ &amp;giúp</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="210" />
      <location filename="../../ui/main_window.py" line="277" />
      <source>Giới thiệu EduDesk</source>
      <translation>About EduDesk</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="226" />
      <source>Người dùng: {who} ({role})</source>
      <translation>User: {who} ({role})</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="272" />
      <source>Đã đổi mật khẩu.</source>
      <translation>Password changed.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="279" />
      <source>&lt;b&gt;EduDesk {version}&lt;/b&gt;&lt;br&gt;Giao việc, theo dõi nhiệm vụ và báo cáo định kỳ ngành giáo dục, làm việc không cần mạng.&lt;br&gt;Dữ liệu: {db}</source>
      <translation>&lt;b&gt;EduDesk {version}&lt;/b&gt;&lt;br&gt;Task assignment, task tracking and periodic reporting for the education sector, working offline.&lt;br&gt;Data: {db}</translation>
    </message>
  </context>
  <context>
    <name>MatrixTab</name>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="270" />
      <source>Trường {level}</source>
      <translation>{level} school</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="271" />
      <source>UBND xã, thị trấn</source>
      <translation>Commune and Township People's Committees</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="272" />
      <source>Phòng, ban, ngành</source>
      <translation>Departments and agencies</translation>
    </message>
  </context>
  <context>
    <name>MyHandlingTab</name>
    <message>
      <location filename="../../ui/pages/register.py" line="237" />
      <source>Số đến</source>
      <translation>Arrival no.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="238" />
      <source>Trích yếu</source>
      <translation>Subject</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="238" />
      <source>Ý kiến chỉ đạo</source>
      <translation>Instruction</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="237" />
      <source>Vai trò</source>
      <translation>Role</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="237" />
      <source>Hạn</source>
      <translation>Due</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="245" />
      <source>Báo đã giải quyết…</source>
      <translation>Report handled…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="261" />
      <source>Chủ trì</source>
      <translation>Lead</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="261" />
      <source>Phối hợp</source>
      <translation>Support</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="262" />
      <source> (quá hạn)</source>
      <translation> (overdue)</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="270" />
      <source>Văn bản</source>
      <translation>Documents</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="270" />
      <source>Hãy chọn một dòng trong bảng.</source>
      <translation>Choose a row in the table first.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="272" />
      <location filename="../../ui/pages/register.py" line="277" />
      <source>Báo đã giải quyết</source>
      <translation>Report handled</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="273" />
      <source>Kết quả giải quyết:</source>
      <translation>Result of the handling:</translation>
    </message>
  </context>
  <context>
    <name>OutgoingDialog</name>
    <message>
      <location filename="../../ui/dialogs/register.py" line="200" />
      <source>Giữ số văn bản đi</source>
      <translation>Reserve an outgoing number</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="200" />
      <source>Vào sổ văn bản đi</source>
      <translation>Register an outgoing document</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="206" />
      <source>để trống: theo loại văn bản, ví dụ BC-PGDĐT</source>
      <translation>blank: from the document type, e.g. BC-PGDĐT</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="210" />
      <source>Mỗi nơi nhận một dòng</source>
      <translation>One recipient per line</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="217" />
      <source>Trích yếu:</source>
      <translation>Subject:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="218" />
      <source>Loại văn bản:</source>
      <translation>Document type:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="219" />
      <source>Ký hiệu:</source>
      <translation>Symbol:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="220" />
      <source>Ngày văn bản:</source>
      <translation>Document date:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="221" />
      <source>Người ký:</source>
      <translation>Signer:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="222" />
      <source>Nơi nhận:</source>
      <translation>Recipients:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="223" />
      <source>Nơi lưu bản:</source>
      <translation>Archive copy:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="224" />
      <source>Số lượng bản:</source>
      <translation>Copies:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="228" />
      <source>Giữ số</source>
      <translation>Reserve number</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/register.py" line="228" />
      <source>Vào sổ</source>
      <translation>Register</translation>
    </message>
  </context>
  <context>
    <name>OutgoingTab</name>
    <message>
      <location filename="../../ui/pages/register.py" line="162" />
      <source>Vào sổ văn bản đi…</source>
      <translation>Register outgoing…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="163" />
      <source>Giữ số…</source>
      <translation>Reserve number…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="164" />
      <source>Bỏ số…</source>
      <translation>Skip number…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="165" />
      <source>Phát hành báo cáo…</source>
      <translation>Issue a report…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="166" />
      <source>In lại bản phát hành…</source>
      <translation>Reprint issued copy…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="177" />
      <source>Số văn bản: {n} ngày {d}.</source>
      <translation>Document number: {n} of {d}.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="188" />
      <source>Bỏ số đang giữ {n}. Lý do (ghi vào sổ):</source>
      <translation>Skip reserved number {n}. Reason (written in the register):</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="189" />
      <source>Bỏ số tiếp theo của sổ văn bản đi. Lý do (ghi vào sổ):</source>
      <translation>Skip the next outgoing number. Reason (written in the register):</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="190" />
      <location filename="../../ui/pages/register.py" line="195" />
      <location filename="../../ui/pages/register.py" line="196" />
      <source>Bỏ số</source>
      <translation>Skip number</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="197" />
      <source>Đã ghi bỏ số {n}.</source>
      <translation>Number {n} recorded as skipped.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="201" />
      <location filename="../../ui/pages/register.py" line="207" />
      <location filename="../../ui/pages/register.py" line="212" />
      <source>Phát hành báo cáo</source>
      <translation>Issue a report</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="202" />
      <source>Báo cáo cần phát hành (lấy số tiếp theo, lưu bản PDF):</source>
      <translation>Report to issue (takes the next number, keeps the PDF):</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="213" />
      <source>Đã phát hành số {n}; bản PDF được lưu trong sổ.</source>
      <translation>Issued as number {n}; the PDF is kept in the register.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="220" />
      <location filename="../../ui/pages/register.py" line="225" />
      <source>In lại</source>
      <translation>Reprint</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="220" />
      <source>Số này không có bản PDF phát hành.</source>
      <translation>This number has no issued PDF.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="222" />
      <source>In lại bản phát hành</source>
      <translation>Reprint the issued copy</translation>
    </message>
  </context>
  <context>
    <name>OverviewPage</name>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="73" />
      <source>Kỳ báo cáo</source>
      <translation>Reporting round</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="73" />
      <source>Hạn nộp</source>
      <translation>Due date</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="73" />
      <source>Đã nộp</source>
      <translation>Submitted</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="74" />
      <source>Đúng hạn</source>
      <translation>On time</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="76" />
      <source>Chỉ tiêu</source>
      <translation>Indicators</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="76" />
      <source>Kỳ</source>
      <translation>Round</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="76" />
      <location filename="../../ui/pages/reporting/overview.py" line="199" />
      <source>Mục tiêu</source>
      <translation>Target</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="77" />
      <location filename="../../ui/pages/reporting/overview.py" line="178" />
      <source>Giá trị</source>
      <translation>Value</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="77" />
      <location filename="../../ui/pages/reporting/overview.py" line="146" />
      <source>Đạt</source>
      <translation>Met</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="87" />
      <source>Tổng quan</source>
      <translation>Overview</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="89" />
      <source>Tính đến ngày:</source>
      <translation>As of:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="92" />
      <source>Báo cáo định kỳ: đã nộp và đúng hạn</source>
      <translation>Periodic reports: received and on time</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="94" />
      <source>Chỉ tiêu so với mục tiêu</source>
      <translation>Indicators against their targets</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="106" />
      <source>Nhấn đúp vào một kỳ báo cáo để xem từng đơn vị; chọn một chỉ tiêu để xem theo cấp học.</source>
      <translation>Double-click a reporting round to see each unit; select an indicator to see it by school level.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="119" />
      <source>{n} việc được giao đã quá hạn — xem danh sách</source>
      <translation>{n} assignments are overdue — see the list</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="121" />
      <source>{n} văn bản đến quá hạn giải quyết — xem sổ văn bản đến</source>
      <translation>{n} incoming documents overdue for handling — open the register</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="146" />
      <source>Chưa đạt</source>
      <translation>Not met</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="168" />
      <source>Chưa có chỉ tiêu nào có số liệu.</source>
      <translation>No indicator has figures yet.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/overview.py" line="177" />
      <source>{name}: theo cấp học</source>
      <translation>{name}: by school level</translation>
    </message>
  </context>
  <context>
    <name>PlanReviewDialog</name>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="111" />
      <source>Xem lại văn bản trước khi lưu — %s</source>
      <translation>Review document before saving — %s</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="132" />
      <source>Bỏ các chỉnh sửa?</source>
      <translation>Discard your edits?</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="133" />
      <source>Bạn đã sửa văn bản này nhưng chưa lưu. Đóng và bỏ các chỉnh sửa?</source>
      <translation>You edited this document but did not save. Close and discard the edits?</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="159" />
      <source>Nguyên văn</source>
      <translation>Original text</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/dialogs/plan_import.py" line="163" />
      <location filename="../../ui/dialogs/plan_import.py" line="369" />
      <source>Nhiệm vụ (%n)</source>
      <translation>
        <numerusform>Tasks (%n)</numerusform>
        <numerusform>Tasks (%n)</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="164" />
      <location filename="../../ui/dialogs/plan_import.py" line="250" />
      <source>Chỉ tiêu</source>
      <translation>Indicators</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="172" />
      <source>Lưu văn bản và giao việc</source>
      <translation>Save document and assign</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="174" />
      <source>Hủy</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="185" />
      <source>Bố cục và nhiệm vụ</source>
      <translation>Structure and tasks</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="185" />
      <location filename="../../ui/dialogs/plan_import.py" line="233" />
      <source>Thời hạn</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="185" />
      <location filename="../../ui/dialogs/plan_import.py" line="234" />
      <location filename="../../ui/dialogs/plan_import.py" line="273" />
      <source>Chu kỳ</source>
      <translation>Frequency</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="166" />
      <location filename="../../ui/dialogs/plan_import.py" line="186" />
      <source>Đơn vị</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="165" />
      <source>Hạn báo cáo</source>
      <translation>Report deadlines</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="167" />
      <source>Văn bản</source>
      <translation>Documents</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="195" />
      <source>Thêm nhiệm vụ</source>
      <translation>Add task</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="196" />
      <source>Thêm một nhiệm vụ văn bản có mà chưa nhận ra, sau nhiệm vụ (hoặc vào mục) đang chọn</source>
      <translation>Add a task the document has but the importer missed, after the chosen task (or in the chosen section)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="199" />
      <source>Gộp các nhiệm vụ đã chọn</source>
      <translation>Merge selected tasks</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="200" />
      <source>Tách tại dòng con trỏ</source>
      <translation>Split at cursor line</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="201" />
      <source>Bỏ nhiệm vụ</source>
      <translation>Remove task</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="215" />
      <source>dd/mm/yyyy hoặc để trống</source>
      <translation>dd/mm/yyyy or leave blank</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="220" />
      <source>Đơn vị (như văn bản ghi)</source>
      <translation>Unit (as written in the document)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="220" />
      <source>Vai trò</source>
      <translation>Role</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="224" />
      <source>Thêm đơn vị</source>
      <translation>Add unit</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="224" />
      <source>Bỏ đơn vị</source>
      <translation>Remove unit</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="231" />
      <source>Tên nhiệm vụ</source>
      <translation>Task name</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="232" />
      <source>Nội dung</source>
      <translation>Content</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="235" />
      <source>Đơn vị thực hiện</source>
      <translation>Implementing unit</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="250" />
      <source>So sánh</source>
      <translation>Compare</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="250" />
      <source>Giá trị</source>
      <translation>Value</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="251" />
      <source>Đơn vị tính</source>
      <translation>Unit of measure</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="251" />
      <source>Năm</source>
      <translation>Year</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="251" />
      <source>Cấp học</source>
      <translation>School level</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="259" />
      <source>Thêm chỉ tiêu</source>
      <translation>Add target</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="260" />
      <source>Bỏ chỉ tiêu đã chọn</source>
      <translation>Remove selected indicator</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="267" />
      <source>Các hạn văn bản đặt ra (báo cáo, nộp, hoàn thành). Sơ kết, tổng kết có ngày sẽ thành kỳ báo cáo.</source>
      <translation>The deadlines the document sets (reports, submissions, completion). Dated semester and year-end reviews become reporting rounds.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="272" />
      <source>Ngày</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="272" />
      <source>Việc phải làm, nộp</source>
      <translation>What is due</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="281" />
      <source>Thêm hạn báo cáo</source>
      <translation>Add deadline</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="282" />
      <source>Bỏ hạn đã chọn</source>
      <translation>Remove selected deadlines</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="290" />
      <source>Mỗi đơn vị văn bản nêu tên được giao việc theo vai trò của nó. Gợi ý tìm theo tên, không phân biệt dấu.</source>
      <translation>Each unit named in the document is assigned according to its role. Suggestions match by name, ignoring diacritics.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="296" />
      <source>Tên trong văn bản</source>
      <translation>Name in document</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="296" />
      <source>Loại</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="296" />
      <source>Giao cho</source>
      <translation>Assign to</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="310" />
      <source>Loại văn bản</source>
      <translation>Document type</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="363" />
      <source>Nhiệm vụ khác</source>
      <translation>Other tasks</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="416" />
      <source>(chưa có tên)</source>
      <translation>(no title)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="420" />
      <source>(phối hợp)</source>
      <translation>(support)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="538" />
      <source>Ngày không hợp lệ; ghi dạng 20/9/2023.</source>
      <translation>Invalid date; use the format 20/9/2023.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="593" />
      <source>Hãy chọn ít nhất hai nhiệm vụ (giữ Ctrl khi bấm) để gộp.</source>
      <translation>Select at least two tasks (hold Ctrl while clicking) to merge.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="603" />
      <source>Nhiệm vụ mới</source>
      <translation>New task</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/dialogs/plan_import.py" line="662" />
      <source>Chỉ tiêu (%n)</source>
      <translation>
        <numerusform>Indicators (%n)</numerusform>
        <numerusform>Indicators (%n)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/dialogs/plan_import.py" line="736" />
      <source>Hạn báo cáo (%n)</source>
      <translation>
        <numerusform>Report deadlines (%n)</numerusform>
        <numerusform>Report deadlines (%n)</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="750" />
      <source>Hạn báo cáo %d: ngày «%s» không hợp lệ; ghi dạng 20/9/2023.</source>
      <translation>Report deadline %d: «%s» is not a valid date; write it as 20/9/2023.</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/dialogs/plan_import.py" line="813" />
      <source>Đơn vị (%n)</source>
      <translation>
        <numerusform>Units (%n)</numerusform>
        <numerusform>Units (%n)</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="819" />
      <source>— Không giao —</source>
      <translation>— Not assigned —</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="825" />
      <source>Chọn đơn vị khác…</source>
      <translation>Choose another unit…</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/dialogs/plan_import.py" line="835" />
      <source>%n đơn vị</source>
      <translation>
        <numerusform>%n units</numerusform>
        <numerusform>%n units</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="862" />
      <source>Nhiệm vụ «%s»: thời hạn «%s» không hợp lệ; ghi dạng 20/9/2023.</source>
      <translation>Task «%s»: deadline «%s» is not a valid date; write it as 20/9/2023.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="867" />
      <source>Chỉ tiêu %d chưa ghi giá trị.</source>
      <translation>Target %d has no value.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="869" />
      <source>Chỉ tiêu %d: giá trị «%s» không phải là số.</source>
      <translation>Target %d: value «%s» is not a number.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="882" />
      <source>Đang lưu văn bản…</source>
      <translation>Saving document…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="892" />
      <source>Xem lại văn bản</source>
      <translation>Review document</translation>
    </message>
  </context>
  <context>
    <name>PlansPage</name>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="162" />
      <source>Việc của tôi</source>
      <translation>My work</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="163" />
      <source>Văn bản</source>
      <translation>Documents</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="164" />
      <source>Nhiệm vụ</source>
      <translation>Tasks</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="165" />
      <source>Việc được giao</source>
      <translation>Assignments</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="166" />
      <source>Ma trận nhiệm vụ × đơn vị</source>
      <translation>Task × unit matrix</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="168" />
      <source>Văn bản tôi xử lý</source>
      <translation>Documents I handle</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/page.py" line="170" />
      <source>Kế hoạch &amp; nhiệm vụ</source>
      <translation>Plans &amp; tasks</translation>
    </message>
  </context>
  <context>
    <name>PrintingPage</name>
    <message>
      <location filename="../../ui/pages/printing.py" line="73" />
      <source>để trống: văn thư ghi khi vào sổ</source>
      <translation>leave blank: filled in by the records clerk at registration</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="78" />
      <source>để trống: dựng từ văn bản, kỳ báo cáo</source>
      <translation>leave empty: built from the document or round</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="83" />
      <source>Ký trực tiếp</source>
      <translation>Signs in own name</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="102" />
      <source>Văn bản:</source>
      <translation>Document:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="103" />
      <source>Kỳ báo cáo:</source>
      <translation>Reporting round:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="104" />
      <source>Đơn vị:</source>
      <translation>Unit:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="105" />
      <source>Số văn bản:</source>
      <translation>Document number:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="106" />
      <source>Ngày ký:</source>
      <translation>Signing date:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="107" />
      <source>Trích yếu:</source>
      <translation>Subject:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="108" />
      <source>Cơ quan chủ quản:</source>
      <translation>Governing body:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="109" />
      <source>Cơ quan ban hành:</source>
      <translation>Issuing authority:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="110" />
      <source>Địa danh:</source>
      <translation>Place:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="111" />
      <source>Thẩm quyền ký:</source>
      <translation>Signing authority:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="112" />
      <source>Chức vụ người ký:</source>
      <translation>Signer's position:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="113" />
      <source>Người ký:</source>
      <translation>Signer:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="114" />
      <source>Nơi nhận:</source>
      <translation>Recipients:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="116" />
      <source>Xem trước</source>
      <translation>Preview</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="116" />
      <source>In…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="117" />
      <source>Lưu PDF…</source>
      <translation>Save as PDF…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="118" />
      <source>Lưu Word…</source>
      <translation>Save as Word…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="160" />
      <source>theo thiết lập in</source>
      <translation>from the print settings</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="163" />
      <source>để trống: theo loại văn bản</source>
      <translation>leave empty: by the kind of document</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="126" />
      <source>Loại báo cáo</source>
      <translation>Kind of report</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="136" />
      <source>In ấn &amp; xuất</source>
      <translation>Print &amp; export</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="226" />
      <source>Đang lấy số liệu…</source>
      <translation>Fetching figures…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="229" />
      <source>Đang dựng báo cáo</source>
      <translation>Building report</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="239" />
      <source>{n} trang</source>
      <translation>{n} pages</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="247" />
      <source>Lưu báo cáo</source>
      <translation>Save report</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="252" />
      <source>Đã lưu {path}</source>
      <translation>Saved {path}</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="257" />
      <source>In</source>
      <translation>Print</translation>
    </message>
    <message>
      <location filename="../../ui/pages/printing.py" line="257" />
      <source>Hãy bấm «Xem trước» trước khi in.</source>
      <translation>Click «Preview» before printing.</translation>
    </message>
  </context>
  <context>
    <name>ProgressDialog</name>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="302" />
      <source>Cập nhật tiến độ</source>
      <translation>Update progress</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="323" />
      <source>Thêm tệp minh chứng…</source>
      <translation>Add evidence file…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="323" />
      <source>Bỏ tệp</source>
      <translation>Remove file</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="330" />
      <source>Mỗi tệp tối đa %s MB.</source>
      <translation>Maximum %s MB per file.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="332" />
      <source>Trạng thái</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="333" />
      <source>Tỷ lệ hoàn thành</source>
      <translation>Completion rate</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="334" />
      <source>Ngày cập nhật</source>
      <translation>Updated on</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="335" />
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="336" />
      <source>Minh chứng</source>
      <translation>Evidence</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="339" />
      <source>Lưu tiến độ</source>
      <translation>Save progress</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="346" />
      <source>Chọn tệp minh chứng</source>
      <translation>Choose evidence files</translation>
    </message>
  </context>
  <context>
    <name>RegisterPage</name>
    <message>
      <location filename="../../ui/pages/register.py" line="297" />
      <source>Chờ tôi cho ý kiến</source>
      <translation>Waiting for my decision</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="298" />
      <source>Văn bản đến</source>
      <translation>Incoming</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="299" />
      <source>Văn bản đi</source>
      <translation>Outgoing</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="300" />
      <source>Việc xử lý văn bản của tôi</source>
      <translation>My document handling</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="292" />
      <source>Mọi năm</source>
      <translation>All years</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="301" />
      <source>In sổ…</source>
      <translation>Print register…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="305" />
      <source>Văn bản đến, văn bản đi</source>
      <translation>Incoming and outgoing documents</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="307" />
      <source>Năm:</source>
      <translation>Year:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="346" />
      <location filename="../../ui/pages/register.py" line="356" />
      <source>In sổ</source>
      <translation>Print register</translation>
    </message>
  </context>
  <context>
    <name>ReportForm</name>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="141" />
      <source>Lưu nháp</source>
      <translation>Save draft</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="143" />
      <location filename="../../ui/pages/reporting/form.py" line="386" />
      <location filename="../../ui/pages/reporting/form.py" line="389" />
      <source>Gửi báo cáo</source>
      <translation>Submit report</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="221" />
      <location filename="../../ui/pages/reporting/form.py" line="223" />
      <source>Tình trạng: {status}</source>
      <translation>Status: {status}</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="191" />
      <source>Chỉ xem: báo cáo đã gửi, hoặc không phải của đơn vị bạn.</source>
      <translation>Read only: the report has been submitted, or it is not your unit's.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="213" />
      <source>Phòng nhận xét</source>
      <translation>The office's comment</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="213" />
      <source>Hạn nộp</source>
      <translation>Due</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="226" />
      <source>đã quá hạn nộp</source>
      <translation>past the due date</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="274" />
      <source>Có</source>
      <translation>Yes</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="274" />
      <source>Không</source>
      <translation>No</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="279" />
      <source>từ {n}</source>
      <translation>from {n}</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="281" />
      <source>đến {n}</source>
      <translation>to {n}</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="321" />
      <source>Mọi ô đã đúng.</source>
      <translation>Every cell is right.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="326" />
      <source>{n} ô cần nhập hoặc sửa — nhấn vào một dòng bên trên để đến ô đó.</source>
      <translation>{n} cells to fill in or correct — click a line above to go to the cell.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="367" />
      <source>Đã lưu nháp.</source>
      <translation>Draft saved.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="384" />
      <source>Gửi báo cáo cho Phòng? Sau khi gửi, báo cáo chỉ xem được cho đến khi được trả lại.</source>
      <translation>Submit the report to the Office? Once submitted, the report is read-only until it is returned.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="396" />
      <source>Đã gửi báo cáo.</source>
      <translation>Report submitted.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/form.py" line="359" />
      <source>Chưa lưu được</source>
      <translation>Could not save</translation>
    </message>
  </context>
  <context>
    <name>ReportsPage</name>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="85" />
      <source>Đề cương báo cáo…</source>
      <translation>Report templates…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="91" />
      <source>Tạo kỳ từ hạn báo cáo của kế hoạch…</source>
      <translation>Rounds from a plan's report deadlines…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="106" />
      <source>Mở báo cáo</source>
      <translation>Open report</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="107" />
      <source>Duyệt</source>
      <translation>Approve</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="108" />
      <source>Trả lại…</source>
      <translation>Return…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="109" />
      <source>Lịch sử</source>
      <translation>History</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="159" />
      <source>Chưa có kỳ báo cáo nào. Các kỳ báo cáo đến trong gói đồng bộ của Phòng GD&amp;ĐT (trang Đồng bộ → «Nhập các gói nhận được…»).</source>
      <translation>No reporting round yet. Rounds arrive in the district office's sync bundle (Sync page → “Import received bundles…”).</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="230" />
      <source>trễ</source>
      <translation>late</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="240" />
      <source>{received}/{total} đơn vị đã gửi. Nhấn đúp để mở báo cáo.</source>
      <translation>{received}/{total} units have submitted. Double-click to open a report.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="178" />
      <location filename="../../ui/pages/reporting/reports.py" line="245" />
      <location filename="../../ui/pages/reporting/reports.py" line="255" />
      <location filename="../../ui/pages/reporting/reports.py" line="272" />
      <location filename="../../ui/pages/reporting/reports.py" line="277" />
      <source>Báo cáo</source>
      <translation>Reports</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="80" />
      <source>Kỳ báo cáo</source>
      <translation>Reporting rounds</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="88" />
      <source>Báo cáo định kỳ</source>
      <translation>Periodic reports</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="133" />
      <source>Hạn</source>
      <translation>Due</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="157" />
      <source>Chưa có kỳ báo cáo nào. Bấm «Tạo kỳ từ hạn báo cáo của kế hoạch…» ở trên, sau khi đã nhập một kế hoạch có hạn báo cáo.</source>
      <translation>No reporting round yet. Click “Rounds from a plan's report deadlines…” above, once a plan with report deadlines has been imported.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="179" />
      <source>Một số ô chưa đúng nên bản nháp chưa được lưu. Rời báo cáo và bỏ các thay đổi?</source>
      <translation>Some cells are not right, so the draft was not saved. Leave the report and discard the changes?</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="212" />
      <source>Chọn một báo cáo đơn vị đã gửi, chưa duyệt.</source>
      <translation>Choose a report a unit has sent and that is not yet decided.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="233" />
      <source>quá hạn</source>
      <translation>overdue</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="245" />
      <source>Hãy chọn một đơn vị trong bảng.</source>
      <translation>Please select a unit in the table.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="258" />
      <source>← Về danh sách đơn vị</source>
      <translation>← Back to unit list</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="272" />
      <source>Đơn vị này chưa có báo cáo.</source>
      <translation>This unit has no reports yet.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="298" />
      <source>Trả lại báo cáo</source>
      <translation>Return report</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="299" />
      <source>Nhận xét gửi {unit} (cần sửa gì):</source>
      <translation>Comments to {unit} (what needs fixing):</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="311" />
      <location filename="../../ui/pages/reporting/reports.py" line="320" />
      <location filename="../../ui/pages/reporting/reports.py" line="323" />
      <source>Tạo kỳ báo cáo</source>
      <translation>Create reporting rounds</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="311" />
      <source>Kế hoạch:</source>
      <translation>Plan:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="318" />
      <source>Đã tạo {n} kỳ báo cáo cho các trường.</source>
      <translation>{n} reporting rounds created for the schools.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="319" />
      <source>Các kỳ báo cáo theo hạn của kế hoạch này đã có từ trước.</source>
      <translation>The reporting rounds of this plan's deadlines already exist.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="333" />
      <source>Lịch sử báo cáo — {unit}</source>
      <translation>Report history — {unit}</translation>
    </message>
    <message>
      <location filename="../../ui/pages/reporting/reports.py" line="334" />
      <source>Chưa có sự kiện nào.</source>
      <translation>No events yet.</translation>
    </message>
  </context>
  <context>
    <name>SettingsTab</name>
    <message>
      <location filename="../../ui/pages/accounts/settings.py" line="49" />
      <source>Mỗi dòng một nơi nhận, ví dụ: Như trên;</source>
      <translation>One recipient per line, e.g.: As above;</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/settings.py" line="58" />
      <source>Nơi nhận mặc định:</source>
      <translation>Default recipients:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/settings.py" line="59" />
      <source>Ngôn ngữ giao diện:</source>
      <translation>Interface language:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/settings.py" line="61" />
      <source>Lưu thiết lập</source>
      <translation>Save settings</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/settings.py" line="68" />
      <source>Các thông tin này được dùng làm mặc định khi in văn bản.</source>
      <translation>This information is used as the default when printing documents.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/settings.py" line="99" />
      <location filename="../../ui/pages/accounts/settings.py" line="101" />
      <source>Thiết lập</source>
      <translation>Settings</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/settings.py" line="96" />
      <source>Đã lưu thiết lập.</source>
      <translation>Settings saved.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/settings.py" line="98" />
      <source>Ngôn ngữ mới có hiệu lực khi mở lại EduDesk.</source>
      <translation>The new language takes effect when EduDesk is restarted.</translation>
    </message>
  </context>
  <context>
    <name>SplitDeadlines</name>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="942" />
      <source>Thời hạn của hai nhiệm vụ sau khi tách</source>
      <translation>Deadlines of the two tasks after the split</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="947" />
      <source>dd/mm/yyyy hoặc để trống</source>
      <translation>dd/mm/yyyy or leave blank</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="957" />
      <source>Không tách</source>
      <translation>Do not split</translation>
    </message>
  </context>
  <context>
    <name>SyncPage</name>
    <message>
      <location filename="../../ui/pages/sync.py" line="101" />
      <source>Mã</source>
      <translation>Code</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="101" />
      <source>Đơn vị</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="101" />
      <source>Dấu vân tay khóa</source>
      <translation>Key fingerprint</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="102" />
      <source>Đã gửi</source>
      <translation>Submitted</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="102" />
      <source>Gửi lúc</source>
      <translation>Sent at</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="102" />
      <source>Đã nhận</source>
      <translation>Received</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="103" />
      <source>Nhận lúc</source>
      <translation>Received at</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="103" />
      <source>Đã xác nhận</source>
      <translation>Acknowledged</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="103" />
      <source>Trạng thái</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="104" />
      <source>Tệp</source>
      <translation>File</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="104" />
      <source>Kết quả</source>
      <translation>Result</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="107" />
      <source>Phát hiện lúc</source>
      <translation>Detected at</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="107" />
      <source>Khác nhau ở</source>
      <translation>Differs in</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="106" />
      <source>Loại dữ liệu</source>
      <translation>Kind of data</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="106" />
      <source>Nhiệm vụ / đơn vị</source>
      <translation>Task / unit</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="109" />
      <source>Trường dữ liệu</source>
      <translation>Data field</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="109" />
      <source>Bản đang dùng (thắng)</source>
      <translation>Current version (winning)</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="110" />
      <source>Bản kia (thua)</source>
      <translation>Other version (losing)</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="112" />
      <source>Đơn vị kết nối</source>
      <translation>Connected units</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="113" />
      <location filename="../../ui/pages/sync.py" line="397" />
      <source>Xung đột</source>
      <translation>Conflicts</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="154" />
      <source>Xuất gói cho đơn vị đã chọn…</source>
      <translation>Export bundle for the selected unit…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="155" />
      <source>Xuất gói cho mọi đơn vị cấp dưới…</source>
      <translation>Export bundles for all subordinate units…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="156" />
      <source>Nhập các gói nhận được…</source>
      <translation>Import received bundles…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="157" />
      <source>Tạo gói khởi tạo cho trường…</source>
      <translation>Create setup bundle for school…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="158" />
      <location filename="../../ui/pages/sync.py" line="324" />
      <source>Thu hồi khóa</source>
      <translation>Revoke key</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="160" />
      <source>Tạo khóa mới cho đơn vị này…</source>
      <translation>Create a new key for this unit…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="162" />
      <source>Kết quả lần nhập gần nhất:</source>
      <translation>Result of the last import:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="174" />
      <source>Giữ bản đang dùng</source>
      <translation>Keep the current version</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="175" />
      <source>Dùng bản kia</source>
      <translation>Use the other version</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="206" />
      <source>Đơn vị chưa có khóa; khóa được tạo khi xuất gói đầu tiên.</source>
      <translation>The unit has no key yet; a key is created when the first bundle is exported.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="186" />
      <source>ĐÃ THU HỒI</source>
      <translation>REVOKED</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="186" />
      <source>Tin cậy</source>
      <translation>Trusted</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="194" />
      <source>Xung đột ({n})</source>
      <translation>Conflicts ({n})</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="208" />
      <source>Dấu vân tay khóa của đơn vị (đọc qua điện thoại để đối chiếu): &lt;b&gt;{fp}&lt;/b&gt;&lt;br&gt;&lt;small&gt;Khóa công khai (gửi cho đơn vị kết nối khi thay khóa): {pk}&lt;/small&gt;</source>
      <translation>Fingerprint of the office key (read it over the phone to compare): &lt;b&gt;{fp}&lt;/b&gt;&lt;br&gt;&lt;small&gt;Public key (send it to connected offices after a new key): {pk}&lt;/small&gt;</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="309" />
      <source>Đã ghi gói khởi tạo {path}.

Mã khởi tạo: {code}

Chép tệp này vào USB hoặc gửi qua thư điện tử cho trường; KHÔNG gửi mã kèm tệp. Ở trường, cài EduDesk, mở lần đầu và chọn «Mở gói khởi tạo từ Phòng GD&amp;ĐT», chọn tệp này và nhập mã. Khi trường gọi điện, đọc cho trường mã khởi tạo (chỉ hiện lần này; quên thì tạo gói mới) và dấu vân tay khóa của Phòng (ô phía trên trang này).</source>
      <translation>Setup bundle {path} written.

Setup code: {code}

Copy this file to a USB stick or e-mail it to the school; do NOT send the code with the file. At the school, install EduDesk, start it and choose “Open the setup bundle from the district office”, pick this file and type the code. When the school calls, read it the setup code (shown only now; if lost, make a new bundle) and the office's key fingerprint (box at the top of this page).</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="116" />
      <location filename="../../ui/pages/sync.py" line="244" />
      <location filename="../../ui/pages/sync.py" line="403" />
      <location filename="../../ui/pages/sync.py" line="406" />
      <source>Đồng bộ</source>
      <translation>Sync</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="138" />
      <source>Mở khóa trên máy này…</source>
      <translation>Unlock on this PC…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="139" />
      <source>Mật khẩu khóa…</source>
      <translation>Key passphrase…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="140" />
      <source>Mã hóa khóa trên máy chủ…</source>
      <translation>Encrypt the key on the server…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="159" />
      <source>Tin khóa mới…</source>
      <translation>Trust a new key…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="221" />
      <source>Khóa lưu trên máy chủ &lt;b&gt;chưa được mã hóa&lt;/b&gt; (bản EduDesk cũ): hãy bấm «Mã hóa khóa trên máy chủ…».</source>
      <translation>The key kept on the server is &lt;b&gt;not encrypted&lt;/b&gt; (an older EduDesk): click «Encrypt the key on the server…».</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="224" />
      <source>Khóa lưu mã hóa trên máy chủ; máy này đã mở khóa và ký gói được.</source>
      <translation>The key is kept encrypted on the server; this PC is unlocked and can sign bundles.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="225" />
      <source> (tạo trên máy {pc})</source>
      <translation> (made on {pc})</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="226" />
      <source>Khóa lưu mã hóa trên máy chủ; &lt;b&gt;máy này chưa mở khóa&lt;/b&gt;: cần mật khẩu khóa đơn vị{where}. Bấm «Mở khóa trên máy này…».</source>
      <translation>The key is kept encrypted on the server; &lt;b&gt;this PC is not unlocked&lt;/b&gt;: the office key passphrase is needed{where}. Click «Unlock on this PC…».</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="244" />
      <source>Hãy chọn một đơn vị trong bảng.</source>
      <translation>Please select a unit in the table.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="251" />
      <source>Chọn thư mục (USB) để ghi gói</source>
      <translation>Choose a folder (USB) to write the bundle to</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="265" />
      <source>Xuất gói đồng bộ</source>
      <translation>Export sync bundle</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="267" />
      <source>Đã ghi {path} ({n} dòng).</source>
      <translation>Wrote {path} ({n} rows).</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="273" />
      <source>Xuất gói cho các đơn vị cấp dưới</source>
      <translation>Export bundles for subordinate units</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="275" />
      <source>Đã ghi {n} gói vào {path}.</source>
      <translation>Wrote {n} bundles to {path}.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="279" />
      <source>Chọn các gói đồng bộ</source>
      <translation>Choose sync bundles</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="280" />
      <source>Gói EduDesk (*.edusync);;Mọi tệp (*)</source>
      <translation>EduDesk bundles (*.edusync);;All files (*)</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="284" />
      <source>Nhập gói đồng bộ</source>
      <translation>Import sync bundle</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="289" />
      <source>Đã nhập: {n} dòng mới, {c} xung đột</source>
      <translation>Imported: {n} new rows, {c} conflicts</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="290" />
      <source>Đã nhập từ trước</source>
      <translation>Already imported</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="291" />
      <source>TỪ CHỐI: {why}</source>
      <translation>REJECTED: {why}</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="295" />
      <source>Gói khởi tạo</source>
      <translation>Setup bundle</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="295" />
      <source>Mã trường:</source>
      <translation>School code:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="302" />
      <source>Tạo gói khởi tạo</source>
      <translation>Create setup bundle</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="320" />
      <source>Thu hồi khóa của {name}? Gói ký bằng khóa này sẽ bị từ chối cho đến khi có khóa mới.

Chỉ thu hồi khi khóa của đơn vị đó bị lộ hoặc máy bị mất. Để nhận gói lại, đơn vị đó tạo khóa mới và gửi khóa công khai; bấm «Tin khóa mới…» và đối chiếu dấu vân tay qua điện thoại.</source>
      <translation>Revoke the key of {name}? Bundles signed with it are refused until there is a new key.

Revoke only when that office's key was exposed or its PC lost. To receive its bundles again, that office makes a new key and sends its public key; click «Trust a new key…» and compare the fingerprint over the phone.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="332" />
      <location filename="../../ui/pages/sync.py" line="338" />
      <location filename="../../ui/pages/sync.py" line="345" />
      <source>Tin khóa mới</source>
      <translation>Trust a new key</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="333" />
      <source>Khóa công khai mới của {name} (44 ký tự; đơn vị đó xem ở trang Đồng bộ của mình và gửi qua thư hoặc USB):</source>
      <translation>New public key of {name} (44 characters; that office reads it on its own Sync page and sends it by e-mail or USB):</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="342" />
      <source>Dấu vân tay của khóa mới: {fp}

Gọi điện cho {name} và đối chiếu từng nhóm với dấu vân tay ở trang Đồng bộ của họ. Khớp hết thì tin khóa này?</source>
      <translation>Fingerprint of the new key: {fp}

Call {name} and compare each group with the fingerprint on their Sync page. Trust this key if all of them match?</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="351" />
      <source>Tạo khóa mới? Các đơn vị kết nối phải nhận dấu vân tay mới trước khi nhận gói tiếp theo.</source>
      <translation>Create a new key? Connected units must receive the new fingerprint before they receive the next bundle.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="353" />
      <source>Khóa mới</source>
      <translation>New key</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="361" />
      <source>Mở khóa trên máy này</source>
      <translation>Unlock on this PC</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="362" />
      <source>Mật khẩu khóa đơn vị (16 ký tự, ví dụ ABCD-EFGH-JKMN-PQRT).
Người quản trị xem ở một máy đã mở khóa, nút «Mật khẩu khóa…»; máy này chỉ cần nhập một lần:</source>
      <translation>Office key passphrase (16 characters, e.g. ABCD-EFGH-JKMN-PQRT).
An administrator reads it on an unlocked PC («Key passphrase…»); this PC needs it once:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="372" />
      <source>Máy này đã mở khóa đồng bộ của đơn vị: từ nay ký gói được.</source>
      <translation>This PC has unlocked the office's sync key: it can sign bundles from now on.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="378" />
      <source>Mã hóa khóa đồng bộ đang lưu dạng rõ trên máy chủ? Mỗi máy khác của đơn vị sẽ cần nhập mật khẩu khóa đơn vị một lần trước khi ký gói.</source>
      <translation>Encrypt the sync key kept in the clear on the server? Every other PC of the office will need the office key passphrase once before it signs a bundle.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="380" />
      <source>Mã hóa khóa</source>
      <translation>Encrypt the key</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="390" />
      <source>Mật khẩu khóa đơn vị: {p}

Ghi lại và giữ kín như mật khẩu quản trị. Mỗi máy khác dùng đơn vị này nhập một lần (nút «Mở khóa trên máy này…»); đọc qua điện thoại, không gửi kèm gói hay thư.</source>
      <translation>Office key passphrase: {p}

Write it down and keep it secret like the admin password. Every other PC of this office enters it once («Unlock on this PC…»); read it over the phone, never send it with a bundle or by e-mail.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/sync.py" line="397" />
      <source>Hãy chọn một xung đột.</source>
      <translation>Please select a conflict.</translation>
    </message>
  </context>
  <context>
    <name>TaskDetailDialog</name>
    <message>
      <location filename="../../ui/dialogs/plans/detail.py" line="49" />
      <location filename="../../ui/dialogs/plans/detail.py" line="61" />
      <source>Chi tiết nhiệm vụ</source>
      <translation>Task details</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/detail.py" line="73" />
      <source>Đóng</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/detail.py" line="78" />
      <source>Nhấn đúp vào một minh chứng trong lịch sử để mở tệp.</source>
      <translation>Double-click an evidence item in the history to open the file.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/detail.py" line="84" />
      <source>Văn bản</source>
      <translation>Documents</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/detail.py" line="84" />
      <source>Mục</source>
      <translation>Section</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/detail.py" line="84" />
      <source>Thời hạn</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/detail.py" line="84" />
      <source>Chu kỳ</source>
      <translation>Frequency</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/detail.py" line="88" />
      <source>không ghi</source>
      <translation>not specified</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/detail.py" line="128" />
      <location filename="../../ui/dialogs/plans/detail.py" line="131" />
      <location filename="../../ui/dialogs/plans/detail.py" line="137" />
      <source>Minh chứng</source>
      <translation>Evidence</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/detail.py" line="138" />
      <source>Không có chương trình nào mở được tệp này; bản sao ở: {path}</source>
      <translation>No program can open this file; a copy is at: {path}</translation>
    </message>
  </context>
  <context>
    <name>TaskDialog</name>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="145" />
      <source>Sửa nhiệm vụ</source>
      <translation>Edit task</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="145" />
      <source>Thêm nhiệm vụ</source>
      <translation>Add task</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="156" />
      <source>Tên nhiệm vụ</source>
      <translation>Task name</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="157" />
      <source>Nội dung</source>
      <translation>Content</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="158" />
      <source>Chủ đề</source>
      <translation>Topic</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="159" />
      <source>Thời hạn</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="160" />
      <source>Chu kỳ</source>
      <translation>Frequency</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="161" />
      <source>Lưu</source>
      <translation>Save</translation>
    </message>
  </context>
  <context>
    <name>TasksTab</name>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="135" />
      <source>Mọi cấp học</source>
      <translation>All school levels</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="136" />
      <source>Có việc quá hạn</source>
      <translation>Has overdue assignments</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="139" />
      <location filename="../../ui/pages/plans/work.py" line="182" />
      <source>Thêm nhiệm vụ</source>
      <translation>Add task</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="140" />
      <source>Sửa</source>
      <translation>Edit</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="141" />
      <source>Giao việc…</source>
      <translation>Assign…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="142" />
      <source>Chi tiết</source>
      <translation>Details</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="155" />
      <source>Mọi văn bản</source>
      <translation>All documents</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="182" />
      <source>Hãy chọn văn bản ở ô lọc trước.</source>
      <translation>Please select a document in the filter box first.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="196" />
      <source>Giao việc</source>
      <translation>Assign</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="197" />
      <source>Đã giao {n} việc.</source>
      <translation>Assigned {n} tasks.</translation>
    </message>
  </context>
  <context>
    <name>TemplateEditor</name>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="58" />
      <source>Sửa đề cương: {name}</source>
      <translation>Edit template: {name}</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="62" />
      <source>Số</source>
      <translation>Number</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="62" />
      <source>Đề mục</source>
      <translation>Heading</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="67" />
      <source>mã chỉ số, cách nhau bằng dấu phẩy (để trống: không có bảng)</source>
      <translation>data element codes, separated by commas (blank: no table)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="77" />
      <source>Số:</source>
      <translation>Number:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="78" />
      <source>Đề mục:</source>
      <translation>Heading:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="79" />
      <source>Gợi ý nội dung:</source>
      <translation>Prompt:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="80" />
      <source>Bảng số liệu:</source>
      <translation>Data table:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="88" />
      <source>Thêm mục</source>
      <translation>Add section</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="89" />
      <source>Thêm mục con</source>
      <translation>Add subsection</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="90" />
      <source>Xóa mục</source>
      <translation>Delete section</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="97" />
      <source>Tên đề cương:</source>
      <translation>Template name:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="102" />
      <source>Lưu thành phiên bản mới</source>
      <translation>Save as a new version</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="153" />
      <source>Mục mới</source>
      <translation>New section</translation>
    </message>
  </context>
  <context>
    <name>TemplatesDialog</name>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="214" />
      <source>Đề cương báo cáo</source>
      <translation>Report templates</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="220" />
      <source>Sửa…</source>
      <translation>Edit…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="220" />
      <source>Nhập JSON…</source>
      <translation>Import JSON…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="221" />
      <source>Xuất JSON…</source>
      <translation>Export JSON…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="255" />
      <location filename="../../ui/dialogs/reporting.py" line="261" />
      <source>Nhập đề cương</source>
      <translation>Import template</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/reporting.py" line="269" />
      <source>Xuất đề cương</source>
      <translation>Export template</translation>
    </message>
  </context>
  <context>
    <name>UnitDialog</name>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="31" />
      <source>Sửa đơn vị</source>
      <translation>Edit unit</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="31" />
      <source>Thêm đơn vị</source>
      <translation>Add unit</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="36" />
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="40" />
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="44" />
      <source>(không)</source>
      <translation>(none)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="63" />
      <source>Mã đơn vị:</source>
      <translation>Unit code:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="64" />
      <source>Tên đơn vị:</source>
      <translation>Unit name:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="65" />
      <source>Tên viết tắt:</source>
      <translation>Short name:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="66" />
      <source>Loại:</source>
      <translation>Type:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="67" />
      <source>Cấp học:</source>
      <translation>School level:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="68" />
      <source>Loại hình:</source>
      <translation>Ownership:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="69" />
      <source>Trực thuộc:</source>
      <translation>Parent unit:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="70" />
      <source>Địa bàn (xã, thị trấn):</source>
      <translation>Location (commune, township):</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="71" />
      <source>Thủ trưởng:</source>
      <translation>Head:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="72" />
      <source>Địa chỉ:</source>
      <translation>Address:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="73" />
      <source>Điện thoại:</source>
      <translation>Phone:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="74" />
      <source>Thư điện tử:</source>
      <translation>Email:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/accounts/unit_editor.py" line="75" />
      <source>Lưu</source>
      <translation>Save</translation>
    </message>
  </context>
  <context>
    <name>UnitPicker</name>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="901" />
      <source>Chọn đơn vị cho «%s»</source>
      <translation>Choose unit for «%s»</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/plan_import.py" line="904" />
      <source>Tìm theo tên hoặc mã, không cần dấu</source>
      <translation>Search by name or code, diacritics optional</translation>
    </message>
  </context>
  <context>
    <name>UnitsPage</name>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="56" />
      <source>Cây đơn vị</source>
      <translation>Unit tree</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="58" />
      <location filename="../../ui/pages/accounts/units.py" line="181" />
      <location filename="../../ui/pages/accounts/units.py" line="253" />
      <source>Đơn vị</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="60" />
      <source>Mọi loại</source>
      <translation>All types</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="64" />
      <source>Mọi cấp học</source>
      <translation>All school levels</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="67" />
      <source>Cả đơn vị ngừng hoạt động</source>
      <translation>Include inactive units</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="90" />
      <source>&amp;Thêm đơn vị</source>
      <translation>&amp;Add unit</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="91" />
      <source>&amp;Sửa</source>
      <translation>&amp;Edit</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="92" />
      <source>&amp;Chuyển trực thuộc…</source>
      <translation>&amp;Change parent unit…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="94" />
      <source>&amp;Ngừng / mở lại hoạt động</source>
      <translation>&amp;Deactivate / reactivate</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="96" />
      <source>Nhập danh sách từ Excel…</source>
      <translation>Import a list from Excel…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="97" />
      <source>Tải tệp mẫu Excel…</source>
      <translation>Download the Excel template…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="119" />
      <source>Tất cả đơn vị</source>
      <translation>All units</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="135" />
      <source>&lt;b&gt;Chưa có trường nào.&lt;/b&gt; Bấm «Tải tệp mẫu Excel…», điền mỗi dòng một trường (mã, tên, cấp học, loại hình, xã/phường), rồi bấm «Nhập danh sách từ Excel…». Cũng có thể «Thêm đơn vị» từng trường.</source>
      <translation>&lt;b&gt;No school yet.&lt;/b&gt; Click “Download the Excel template…”, fill in one school per row (code, name, level, ownership, commune), then click “Import a list from Excel…”. Schools can also be added one by one with “Add unit”.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="181" />
      <source>Hãy chọn một đơn vị trong bảng.</source>
      <translation>Please select a unit in the table.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="200" />
      <source>Chuyển trực thuộc</source>
      <translation>Change parent unit</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="200" />
      <source>Đơn vị cấp trên mới của {name}:</source>
      <translation>New parent unit of {name}:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="211" />
      <source>Ngừng hoạt động {name}? Dữ liệu của đơn vị vẫn được giữ và có thể mở lại.</source>
      <translation>Deactivate {name}? The unit's data will be kept and it can be reactivated.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="212" />
      <source>Ngừng hoạt động</source>
      <translation>Inactive</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="220" />
      <location filename="../../ui/pages/accounts/units.py" line="229" />
      <location filename="../../ui/pages/accounts/units.py" line="231" />
      <source>Nhập danh sách đơn vị</source>
      <translation>Import a list of units</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="221" />
      <location filename="../../ui/pages/accounts/units.py" line="238" />
      <source>Bảng tính Excel (*.xlsx)</source>
      <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="226" />
      <source>Đã thêm {n} đơn vị.</source>
      <translation>{n} units added.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="228" />
      <source>Đã tạo {n} xã/phường.</source>
      <translation>{n} communes created.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="237" />
      <location filename="../../ui/pages/accounts/units.py" line="244" />
      <location filename="../../ui/pages/accounts/units.py" line="247" />
      <source>Lưu tệp mẫu</source>
      <translation>Save the template</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="244" />
      <source>Không ghi được {path}: {error}</source>
      <translation>Could not write {path}: {error}</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/units.py" line="248" />
      <source>Đã lưu {path}. Điền mỗi dòng một đơn vị (trang «Hướng dẫn» có dòng ví dụ), lưu lại, rồi bấm «Nhập danh sách từ Excel…».</source>
      <translation>Saved {path}. Fill in one unit per row (the “Hướng dẫn” sheet has an example row), save it, then click “Import a list from Excel…”.</translation>
    </message>
  </context>
  <context>
    <name>UserDialog</name>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="47" />
      <source>Sửa tài khoản</source>
      <translation>Edit account</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="47" />
      <source>Thêm tài khoản</source>
      <translation>Add account</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="55" />
      <source>(không: cán bộ của phòng)</source>
      <translation>(none: Education Office staff)</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="73" />
      <source>Tên đăng nhập:</source>
      <translation>Username:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="74" />
      <source>Họ và tên:</source>
      <translation>Full name:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="75" />
      <source>Vai trò:</source>
      <translation>Role:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="76" />
      <source>Đơn vị (cán bộ trường):</source>
      <translation>Unit (school staff):</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="78" />
      <source>Mật khẩu ban đầu:</source>
      <translation>Initial password:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="79" />
      <source>Nhập lại mật khẩu:</source>
      <translation>Confirm password:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="80" />
      <source>Lưu</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="90" />
      <source>Hai lần nhập mật khẩu không giống nhau.</source>
      <translation>The two passwords differ.</translation>
    </message>
  </context>
  <context>
    <name>UsersTab</name>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="118" />
      <source>Thêm tài khoản</source>
      <translation>Add account</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="119" />
      <source>Sửa</source>
      <translation>Edit</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="120" />
      <source>Đặt lại mật khẩu…</source>
      <translation>Reset password…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="121" />
      <source>Khóa / mở tài khoản</source>
      <translation>Lock / unlock account</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="137" />
      <source>Bị khóa</source>
      <translation>Locked</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="137" />
      <source>Hoạt động</source>
      <translation>Active</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="137" />
      <source>Vô hiệu</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="148" />
      <location filename="../../ui/pages/accounts/users.py" line="180" />
      <location filename="../../ui/pages/accounts/users.py" line="188" />
      <location filename="../../ui/pages/accounts/users.py" line="190" />
      <source>Tài khoản</source>
      <translation>Accounts</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="148" />
      <source>Hãy chọn một tài khoản.</source>
      <translation>Please select an account.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="160" />
      <location filename="../../ui/pages/accounts/users.py" line="167" />
      <location filename="../../ui/pages/accounts/users.py" line="171" />
      <source>Đặt lại mật khẩu</source>
      <translation>Reset password</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="161" />
      <source>Mật khẩu mới cho {name} (người dùng phải đổi khi đăng nhập):</source>
      <translation>New password for {name} (the user must change it at next login):</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="167" />
      <source>Nhập lại mật khẩu mới:</source>
      <translation>Confirm new password:</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="171" />
      <source>Hai lần nhập mật khẩu không giống nhau.</source>
      <translation>The two passwords differ.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="175" />
      <source>Đã đặt lại mật khẩu cho {name}.</source>
      <translation>Password reset for {name}.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/accounts/users.py" line="179" />
      <source>Vô hiệu hóa tài khoản {name}? Người này sẽ không đăng nhập được nữa.</source>
      <translation>Disable account {name}? This person will no longer be able to log in.</translation>
    </message>
  </context>
  <context>
    <name>_Tab</name>
    <message>
      <location filename="../../ui/pages/register.py" line="68" />
      <source>Văn bản</source>
      <translation>Documents</translation>
    </message>
    <message>
      <location filename="../../ui/pages/register.py" line="68" />
      <source>Hãy chọn một dòng trong bảng.</source>
      <translation>Choose a row in the table first.</translation>
    </message>
  </context>
  <context>
    <name>_WorkTab</name>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="80" />
      <source>Chọn dòng</source>
      <translation>Select row</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="80" />
      <source>Hãy chọn một dòng trong bảng.</source>
      <translation>Please select a row in the table.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="82" />
      <source>Không thực hiện được</source>
      <translation>Could not be completed</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="87" />
      <source>Mọi đơn vị</source>
      <translation>All units</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="91" />
      <source>Hạn từ</source>
      <translation>Due from</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="93" />
      <source>đến</source>
      <translation>to</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="95" />
      <source>Hạn từ ngày</source>
      <translation>Due from</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="96" />
      <source>Hạn đến ngày</source>
      <translation>Due until</translation>
    </message>
    <message>
      <location filename="../../ui/pages/plans/work.py" line="115" />
      <source>Mọi trạng thái</source>
      <translation>All statuses</translation>
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <location filename="../../ui/app.py" line="147" />
      <source>Kiểm tra nhanh dữ liệu phát hiện vấn đề:
{problems}

Hãy mở trang Quản trị → «Kiểm tra dữ liệu», hoặc khôi phục bản sao lưu gần nhất.</source>
      <translation>The quick data check found problems:
{problems}

Open Administration → “Check data”, or restore the latest backup.</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="203" />
      <source>Đang mở dữ liệu…</source>
      <translation>Opening the data…</translation>
    </message>
  </context>
  <context>
    <name>crash</name>
    <message>
      <location filename="../../ui/crash.py" line="57" />
      <source>Không thực hiện được</source>
      <translation>Could not be completed</translation>
    </message>
  </context>
  <context>
    <name>dialog</name>
    <message>
      <location filename="../../ui/dialogs/plans/tasks.py" line="90" />
      <source>Hủy</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>dialogs</name>
    <message>
      <location filename="../../ui/widgets.py" line="236" />
      <source>Hủy</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>gates</name>
    <message>
      <location filename="../../ui/gates.py" line="39" />
      <source>Tài khoản {role} không được {what}.</source>
      <translation>A {role} account may not {what}.</translation>
    </message>
  </context>
  <context>
    <name>jobs</name>
    <message>
      <location filename="../../ui/jobs.py" line="89" />
      <source>Hủy</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../ui/jobs.py" line="103" />
      <source>Đang dừng…</source>
      <translation>Stopping…</translation>
    </message>
    <message>
      <location filename="../../ui/jobs.py" line="406" />
      <source>Đọc dữ liệu</source>
      <translation>Reading data</translation>
    </message>
  </context>
  <context>
    <name>pages</name>
    <message>
      <location filename="../../ui/pages/__init__.py" line="39" />
      <source>Tổng quan</source>
      <translation>Overview</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="40" />
      <source>Tỉ lệ báo cáo đã nộp và đúng hạn, việc quá hạn, chỉ tiêu so với mục tiêu.</source>
      <translation>Share of reports submitted and on time, overdue assignments, indicators against targets.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="41" />
      <source>Kế hoạch &amp; nhiệm vụ</source>
      <translation>Plans &amp; tasks</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="42" />
      <source>Nhập kế hoạch, chỉ thị; giao nhiệm vụ cho đơn vị và theo dõi tiến độ.</source>
      <translation>Enter plans and directives; assign tasks to units and track progress.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="43" />
      <source>Báo cáo định kỳ</source>
      <translation>Periodic reports</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="44" />
      <source>Đề cương, kỳ báo cáo, nhập và duyệt báo cáo của các trường.</source>
      <translation>Report templates, reporting rounds, and entry and approval of school reports.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="45" />
      <source>Chỉ tiêu</source>
      <translation>Indicators</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="46" />
      <source>Chỉ tiêu của kế hoạch, giá trị theo cấp học, theo xã và toàn huyện.</source>
      <translation>Plan indicators, with values by school level, by commune and for the whole district.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="47" />
      <source>Đơn vị</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="48" />
      <source>Phòng ban, xã, thị trấn và trường học.</source>
      <translation>Departments, communes, townships and schools.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="49" />
      <source>Đồng bộ</source>
      <translation>Sync</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="50" />
      <source>Trao đổi gói dữ liệu đã ký qua USB hoặc thư điện tử.</source>
      <translation>Exchange signed data bundles via USB or email.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="51" />
      <source>In ấn &amp; xuất</source>
      <translation>Printing &amp; export</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="52" />
      <source>In báo cáo theo thể thức văn bản hành chính, xuất Word và Excel.</source>
      <translation>Print reports in the official administrative document format; export to Word and Excel.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="55" />
      <source>Văn bản đến, đi</source>
      <translation>Document register</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="56" />
      <source>Sổ văn bản đến, đi; phiếu giải quyết; lấy số khi phát hành.</source>
      <translation>Registers of incoming and outgoing documents; handling slips; numbers on issue.</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="53" />
      <source>Quản trị</source>
      <translation>Administration</translation>
    </message>
    <message>
      <location filename="../../ui/pages/__init__.py" line="54" />
      <source>Tài khoản, nhật ký thao tác, thiết lập, sao lưu và kiểm tra dữ liệu.</source>
      <translation>Accounts, activity log, settings, backup and data checks.</translation>
    </message>
  </context>
  <context>
    <name>table</name>
    <message>
      <location filename="../../ui/table_model.py" line="230" />
      <source>Không đọc được dữ liệu của bảng: {error}</source>
      <translation>Could not read the table's data: {error}</translation>
    </message>
  </context>
  <context>
    <name>labels</name>
    <message>
      <source>Báo cáo</source>
      <translation>Reports</translation>
    </message>
    <message>
      <source>Báo cáo của đơn vị</source>
      <translation>Unit reports</translation>
    </message>
    <message>
      <source>Báo cáo tiến độ thực hiện nhiệm vụ</source>
      <translation>Task progress report</translation>
    </message>
    <message>
      <source>Báo cáo tổng hợp</source>
      <translation>Summary report</translation>
    </message>
    <message>
      <source>Bản nháp</source>
      <translation>Draft</translation>
    </message>
    <message>
      <source>Bản sao lưu không chứa khóa đơn vị.</source>
      <translation>The backup does not hold the office key.</translation>
    </message>
    <message>
      <source>Bảng phân công nhiệm vụ</source>
      <translation>Task assignment table</translation>
    </message>
    <message>
      <source>Bảng số liệu</source>
      <translation>Data table</translation>
    </message>
    <message>
      <source>Bắt buộc</source>
      <translation>Required</translation>
    </message>
    <message>
      <source>Bỏ số</source>
      <translation>Skip number</translation>
    </message>
    <message>
      <source>Bổ sung số liệu (bench).</source>
      <translation>Add the missing figures (bench).</translation>
    </message>
    <message>
      <source>Chu kỳ</source>
      <translation>Frequency</translation>
    </message>
    <message>
      <source>Chuyên viên</source>
      <translation>Officer</translation>
    </message>
    <message>
      <source>Chưa</source>
      <translation>Not yet</translation>
    </message>
    <message>
      <source>Chưa thực hiện</source>
      <translation>Not started</translation>
    </message>
    <message>
      <source>Chương trình</source>
      <translation>Programme</translation>
    </message>
    <message>
      <source>Chỉ thị</source>
      <translation>Directive</translation>
    </message>
    <message>
      <source>Chỉ tiêu</source>
      <translation>Indicators</translation>
    </message>
    <message>
      <source>Chờ ý kiến</source>
      <translation>Waiting for an opinion</translation>
    </message>
    <message>
      <source>Chủ trì</source>
      <translation>Lead</translation>
    </message>
    <message>
      <source>Chủ đề</source>
      <translation>Theme</translation>
    </message>
    <message>
      <source>Chức vụ người ký</source>
      <translation>Signer's title</translation>
    </message>
    <message>
      <source>Chức vụ người ký:</source>
      <translation>Signer's position:</translation>
    </message>
    <message>
      <source>Chữ viết tắt (ký hiệu văn bản):</source>
      <translation>Abbreviation (document symbol):</translation>
    </message>
    <message>
      <source>Cài đặt</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>Cán bộ trường</source>
      <translation>School staff</translation>
    </message>
    <message>
      <source>Có</source>
      <translation>Yes</translation>
    </message>
    <message>
      <source>Công lập</source>
      <translation>Public</translation>
    </message>
    <message>
      <source>Công văn</source>
      <translation>Official letter</translation>
    </message>
    <message>
      <source>Căn cứ</source>
      <translation>Legal basis</translation>
    </message>
    <message>
      <source>Cơ quan ban hành</source>
      <translation>Issuing authority</translation>
    </message>
    <message>
      <source>Cơ quan ban hành:</source>
      <translation>Issuing authority:</translation>
    </message>
    <message>
      <source>Cơ quan chủ quản</source>
      <translation>Governing body</translation>
    </message>
    <message>
      <source>Cơ quan chủ quản:</source>
      <translation>Governing body:</translation>
    </message>
    <message>
      <source>Cấp học</source>
      <translation>School level</translation>
    </message>
    <message>
      <source>Cập nhật tiến độ</source>
      <translation>Progress update</translation>
    </message>
    <message>
      <source>Cột</source>
      <translation>Column</translation>
    </message>
    <message>
      <source>Duyệt</source>
      <translation>Approve</translation>
    </message>
    <message>
      <source>Dòng mồ côi</source>
      <translation>Orphan rows</translation>
    </message>
    <message>
      <source>Dòng số liệu</source>
      <translation>Data row</translation>
    </message>
    <message>
      <source>Dừng</source>
      <translation>Stop</translation>
    </message>
    <message>
      <source>EduDesk cần thư viện libxcb-cursor0 để mở cửa sổ; hãy cài: sudo apt install libxcb-cursor0 (EduDesk needs libxcb-cursor0: sudo apt install libxcb-cursor0)</source>
      <translation>EduDesk needs the libxcb-cursor0 library to open its window: sudo apt install libxcb-cursor0</translation>
    </message>
    <message>
      <source>EduDesk gặp một lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng; thao tác vừa rồi có thể chưa hoàn tất.</source>
      <translation>EduDesk encountered an unexpected error. Saved data is not affected; the last operation may not have completed.</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>Giai đoạn</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>Giai đoạn (2021-2025)</source>
      <translation>Period (2021-2025)</translation>
    </message>
    <message>
      <source>Giao việc</source>
      <translation>Assignment</translation>
    </message>
    <message>
      <source>Giá trị</source>
      <translation>Value</translation>
    </message>
    <message>
      <source>Giá trị (chữ)</source>
      <translation>Value (text)</translation>
    </message>
    <message>
      <source>Giá trị gốc</source>
      <translation>Baseline value</translation>
    </message>
    <message>
      <source>Giữ số</source>
      <translation>Reserve number</translation>
    </message>
    <message>
      <source>Gói đã gửi</source>
      <translation>Bundle sent</translation>
    </message>
    <message>
      <source>Gói đã nhận</source>
      <translation>Bundle received</translation>
    </message>
    <message>
      <source>Gợi ý</source>
      <translation>Prompt</translation>
    </message>
    <message>
      <source>Gửi báo cáo</source>
      <translation>Submit report</translation>
    </message>
    <message>
      <source>Gửi lúc</source>
      <translation>Sent at</translation>
    </message>
    <message>
      <source>Gửi lại báo cáo</source>
      <translation>Resubmit report</translation>
    </message>
    <message>
      <source>Hoàn thành</source>
      <translation>Completed</translation>
    </message>
    <message>
      <source>Hoạt động</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>Hướng dẫn</source>
      <translation>Guidance</translation>
    </message>
    <message>
      <source>Hạn</source>
      <translation>Due</translation>
    </message>
    <message>
      <source>Hằng quý</source>
      <translation>Quarterly</translation>
    </message>
    <message>
      <source>Hằng tháng</source>
      <translation>Monthly</translation>
    </message>
    <message>
      <source>Họ tên</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>Họ tên người ký:</source>
      <translation>Signer's full name:</translation>
    </message>
    <message>
      <source>Họ và tên</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>Hủy</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Khác</source>
      <translation>Other</translation>
    </message>
    <message>
      <source>Khóa</source>
      <translation>Key</translation>
    </message>
    <message>
      <source>Khóa đơn vị (đã mã hóa) và minh chứng được khôi phục cùng cơ sở dữ liệu trên máy chủ.</source>
      <translation>The office key (encrypted) and the evidence came back with the server database.</translation>
    </message>
    <message>
      <source>Khóa đơn vị chưa được khôi phục (cần mật khẩu sao lưu).</source>
      <translation>The office key was not restored (the backup passphrase is needed).</translation>
    </message>
    <message>
      <source>Khóa đơn vị trên máy này khác khóa trong bản sao lưu; giữ nguyên khóa trên máy.</source>
      <translation>The office key on this PC differs from the backup's; the PC's key is kept.</translation>
    </message>
    <message>
      <source>Khóa đơn vị trên máy này trùng với khóa trong bản sao lưu.</source>
      <translation>The office key on this PC is the one in the backup.</translation>
    </message>
    <message>
      <source>Khóa đơn vị đã được khôi phục từ bản sao lưu.</source>
      <translation>The office key was restored from the backup.</translation>
    </message>
    <message>
      <source>Không</source>
      <translation>No</translation>
    </message>
    <message>
      <source>Khởi tạo</source>
      <translation>Setup</translation>
    </message>
    <message>
      <source>Kiểm tra nhanh tệp dữ liệu</source>
      <translation>Quick database file check</translation>
    </message>
    <message>
      <source>Kiểm tra toàn vẹn tệp dữ liệu</source>
      <translation>Database file integrity check</translation>
    </message>
    <message>
      <source>Kiểu giá trị</source>
      <translation>Value type</translation>
    </message>
    <message>
      <source>Kích thước</source>
      <translation>Size</translation>
    </message>
    <message>
      <source>Ký hiệu</source>
      <translation>Symbol</translation>
    </message>
    <message>
      <source>Kế hoạch</source>
      <translation>Plan</translation>
    </message>
    <message>
      <source>Kết quả giải quyết</source>
      <translation>Result of the handling</translation>
    </message>
    <message>
      <source>Kết quả thực hiện chỉ tiêu</source>
      <translation>Indicator results</translation>
    </message>
    <message>
      <source>Kỳ</source>
      <translation>Round</translation>
    </message>
    <message>
      <source>Kỳ báo cáo</source>
      <translation>Reporting round</translation>
    </message>
    <message>
      <source>Kỳ thực hiện</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>Loại</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>Loại dữ liệu</source>
      <translation>Kind of data</translation>
    </message>
    <message>
      <source>Loại hình</source>
      <translation>Ownership</translation>
    </message>
    <message>
      <source>Loại văn bản</source>
      <translation>Document type</translation>
    </message>
    <message>
      <source>Lãnh đạo</source>
      <translation>Leader</translation>
    </message>
    <message>
      <source>Lúc</source>
      <translation>At</translation>
    </message>
    <message>
      <source>Lịch sử báo cáo</source>
      <translation>Report history</translation>
    </message>
    <message>
      <source>Lỗi không mong muốn</source>
      <translation>Unexpected error</translation>
    </message>
    <message>
      <source>Lớn nhất</source>
      <translation>Maximum</translation>
    </message>
    <message>
      <source>Minh chứng</source>
      <translation>Evidence</translation>
    </message>
    <message>
      <source>Minh chứng hỏng tệp</source>
      <translation>Evidence with a damaged file</translation>
    </message>
    <message>
      <source>Minh chứng thiếu tệp</source>
      <translation>Evidence with a missing file</translation>
    </message>
    <message>
      <source>Mã</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>Mã đề cương</source>
      <translation>Template code</translation>
    </message>
    <message>
      <source>Mẫu số</source>
      <translation>Denominator</translation>
    </message>
    <message>
      <source>Mọi loại dữ liệu</source>
      <translation>All kinds of data</translation>
    </message>
    <message>
      <source>Mọi thao tác</source>
      <translation>All actions</translation>
    </message>
    <message>
      <source>Mọi tài khoản</source>
      <translation>All accounts</translation>
    </message>
    <message>
      <source>Mỗi học kỳ</source>
      <translation>Each semester</translation>
    </message>
    <message>
      <source>Mỗi năm học</source>
      <translation>Each school year</translation>
    </message>
    <message>
      <source>Một lần</source>
      <translation>Once</translation>
    </message>
    <message>
      <source>Mở gói khởi tạo</source>
      <translation>Open a setup bundle</translation>
    </message>
    <message>
      <source>Mở từ</source>
      <translation>Opens from</translation>
    </message>
    <message>
      <source>Mục</source>
      <translation>Section</translation>
    </message>
    <message>
      <source>Mục tiêu</source>
      <translation>Target</translation>
    </message>
    <message>
      <source>Mục văn bản</source>
      <translation>Document section</translation>
    </message>
    <message>
      <source>Mục đề cương</source>
      <translation>Template section</translation>
    </message>
    <message>
      <source>Ngày</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Ngày ban hành</source>
      <translation>Issue date</translation>
    </message>
    <message>
      <source>Ngày gửi</source>
      <translation>Submitted on</translation>
    </message>
    <message>
      <source>Ngày tháng</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Ngày tháng văn bản</source>
      <translation>Document date</translation>
    </message>
    <message>
      <source>Ngày đến</source>
      <translation>Arrival date</translation>
    </message>
    <message>
      <source>Ngôn ngữ</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>Người cho ý kiến</source>
      <translation>Opinion by</translation>
    </message>
    <message>
      <source>Người chủ trì</source>
      <translation>Lead</translation>
    </message>
    <message>
      <source>Người cập nhật</source>
      <translation>Updated by</translation>
    </message>
    <message>
      <source>Người ký</source>
      <translation>Signer</translation>
    </message>
    <message>
      <source>Người thực hiện</source>
      <translation>Done by</translation>
    </message>
    <message>
      <source>Nhiệm vụ</source>
      <translation>Tasks</translation>
    </message>
    <message>
      <source>Nhãn</source>
      <translation>Label</translation>
    </message>
    <message>
      <source>Nhóm</source>
      <translation>Group</translation>
    </message>
    <message>
      <source>Nhận xét</source>
      <translation>Comment</translation>
    </message>
    <message>
      <source>Nhận xét của Phòng</source>
      <translation>Comments from the Office</translation>
    </message>
    <message>
      <source>Nhập</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>Nhập danh sách đơn vị</source>
      <translation>Import the unit list</translation>
    </message>
    <message>
      <source>Nhật ký</source>
      <translation>Log</translation>
    </message>
    <message>
      <source>Nhỏ nhất</source>
      <translation>Minimum</translation>
    </message>
    <message>
      <source>Năm gốc</source>
      <translation>Baseline year</translation>
    </message>
    <message>
      <source>Năm học</source>
      <translation>School year</translation>
    </message>
    <message>
      <source>Năm học (2023-2024)</source>
      <translation>School year (2023-2024)</translation>
    </message>
    <message>
      <source>Năm học / giai đoạn</source>
      <translation>School year / period</translation>
    </message>
    <message>
      <source>Năm đạt</source>
      <translation>Target year</translation>
    </message>
    <message>
      <source>Nơi ban hành</source>
      <translation>Issued by</translation>
    </message>
    <message>
      <source>Nơi lưu bản</source>
      <translation>Archive copy</translation>
    </message>
    <message>
      <source>Nơi nhận</source>
      <translation>Recipients</translation>
    </message>
    <message>
      <source>Nơi nhận văn bản</source>
      <translation>Recipients</translation>
    </message>
    <message>
      <source>Nội dung</source>
      <translation>Content</translation>
    </message>
    <message>
      <source>Nội dung báo cáo</source>
      <translation>Report text</translation>
    </message>
    <message>
      <source>Phiên bản</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>Phòng GD&amp;ĐT</source>
      <translation>District Education Office</translation>
    </message>
    <message>
      <source>Phòng Giáo dục và Đào tạo</source>
      <translation>District Education and Training Office</translation>
    </message>
    <message>
      <source>Phòng, ban, ngành</source>
      <translation>Departments and agencies</translation>
    </message>
    <message>
      <source>Phải đổi mật khẩu</source>
      <translation>Must change password</translation>
    </message>
    <message>
      <source>Phối hợp</source>
      <translation>Support</translation>
    </message>
    <message>
      <source>Phụ lục</source>
      <translation>Appendix</translation>
    </message>
    <message>
      <source>Quyết định</source>
      <translation>Decision</translation>
    </message>
    <message>
      <source>Quá hạn</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>Quá hạn (ngày)</source>
      <translation>Overdue (days)</translation>
    </message>
    <message>
      <source>Quản trị hệ thống</source>
      <translation>Administrator</translation>
    </message>
    <message>
      <source>QĐ</source>
      <translation>QĐ</translation>
    </message>
    <message>
      <source>Sao chép chi tiết</source>
      <translation>Copy details</translation>
    </message>
    <message>
      <source>So sánh</source>
      <translation>Comparator</translation>
    </message>
    <message>
      <source>Số</source>
      <translation>Number</translation>
    </message>
    <message>
      <source>Số liệu</source>
      <translation>Figures</translation>
    </message>
    <message>
      <source>Số liệu báo cáo</source>
      <translation>Report figures</translation>
    </message>
    <message>
      <source>Số lượng bản</source>
      <translation>Copies</translation>
    </message>
    <message>
      <source>Số minh chứng</source>
      <translation>Evidence files</translation>
    </message>
    <message>
      <source>Số nhiệm vụ</source>
      <translation>Tasks</translation>
    </message>
    <message>
      <source>Số việc giao</source>
      <translation>Assignments</translation>
    </message>
    <message>
      <source>Số đến</source>
      <translation>Arrival no.</translation>
    </message>
    <message>
      <source>Số, ký hiệu</source>
      <translation>Number and symbol</translation>
    </message>
    <message>
      <source>Số, ký hiệu văn bản</source>
      <translation>Number and symbol</translation>
    </message>
    <message>
      <source>Sở GD&amp;ĐT</source>
      <translation>Provincial Department of Education</translation>
    </message>
    <message>
      <source>Sở Giáo dục và Đào tạo</source>
      <translation>Provincial Department of Education and Training</translation>
    </message>
    <message>
      <source>Sửa</source>
      <translation>Edit</translation>
    </message>
    <message>
      <source>Tham chiếu hỏng</source>
      <translation>Broken references</translation>
    </message>
    <message>
      <source>Thao tác</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>Thay đổi</source>
      <translation>Changes</translation>
    </message>
    <message>
      <source>Theo cấp học</source>
      <translation>By school level</translation>
    </message>
    <message>
      <source>Theo xã, thị trấn</source>
      <translation>By commune/township</translation>
    </message>
    <message>
      <source>Thêm</source>
      <translation>Add</translation>
    </message>
    <message>
      <source>Thêm hàng loạt</source>
      <translation>Bulk add</translation>
    </message>
    <message>
      <source>Thông báo</source>
      <translation>Notice</translation>
    </message>
    <message>
      <source>Thư điện tử</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <source>Thẩm quyền ký</source>
      <translation>Signing authority</translation>
    </message>
    <message>
      <source>Thẩm quyền ký (TM., KT., …):</source>
      <translation>Signing authority (TM., KT., …):</translation>
    </message>
    <message>
      <source>Thời hạn</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <source>Thời điểm</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>Thủ trưởng</source>
      <translation>Head</translation>
    </message>
    <message>
      <source>Thứ tự</source>
      <translation>Order</translation>
    </message>
    <message>
      <source>Tiêu đề</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>Tiến độ</source>
      <translation>Progress</translation>
    </message>
    <message>
      <source>Tiến độ (%)</source>
      <translation>Progress (%)</translation>
    </message>
    <message>
      <source>Tiến độ TB (%)</source>
      <translation>Avg. progress (%)</translation>
    </message>
    <message>
      <source>Tiếng Việt</source>
      <translation>Tiếng Việt</translation>
    </message>
    <message>
      <source>Tiếp tục làm việc</source>
      <translation>Continue working</translation>
    </message>
    <message>
      <source>Toàn đơn vị</source>
      <translation>Whole unit</translation>
    </message>
    <message>
      <source>Trích yếu</source>
      <translation>Subject</translation>
    </message>
    <message>
      <source>Trường học</source>
      <translation>Schools</translation>
    </message>
    <message>
      <source>Trạng thái</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Trả lại</source>
      <translation>Return</translation>
    </message>
    <message>
      <source>Trễ</source>
      <translation>Late</translation>
    </message>
    <message>
      <source>Trễ hạn</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>Trực thuộc</source>
      <translation>Parent unit</translation>
    </message>
    <message>
      <source>Tài khoản</source>
      <translation>Account</translation>
    </message>
    <message>
      <source>Tác giả</source>
      <translation>Issuing agency</translation>
    </message>
    <message>
      <source>Tên</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Tên loại và trích yếu nội dung</source>
      <translation>Type and subject</translation>
    </message>
    <message>
      <source>Tên loại và trích yếu nội dung văn bản</source>
      <translation>Type and subject of the document</translation>
    </message>
    <message>
      <source>Tên viết tắt</source>
      <translation>Abbreviation</translation>
    </message>
    <message>
      <source>Tên đăng nhập</source>
      <translation>Username</translation>
    </message>
    <message>
      <source>Tên đơn vị</source>
      <translation>Unit name</translation>
    </message>
    <message>
      <source>Tình trạng</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Tư thục</source>
      <translation>Private</translation>
    </message>
    <message>
      <source>Tạm dừng</source>
      <translation>Paused</translation>
    </message>
    <message>
      <source>Tạo cơ sở dữ liệu</source>
      <translation>Create the database</translation>
    </message>
    <message>
      <source>Tạo gói khởi tạo</source>
      <translation>Setup bundle written</translation>
    </message>
    <message>
      <source>Tạo huyện mẫu</source>
      <translation>Create the demo district</translation>
    </message>
    <message>
      <source>Tạo lúc</source>
      <translation>Created at</translation>
    </message>
    <message>
      <source>Tất cả UBND xã, thị trấn</source>
      <translation>All Commune and Township People's Committees</translation>
    </message>
    <message>
      <source>Tất cả phòng, ban, ngành</source>
      <translation>All departments and agencies</translation>
    </message>
    <message>
      <source>Tất cả trường GDNN-GDTX</source>
      <translation>All vocational and continuing education centres (GDNN-GDTX)</translation>
    </message>
    <message>
      <source>Tất cả trường TH&amp;THCS</source>
      <translation>All TH&amp;THCS schools</translation>
    </message>
    <message>
      <source>Tất cả trường THCS</source>
      <translation>All THCS schools</translation>
    </message>
    <message>
      <source>Tất cả trường THCS&amp;THPT</source>
      <translation>All THCS&amp;THPT schools</translation>
    </message>
    <message>
      <source>Tất cả trường THPT</source>
      <translation>All THPT schools</translation>
    </message>
    <message>
      <source>Tất cả trường học</source>
      <translation>All schools</translation>
    </message>
    <message>
      <source>Tất cả trường mầm non</source>
      <translation>All preschools</translation>
    </message>
    <message>
      <source>Tất cả trường tiểu học</source>
      <translation>All primary schools</translation>
    </message>
    <message>
      <source>Tệp</source>
      <translation>File</translation>
    </message>
    <message>
      <source>Tệp gốc</source>
      <translation>Source file</translation>
    </message>
    <message>
      <source>Tử số</source>
      <translation>Numerator</translation>
    </message>
    <message>
      <source>UBND xã, thị trấn</source>
      <translation>Commune and Township People's Committees</translation>
    </message>
    <message>
      <source>Vai trò</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>Viết tắt</source>
      <translation>Abbreviation</translation>
    </message>
    <message>
      <source>Việc được giao</source>
      <translation>Assignment</translation>
    </message>
    <message>
      <source>Văn bản</source>
      <translation>Documents</translation>
    </message>
    <message>
      <source>Văn bản (*.docx *.pdf *.txt);;Mọi tệp (*)</source>
      <translation>Documents (*.docx *.pdf *.txt);;All files (*)</translation>
    </message>
    <message>
      <source>Văn bản (kế hoạch) kèm danh mục nhiệm vụ</source>
      <translation>Document (plan) with task list</translation>
    </message>
    <message>
      <source>Xong</source>
      <translation>Done</translation>
    </message>
    <message>
      <source>Xung đột</source>
      <translation>Conflict</translation>
    </message>
    <message>
      <source>Xã, thị trấn</source>
      <translation>Communes and townships</translation>
    </message>
    <message>
      <source>Xóa</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>Xử lý xung đột</source>
      <translation>Conflict resolved</translation>
    </message>
    <message>
      <source>cho ý kiến chỉ đạo giải quyết văn bản đến</source>
      <translation>give handling instructions for incoming documents</translation>
    </message>
    <message>
      <source>chữ</source>
      <translation>text</translation>
    </message>
    <message>
      <source>có/không</source>
      <translation>yes/no</translation>
    </message>
    <message>
      <source>cập nhật tiến độ</source>
      <translation>update progress</translation>
    </message>
    <message>
      <source>duyệt báo cáo</source>
      <translation>approve reports</translation>
    </message>
    <message>
      <source>giao nhiệm vụ</source>
      <translation>assign tasks</translation>
    </message>
    <message>
      <source>in và xuất báo cáo</source>
      <translation>print and export reports</translation>
    </message>
    <message>
      <source>khôi phục dữ liệu</source>
      <translation>restore data</translation>
    </message>
    <message>
      <source>nhập báo cáo của đơn vị</source>
      <translation>enter unit reports</translation>
    </message>
    <message>
      <source>nhập và sửa văn bản, nhiệm vụ</source>
      <translation>enter and edit documents and tasks</translation>
    </message>
    <message>
      <source>quản lý chỉ tiêu, đề cương và kỳ báo cáo</source>
      <translation>manage indicators, report templates and reporting rounds</translation>
    </message>
    <message>
      <source>quản lý khóa và đơn vị kết nối</source>
      <translation>manage keys and connected units</translation>
    </message>
    <message>
      <source>quản lý tài khoản</source>
      <translation>manage accounts</translation>
    </message>
    <message>
      <source>quản lý đơn vị</source>
      <translation>manage units</translation>
    </message>
    <message>
      <source>sao lưu</source>
      <translation>back up</translation>
    </message>
    <message>
      <source>số nguyên</source>
      <translation>integer</translation>
    </message>
    <message>
      <source>số thập phân</source>
      <translation>decimal</translation>
    </message>
    <message>
      <source>sửa thiết lập của đơn vị</source>
      <translation>edit unit settings</translation>
    </message>
    <message>
      <source>trao đổi gói đồng bộ</source>
      <translation>exchange sync bundles</translation>
    </message>
    <message>
      <source>tỷ lệ phần trăm</source>
      <translation>percentage</translation>
    </message>
    <message>
      <source>vào sổ văn bản đến, đi và lấy số văn bản</source>
      <translation>register incoming and outgoing documents and take numbers</translation>
    </message>
    <message>
      <source>xem dữ liệu</source>
      <translation>view data</translation>
    </message>
    <message>
      <source>xem nhật ký thao tác</source>
      <translation>view activity log</translation>
    </message>
    <message>
      <source>Ý kiến</source>
      <translation>Opinion</translation>
    </message>
    <message>
      <source>Đang</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>Đang giải quyết</source>
      <translation>Being handled</translation>
    </message>
    <message>
      <source>Đang hoạt động</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>Đang kiểm tra chữ ký và tạo dữ liệu của trường…</source>
      <translation>Checking the signature and creating the school's data…</translation>
    </message>
    <message>
      <source>Đang soạn</source>
      <translation>Drafting</translation>
    </message>
    <message>
      <source>Đang thực hiện</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>Điện thoại</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>Đã duyệt</source>
      <translation>Approved</translation>
    </message>
    <message>
      <source>Đã giải quyết</source>
      <translation>Handled</translation>
    </message>
    <message>
      <source>Đã gửi</source>
      <translation>Submitted</translation>
    </message>
    <message>
      <source>Đã gửi lại</source>
      <translation>Resubmitted</translation>
    </message>
    <message>
      <source>Đã hủy</source>
      <translation>Cancelled</translation>
    </message>
    <message>
      <source>Đã phát hành</source>
      <translation>Issued</translation>
    </message>
    <message>
      <source>Đã tạo dữ liệu cho {office}. Đăng nhập bằng tài khoản quản trị vừa đặt. Trước khi nhận gói tiếp theo, hãy gọi điện cho Phòng để đối chiếu dấu vân tay khóa: {fingerprint}</source>
      <translation>The data for {office} has been created. Log in with the administrator account you just set. Before importing the next bundle, call the district office to compare its key fingerprint: {fingerprint}</translation>
    </message>
    <message>
      <source>Đã xóa</source>
      <translation>Deleted</translation>
    </message>
    <message>
      <source>Đúng hạn</source>
      <translation>On time</translation>
    </message>
    <message>
      <source>Đăng nhập gần nhất</source>
      <translation>Last login</translation>
    </message>
    <message>
      <source>Đăng nhập không thành công</source>
      <translation>Failed login</translation>
    </message>
    <message>
      <source>Đăng nhập lần cuối</source>
      <translation>Last login</translation>
    </message>
    <message>
      <source>Đơn vị</source>
      <translation>Unit</translation>
    </message>
    <message>
      <source>Đơn vị hoặc người nhận</source>
      <translation>Sent to</translation>
    </message>
    <message>
      <source>Đơn vị kết nối</source>
      <translation>Peer office</translation>
    </message>
    <message>
      <source>Đơn vị phải báo cáo</source>
      <translation>Reporting unit</translation>
    </message>
    <message>
      <source>Đơn vị tính</source>
      <translation>Unit of measure</translation>
    </message>
    <message>
      <source>Đơn vị, người nhận bản lưu</source>
      <translation>Archive copy kept by</translation>
    </message>
    <message>
      <source>Đạt</source>
      <translation>Met</translation>
    </message>
    <message>
      <source>Đặt lại mật khẩu</source>
      <translation>Password reset</translation>
    </message>
    <message>
      <source>Đề cương</source>
      <translation>Template</translation>
    </message>
    <message>
      <source>Đề cương báo cáo</source>
      <translation>Report template</translation>
    </message>
    <message>
      <source>Địa chỉ</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>Địa danh (dòng ngày tháng):</source>
      <translation>Place name (date line):</translation>
    </message>
    <message>
      <source>Đổi mật khẩu</source>
      <translation>Password change</translation>
    </message>
    <message>
      <source>Độ khẩn, mật</source>
      <translation>Urgency, confidentiality</translation>
    </message>
  </context>
</TS>