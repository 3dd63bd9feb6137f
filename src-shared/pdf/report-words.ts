/**
 * The words of a signature verification report, in Vietnamese: one source for the signatures
 * panel (src-renderer, through its i18n table) and the printed report (core/signatures/
 * report-pdf), so the screen and the paper say the same thing. The sentences of each check
 * come from the verifier itself (core/pdf/explain) and travel inside the report.
 */
import type { Reason, RevocationSource, SignatureReport } from './report';

const SEVERITY_WORDS: Record<Reason['severity'], string> = {
  ok: 'Đạt',
  warning: 'Lưu ý',
  unknown: 'Chưa xác định',
  error: 'Lỗi',
};

export const SIGNATURE_WORDS = {
  badge: {
    valid: 'Hợp lệ',
    invalid: 'Không hợp lệ',
    indeterminate: 'Chưa xác định',
    unsigned: 'Không ký',
  },
  verdict: {
    valid: 'Chữ ký số hợp lệ',
    invalid: 'Chữ ký số không hợp lệ',
    indeterminate: 'Chữ ký số chưa xác định',
  },
  unsigned: 'Văn bản không có chữ ký số.',
  checkedAt: (when: string) => `Kiểm tra lúc ${when}`,
  signatureN: (n: number) => `Chữ ký ${n}`,
  signer: 'Người ký',
  organisation: 'Cơ quan',
  signingTime: 'Thời điểm ký',
  timestamped: '(dấu thời gian)',
  claimed: '(tự ghi)',
  noTime: 'Không rõ',
  unknownSigner: 'Không đọc được chứng thư của người ký',
  steps: 'Các bước kiểm tra',
  severity: SEVERITY_WORDS,
  issuer: 'Tổ chức cấp chứng thư',
  certificate: 'Chứng thư người ký',
  validity: (from: string, to: string) => `hiệu lực từ ${from} đến ${to}`,
  serial: 'Số hiệu',
  chain: 'Chuỗi chứng thư',
  noChain: 'Không dựng được chuỗi chứng thư.',
  revocation: 'Tình trạng thu hồi',
  revocationState: {
    good: 'Chưa bị thu hồi',
    revoked: 'Đã bị thu hồi',
    unknown: 'Chưa tra cứu được (sẽ kiểm tra lại khi có mạng)',
    not_applicable: 'Chứng thư không ghi nơi tra cứu thu hồi',
  } as Record<SignatureReport['revocation'], string>,
  fieldName: 'Tên trường chữ ký trong tệp',
  byteRange: 'Vùng dữ liệu được ký',
  revision: 'Phiên bản tệp được ký',
  revisionValue: (n: number) => (n === 0 ? 'bản gốc (phiên bản 0)' : `phiên bản ${n}`),
  algorithms: 'Thuật toán',
  changesAfter: 'Thay đổi sau khi ký',
  noChanges: 'Không có thay đổi nào sau khi ký.',
  permitted: 'được phép',
  notPermitted: 'không được phép',
  trustAnchors: 'Chứng thư gốc tin cậy',
  fingerprint: 'Dấu vân tay SHA-256',
};

