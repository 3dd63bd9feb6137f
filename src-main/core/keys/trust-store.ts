/**
 * Trust anchors: the root (or sub-) CA certificates a verifier accepts, kept as `<sha256>.der`
 * in `<dataDir>/trust/`. VanThu ships none: an administrator adds each one together with its
 * SHA-256 fingerprint as published by the CA, so a certificate swapped on the way (a USB stick,
 * an e-mail) is refused instead of trusted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { type CertificateInfo, certificatesInFile, readCertificate } from './certificate-info';

export interface TrustAnchor {
  sha256: string;
  subject: string;
  /** ISO 8601. */
  notAfter: string;
}

export interface TrustStore {
  /** Adds the certificate in `file` (PEM or DER) if its SHA-256 is `sha256Hex`. Idempotent. */
  add(file: string, sha256Hex: string): TrustAnchor;
  /** The same for a certificate's bytes (the UI uploads them). */
  addBytes(bytes: Uint8Array, sha256Hex: string): TrustAnchor;
  list(): TrustAnchor[];
  /** DER of every anchor, for the verifier. */
  certificates(): Uint8Array[];
  remove(sha256Hex: string): void;
}

// Files larger than this are not certificates (a root is 1-2 KB); skip rather than read them.
const MAX_CERT_FILE = 1024 * 1024;

/** "AB:CD…", "ab cd…" or "abcd…" to 64 lower-case hex digits, or null. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

function requireFingerprint(text: string): string {
  const hex = normaliseFingerprint(text);
  if (!hex) {
    throw new VanThuError(
      'VALIDATION',
      'Dấu vân tay SHA-256 phải gồm 64 chữ số thập lục phân (có thể viết cách nhau bằng dấu hai chấm).',
      [{ path: 'sha256', message: 'Cần 64 chữ số thập lục phân.' }],
    );
  }
  return hex;
}

function anchorOf(info: CertificateInfo): TrustAnchor {
  return { sha256: info.sha256, subject: info.subject, notAfter: info.notAfter.toISOString() };
}

export function createTrustStore(dir: string): TrustStore {
  const fileOf = (sha256: string): string => path.join(dir, `${sha256}.der`);

  const stored = (): CertificateInfo[] => {
    if (!fs.existsSync(dir)) return [];
    const out: CertificateInfo[] = [];
    for (const name of fs.readdirSync(dir).sort()) {
      const m = /^([0-9a-f]{64})\.der$/.exec(name);
      if (!m) continue;
      try {
        const info = readCertificate(new Uint8Array(fs.readFileSync(path.join(dir, name))));
        if (info.sha256 === m[1]) out.push(info); // a file changed behind our back is not trusted
      } catch {
        // unreadable: ignored, never trusted
      }
    }
    return out;
  };

  const store: TrustStore = {
    add(file, sha256Hex) {
      return store.addBytes(readSmallFile(file), sha256Hex);
    },

    addBytes(bytes, sha256Hex) {
      const wanted = requireFingerprint(sha256Hex);
      if (bytes.length > MAX_CERT_FILE) {
        throw new VanThuError(
          'BAD_FILE',
          'Tệp quá lớn để là một chứng thư số. Hãy chọn tệp .cer/.crt của chứng thư gốc.',
        );
      }
      const certs = certificatesInFile(bytes).map((der) => readCertificate(der));
      if (certs.length === 0) {
        throw new VanThuError(
          'BAD_FILE',
          'Tệp này không chứa chứng thư số (PEM hoặc DER). Hãy chọn tệp .cer/.crt của chứng thư gốc.',
        );
      }
      const cert = certs.find((c) => c.sha256 === wanted);
      if (!cert) {
        throw new VanThuError(
          'VALIDATION',
          'Dấu vân tay SHA-256 của chứng thư trong tệp không khớp với dấu vân tay đã nhập. Không thêm chứng thư này. ' +
            'Hãy lấy lại cả tệp lẫn dấu vân tay từ trang công bố chính thức của tổ chức chứng thực.',
          [{ path: 'sha256', message: 'Không khớp với chứng thư trong tệp.' }],
        );
      }
      if (!cert.isCA) {
        throw new VanThuError(
          'VALIDATION',
          `Chứng thư "${cert.commonName || cert.subject}" không phải chứng thư của tổ chức chứng thực (CA) nên không dùng làm gốc tin cậy được. ` +
            'Hãy chọn chứng thư gốc (Root CA) của tổ chức chứng thực.',
        );
      }
      fs.mkdirSync(dir, { recursive: true });
      const target = fileOf(cert.sha256);
      if (!fs.existsSync(target)) {
        const tmp = `${target}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, cert.der);
        fs.renameSync(tmp, target);
      }
      return anchorOf(cert);
    },

    list() {
      return stored().map(anchorOf);
    },

    certificates() {
      return stored().map((c) => c.der);
    },

    remove(sha256Hex) {
      const target = fileOf(requireFingerprint(sha256Hex));
      if (!fs.existsSync(target)) {
        throw new VanThuError('NOT_FOUND', 'Không có chứng thư gốc tin cậy nào với dấu vân tay này.');
      }
      fs.rmSync(target);
    },
  };
  return store;
}

function readSmallFile(file: string): Uint8Array {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    stat = undefined;
  }
  if (!stat?.isFile()) throw new VanThuError('NOT_FOUND', `Không tìm thấy tệp ${path.basename(file)}.`);
  if (stat.size > MAX_CERT_FILE) {
    throw new VanThuError('BAD_FILE', 'Tệp quá lớn để là một chứng thư số. Hãy chọn tệp .cer/.crt của chứng thư gốc.');
  }
  return new Uint8Array(fs.readFileSync(file));
}

/**
 * Every certificate (PEM or DER, any file name) directly in `dir`, for `vanthu verify --trust DIR`.
 * Files that are not certificates are skipped; duplicates are dropped. These are taken as
 * trusted because the person running the command chose the folder.
 */
export function loadCertificatesFromDir(dir: string): Uint8Array[] {
  const seen = new Set<string>();
  const out: Uint8Array[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isFile()) continue;
    const file = path.join(dir, entry.name);
    try {
      if (fs.statSync(file).size > MAX_CERT_FILE) continue;
      for (const der of certificatesInFile(new Uint8Array(fs.readFileSync(file)))) {
        const { sha256 } = readCertificate(der);
        if (seen.has(sha256)) continue;
        seen.add(sha256);
        out.push(der);
      }
    } catch {
      // unreadable file: skipped
    }
  }
  return out;
}
