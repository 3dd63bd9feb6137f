/**
 * `vanthu verify`, `vanthu sign` and `vanthu trust`: signatures from the command line, over the
 * same core the app uses. verify exits 0 when every signature is valid, 1 when any is invalid,
 * 2 when undecided, unsigned, unreadable, damaged or encrypted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { VanThuError } from '../../src-shared/ipc/errors';
import type { DocumentReport } from '../../src-shared/pdf/report';
import { dataPaths, resolveDataDir } from '../core/paths';
import { verifyPdf } from '../core/pdf/verify';
import { renderSignatureReportPdf } from '../core/signatures/report-pdf';
import { signPdf } from '../core/pdf/sign';
import { openP12 } from '../core/keys/p12';
import { createPkcs11KeySource, parseChoiceId, type Pkcs11KeySource } from '../core/keys/pkcs11';
import type { Signer } from '../core/keys/signer';
import { createTrustStore, loadCertificatesFromDir } from '../core/keys/trust-store';
import Database from 'better-sqlite3-multiple-ciphers';
import { unlockDatabaseKey } from '../core/db/at-rest/key-file';
import { applyKey, databaseState } from '../core/db/at-rest/sqlite-cipher';
import { defaultNodeWrappers } from '../core/db/at-rest/wrappers';
import {
  createRevocationChecker,
  memoryRevocationStore,
  sqliteRevocationStore,
  type RevocationStore,
} from '../core/pdf/revocation';
import { UsageError, flagError } from './usage';
import { writeOutputFile } from './output-file';
import { parsePage, parseRect } from './stamp-command';

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

/** Whatever the input, verify answers within this time (the CLI promises 10 s). */
const VERIFY_BUDGET_MS = 9_000;
/** Revocation lookups must fit in that budget, even with an OCSP responder and a CRL to try. */
const REVOCATION_LIMITS = { connectTimeoutMs: 2_000, timeoutMs: 3_000 };

/**
 * The workstation's revocation cache when it has a register (so `--offline` can use what the
 * app fetched, and what verify fetches helps the app); otherwise a cache for this run only.
 */
function openRevocationCache(dataDir: string | undefined): { store: RevocationStore; close: () => void } {
  const file = dataPaths(resolveDataDir(dataDir)).database;
  if (fs.existsSync(file)) {
    let sqlite: Database.Database | undefined;
    try {
      const paths = dataPaths(resolveDataDir(dataDir));
      const state = databaseState(file);
      // Reading only: a register without a key file is left alone, never given one here.
      const key =
        state === 'encrypted' && fs.existsSync(paths.keyFile)
          ? unlockDatabaseKey(paths.keyFile, defaultNodeWrappers(paths.dataDir), state).key
          : null;
      sqlite = new Database(file, { fileMustExist: true });
      if (key) applyKey(sqlite, key);
      sqlite.pragma('busy_timeout = 5000');
      const table = sqlite
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'revocation_cache'")
        .get();
      if (table) {
        const db = sqlite;
        return { store: sqliteRevocationStore(db), close: () => db.close() };
      }
    } catch {
      // An unreadable register is no reason not to verify: a cache for this run only.
    }
    sqlite?.close();
  }
  return { store: memoryRevocationStore(), close: () => {} };
}

const REVOCATION_SOURCE_WORDS = {
  ocsp: 'OCSP',
  crl: 'CRL',
  'cache-ocsp': 'OCSP đã lưu (ngoại tuyến)',
  'cache-crl': 'CRL đã lưu (ngoại tuyến)',
} as const;

export function trustDir(dataDir: string | undefined): string {
  return path.join(dataPaths(resolveDataDir(dataDir)).dataDir, 'trust');
}

function parse<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw flagError(e);
  }
}

function readInput(file: string): Buffer {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new VanThuError('NOT_FOUND', `Không tìm thấy tệp ${file}.`);
  return fs.readFileSync(file);
}

const VERDICT_LINE = {
  valid: 'HỢP LỆ',
  invalid: 'KHÔNG HỢP LỆ',
  indeterminate: 'CHƯA XÁC ĐỊNH',
  unsigned: 'KHÔNG CÓ CHỮ KÝ',
};

