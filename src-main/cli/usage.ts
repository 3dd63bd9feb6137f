export const USAGE = `vanthu — sổ đăng ký văn bản (VanThu) từ dòng lệnh

Cách dùng: vanthu [--data-dir DIR] <lệnh> [tùy chọn]
  (thư mục dữ liệu: --data-dir, hoặc biến VANTHU_DATA_DIR, hoặc thư mục mặc định của máy)

Lệnh:
  setup    --org-name TÊN --organ-id 000.00.00.H41 --abbr VIẾT_TẮT --regime party|state
           --term-name TÊN --term-start NGÀY [--term-end NGÀY] [--shared QĐ,QĐi ...]
           [--no-numbering] --admin-user TÊN --admin-name HỌ_TÊN
           (mật khẩu quản trị lấy từ biến VANTHU_ADMIN_PASSWORD hoặc --admin-password)
           Khi đã thiết lập: thêm một cơ quan nữa (không cần --admin-*).
  import   FILE [--organ-id MÃ]      nhập văn bản từ tệp JSON (mảng) hoặc CSV
  list     [--direction in|out] [--year N] [--json]
  search   TEXT [--direction in|out] [--year N] [--json]
  user add TÊN --name HỌ_TÊN --role clerk|leader|handler|administrator
           (mật khẩu từ biến VANTHU_USER_PASSWORD hoặc --password)
  verify   FILE.pdf [--trust DIR] [--json] [--offline] [--report-pdf OUT.pdf]
           kiểm tra chữ ký số: mã thoát 0 hợp lệ, 1 không hợp lệ, 2 chưa xác định/không có chữ ký/tệp hỏng
           tra cứu thu hồi (CRL/OCSP) qua mạng; --offline: chỉ dùng dữ liệu thu hồi đã lưu
  sign     IN.pdf --out OUT.pdf (--p12 FILE --pass-env BIẾN | --pkcs11 THƯ_VIỆN [--slot N] --pin-env BIẾN)
           [--reason TEXT] [--location TEXT] [--page N]
           [--appearance signer|seal|stamp] [--image PNG] [--rect x,y,w,h] [--line TEXT ...]
           [--number-notation "Số: 15/QĐ-UBND"]   (không có --appearance: chữ ký ẩn)
           [--tsa URL [--tsa-user TÊN --tsa-pass-env BIẾN]]   thêm dấu thời gian RFC 3161 (PAdES B-T)
           từ máy chủ dấu thời gian (tài khoản nếu máy chủ yêu cầu); không lấy được thì không ký, không ghi tệp
  config   tsa-url [URL | --clear]    máy chủ dấu thời gian cho các chữ ký ký trong ứng dụng
  stamp-arrival IN.pdf --out OUT.pdf --organisation TÊN --number SỐ_ĐẾN --date NGÀY
           [--routed-to TEXT] [--file-code TEXT] [--page N] [--rect x,y,w,h]   đóng dấu ĐẾN (giữ chữ ký gốc)
  trust    add FILE --sha256 HEX | list     chứng thư gốc tin cậy (chỉ thêm khi đúng dấu vân tay)
  enroll   URL MÃ_ĐĂNG_KÝ [--name TÊN_MÁY]   (hoặc --code-env BIẾN: mã không nằm trong lịch sử lệnh)
           kết nối máy chủ liên thông bằng mã đăng ký một lần
  sync     [--once] | now [--json] | status [--json] | enroll URL ...
           không tham số: đồng bộ liên tục đến khi Ctrl+C; --once / now: một lượt; status: tình trạng
  outbox   [--json]                 những gì chờ gửi lên máy chủ (khẩn trước) và những gì bị từ chối
  send     MÃ_VĂN_BẢN [--to MÃ_ĐỊNH_DANH ...] [--update | --replaces MÃ_CŨ | --recall LÝ_DO]
           xếp hàng gửi văn bản đã phát hành (mặc định: nơi nhận có mã), gửi bản cập nhật,
           gửi văn bản thay thế, hoặc đề nghị nơi nhận thu hồi
  edxml    export MÃ_VĂN_BẢN --out FILE.xml | import FILE.xml   gói edXML (QCVN 102:2016)
  export-register --direction in|out [--follow-up] --year N [--from NGÀY --to NGÀY] --format pdf|xlsx --out FILE
           [--organ-id MÃ] [--clerk HỌ_TÊN]   sổ đăng ký văn bản đến/đi (A4 ngang để in và đóng quyển,
           hoặc bảng tính Excel); --follow-up: sổ theo dõi giải quyết văn bản đến;
           --from/--to thu hẹp trong năm; --clerk: tên dưới "NGƯỜI LẬP SỔ"
  audit    verify [--json]          kiểm tra nhật ký: mã thoát 0 nguyên vẹn, 1 có mục bị sửa hoặc xóa (nói mục nào)
  backup   --out FILE               sao lưu dữ liệu và tệp vào một tệp
  restore  FILE [--recovery-key K]  khôi phục từ tệp sao lưu (dữ liệu cũ được giữ lại trong backups/);
                                   bản sao lưu của máy khác cần khóa khôi phục của quản trị viên
  keys     status                   dữ liệu được mã hóa thế nào, đã có khóa khôi phục chưa
  keys     recovery                 tạo khóa khôi phục mới và in ra một lần
  keys     unlock --recovery-key K  mở lại dữ liệu sau khi hồ sơ Windows được tạo lại
  update-key create --out THƯ_MỤC [--name TÊN]   cặp khóa ký bản cập nhật (trên máy quản trị viên)
  release  sign THƯ_MỤC --key KHÓA.private.pem [--staging N]   ký latest.yml của một bản phát hành
  help

Mã thoát: 0 thành công; 1 có lỗi hoặc có dòng bị từ chối; 64 sai cú pháp lệnh.
`;

/** Wrong usage: exit 64 (EX_USAGE), as sysexits.h says. */
export class UsageError extends Error {}

/** What util.parseArgs refused, in the user's words (its own messages are English). */
export function flagError(error: unknown): UsageError {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^' ]+)/.exec(message ?? '')?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`không có tùy chọn ${quoted}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(
        /does not take/.test(message ?? '') ? `${quoted} không nhận giá trị` : `${quoted} cần một giá trị`,
      );
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`lệnh này không nhận tham số ${quoted}`);
    default:
      return new UsageError(message ?? String(error));
  }
}