/** Words only the printed report uses (the panel shows these facts differently or not at all). */
export const REPORT_PDF_WORDS = {
  title: 'BÁO CÁO KIỂM TRA CHỮ KÝ SỐ',
  documentSection: 'Văn bản được kiểm tra',
  conclusion: 'Kết luận',
  signaturesSection: 'Các chữ ký số',
  documentTitle: 'Văn bản',
  fileName: 'Tệp',
  fileSha256: 'Mã băm SHA-256 của tệp',
  fileSize: 'Dung lượng tệp',
  bytes: (n: string) => `${n} byte`,
  signatureCount: 'Số chữ ký',
  checkedAtLabel: 'Thời điểm kiểm tra',
  checkedBy: 'Người kiểm tra',
  documentVerdict: {
    valid: 'Hợp lệ',
    invalid: 'Không hợp lệ',
    indeterminate: 'Chưa xác định',
    unsigned: 'Không có chữ ký số',
  },
  result: 'Kết quả',
  explanation: 'Giải thích',
  certificateValidity: 'Thời hạn chứng thư',
  validityRange: (from: string, to: string) => `từ ${from} đến ${to}`,
  certificateFingerprint: 'Dấu vân tay SHA-256 chứng thư',
  revocationSource: 'Nguồn thông tin thu hồi',
  revocationSources: {
    ocsp: 'tra cứu trực tuyến (OCSP)',
    crl: 'danh sách thu hồi (CRL) tải về',
    'cache-ocsp': 'kết quả OCSP lưu trên máy',
    'cache-crl': 'danh sách thu hồi (CRL) lưu trên máy',
  } as Record<RevocationSource, string>,
  revocationEvidence: (url: string, thisUpdate: string) => `${url}, cập nhật lúc ${thisUpdate}`,
  check: 'Nội dung kiểm tra',
  changeRevision: 'Phiên bản',
  changeDescription: 'Nội dung thay đổi',
  changePermitted: 'Đánh giá',
  number: 'STT',
  noAnchors: 'Chưa cài chứng thư gốc tin cậy nào.',
  signer: 'NGƯỜI KIỂM TRA',
  signerNote: '(Ký, ghi rõ họ tên)',
  footer: 'Báo cáo kiểm tra chữ ký số',
  /** "ngày 22 tháng 11 năm 2026" */
  dateLine: (day: string, month: string, year: string) => `Ngày ${day} tháng ${month} năm ${year}`,
};

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** An ISO instant as "dd/MM/yyyy HH:mm" in Vietnam time (24-hour), or '' when unreadable. */
export function formatDateTimeVi(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + VIETNAM_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** An ISO instant as "dd/MM/yyyy" in Vietnam time. */
export function formatDateOnlyVi(iso: string): string {
  return formatDateTimeVi(iso).slice(0, 10);
}

/** "ab12cd…" as "AB:12:CD:…" — the way CAs publish fingerprints. */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,2}/g) ?? []).join(':');
}

type TimeWords = Pick<typeof SIGNATURE_WORDS, 'noTime' | 'timestamped' | 'claimed'>;

/**
 * When a signature was made and how that is known: "22/11/2026 09:15 (dấu thời gian)". The
 * screen may pass the words and the date format of its own language; paper is Vietnamese.
 */
export function signingTimeText(
  s: SignatureReport['signingTime'],
  words: TimeWords = SIGNATURE_WORDS,
  formatTime: (iso: string) => string = formatDateTimeVi,
): string {
  if (!s.value || s.source === 'none') return words.noTime;
  const when = formatTime(s.value) || s.value;
  return `${when} ${s.source === 'timestamp' ? words.timestamped : words.claimed}`;
}

// A signature algorithm with its digest is [signature, digest], joined by the language's "with".
const ALGORITHM_NAMES: Record<string, readonly [string, string?]> = {
  '1.2.840.113549.1.1.1': ['RSA'],
  '1.2.840.113549.1.1.5': ['RSA', 'SHA-1'],
  '1.2.840.113549.1.1.10': ['RSA-PSS'],
  '1.2.840.113549.1.1.11': ['RSA', 'SHA-256'],
  '1.2.840.113549.1.1.12': ['RSA', 'SHA-384'],
  '1.2.840.113549.1.1.13': ['RSA', 'SHA-512'],
  '1.2.840.10045.2.1': ['ECDSA'],
  '1.2.840.10045.4.1': ['ECDSA', 'SHA-1'],
  '1.2.840.10045.4.3.2': ['ECDSA', 'SHA-256'],
  '1.2.840.10045.4.3.3': ['ECDSA', 'SHA-384'],
  '1.2.840.10045.4.3.4': ['ECDSA', 'SHA-512'],
  '1.3.14.3.2.26': ['SHA-1'],
  '2.16.840.1.101.3.4.2.1': ['SHA-256'],
  '2.16.840.1.101.3.4.2.2': ['SHA-384'],
  '2.16.840.1.101.3.4.2.3': ['SHA-512'],
};

/** A readable name for an algorithm the report may give as an OID: "RSA với SHA-256". */
export function algorithmName(nameOrOid: string, withWord = 'với'): string {
  const parts = ALGORITHM_NAMES[nameOrOid];
  if (!parts) return nameOrOid;
  return parts[1] ? `${parts[0]} ${withWord} ${parts[1]}` : parts[0];
}

/** The algorithms of a signature on one line: "ETSI.CAdES.detached · SHA-256 · RSA với SHA-256". */
export function algorithmsText(
  s: Pick<SignatureReport, 'subFilter' | 'digestAlgorithm' | 'signatureAlgorithm'>,
  withWord = 'với',
): string {
  return [s.subFilter, s.digestAlgorithm, s.signatureAlgorithm]
    .filter(Boolean)
    .map((name) => algorithmName(name, withWord))
    .join(' · ');
}