function printReport(report: DocumentReport, out: Out): void {
  out.stdout(`${VERDICT_LINE[report.verdict]}: ${report.explanation}\n`);
  for (const s of report.signatures) {
    out.stdout(`\n#${s.index + 1} ${s.fieldName || '(không tên)'}: ${VERDICT_LINE[s.verdict]}\n`);
    if (s.signer) out.stdout(`  Người ký: ${s.signer.subject}\n  Cấp bởi: ${s.signer.issuer}\n`);
    if (s.signingTime.value) {
      out.stdout(
        `  Thời điểm ký: ${s.signingTime.value} (${s.signingTime.source === 'timestamp' ? 'dấu thời gian' : 'tự ghi'})\n`,
      );
    }
    if (s.revocationSource) {
      const url = s.revocationEvidence?.url ? ` ${s.revocationEvidence.url}` : '';
      out.stdout(`  Tra cứu thu hồi: ${REVOCATION_SOURCE_WORDS[s.revocationSource]}${url}\n`);
    }
    for (const r of s.reasons) out.stdout(`  [${r.severity}] ${r.code}: ${r.message}\n`);
    for (const c of s.changesAfter)
      out.stdout(
        `  sau khi ký, lần cập nhật ${c.revision}: ${c.description}${c.permitted ? '' : ' — KHÔNG ĐƯỢC PHÉP'}\n`,
      );
  }
}

