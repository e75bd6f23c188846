<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="vi_VN">
<context>
    <name>ApologyDialog</name>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="57"/>
        <source>Xin lỗi và hẹn lại ngày trả (Mẫu 04)</source>
        <translation>Apology and new return date (Form 04)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="60"/>
        <source>Lý do chậm trả kết quả…</source>
        <translation>Why the result is late…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="66"/>
        <source>Hồ sơ:</source>
        <translation>Dossier:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="67"/>
        <source>Hạn hiện tại:</source>
        <translation>Current due date:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="68"/>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="69"/>
        <source>Ngày hẹn mới:</source>
        <translation>New appointment:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="70"/>
        <source>Ghi nhận</source>
        <translation>Record</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="141"/>
        <source>Cơ sở dữ liệu chưa sẵn sàng.</source>
        <translation>The database is not ready yet.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="160"/>
        <source>Không mở được cơ sở dữ liệu</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="376"/>
        <source>Đã đổi mật khẩu.</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="441"/>
        <source>Cấu hình không hợp lệ</source>
        <translation>Invalid configuration</translation>
    </message>
</context>
<context>
    <name>ApplicantPanel</name>
    <message>
        <location filename="../../ui/intake/applicant.py" line="59"/>
        <source>Người nộp hồ sơ (chủ hồ sơ)</source>
        <translation>Applicant (dossier holder)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="62"/>
        <source>12 số căn cước, hoặc quét mã QR trên thẻ</source>
        <translation>12-digit ID number, or scan the QR code on the card</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="69"/>
        <source>ngày/tháng/năm</source>
        <translation>day/month/year</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="73"/>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="74"/>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="97"/>
        <source>&amp;Số định danh:</source>
        <translation>&amp;ID number:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="99"/>
        <source>Số căn cước 12 chữ số (hoặc CMND 9 số). Quét mã QR trên thẻ để điền tất cả.</source>
        <translation>12-digit citizen ID (or 9-digit old ID card). Scan the QR code on the card to fill everything.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="102"/>
        <source>&amp;Họ và tên: *</source>
        <translation>Full &amp;name: *</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="103"/>
        <source>Ngày &amp;sinh:</source>
        <translation>&amp;Date of birth:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="103"/>
        <source>Ví dụ 15/03/1990</source>
        <translation>For example 15/03/1990</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="104"/>
        <source>&amp;Giới tính:</source>
        <translation>&amp;Gender:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="105"/>
        <source>Điện t&amp;hoại:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="106"/>
        <source>Đị&amp;a chỉ:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="107"/>
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="146"/>
        <source>nam</source>
        <translation>male</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="146"/>
        <source>nữ</source>
        <translation>female</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="148"/>
        <source>✓ Căn cước: nơi đăng ký khai sinh {0}, {1}, sinh năm {2}</source>
        <translation>✓ Citizen ID: birth registered in {0}, {1}, born in {2}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="154"/>
        <source>✓ Số CMND cũ (9 chữ số)</source>
        <translation>✓ Old ID card number (9 digits)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="164"/>
        <source>Ngày sinh chưa đúng dạng ngày/tháng/năm.</source>
        <translation>The date of birth is not in day/month/year form.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="186"/>
        <source>Đã điền từ mã QR của thẻ căn cước.</source>
        <translation>Filled from the ID card&apos;s QR code.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="194"/>
        <source>họ tên</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="195"/>
        <source>địa chỉ</source>
        <translation>address</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="196"/>
        <source>điện thoại</source>
        <translation>phone</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="197"/>
        <source>email</source>
        <translation>email</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="205"/>
        <source>ngày sinh</source>
        <translation>date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="208"/>
        <source>giới tính</source>
        <translation>gender</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="212"/>
        <source>Người nộp đã đến trước đây: đã điền lại {0}.</source>
        <translation>Returning applicant: {0} filled in again.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="214"/>
        <source>Người nộp đã đến trước đây.</source>
        <translation>Returning applicant.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="238"/>
        <source>Ngày sinh “{0}” không đúng dạng ngày/tháng/năm.</source>
        <translation>Date of birth “{0}” is not in day/month/year form.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="239"/>
        <source>Nhập ví dụ 15/03/1990, hoặc để trống.</source>
        <translation>Enter for example 15/03/1990, or leave it empty.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/login.py" line="162"/>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="166"/>
        <source>Mật khẩu của bạn là mật khẩu tạm: hãy đặt mật khẩu mới để tiếp tục.</source>
        <translation>Your password is a temporary one: set a new password to continue.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="174"/>
        <source>Mật khẩu &amp;hiện tại:</source>
        <translation>&amp;Current password:</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="175"/>
        <source>Mật khẩu &amp;mới (ít nhất 8 ký tự):</source>
        <translation>&amp;New password (at least 8 characters):</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="176"/>
        <source>&amp;Nhập lại mật khẩu mới:</source>
        <translation>&amp;Repeat the new password:</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="185"/>
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="201"/>
        <source>Hai lần nhập mật khẩu mới không giống nhau.</source>
        <translation>The two new passwords do not match.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="207"/>
        <source>Mật khẩu mới phải khác mật khẩu hiện tại.</source>
        <translation>The new password must differ from the current one.</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <location filename="../../ui/intake/procedure.py" line="198"/>
        <source>Nộp</source>
        <translation>Given</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure.py" line="198"/>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier components</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure.py" line="198"/>
        <source>Loại bản</source>
        <translation>Copy type</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure.py" line="198"/>
        <source>Số</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure.py" line="286"/>
        <source> (nếu có)</source>
        <translation> (if any)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure.py" line="296"/>
        <source>đã nộp</source>
        <translation>submitted</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure.py" line="296"/>
        <source>chưa nộp</source>
        <translation>not submitted</translation>
    </message>
</context>
<context>
    <name>ChecklistView</name>
    <message>
        <location filename="../../ui/intake/procedure.py" line="340"/>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier components</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure.py" line="341"/>
        <source>Dấu cách: đánh dấu đã nộp · F2: sửa loại bản hoặc số lượng</source>
        <translation>Space: mark as submitted · F2: edit copy type or count</translation>
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <location filename="../../ui/widgets.py" line="33"/>
        <source>Đã xảy ra lỗi không mong muốn; thao tác chưa được thực hiện.</source>
        <translation>An unexpected error occurred; nothing was done.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets.py" line="36"/>
        <source>Thử lại. Nếu vẫn lỗi, báo bộ phận CNTT (chi tiết đã ghi vào nhật ký).</source>
        <translation>Try again. If it fails again, tell IT (the details are in the log).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets.py" line="54"/>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
