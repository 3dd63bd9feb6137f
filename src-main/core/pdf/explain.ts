/** The verifier's words, in plain Vietnamese for the clerk: what was found and what it means. */
import type { DocumentReport, SignatureReport } from '../../../src-shared/pdf/report';

export const MESSAGES = {
  malformedDictionary: 'Chữ ký thiếu thông tin bắt buộc (ByteRange hoặc Contents).',
  byteRange: 'Phạm vi ký không bao trọn tệp của lần ký (có phần nằm ngoài chữ ký hoặc bị bỏ qua).',
  cmsMalformed: 'Dữ liệu chữ ký số bị hỏng hoặc không đúng định dạng.',
  digestMismatch: 'Nội dung văn bản đã bị thay đổi sau khi ký (mã băm không khớp).',
  integrityOk: 'Nội dung được ký còn nguyên vẹn.',
  signatureInvalid: 'Giá trị chữ ký không khớp với chứng thư số của người ký.',
  signatureOk: 'Giá trị chữ ký đúng với chứng thư số của người ký.',
  signingCertificateMismatch: 'Chữ ký ghi tham chiếu tới một chứng thư số khác với chứng thư kèm theo.',
  timestamped: 'Thời điểm ký được xác nhận bằng dấu thời gian.',
  timestampInvalid: 'Dấu thời gian kèm theo chữ ký không hợp lệ.',
  timestampUntrusted:
    'Dấu thời gian do một đơn vị cấp dấu thời gian chưa được tin cậy cấp, nên thời điểm ký vẫn là thời điểm người ký tự ghi.',
  timestampNotTsa:
    'Dấu thời gian được ký bằng chứng thư số không dành cho việc cấp dấu thời gian, nên thời điểm ký vẫn là thời điểm người ký tự ghi.',
  timestampWeak:
    'Dấu thời gian dùng thuật toán yếu (SHA-1 hoặc khóa RSA dưới 2048 bit), nên thời điểm ký vẫn là thời điểm người ký tự ghi.',
  timestampExpired:
    'Chứng thư số của đơn vị cấp dấu thời gian nay không còn hiệu lực, nên dấu thời gian không còn là bằng chứng; thời điểm ký là thời điểm người ký tự ghi.',
  timestampUnverifiable:
    'Không kiểm tra được dấu thời gian (thiếu chứng thư số của đơn vị cấp hoặc thuật toán không hỗ trợ), nên thời điểm ký vẫn là thời điểm người ký tự ghi.',
  timeClaimed: 'Thời điểm ký do máy người ký tự ghi (không có dấu thời gian xác nhận).',
  notValidAtSigning: 'Chứng thư số không còn hiệu lực (hoặc chưa có hiệu lực) vào thời điểm ký.',
  chainTrusted: 'Chứng thư số được cấp bởi tổ chức chứng thực đáng tin cậy.',
  chainUntrusted: 'Không xác định được chứng thư số do tổ chức chứng thực đáng tin cậy cấp.',
  noAnchors: 'Chưa cài chứng thư gốc nào để đối chiếu. Hãy nhờ quản trị viên thêm chứng thư gốc.',
  weakAlgorithm: 'Chữ ký dùng thuật toán yếu (SHA-1 hoặc cũ hơn), không còn an toàn.',
  weakCertificateAlgorithm: 'Chứng thư số được ký bằng thuật toán yếu (SHA-1).',
  weakKey: (bits: number) => `Khóa RSA chỉ ${bits} bit, dưới mức tối thiểu 2048 bit.`,
  keyUsage: 'Chứng thư số này không dùng để ký văn bản.',
  revocationNotApplicable: 'Chứng thư số không ghi nơi tra cứu thu hồi; không áp dụng kiểm tra thu hồi.',
  revocationGood: 'Chứng thư số chưa bị thu hồi.',
  revoked: 'Chứng thư số đã bị thu hồi.',
  revokedAfterSigning: (at: string) =>
    `Chứng thư số bị thu hồi lúc ${at}, sau thời điểm ký đã được dấu thời gian xác nhận; chữ ký vẫn có giá trị.`,
  revocationUnknown:
    'Chưa kiểm tra được tình trạng thu hồi của chứng thư số (đang ngoại tuyến). Sẽ tự kiểm tra lại khi có mạng.',
  modified: 'Văn bản đã bị sửa sau khi ký theo cách không được phép.',
  trailingBytes: 'có dữ liệu lạ nối vào cuối tệp sau lần ký cuối',
  permittedChanges: (n: number) => `Sau chữ ký có ${n} lần cập nhật được phép (chữ ký khác, dấu, chú thích).`,
  couldNotCheck: (detail: string) => `Không kiểm tra được chữ ký này (${detail}).`,
};

const VERDICT_WORDS = { valid: 'hợp lệ', invalid: 'không hợp lệ', indeterminate: 'chưa xác định' } as const;

export function explainSignature(s: SignatureReport): string {
  const who = s.signer ? `${s.signer.commonName || s.signer.subject}` : 'Người ký không xác định';
  const head = `Chữ ký của ${who}: ${VERDICT_WORDS[s.verdict]}.`;
  const main = s.reasons.filter((r) => r.severity === 'error' || r.severity === 'unknown').map((r) => r.message);
  if (main.length > 0) return `${head} ${main.join(' ')}`;
  const time = s.signingTime.source === 'timestamp' ? ' Thời điểm ký có dấu thời gian xác nhận.' : '';
  return `${head} Nội dung còn nguyên vẹn, chứng thư số đáng tin cậy.${time}`;
}

const PROBLEMS: Record<string, string> = {
  ENCRYPTED: 'Tệp PDF được mã hóa nên không kiểm tra được chữ ký. Hãy xin bản không đặt mật khẩu.',
  DAMAGED: 'Không mở được tệp PDF (tệp bị hỏng). Hãy xin bản khác từ nơi gửi.',
  NOT_PDF: 'Tệp này không phải PDF.',
  TOO_COMPLEX: 'Tệp PDF quá phức tạp hoặc có cấu trúc bất thường nên không kiểm tra được. Hãy xin bản khác từ nơi gửi.',
};

export function explainDocument(
  verdict: DocumentReport['verdict'],
  signatures: SignatureReport[],
  problem?: string,
): string {
  if (problem) return PROBLEMS[problem] ?? PROBLEMS.DAMAGED!;
  if (verdict === 'unsigned') return 'Văn bản không có chữ ký số.';
  const counts = `${signatures.length} chữ ký`;
  if (verdict === 'valid') return `Văn bản có ${counts}, tất cả đều hợp lệ.`;
  if (verdict === 'invalid')
    return `Văn bản có ${counts}; có chữ ký không hợp lệ. Không nên vào sổ khi chưa hỏi lại nơi gửi.`;
  return `Văn bản có ${counts}; có chữ ký chưa xác định được. Xem chi tiết từng chữ ký.`;
}