export async function verifyCommand(args: string[], dataDir: string | undefined, out: Out): Promise<number> {
  const { values, positionals } = parse(() =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        trust: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        offline: { type: 'boolean' },
        'report-pdf': { type: 'string' },
      },
    }),
  );
  if (positionals.length !== 1) throw new UsageError('verify cần đúng một tệp PDF');
  const anchors: Uint8Array[] = [];
  for (const dir of (values.trust as string[] | undefined) ?? []) {
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory())
      throw new UsageError(`--trust cần một thư mục: ${dir}`);
    anchors.push(...loadCertificatesFromDir(dir));
  }
  const store = trustDir(dataDir);
  if (fs.existsSync(store)) anchors.push(...createTrustStore(store).certificates());
  let bytes: Buffer;
  try {
    bytes = readInput(positionals[0] as string);
  } catch (error) {
    // Unreadable is "undecided" (2), like damaged or encrypted: nothing was verified.
    out.stderr(`vanthu: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), VERIFY_BUDGET_MS);
  });
  // Revocation online by default (CRL/OCSP, short timeouts); --offline: the cache only.
  const cache = openRevocationCache(dataDir);
  const revocation = createRevocationChecker({
    store: cache.store,
    offline: values.offline === true,
    ...REVOCATION_LIMITS,
  });
  let report: DocumentReport | null;
  try {
    report = await Promise.race([verifyPdf(bytes, { trustAnchors: anchors, revocation: revocation.check }), timeout]);
  } finally {
    clearTimeout(timer);
    cache.close();
  }
  if (!report) {
    out.stderr('vanthu: kiểm tra quá lâu nên đã dừng; kết quả: chưa xác định.\n');
    return 2;
  }
  if (values.json) out.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report, out);
  const pdfReport = values['report-pdf'] as string | undefined;
  if (pdfReport) {
    const rendered = renderSignatureReportPdf(report, {
      organisation: '',
      fileName: path.basename(positionals[0] as string),
      now: new Date(),
    });
    writeOutputFile(pdfReport, rendered);
    if (!values.json) out.stdout(`Đã ghi báo cáo PDF: ${pdfReport}\n`);
  }
  return report.verdict === 'valid' ? 0 : report.verdict === 'invalid' ? 1 : 2;
}

function secretFromEnv(name: string | undefined, flag: string): string {
  if (!name) throw new UsageError(`thiếu ${flag} (tên biến môi trường chứa mật khẩu/PIN)`);
  const value = process.env[name];
  if (value === undefined) throw new UsageError(`biến môi trường ${name} chưa được đặt`);
  return value;
}

export async function signCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parse(() =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        p12: { type: 'string' },
        'pass-env': { type: 'string' },
        pkcs11: { type: 'string' },
        slot: { type: 'string' },
        'pin-env': { type: 'string' },
        reason: { type: 'string' },
        location: { type: 'string' },
        tsa: { type: 'string' },
        'tsa-user': { type: 'string' },
        'tsa-pass-env': { type: 'string' },
        page: { type: 'string' },
        appearance: { type: 'string' },
        image: { type: 'string' },
        rect: { type: 'string' },
        line: { type: 'string', multiple: true },
        'number-notation': { type: 'string' },
      },
    }),
  );
  if (positionals.length !== 1 || !values.out) throw new UsageError('sign cần IN.pdf --out OUT.pdf');
  const kind = values.appearance as 'signer' | 'seal' | 'stamp' | undefined;
  if (kind !== undefined && !['signer', 'seal', 'stamp'].includes(kind)) {
    throw new UsageError('--appearance cần signer, seal hoặc stamp');
  }
  if (kind === 'signer' && (!values.image || !values.rect))
    throw new UsageError('--appearance signer cần --image PNG và --rect x,y,w,h');
  if (kind === 'seal' && !values.image) throw new UsageError('--appearance seal cần --image PNG (hình con dấu)');
  const lines = [...((values.line as string[] | undefined) ?? [])];
  if (values['number-notation']) lines.push(values['number-notation'] as string);
  const appearance = kind
    ? {
        kind,
        rect: parseRect(values.rect as string | undefined),
        image: values.image ? new Uint8Array(readInput(values.image as string)) : undefined,
        lines,
        page: parsePage(values.page as string | undefined),
      }
    : undefined;
  if (!values.p12 === !values.pkcs11)
    throw new UsageError('sign cần --p12 FILE --pass-env BIẾN, hoặc --pkcs11 THƯ_VIỆN [--slot N] --pin-env BIẾN');
  if (values.slot !== undefined && !values.pkcs11) throw new UsageError('--slot chỉ dùng với --pkcs11');
  const page = values.page === undefined ? 1 : Number(values.page);
  if (!Number.isInteger(page) || page < 1) throw new UsageError('--page cần số trang từ 1');
  const slot = values.slot === undefined ? undefined : parseSlot(values.slot as string);
  const secret = values.pkcs11
    ? secretFromEnv(values['pin-env'] as string | undefined, '--pin-env')
    : secretFromEnv(values['pass-env'] as string | undefined, '--pass-env');
  if ((values['tsa-user'] !== undefined || values['tsa-pass-env'] !== undefined) && !values.tsa)
    throw new UsageError('--tsa-user và --tsa-pass-env chỉ dùng với --tsa URL');
  const timestamp = values.tsa
    ? {
        url: values.tsa as string,
        ...(values['tsa-user'] !== undefined
          ? {
              username: values['tsa-user'] as string,
              password: secretFromEnv(values['tsa-pass-env'] as string | undefined, '--tsa-pass-env'),
            }
          : {}),
      }
    : undefined;
  const input = readInput(positionals[0] as string);
  let signer: Signer;
  let token: Pkcs11KeySource | undefined;
  if (values.pkcs11) {
    token = createPkcs11KeySource({ modulePath: path.resolve(values.pkcs11 as string) });
    try {
      signer = await openTokenSigner(token, slot, secret);
    } catch (e) {
      await token.close();
      throw e;
    }
  } else {
    signer = await openP12(readInput(values.p12 as string), secret);
  }
  try {
    const signed = await signPdf(input, signer, {
      reason: values.reason as string | undefined,
      location: values.location as string | undefined,
      page,
      appearance,
      ...(timestamp ? { timestamp } : {}),
    });
    const target = path.resolve(values.out as string);
    if (path.resolve(positionals[0] as string) === target)
      throw new UsageError('--out phải khác tệp gốc: tệp đã ký không bao giờ ghi đè bản gốc');
    writeOutputFile(target, signed);
    out.stdout(`Đã ký: ${values.out}\n`);
    return 0;
  } finally {
    await signer.close();
    await token?.close();
  }
}

/** --slot: the slot ID as `pkcs11-tool -L` prints it (decimal or 0x…), or the token's place 0, 1… */
function parseSlot(text: string): string {
  if (!/^(\d+|0x[0-9a-f]+)$/i.test(text)) throw new UsageError('--slot cần số khe (ví dụ 0 hoặc 0x1a2b)');
  return BigInt(text).toString();
}

/** The first certificate on the token, or on the slot given. `pin` goes to the login only. */
async function openTokenSigner(token: Pkcs11KeySource, slot: string | undefined, pin: string): Promise<Signer> {
  const choices = await token.list();
  const slots = [...new Set(choices.map((c) => parseChoiceId(c.id)?.slotId))];
  const wanted =
    slot === undefined
      ? slots[0]
      : slots.includes(slot)
        ? slot
        : Number(slot) < slots.length
          ? slots[Number(slot)]
          : null;
  const choice = choices.find((c) => parseChoiceId(c.id)?.slotId === wanted);
  if (!choice) {
    throw new VanThuError(
      'NOT_FOUND',
      slot === undefined
        ? 'Không thấy chứng thư số nào trên USB token. Hãy cắm token vào máy rồi thử lại.'
        : `Không thấy chứng thư số nào trên USB token ở khe ${slot}.`,
    );
  }
  return token.open(choice.id, pin);
}

export function trustCommand(args: string[], dataDir: string | undefined, out: Out): number {
  const [sub, ...rest] = args;
  const store = createTrustStore(trustDir(dataDir));
  if (sub === 'list') {
    for (const a of store.list()) out.stdout(`${a.sha256}  ${a.subject}  (hết hạn ${a.notAfter})\n`);
    return 0;
  }
  if (sub !== 'add') throw new UsageError('trust cần lệnh con: add hoặc list');
  const { values, positionals } = parse(() =>
    parseArgs({ args: rest, allowPositionals: true, options: { sha256: { type: 'string' } } }),
  );
  if (positionals.length !== 1 || !values.sha256) throw new UsageError('trust add cần FILE --sha256 HEX');
  store.add(positionals[0] as string, values.sha256 as string);
  out.stdout(`Đã thêm chứng thư gốc ${positionals[0]}.\n`);
  return 0;
}