</context>
<context>
    <name>CounterPanel</name>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="55"/>
        <source>Gọi số thứ tự</source>
        <translation>Call queue numbers</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="87"/>
        <source>Gọi số tiếp</source>
        <translation>Call next</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="87"/>
        <source>Gọi số đang chờ tiếp theo (F7)</source>
        <translation>Call the next waiting number (F7)</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="90"/>
        <source>Gọi lại</source>
        <translation>Call again</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="90"/>
        <source>Gọi lại số đang phục vụ (F8)</source>
        <translation>Call the number being served again (F8)</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="93"/>
        <source>Bỏ qua</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="93"/>
        <source>Công dân không có mặt: bỏ qua số (F9)</source>
        <translation>The citizen is not here: skip the number (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="97"/>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="99"/>
        <source>Phục vụ xong, không tiếp nhận hồ sơ (F10)</source>
        <translation>Served, no dossier registered (F10)</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="107"/>
        <source>Quầy {0}:</source>
        <translation>Counter {0}:</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="132"/>
        <source>Chưa phục vụ số nào</source>
        <translation>No number being served</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="134"/>
        <source>Đang phục vụ số {0} ({1})</source>
        <translation>Serving number {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="139"/>
        <source>Đang chờ {0} — {1}</source>
        <translation>Waiting {0} — {1}</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="141"/>
        <source>Đang chờ 0</source>
        <translation>Waiting 0</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="150"/>
        <source>Số thứ tự</source>
        <translation>Queue numbers</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="153"/>
        <source>&amp;Số thứ tự</source>
        <translation>&amp;Queue</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="156"/>
        <source>Màn hình &amp;gọi số (phòng chờ)…</source>
        <translation>&amp;Hall display (waiting room)…</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="159"/>
        <source>Máy &amp;lấy số…</source>
        <translation>Ticket &amp;kiosk…</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="260"/>
        <source>Đã mời số {0} đến quầy {1}.</source>
        <translation>Number {0} called to counter {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="262"/>
        <source>Không còn ai đang chờ.</source>
        <translation>Nobody is waiting.</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="270"/>
        <source>Đã gọi lại số {0}.</source>
        <translation>Number {0} called again.</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="277"/>
        <source>Đã bỏ qua số {0} (vắng mặt).</source>
        <translation>Number {0} skipped (not present).</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="284"/>
        <source>Số {0} đã phục vụ xong.</source>
        <translation>Number {0} served.</translation>
    </message>
    <message>
        <location filename="../../ui/queue/counter_panel.py" line="293"/>
        <source>Số {0} gắn với hồ sơ {1}.</source>
        <translation>Number {0} linked to dossier {1}.</translation>
    </message>
</context>
<context>
    <name>CrashNotice</name>
    <message>
        <location filename="../../ui/crash_notice.py" line="43"/>
        <source>Chương trình gặp lỗi không mong muốn; thao tác vừa rồi chưa được thực hiện. Dữ liệu đã lưu trước đó vẫn an toàn.</source>
        <translation>The program met an unexpected error; the last action was not carried out. Data saved before is safe.</translation>
    </message>
    <message>
        <location filename="../../ui/crash_notice.py" line="49"/>
        <source>Không ghi được báo cáo lỗi. Hãy báo bộ phận CNTT; họ có thể tạo tệp chẩn đoán bằng lệnh diagnostics của chương trình.</source>
        <translation>The error report could not be written. Tell the IT staff; they can make a diagnostics file with the program&apos;s diagnostics command.</translation>
    </message>
    <message>
        <location filename="../../ui/crash_notice.py" line="55"/>
        <source>Báo cáo lỗi (không chứa dữ liệu cá nhân) đã được lưu tại:
{path}
Hãy gửi tệp này cho bộ phận CNTT.</source>
        <translation>An error report (without personal data) was saved at:
{path}
Please send this file to the IT staff.</translation>
    </message>
    <message>
        <location filename="../../ui/crash_notice.py" line="84"/>
        <source>Lỗi chương trình</source>
        <translation>Program error</translation>
    </message>
</context>
<context>
    <name>DeskActs</name>
    <message>
        <location filename="../../ui/supervisor/acts.py" line="49"/>
        <source>Đã ghi nhận phiếu xin lỗi, hẹn lại ngày %1.</source>
        <translation>Apology recorded, new date %1.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/acts.py" line="69"/>
        <source>Đã chuyển hồ sơ cho cán bộ khác.</source>
        <translation>The dossier was reassigned.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/acts.py" line="89"/>
        <source>Đã ghi bàn giao hồ sơ.</source>
        <translation>Hand-over recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/acts.py" line="99"/>
        <source>In ra tệp PDF</source>
        <translation>Print to a PDF file</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/acts.py" line="103"/>
        <source>Đã ghi %1.</source>
        <translation>Saved %1.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/acts.py" line="119"/>
        <source>Chưa chọn tệp để xuất.</source>
        <translation>No file chosen to export to.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/acts.py" line="134"/>
        <source>Đã xuất ra %1.</source>
        <translation>Exported to %1.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/acts.py" line="140"/>
        <source>Báo cáo ngày</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/acts.py" line="144"/>
        <source>Đã ghi báo cáo ngày ra %1.</source>
        <translation>Daily report saved to %1.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/acts.py" line="151"/>
        <source>Sổ theo dõi hồ sơ</source>
        <translation>Tracking book</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/acts.py" line="155"/>
        <source>Đã ghi sổ theo dõi ra %1.</source>
        <translation>Tracking book saved to %1.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/acts.py" line="183"/>
        <source>Đã xảy ra lỗi; thao tác chưa được thực hiện.</source>
        <translation>An error occurred; nothing was done.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/acts.py" line="186"/>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="47"/>
        <source>Chọn một hồ sơ trong danh sách để xem chi tiết.</source>
        <translation>Choose a dossier in the list to see its details.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="54"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="55"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="56"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="57"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="58"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="59"/>
        <source>Hạn (tính cả chờ bổ sung)</source>
        <translation>Due (supplement waits included)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="60"/>
        <source>Cán bộ xử lý</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="61"/>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="72"/>
        <source>Thời điểm</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="72"/>
        <source>Việc</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="72"/>
        <source>Nội dung</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="72"/>
        <source>Người thực hiện</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="82"/>
        <source>Xin lỗi, hẹn lại (Mẫu 04)…</source>
        <translation>Apologise, new date (Form 04)…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="83"/>
        <source>Chuyển cán bộ…</source>
        <translation>Reassign…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="84"/>
        <source>Bàn giao (Mẫu 05)…</source>
        <translation>Hand-over (Form 05)…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="85"/>
        <source>In Mẫu 04…</source>
        <translation>Print Form 04…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="86"/>
        <source>In Mẫu 05…</source>
        <translation>Print Form 05…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/detail.py" line="118"/>
        <source> (hẹn lại: %1)</source>
        <translation> (new date: %1)</translation>
    </message>
</context>
<context>
    <name>DigitizeDialog</name>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="63"/>
        <source>Số hoá hồ sơ %1</source>
        <translation>Digitize dossier %1</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="95"/>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier components</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="103"/>
        <source>&lt;b&gt;Thành phần hồ sơ&lt;/b&gt;</source>
        <translation>&lt;b&gt;Dossier components&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="106"/>
        <source>Ký số…</source>
        <translation>Sign…</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="106"/>
        <source>Ký số tệp PDF</source>
        <translation>Digitally sign the PDF file</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="110"/>
        <source>Trang mới: thêm vào cuối</source>
        <translation>New pages: add at the end</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="111"/>
        <source>Trang mới: chèn trước trang chọn</source>
        <translation>New pages: insert before the selected page</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="112"/>
        <source>Trang mới: thay trang chọn</source>
        <translation>New pages: replace the selected page</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="114"/>
        <source>⟲ Xoay trái</source>
        <translation>⟲ Rotate left</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="117"/>
        <source>⟳ Xoay phải</source>
        <translation>⟳ Rotate right</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="119"/>
        <source>Xoá trang</source>
        <translation>Delete page</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="121"/>
        <source>Trang trắng?</source>
        <translation>Blank page?</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="123"/>
        <source>Đánh dấu / bỏ đánh dấu trang trắng</source>
        <translation>Mark / unmark as blank page</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="150"/>
        <source>&amp;Lưu PDF cho thành phần</source>
        <translation>&amp;Save PDF for the component</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="152"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="207"/>
        <source>Còn thiếu số hoá: %1</source>
        <translation>Still to digitize: %1</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="211"/>
        <source>Đã số hoá đủ các thành phần bắt buộc.</source>
        <translation>All required components are digitized.</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="221"/>
        <source>✗ Cần số hoá – còn thiếu</source>
        <translation>✗ Must be digitized – missing</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="221"/>
        <source>Chưa số hoá</source>
        <translation>Not digitized</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="223"/>
        <source>✓ Đã số hoá – %1 trang, %2 KB</source>
        <translation>✓ Digitized – %1 pages, %2 KB</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="226"/>
        <source>ký bởi %1 lúc %2</source>
        <translation>signed by %1 at %2</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="246"/>
        <source>Trang %1 có vẻ là trang trắng: kiểm tra, xoá nếu không cần.</source>
        <translation>Page %1 looks blank: check it and delete it if not needed.</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="259"/>
        <source>%1 trang</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="295"/>
        <source>Trang trắng</source>
        <translation>Blank pages</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="296"/>
        <source>Trang %1 có vẻ là trang trắng. Vẫn lưu cả những trang này?</source>
        <translation>Page %1 looks blank. Save these pages anyway?</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="302"/>
        <source>Thay bản số hoá</source>
        <translation>Replace the digitized copy</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="303"/>
        <source>Thành phần này đã có bản số hoá. Thay bằng %1 trang mới?</source>
        <translation>This component is already digitized. Replace it with %1 new pages?</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="310"/>
        <source>Đang tạo tệp PDF…</source>
        <translation>Creating the PDF file…</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="322"/>
        <source>Đã lưu %1: %2 trang, %3 KB.</source>
        <translation>Saved %1: %2 pages, %3 KB.</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="333"/>
        <source>Ký số</source>
        <translation>Digital signature</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="334"/>
        <source>Mã PIN của USB token (hoặc mật khẩu tệp chứng thư):</source>
        <translation>USB token PIN (or certificate file password):</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="347"/>
        <source>Đang ký số…</source>
        <translation>Signing…</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/dialog.py" line="352"/>
        <source>Đã ký số: %1 lúc %2.</source>
        <translation>Signed: %1 at %2.</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../ui/dossier_model.py" line="68"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="69"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="70"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="71"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="72"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="73"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="74"/>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="75"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="76"/>
        <source>Tiến độ</source>
        <translation>Timeliness</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="150"/>
        <source>Xuất ra Excel / CSV</source>
        <translation>Export to Excel / CSV</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="151"/>
        <source>Danh sách đang xem: %1</source>
        <translation>List shown: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="152"/>
        <source>Sổ theo dõi hồ sơ (Mẫu 06) của khoảng ngày</source>
        <translation>Tracking book (Form 06) for the date range</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="156"/>
        <source>tệp .xlsx hoặc .csv</source>
        <translation>.xlsx or .csv file</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="157"/>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="159"/>
        <source>Ghi đầy đủ số định danh (sẽ ghi vào nhật ký kiểm toán)</source>
        <translation>Write full ID numbers (recorded in the audit log)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="164"/>
        <source>Tài khoản này không có quyền xuất số định danh đầy đủ.</source>
        <translation>This account may not export full ID numbers.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="174"/>
        <source>Xuất</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="178"/>
        <source>Lưu tệp</source>
        <translation>Save file</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run.py" line="72"/>
        <source>Thiết lập lần đầu — Phần mềm Một cửa</source>
        <translation>First-time setup — One-stop counter</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="75"/>
        <source>Chào mừng! Nhập thông tin cơ quan và tài khoản quản trị đầu tiên. Các lần sau chương trình mở thẳng màn hình đăng nhập.</source>
        <translation>Welcome! Enter the office details and the first administrator account. Later starts go straight to the sign-in screen.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="101"/>
        <source>Cơ quan (Bộ phận Một cửa)</source>
        <translation>Office (one-stop counter)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="105"/>
        <source>&amp;Mã đơn vị (QCVN 102:2016): *</source>
        <translation>&amp;Unit identifier (QCVN 102:2016): *</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="107"/>
        <source>Mã định danh của đơn vị tiếp nhận, ví dụ 000.00.01.H22</source>
        <translation>Identifier of the receiving unit, e.g. 000.00.01.H22</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="109"/>
        <source>&amp;Tên Bộ phận Một cửa: *</source>
        <translation>Counter &amp;name: *</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="112"/>
        <source>Cơ &amp;quan chủ quản:</source>
        <translation>&amp;Parent agency:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="114"/>
        <source>Ví dụ: ỦY BAN NHÂN DÂN XÃ MINH KHAI</source>
        <translation>For example: ỦY BAN NHÂN DÂN XÃ MINH KHAI</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="116"/>
        <source>&amp;Tỉnh, thành phố:</source>
        <translation>P&amp;rovince / city:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="117"/>
        <source>&amp;Xã, phường:</source>
        <translation>&amp;Commune / ward:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="118"/>
        <source>Đị&amp;a chỉ:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="119"/>
        <source>Điện t&amp;hoại:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="120"/>
        <source>Sổ theo dõi hồ sơ, &amp;quyển số:</source>
        <translation>Tracking book &amp;volume:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="131"/>
        <source>Tài khoản quản trị đầu tiên</source>
        <translation>First administrator account</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="133"/>
        <source>Tên đăng &amp;nhập: *</source>
        <translation>User n&amp;ame: *</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="134"/>
        <source>Họ và &amp;tên: *</source>
        <translation>&amp;Full name: *</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="135"/>
        <source>Mật khẩu (ít nhất 8 ký tự): *</source>
        <translation>Password (at least 8 characters): *</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="136"/>
        <source>Nhập &amp;lại mật khẩu: *</source>
        <translation>R&amp;epeat the password: *</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="177"/>
        <source>Hai lần nhập mật khẩu không giống nhau.</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="185"/>
        <source>Mật khẩu cần ít nhất {0} ký tự.</source>
        <translation>The password needs at least {0} characters.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="219"/>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>HallWindow</name>
    <message>
        <location filename="../../ui/queue/hall.py" line="73"/>
        <location filename="../../ui/queue/hall.py" line="74"/>
        <source>Màn hình gọi số</source>
        <translation>Hall display</translation>
    </message>
    <message>
        <location filename="../../ui/queue/hall.py" line="101"/>
        <source>Mời công dân theo số thứ tự</source>
        <translation>Please come forward when your number is called</translation>
    </message>
    <message>
        <location filename="../../ui/queue/hall.py" line="103"/>
        <source>Chưa gọi số nào</source>
        <translation>No number called yet</translation>
    </message>
    <message>
        <location filename="../../ui/queue/hall.py" line="105"/>
        <source>Số đang được mời</source>
        <translation>Number being called</translation>
    </message>
    <message>
        <location filename="../../ui/queue/hall.py" line="113"/>
        <location filename="../../ui/queue/hall.py" line="116"/>
        <source>Số vừa gọi</source>
        <translation>Recently called</translation>
    </message>
    <message>
        <location filename="../../ui/queue/hall.py" line="117"/>
        <source>Đang chờ</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/queue/hall.py" line="120"/>
        <source>Số người đang chờ theo nhóm</source>
        <translation>People waiting per group</translation>
    </message>
    <message>
        <location filename="../../ui/queue/hall.py" line="241"/>
        <source>Mất kết nối tới cơ sở dữ liệu: {0}</source>
        <translation>Lost connection to the database: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/queue/hall.py" line="254"/>
        <source>Mời số {0}</source>
        <translation>Number {0}</translation>
    </message>
    <message>
        <location filename="../../ui/queue/hall.py" line="255"/>
        <source>đến quầy {0}</source>
        <translation>please go to counter {0}</translation>
    </message>
    <message>
        <location filename="../../ui/queue/hall.py" line="259"/>
        <source>Số {0} — quầy {1}</source>
        <translation>Number {0} — counter {1}</translation>
    </message>
    <message>
        <location filename="../../ui/queue/hall.py" line="266"/>
        <source>{0} ({1}): {2} người</source>
        <translation>{0} ({1}): {2} waiting</translation>
    </message>
    <message>
        <location filename="../../ui/queue/hall.py" line="270"/>
        <source>Không có ai đang chờ</source>
        <translation>Nobody is waiting</translation>
    </message>
</context>
<context>
    <name>HandOverDialog</name>
    <message>
        <location filename="../../ui/dossier_actions.py" line="87"/>
        <source>Trả kết quả hồ sơ {0}</source>
        <translation>Hand over the result of dossier {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_actions.py" line="94"/>
        <source>quét mã QR thẻ căn cước của người nhận</source>
        <translation>scan the QR code of the receiver&apos;s ID card</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_actions.py" line="97"/>
        <source>Quét thẻ căn cước của người nhận để điền họ tên và số định danh.</source>
        <translation>Scan the receiver&apos;s ID card to fill in the name and ID number.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_actions.py" line="100"/>
        <source>Người &amp;nhận:</source>
        <translation>&amp;Receiver:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_actions.py" line="101"/>
        <source>Số &amp;định danh người nhận:</source>
        <translation>Receiver&apos;s &amp;ID number:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_actions.py" line="102"/>
        <source>Ghi &amp;chú:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_actions.py" line="113"/>
        <source>Đã điền từ thẻ căn cước của người nhận.</source>
        <translation>Filled from the receiver&apos;s ID card.</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="111"/>
        <source>Bàn giao hồ sơ giấy (Mẫu 05)</source>
        <translation>Hand over the paper dossier (Form 05)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="130"/>
        <source>Hồ sơ:</source>
        <translation>Dossier:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="131"/>
        <source>Bên giao:</source>
        <translation>Handed by:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="132"/>
        <source>Bên nhận:</source>
        <translation>Received by:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="133"/>
        <source>Thời điểm:</source>
        <translation>Time:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="134"/>
        <source>Ghi chú:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="135"/>
        <source>Ghi nhận</source>
        <translation>Record</translation>
    </message>
</context>
<context>
    <name>IntakeView</name>
    <message>
        <location filename="../../ui/intake/view.py" line="80"/>
        <source>&amp;Tiếp nhận hồ sơ</source>
        <translation>&amp;Register dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/view.py" line="82"/>
        <source>Lưu hồ sơ và in giấy tiếp nhận (Ctrl+Enter)</source>
        <translation>Save the dossier and print the receipt (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/view.py" line="84"/>
        <source>Hồ sơ &amp;mới</source>
        <translation>&amp;New dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/view.py" line="85"/>
        <source>Xoá biểu mẫu để tiếp nhận hồ sơ mới (F2)</source>
        <translation>Clear the form to receive a new dossier (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/view.py" line="224"/>
        <source>Chưa chọn thủ tục hành chính.</source>
        <translation>No administrative procedure chosen.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/view.py" line="225"/>
        <source>Gõ mã hoặc tên thủ tục vào ô Tìm thủ tục rồi nhấn Enter.</source>
        <translation>Type the procedure&apos;s code or name in Find procedure, then press Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/view.py" line="254"/>
        <source>Thiếu thành phần hồ sơ</source>
        <translation>Missing components</translation>
    </message>
    <message>
        <location filename="../../ui/intake/view.py" line="255"/>
        <source>Chưa đánh dấu thành phần bắt buộc:
• {0}

Vẫn tiếp nhận hồ sơ?</source>
        <translation>Required components not marked as submitted:
• {0}

Register the dossier anyway?</translation>
    </message>
    <message>
        <location filename="../../ui/intake/view.py" line="263"/>
        <source>Đang lưu hồ sơ…</source>
        <translation>Saving the dossier…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/view.py" line="271"/>
        <source>Đã tiếp nhận hồ sơ {0}.</source>
        <translation>Dossier {0} registered.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/view.py" line="296"/>
        <source>Hồ sơ mới</source>
        <translation>New dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/view.py" line="296"/>
        <source>Bỏ nội dung đang nhập để tiếp nhận hồ sơ mới?</source>
        <translation>Discard what was typed and start a new dossier?</translation>
    </message>
    <message>
        <location filename="../../ui/intake/view.py" line="371"/>
        <source>Đã khôi phục hồ sơ đang nhập dở lần trước.</source>
        <translation>The dossier left half-typed last time has been restored.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/queue/kiosk.py" line="68"/>
        <location filename="../../ui/queue/kiosk.py" line="69"/>
        <source>Lấy số thứ tự</source>
        <translation>Take a queue number</translation>
    </message>
    <message>
        <location filename="../../ui/queue/kiosk.py" line="92"/>
        <source>Chạm vào lĩnh vực cần giải quyết để lấy số</source>
        <translation>Tap the service you need to take a number</translation>
    </message>
    <message>
        <location filename="../../ui/queue/kiosk.py" line="112"/>
        <source>Số của bạn</source>
        <translation>Your number</translation>
    </message>
    <message>
        <location filename="../../ui/queue/kiosk.py" line="134"/>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/queue/kiosk.py" line="136"/>
        <source>Xong, quay lại màn hình lấy số</source>
        <translation>Done, back to the ticket screen</translation>
    </message>
    <message>
        <location filename="../../ui/queue/kiosk.py" line="170"/>
        <source>Lấy số nhóm {0}</source>
        <translation>Take a number for {0}</translation>
    </message>
    <message>
        <location filename="../../ui/queue/kiosk.py" line="186"/>
        <source>Chưa có nhóm số thứ tự nào.</source>
        <translation>No queue groups yet.</translation>
    </message>
    <message>
        <location filename="../../ui/queue/kiosk.py" line="196"/>
        <source>Đang lấy số…</source>
        <translation>Taking a number…</translation>
    </message>
    <message>
        <location filename="../../ui/queue/kiosk.py" line="216"/>
        <source>Số của bạn: {0}</source>
        <translation>Your number: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/queue/kiosk.py" line="219"/>
        <source>Trước bạn còn {0} người</source>
        <translation>{0} people ahead of you</translation>
    </message>
    <message>
        <location filename="../../ui/queue/kiosk.py" line="221"/>
        <source>Bạn là người tiếp theo</source>
        <translation>You are next</translation>
    </message>
    <message>
        <location filename="../../ui/queue/kiosk.py" line="230"/>
        <source>Mời nhận phiếu ở khe máy in và chờ gọi số.</source>
        <translation>Please take your ticket from the printer and wait for your number.</translation>
    </message>
    <message>
        <location filename="../../ui/queue/kiosk.py" line="232"/>
        <source>Không in được phiếu: xin ghi nhớ số của bạn và chờ gọi số.</source>
        <translation>The ticket could not be printed: please note your number and wait for it to be called.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="58"/>
        <source>Máy đã khoá</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="58"/>
        <location filename="../../ui/login.py" line="81"/>
        <location filename="../../ui/login.py" line="122"/>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="60"/>
        <source>Máy đã khoá vì lâu không sử dụng. Nhập mật khẩu để tiếp tục.</source>
        <translation>Locked after a period of inactivity. Enter your password to continue.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="62"/>
        <source>Bộ phận Tiếp nhận và Trả kết quả</source>
        <translation>Reception and Return Counter</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="78"/>
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="79"/>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="81"/>
        <source>Mở khoá</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="85"/>
        <source>Đổi người &amp;dùng</source>
        <translation>Switch &amp;user</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="90"/>
        <source>Thoát chương trình</source>
        <translation>Quit the program</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="131"/>
        <source>Nhập tên đăng nhập và mật khẩu.</source>
        <translation>Enter the user name and password.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="136"/>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="71"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="72"/>
        <source>Tra cứu hồ sơ</source>
        <translation>Search dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="73"/>
        <source>Trả kết quả / Xử lý</source>
        <translation>Return / Process</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="74"/>
        <source>Tiếp nhận hồ sơ mới (F2)</source>
        <translation>Receive a new dossier (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="75"/>
        <source>Tìm hồ sơ theo tên, số định danh, mã (F3)</source>
        <translation>Find dossiers by name, ID number, code (F3)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="77"/>
        <source>Hồ sơ đang mở; quét mã vạch giấy tiếp nhận để mở (F4)</source>
        <translation>The open dossier; scan a receipt&apos;s barcode to open one (F4)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="85"/>
        <source>Bàn lãnh đạo</source>
        <translation>Supervisor&apos;s desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="86"/>
        <source>Hồ sơ trong ngày, đến hạn, quá hạn (F6)</source>
        <translation>Today&apos;s dossiers, due and overdue (F6)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="111"/>
        <source>&amp;Hệ thống</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="112"/>
        <source>Đổi &amp;mật khẩu…</source>
        <translation>Change &amp;password…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="114"/>
        <source>Quản lý &amp;người dùng…</source>
        <translation>Manage &amp;users…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118"/>
        <source>&amp;Khoá máy</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="121"/>
        <source>Đổi người &amp;dùng…</source>
        <translation>S&amp;witch user…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="123"/>
        <source>N&amp;gôn ngữ / Language</source>
        <translation>Lan&amp;guage / Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="133"/>
        <source>&amp;Thoát</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="136"/>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137"/>
        <source>&amp;Phím tắt</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>{0} — {1} — Quầy {2}</source>
        <translation>{0} — {1} — Counter {2}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="232"/>
        <source>Hồ sơ {0}</source>
        <translation>Dossier {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="283"/>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="286"/>
        <source>F2 — Hồ sơ mới
Ctrl+Enter — Tiếp nhận (lưu hồ sơ)
Ctrl+P — In giấy tiếp nhận / phiếu trả kết quả
F3 — Tra cứu hồ sơ
F4 — Hồ sơ đang mở (trả kết quả)
F6 — Bàn lãnh đạo (lãnh đạo bộ phận)
Ctrl+D — Số hoá thành phần hồ sơ (trên màn hình hồ sơ)
Esc — Quay lại màn hình tiếp nhận
Ctrl+T — Trả kết quả (trên màn hình hồ sơ)
Ctrl+L — Khoá máy
F7 / F8 / F9 / F10 — Gọi số tiếp / Gọi lại / Bỏ qua / Xong (số thứ tự)
Quét mã QR thẻ căn cước — điền người nộp
Quét mã vạch giấy tiếp nhận — mở hồ sơ</source>
        <translation>F2 — New dossier
Ctrl+Enter — Register (save the dossier)
Ctrl+P — Print the receipt / hand-over record
F3 — Search dossiers
F4 — Open dossier (return the result)
F6 — Supervisor&apos;s desk (supervisors)
Ctrl+D — Digitize dossier components (on the dossier screen)
Esc — Back to the intake screen
Ctrl+T — Hand over the result (on the dossier screen)
Ctrl+L — Lock the counter
F7 / F8 / F9 / F10 — Call next / Call again / Skip / Done (queue numbers)
Scan the ID card&apos;s QR code — fill in the applicant
Scan the receipt&apos;s barcode — open the dossier</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <location filename="../../ui/users_dialog.py" line="178"/>
        <source>Thêm tài khoản</source>
        <translation>Add account</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="193"/>
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="193"/>
        <source>chữ thường, không dấu</source>
        <translation>lower case, no accents</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="194"/>
        <source>&amp;Họ và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="195"/>
        <source>&amp;Vai trò:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="196"/>
        <source>&amp;Quầy số:</source>
        <translation>&amp;Counter:</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="197"/>
        <source>&amp;Chức danh:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="198"/>
        <source>&amp;Mật khẩu tạm:</source>
        <translation>Temporary &amp;password:</translation>
    </message>
</context>
<context>
    <name>OptionsPanel</name>
    <message>
        <location filename="../../ui/intake/options.py" line="29"/>
        <source>Hình thức nộp và trả kết quả</source>
        <translation>Submission and return</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="32"/>
        <source>Trực tiếp</source>
        <translation>In person</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="33"/>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="34"/>
        <source>Bưu chính công ích</source>
        <translation>Public postal service</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="38"/>
        <source>Tại Bộ phận Một cửa</source>
        <translation>At the counter</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="39"/>
        <source>Qua dịch vụ bưu chính</source>
        <translation>By post</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="42"/>
        <source>để trống: địa chỉ của người nộp</source>
        <translation>empty: the applicant&apos;s address</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="48"/>
        <source>Nhắn tin khi có kết quả</source>
        <translation>Text me when the result is ready</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="52"/>
        <source>để trống: điện thoại của người nộp</source>
        <translation>leave empty: the applicant&apos;s phone</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="54"/>
        <source>&amp;Kênh nộp:</source>
        <translation>&amp;Channel:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="55"/>
        <source>T&amp;rả kết quả:</source>
        <translation>Re&amp;turn the result:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="56"/>
        <source>Địa chỉ nhận kết quả:</source>
        <translation>Return address:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="57"/>
        <source>Số &amp;bộ hồ sơ:</source>
        <translation>Number of &amp;sets:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="58"/>
        <source>Ghi ch&amp;ú:</source>
        <translation>N&amp;otes:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="60"/>
        <source>Số &amp;di động nhận tin:</source>
        <translation>&amp;Mobile for the message:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="82"/>
        <source>Máy này không gửi tin nhắn: {0}</source>
        <translation>This computer sends no messages: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/options.py" line="85"/>
        <source>Gửi SMS/Zalo cho người nộp khi hồ sơ có kết quả: mã hồ sơ, ngày hẹn trả, địa chỉ và điện thoại của Bộ phận Một cửa; không gửi họ tên, số định danh.</source>
        <translation>Sends the applicant an SMS/Zalo message when the result is ready: the dossier code, the appointment, the one-stop counter&apos;s address and phone; never the name or ID number.</translation>
    </message>
</context>
<context>
    <name>PageList</name>
    <message>
        <location filename="../../ui/digitize/page_list.py" line="50"/>
        <source>Các trang đã quét</source>
        <translation>Scanned pages</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/page_list.py" line="72"/>
        <source>Trang %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/page_list.py" line="74"/>
        <source>⚠ trang trắng?</source>
        <translation>⚠ blank page?</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/page_list.py" line="76"/>
        <source>con dấu đỏ</source>
        <translation>red stamp</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/page_list.py" line="78"/>
        <source>⚠ độ phân giải thấp</source>
        <translation>⚠ low resolution</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../ui/payment/dialog.py" line="35"/>
        <source>Ghi nhận nộp phí</source>
        <translation>Record fee payment</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="41"/>
        <source>Hồ sơ {0}: phải nộp {1}, đã nộp {2}, còn {3}.</source>
        <translation>Dossier {0}: owed {1}, paid {2}, outstanding {3}.</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="49"/>
        <source>Tiền &amp;mặt</source>
        <translation>Ca&amp;sh</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="50"/>
        <source>Chuyển &amp;khoản (VietQR)</source>
        <translation>Bank &amp;transfer (VietQR)</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="57"/>
        <source>Số tiền (đồng)</source>
        <translation>Amount (VND)</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="60"/>
        <source>Mã giao dịch ngân hàng</source>
        <translation>Bank transaction reference</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="61"/>
        <source>Mã giao dịch trên ứng dụng ngân hàng</source>
        <translation>Transaction reference shown in the banking app</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="63"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="64"/>
        <source>Nộp một &amp;phần (ít hơn số còn phải nộp)</source>
        <translation>&amp;Partial payment (less than what is outstanding)</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="69"/>
        <source>Ghi &amp;nhận</source>
        <translation>&amp;Record</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="70"/>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="78"/>
        <source>Mã giao &amp;dịch:</source>
        <translation>Transaction &amp;reference:</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="79"/>
        <source>Ghi c&amp;hú:</source>
        <translation>N&amp;ote:</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="76"/>
        <source>Hình thức:</source>
        <translation>Method:</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="77"/>
        <source>&amp;Số tiền (đồng):</source>
        <translation>&amp;Amount (VND):</translation>
    </message>
    <message>
        <location filename="../../ui/payment/dialog.py" line="107"/>
        <source>Số tiền phải là số nguyên đồng, ví dụ 50000.</source>
        <translation>The amount must be a whole number of đồng, e.g. 50000.</translation>
    </message>
</context>
<context>
    <name>PaymentPanel</name>
    <message>
        <location filename="../../ui/payment/panel.py" line="29"/>
        <source>Phí, lệ phí</source>
        <translation>Fees and charges</translation>
    </message>
    <message>
        <location filename="../../ui/payment/panel.py" line="38"/>
        <source>Ghi nhận &amp;nộp phí…</source>
        <translation>Record &amp;payment…</translation>
    </message>
    <message>
        <location filename="../../ui/payment/panel.py" line="39"/>
        <source>Tiền mặt hoặc chuyển khoản (kèm mã giao dịch)</source>
        <translation>Cash or bank transfer (with its transaction reference)</translation>
    </message>
    <message>
        <location filename="../../ui/payment/panel.py" line="67"/>
        <source>Phí {0}: người nộp có thể chuyển khoản bằng mã VietQR, hiện ở đây và in trên giấy tiếp nhận ngay khi tiếp nhận (nội dung chuyển khoản là mã hồ sơ).</source>
        <translation>Fee {0}: the applicant can pay by bank transfer with a VietQR code, shown here and printed on the receipt as soon as the dossier is registered (the transfer description is the dossier code).</translation>
    </message>
    <message>
        <location filename="../../ui/payment/panel.py" line="104"/>
        <source>{0} — phải nộp {1}, đã nộp {2}, còn {3}.</source>
        <translation>{0} — owed {1}, paid {2}, outstanding {3}.</translation>
    </message>
    <message>
        <location filename="../../ui/payment/panel.py" line="111"/>
        <source>Hồ sơ {0}: quét để nộp phí</source>
        <translation>Dossier {0}: scan to pay the fee</translation>
    </message>
    <message>
        <location filename="../../ui/payment/panel.py" line="118"/>
        <source>Chưa nộp phí</source>
        <translation>Not paid</translation>
    </message>
    <message>
        <location filename="../../ui/payment/panel.py" line="119"/>
        <source>Đã nộp một phần</source>
        <translation>Partly paid</translation>
    </message>
    <message>
        <location filename="../../ui/payment/panel.py" line="120"/>
        <source>Đã nộp đủ</source>
        <translation>Paid in full</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../ui/print_preview.py" line="81"/>
        <source>Xem trước khi in – {0}</source>
        <translation>Print preview – {0}</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="92"/>
        <source>&amp;In…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="95"/>
        <source>In bằng máy in của hệ thống (Ctrl+P)</source>
        <translation>Print on a system printer (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="97"/>
        <source>&amp;Lưu PDF…</source>
        <translation>&amp;Save PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="100"/>
        <source>Lưu thành tệp PDF (Ctrl+S)</source>
        <translation>Save as a PDF file (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="102"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="133"/>
        <source>Trang {0}</source>
        <translation>Page {0}</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="137"/>
        <source>{0} trang</source>
        <translation>{0} pages</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="164"/>
        <source>In</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="190"/>
        <source>Không mở được máy in {0}.</source>
        <translation>Cannot open printer {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="191"/>
        <source>Kiểm tra máy in đã bật và đã kết nối, rồi in lại.</source>
        <translation>Check that the printer is on and connected, then print again.</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="216"/>
        <source>Lưu PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="218"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="227"/>
        <source>Không lưu được tệp</source>
        <translation>Cannot save the file</translation>
    </message>
</context>
<context>
    <name>ProcedureBox</name>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="31"/>
        <source>Thủ tục hành chính</source>
        <translation>Administrative procedure</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="35"/>
        <source>Tìm thủ tục</source>
        <translation>Find procedure</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="37"/>
        <source>Gõ mã (1.001193) hoặc tên không dấu (chung thuc); ↑/↓ chọn, Enter lấy</source>
        <translation>Type a code (1.001193) or a name without accents (chung thuc); ↑/↓ choose, Enter picks</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="41"/>
        <location filename="../../ui/intake/procedure_box.py" line="105"/>
        <source>Chưa chọn thủ tục.</source>
        <translation>No procedure chosen.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="51"/>
        <source>Thêm thành phần khác rồi nhấn Enter</source>
        <translation>Add another component, then press Enter</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="52"/>
        <source>Thêm thành phần khác</source>
        <translation>Add another component</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="54"/>
        <source>Tìm &amp;thủ tục:</source>
        <translation>Find &amp;procedure:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="63"/>
        <source>Thời hạn giải quyết:</source>
        <translation>Processing time:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="64"/>
        <source>Phí, lệ phí:</source>
        <translation>Fees:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="65"/>
        <source>Ngày hẹn trả:</source>
        <translation>Appointment:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="87"/>
        <source>ngày làm việc</source>
        <translation>working days</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="87"/>
        <source>giờ làm việc</source>
        <translation>working hours</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="90"/>
        <source>Trong ngày</source>
        <translation>Same day</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="96"/>
        <source>Không thu phí</source>
        <translation>No fee</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="131"/>
        <source>thứ Hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="132"/>
        <source>thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="133"/>
        <source>thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="134"/>
        <source>thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="135"/>
        <source>thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="136"/>
        <source>thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="137"/>
        <source>Chủ nhật</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_box.py" line="140"/>
        <source>{0}, {1} ngày {2}</source>
        <translation>{0}, {1} {2}</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../ui/intake/procedure.py" line="59"/>
        <source>Mã hoặc tên thủ tục, gõ không dấu được</source>
        <translation>Procedure code or name, accents optional</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure.py" line="63"/>
        <source>Danh sách thủ tục tìm được</source>
        <translation>Procedures found</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure.py" line="120"/>
        <source>Không có thủ tục nào khớp với “{0}”.</source>
        <translation>No procedure matches “{0}”.</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <location filename="../../ui/supervisor/models.py" line="41"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/models.py" line="42"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/models.py" line="43"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/models.py" line="44"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/models.py" line="45"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/models.py" line="46"/>
        <source>Hạn</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/models.py" line="47"/>
        <source>Đánh giá</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/models.py" line="48"/>
        <source>Trễ (giờ)</source>
        <translation>Late (hours)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/models.py" line="49"/>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/models.py" line="50"/>
        <source>Quầy</source>
        <translation>Counter</translation>
    </message>
</context>
<context>
    <name>QueueWindows</name>
    <message>
        <location filename="../../ui/queue/standalone.py" line="76"/>
        <source>Cấu hình không hợp lệ</source>
        <translation>Invalid configuration</translation>
    </message>
    <message>
        <location filename="../../ui/queue/standalone.py" line="87"/>
        <source>Máy này chưa có cơ sở dữ liệu của bộ phận một cửa.</source>
        <translation>This computer has no one-stop office database yet.</translation>
    </message>
    <message>
        <location filename="../../ui/queue/standalone.py" line="90"/>
        <source>Mở ứng dụng quầy để thiết lập, hoặc cấu hình địa chỉ cơ sở dữ liệu.</source>
        <translation>Open the counter app to set it up, or configure the database address.</translation>
    </message>
    <message>
        <location filename="../../ui/queue/standalone.py" line="114"/>
        <source>Không mở được cơ sở dữ liệu</source>
        <translation>Could not open the database</translation>
    </message>
</context>
<context>
    <name>RatingMenu</name>
    <message>
        <location filename="../../ui/rating/__init__.py" line="71"/>
        <source>Đánh &amp;giá</source>
        <translation>&amp;Rating</translation>
    </message>
    <message>
        <location filename="../../ui/rating/__init__.py" line="78"/>
        <source>Mở &amp;cửa sổ đánh giá</source>
        <translation>Open the &amp;rating window</translation>
    </message>
    <message>
        <location filename="../../ui/rating/__init__.py" line="80"/>
        <source>Mời người dân đánh giá (&amp;không gắn hồ sơ)</source>
        <translation>Ask for a rating (&amp;no dossier)</translation>
    </message>
    <message>
        <location filename="../../ui/rating/__init__.py" line="82"/>
        <source>&amp;Tự mở sau khi trả kết quả</source>
        <translation>Open &amp;automatically after a hand-over</translation>
    </message>
</context>
<context>
    <name>RatingWindow</name>
    <message>
        <location filename="../../ui/rating/window.py" line="107"/>
        <source>Đánh giá mức độ hài lòng</source>
        <translation>Satisfaction rating</translation>
    </message>
    <message>
        <location filename="../../ui/rating/window.py" line="138"/>
        <source>Bộ phận Một cửa kính chào ông/bà</source>
        <translation>Welcome to the one-stop office</translation>
    </message>
    <message>
        <location filename="../../ui/rating/window.py" line="146"/>
        <source>Ông/bà đánh giá thế nào về việc phục vụ hôm nay?</source>
        <translation>How satisfied are you with the service today?</translation>
    </message>
    <message>
        <location filename="../../ui/rating/window.py" line="157"/>
        <source>Ý kiến thêm (không bắt buộc) – viết trước khi chọn</source>
        <translation>Comment (optional) – write it before choosing</translation>
    </message>
    <message>
        <location filename="../../ui/rating/window.py" line="159"/>
        <source>Ý kiến thêm, không bắt buộc</source>
        <translation>Comment, optional</translation>
    </message>
    <message>
        <location filename="../../ui/rating/window.py" line="163"/>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/rating/window.py" line="164"/>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/rating/window.py" line="165"/>
        <source>Không hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/rating/window.py" line="175"/>
        <source>Chạm hoặc nhấn phím %1</source>
        <translation>Tap or press key %1</translation>
    </message>
    <message>
        <location filename="../../ui/rating/window.py" line="217"/>
        <source>Cảm ơn ông/bà!</source>
        <translation>Thank you!</translation>
    </message>
    <message>
        <location filename="../../ui/rating/window.py" line="219"/>
        <source>Ý kiến của ông/bà giúp chúng tôi phục vụ tốt hơn.</source>
        <translation>Your opinion helps us serve you better.</translation>
    </message>
    <message>
        <location filename="../../ui/rating/window.py" line="238"/>
        <source>cán bộ Bộ phận Một cửa</source>
        <translation>one-stop office staff</translation>
    </message>
    <message>
        <location filename="../../ui/rating/window.py" line="239"/>
        <source>Cán bộ phục vụ: %1</source>
        <translation>Served by: %1</translation>
    </message>
    <message>
        <location filename="../../ui/rating/window.py" line="302"/>
        <source>Xin ông/bà chờ giây lát rồi chọn lại.</source>
        <translation>Please wait a moment, then choose again.</translation>
    </message>
    <message>
        <location filename="../../ui/rating/window.py" line="305"/>
        <source>Chưa ghi được đánh giá. Xin ông/bà chọn lại.</source>
        <translation>The rating was not saved. Please choose again.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/dossier_actions.py" line="147"/>
        <source>Giấy tờ cần bổ sung</source>
        <translation>Papers to supplement</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_actions.py" line="155"/>
        <source>Giấy tờ cần &amp;bổ sung:</source>
        <translation>Papers to &amp;supplement:</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="88"/>
        <source>Chuyển cán bộ xử lý</source>
        <translation>Reassign the officer</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="96"/>
        <source>Hồ sơ:</source>
        <translation>Dossier:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="97"/>
        <source>Đang xử lý:</source>
        <translation>Handled by:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="98"/>
        <source>Chuyển cho:</source>
        <translation>Reassign to:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="99"/>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="100"/>
        <source>Chuyển</source>
        <translation>Reassign</translation>
    </message>
</context>
<context>
    <name>RejectedListDialog</name>
    <message>
        <location filename="../../ui/sync_bridge.py" line="202"/>
        <source>Thay đổi bị hệ thống tỉnh từ chối</source>
        <translation>Changes the provincial system rejected</translation>
    </message>
    <message>
        <location filename="../../ui/sync_bridge.py" line="205"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/sync_bridge.py" line="206"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/sync_bridge.py" line="207"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/sync_bridge.py" line="208"/>
        <source>Số lần gửi</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../ui/sync_bridge.py" line="209"/>
        <source>Lý do tỉnh từ chối</source>
        <translation>Why the province rejected it</translation>
    </message>
    <message>
        <location filename="../../ui/sync_bridge.py" line="210"/>
        <source>Tạo lúc</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../ui/sync_bridge.py" line="221"/>
        <source>Sửa nguyên nhân (thông tin hồ sơ, danh mục, cấu hình) rồi bấm “Gửi lại”.</source>
        <translation>Fix the cause (dossier details, catalogue, configuration), then press “Send again”.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_bridge.py" line="223"/>
        <source>Gửi lại</source>
        <translation>Send again</translation>
    </message>
    <message>
        <location filename="../../ui/sync_bridge.py" line="224"/>
        <source>Gửi lại tất cả</source>
        <translation>Send all again</translation>
    </message>
    <message>
        <location filename="../../ui/sync_bridge.py" line="226"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ReturnView</name>
    <message>
        <location filename="../../ui/returns.py" line="56"/>
        <source>Quét mã vạch trên giấy tiếp nhận để mở hồ sơ.</source>
        <translation>Scan the barcode on a receipt to open its dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="66"/>
        <source>Chi tiết hồ sơ</source>
        <translation>Dossier details</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="69"/>
        <source>&amp;Trả kết quả</source>
        <translation>Hand &amp;over result</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="70"/>
        <source>Ghi nhận trả kết quả cho người dân (Ctrl+T)</source>
        <translation>Record that the result was handed over (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="75"/>
        <source>In &amp;phiếu trả kết quả</source>
        <translation>&amp;Print hand-over record</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="76"/>
        <source>In phiếu kiểm soát có dòng giao trả kết quả (Ctrl+P)</source>
        <translation>Print the control slip with the hand-over row (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="81"/>
        <source>Đã có &amp;kết quả</source>
        <translation>Result &amp;ready</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="82"/>
        <source>Ghi nhận hồ sơ đã xử lý xong, chờ trả</source>
        <translation>Record that processing is done and the result awaits return</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="87"/>
        <source>Yêu cầu &amp;bổ sung</source>
        <translation>Request &amp;supplement</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="88"/>
        <source>Yêu cầu người nộp bổ sung giấy tờ (Mẫu 02)</source>
        <translation>Ask the applicant for missing papers (Form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="93"/>
        <source>Đã nhận bổ s&amp;ung</source>
        <translation>Supplement rec&amp;eived</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="94"/>
        <source>Người nộp đã mang giấy tờ bổ sung đến</source>
        <translation>The applicant brought the missing papers</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="99"/>
        <source>Từ &amp;chối</source>
        <translation>Re&amp;fuse</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="100"/>
        <source>Từ chối tiếp nhận hồ sơ trực tuyến (Mẫu 03)</source>
        <translation>Refuse an online dossier (Form 03)</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="105"/>
        <source>&amp;Rút hồ sơ</source>
        <translation>&amp;Withdraw</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="106"/>
        <source>Người dân xin rút hồ sơ</source>
        <translation>The applicant withdraws the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="111"/>
        <source>In &amp;giấy tiếp nhận</source>
        <translation>Print re&amp;ceipt</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="112"/>
        <source>In lại giấy tiếp nhận (Mẫu 01)</source>
        <translation>Reprint the receipt (Form 01)</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="117"/>
        <source>&amp;Số hoá thành phần…</source>
        <translation>&amp;Digitize components…</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="118"/>
        <source>Quét hoặc nhập tệp, mỗi thành phần một tệp PDF (Ctrl+D)</source>
        <translation>Scan or import files, one PDF per component (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="175"/>
        <source>Không mở được hồ sơ</source>
        <translation>Cannot open the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="184"/>
        <source>Hồ sơ {0}</source>
        <translation>Dossier {0}</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="246"/>
        <source>Đã trả kết quả. Nhấn Ctrl+P để in phiếu.</source>
        <translation>Result handed over. Press Ctrl+P to print the record.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="256"/>
        <source>Hồ sơ đã có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="257"/>
        <source>Nội dung kết quả (không bắt buộc):</source>
        <translation>Result (optional):</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="259"/>
        <source>Đã ghi nhận hồ sơ có kết quả, chờ trả.</source>
        <translation>Recorded: the result is ready to hand over.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="271"/>
        <source>Yêu cầu bổ sung hồ sơ</source>
        <translation>Request a supplement</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="272"/>
        <source>&amp;Lý do, nội dung cần bổ sung: *</source>
        <translation>&amp;Reason, what must be added: *</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="274"/>
        <source>Đã yêu cầu bổ sung; thời hạn tạm dừng đến khi nhận đủ.</source>
        <translation>Supplement requested; the deadline is paused until it arrives.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="282"/>
        <source>Nhận hồ sơ bổ sung</source>
        <translation>Receive the supplement</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="283"/>
        <source>Ghi chú (không bắt buộc):</source>
        <translation>Note (optional):</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="285"/>
        <source>Đã nhận hồ sơ bổ sung; thời hạn tiếp tục.</source>
        <translation>Supplement received; the deadline runs again.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="292"/>
        <source>Từ chối tiếp nhận hồ sơ</source>
        <translation>Refuse the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="293"/>
        <source>&amp;Lý do từ chối: *</source>
        <translation>&amp;Reason for refusal: *</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="295"/>
        <source>Đã từ chối tiếp nhận hồ sơ.</source>
        <translation>The dossier was refused.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="302"/>
        <source>Rút hồ sơ</source>
        <translation>Withdraw the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="303"/>
        <source>&amp;Lý do rút hồ sơ: *</source>
        <translation>&amp;Reason for withdrawal: *</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="305"/>
        <source>Đã ghi nhận người dân rút hồ sơ.</source>
        <translation>Recorded: the applicant withdrew the dossier.</translation>
    </message>
</context>
<context>
    <name>SatisfactionPanel</name>
    <message>
        <location filename="../../ui/supervisor/satisfaction.py" line="44"/>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/satisfaction.py" line="45"/>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/satisfaction.py" line="46"/>
        <source>Không hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/satisfaction.py" line="64"/>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/satisfaction.py" line="65"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/satisfaction.py" line="67"/>
        <source>Theo cán bộ</source>
        <translation>By officer</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/satisfaction.py" line="68"/>
        <source>Theo thủ tục</source>
        <translation>By procedure</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/satisfaction.py" line="77"/>
        <source>Tổng</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/satisfaction.py" line="77"/>
        <source>Tỷ lệ hài lòng</source>
        <translation>Satisfaction rate</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/satisfaction.py" line="123"/>
        <source>Không tải được số liệu đánh giá.</source>
        <translation>Could not load the rating figures.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/satisfaction.py" line="138"/>
        <source>Mức độ hài lòng – %1: %2 lượt đánh giá</source>
        <translation>Satisfaction – %1: %2 ratings</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/satisfaction.py" line="144"/>
        <source>Tỷ lệ hài lòng: %1</source>
        <translation>Satisfaction rate: %1</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../ui/search.py" line="41"/>
        <source>Tên, số định danh, điện thoại, mã hồ sơ hoặc thủ tục (gõ không dấu được)</source>
        <translation>Name, ID number, phone, dossier code or procedure (accents optional)</translation>
    </message>
    <message>
        <location filename="../../ui/search.py" line="43"/>
        <source>Tìm hồ sơ</source>
        <translation>Find dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/search.py" line="44"/>
        <source>Gõ để tìm; ↓ xuống danh sách; Enter mở hồ sơ (F3)</source>
        <translation>Type to search; ↓ into the list; Enter opens the dossier (F3)</translation>
    </message>
    <message>
        <location filename="../../ui/search.py" line="51"/>
        <source>Danh sách hồ sơ</source>
        <translation>Dossier list</translation>
    </message>
    <message>
        <location filename="../../ui/search.py" line="70"/>
        <source>&amp;Tìm:</source>
        <translation>&amp;Find:</translation>
    </message>
    <message>
        <location filename="../../ui/search.py" line="105"/>
        <source>Không tìm thấy hồ sơ</source>
        <translation>No dossier found</translation>
    </message>
    <message>
        <location filename="../../ui/search.py" line="107"/>
        <source>{0}+ hồ sơ</source>
        <translation>{0}+ dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/search.py" line="109"/>
        <source>{0} hồ sơ</source>
        <translation>{0} dossiers</translation>
    </message>
</context>
<context>
    <name>ServiceTimesModel</name>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="48"/>
        <source>Số phát</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="49"/>
        <source>Đã phục vụ</source>
        <translation>Served</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="50"/>
        <source>Vắng mặt</source>
        <translation>No-shows</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="51"/>
        <source>Chưa gọi</source>
        <translation>Not called</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="52"/>
        <source>Có hồ sơ</source>
        <translation>With dossier</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="53"/>
        <source>Chờ TB (phút)</source>
        <translation>Wait avg (min)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="54"/>
        <source>Chờ 90% (phút)</source>
        <translation>Wait 90% (min)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="55"/>
        <source>Phục vụ TB (phút)</source>
        <translation>Service avg (min)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="56"/>
        <source>Phục vụ 90% (phút)</source>
        <translation>Service 90% (min)</translation>
    </message>
</context>
<context>
    <name>ServiceTimesPanel</name>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="114"/>
        <source>Thời gian chờ và phục vụ (số thứ tự)</source>
        <translation>Waiting and serving times (queue numbers)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="118"/>
        <source>Xem thời gian theo</source>
        <translation>Show times by</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="119"/>
        <source>Theo nhóm</source>
        <translation>By group</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="120"/>
        <source>Theo cán bộ</source>
        <translation>By officer</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="121"/>
        <source>Theo ngày</source>
        <translation>By day</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="129"/>
        <source>Bảng thời gian chờ và phục vụ</source>
        <translation>Waiting and serving times table</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="192"/>
        <source>Nhóm</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="193"/>
        <source>Cán bộ gọi số</source>
        <translation>Officer who called</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="194"/>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="201"/>
        <source>{0}: {1} số phát, {2} đã phục vụ; chờ trung bình {3} phút, phục vụ trung bình {4} phút.</source>
        <translation>{0}: {1} numbers issued, {2} served; average wait {3} min, average service {4} min.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/service_times.py" line="211"/>
        <source>{0}: chưa có số thứ tự nào.</source>
        <translation>{0}: no queue numbers yet.</translation>
    </message>
</context>
<context>
    <name>SourceBar</name>
    <message>
        <location filename="../../ui/digitize/sources.py" line="65"/>
        <source>Đã quét %1 trang…</source>
        <translation>%1 pages scanned…</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="77"/>
        <source>Chế độ quét</source>
        <translation>Scan mode</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="81"/>
        <source>Độ phân giải</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="90"/>
        <source>Máy quét</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="91"/>
        <source>Khay nạp giấy</source>
        <translation>Document feeder</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="92"/>
        <source>Hai mặt</source>
        <translation>Both sides</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="93"/>
        <source>&amp;Quét</source>
        <translation>&amp;Scan</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="94"/>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="96"/>
        <source>&amp;Nhập tệp…</source>
        <translation>&amp;Import files…</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="97"/>
        <source>JPEG, PNG, TIFF nhiều trang, PDF; hoặc kéo thả tệp</source>
        <translation>JPEG, PNG, multi-page TIFF, PDF; or drag and drop files</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="98"/>
        <source>Nhận từ thư mục máy photo</source>
        <translation>Take from the copier&apos;s folder</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="100"/>
        <source>Chưa cấu hình thư mục</source>
        <translation>No folder configured</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="106"/>
        <source>Chế độ:</source>
        <translation>Mode:</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="108"/>
        <source>Máy quét:</source>
        <translation>Scanner:</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="183"/>
        <source>Đang quét…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="197"/>
        <source>Chọn tệp cần số hoá</source>
        <translation>Choose the files to digitize</translation>
    </message>
    <message>
        <location filename="../../ui/digitize/sources.py" line="208"/>
        <source>Đang đọc %1 tệp…</source>
        <translation>Reading %1 files…</translation>
    </message>
</context>
<context>
    <name>SubmitterPanel</name>
    <message>
        <location filename="../../ui/intake/applicant.py" line="308"/>
        <source>Người đi nộp</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="309"/>
        <source>Người đi nộp &amp;khác chủ hồ sơ</source>
        <translation>Submitted by someone &amp;else</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="310"/>
        <source>Người đi nộp khác chủ hồ sơ</source>
        <translation>Submitted by someone else</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="320"/>
        <source>ví dụ: con, vợ, người được ủy quyền</source>
        <translation>e.g. son, wife, authorised person</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="323"/>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="324"/>
        <source>Số định danh:</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="325"/>
        <source>Điện thoại:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant.py" line="326"/>
        <source>Quan hệ với chủ hồ sơ:</source>
        <translation>Relation to the holder:</translation>
    </message>
</context>
<context>
    <name>SummaryText</name>
    <message>
        <location filename="../../ui/receipt.py" line="51"/>
        <source>{0} đến {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="56"/>
        <source>Không thu</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="57"/>
        <source>Quyển {0}, số {1}</source>
        <translation>Volume {0}, no. {1}</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="59"/>
        <source>Người nộp (chủ hồ sơ)</source>
        <translation>Applicant (holder)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="60"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="61"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="62"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="63"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="65"/>
        <source>Người đi nộp</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="68"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="69"/>
        <source>Số bộ hồ sơ</source>
        <translation>Number of sets</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="70"/>
        <source>Thời gian tiếp nhận</source>
        <translation>Received at</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="71"/>
        <source>Ngày hẹn trả kết quả</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="72"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="73"/>
        <source>Tiến độ</source>
        <translation>Timeliness</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="74"/>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="75"/>
        <source>Sổ theo dõi</source>
        <translation>Tracking book</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="76"/>
        <source>Người nhận kết quả</source>
        <translation>Result received by</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="77"/>
        <source>Báo khi có kết quả</source>
        <translation>Tell when ready</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="93"/>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier components</translation>
    </message>
    <message>
        <location filename="../../ui/receipt.py" line="94"/>
        <source>Quá trình</source>
        <translation>History</translation>
    </message>
</context>
<context>
    <name>SupervisorDesk</name>
    <message>
        <location filename="../../ui/supervisor/desk.py" line="98"/>
        <source>Bàn làm việc của lãnh đạo</source>
        <translation>Supervisor desk</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/desk.py" line="112"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/desk.py" line="116"/>
        <source>Tổng cộng</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/desk.py" line="118"/>
        <source>Theo %1</source>
        <translation>By %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/desk.py" line="120"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/desk.py" line="123"/>
        <source>Xuất Excel/CSV…</source>
        <translation>Export Excel/CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/desk.py" line="126"/>
        <source>Báo cáo ngày (PDF)…</source>
        <translation>Daily report (PDF)…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/desk.py" line="129"/>
        <source>Sổ theo dõi (Mẫu 06)…</source>
        <translation>Tracking book (Form 06)…</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/desk.py" line="138"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/desk.py" line="138"/>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/desk.py" line="357"/>
        <source> – hiện %1 hồ sơ đầu</source>
        <translation> – showing the first %1 dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/desk.py" line="366"/>
        <source>Số liệu tính đến %1</source>
        <translation>Figures as of %1</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../ui/sync_bridge.py" line="155"/>
        <source>Đồng bộ tỉnh: đang kiểm tra…</source>
        <translation>Provincial sync: checking…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_bridge.py" line="172"/>
        <source>Đồng bộ tỉnh: chờ gửi %n</source>
        <translation>
            <numerusform>Provincial sync: %n waiting</numerusform>
            <numerusform>Provincial sync: %n waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_bridge.py" line="174"/>
        <source>gửi được lúc %1</source>
        <translation>last sent at %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_bridge.py" line="176"/>
        <source>chưa gửi được lần nào</source>
        <translation>nothing sent yet</translation>
    </message>
    <message>
        <location filename="../../ui/sync_bridge.py" line="178"/>
        <source>tạm ngừng gửi</source>
        <translation>sending paused</translation>
    </message>
    <message>
        <location filename="../../ui/sync_bridge.py" line="180"/>
        <source>Lỗi gần nhất: %1</source>
        <translation>Last error: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_bridge.py" line="183"/>
        <source>%n bị tỉnh từ chối</source>
        <translation>
            <numerusform>%n rejected by the province</numerusform>
            <numerusform>%n rejected by the province</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../ui/users_dialog.py" line="47"/>
        <source>Quản lý người dùng</source>
        <translation>User management</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="51"/>
        <source>Danh sách tài khoản</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="54"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="55"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="56"/>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="57"/>
        <source>Quầy</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="58"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="66"/>
        <source>&amp;Thêm tài khoản…</source>
        <translation>&amp;Add account…</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="67"/>
        <source>&amp;Vô hiệu hoá / mở lại</source>
        <translation>&amp;Disable / enable</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="68"/>
        <source>Đặt lại &amp;mật khẩu…</source>
        <translation>Reset &amp;password…</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="96"/>
        <source>Đang dùng</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="96"/>
        <source>Đã vô hiệu hoá</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="98"/>
        <source> · phải đổi mật khẩu</source>
        <translation> · must change password</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="141"/>
        <source>Đã tạo tài khoản {0}. Mật khẩu tạm: {1}</source>
        <translation>Account {0} created. Temporary password: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="153"/>
        <source>Đã vô hiệu hoá tài khoản {0}.</source>
        <translation>Account {0} disabled.</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="155"/>
        <source>Đã mở lại tài khoản {0}.</source>
        <translation>Account {0} enabled again.</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="168"/>
        <source>Mật khẩu tạm của {0}: {1} (phải đổi khi đăng nhập)</source>
        <translation>Temporary password for {0}: {1} (to be changed at sign-in)</translation>
    </message>
</context>
<context>
    <name>VietQrWidget</name>
    <message>
        <location filename="../../ui/payment/qr_widget.py" line="48"/>
        <source>Mã VietQR để chuyển khoản nộp phí</source>
        <translation>VietQR code to pay the fee by bank transfer</translation>
    </message>
    <message>
        <location filename="../../ui/payment/qr_widget.py" line="76"/>
        <source>Quét để nộp phí</source>
        <translation>Scan to pay the fee</translation>
    </message>
    <message>
        <location filename="../../ui/payment/qr_widget.py" line="79"/>
        <source>Người nhận: {0}
Số tài khoản: {1}</source>
        <translation>Payee: {0}
Account number: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/payment/qr_widget.py" line="80"/>
        <source>Nội dung chuyển khoản: {0}</source>
        <translation>Transfer description: {0}</translation>
    </message>
</context>
<context>
    <name>WeekChart</name>
    <message>
        <location filename="../../ui/supervisor/chart.py" line="28"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/chart.py" line="29"/>
        <source>Đã trả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor/chart.py" line="30"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../ui/supervisor/dialogs.py" line="46"/>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/print_preview.py" line="292"/>
        <source>Không in được biểu mẫu</source>
        <translation>Cannot print the form</translation>
    </message>
</context>
</TS>
