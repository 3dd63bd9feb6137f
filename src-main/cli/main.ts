/**
 * `vanthu`: the command line over the same core the app uses. Prints Vietnamese for people,
 * JSON with --json for scripts. Exit codes: 0 ok, 1 failure or refused rows, 64 wrong usage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { VanThuError } from '../../src-shared/ipc/errors';
import { DocumentQuery, NewUser, SetupInput } from '../../src-shared/ipc/schemas';
import { ROLE_LABELS } from '../../src-shared/domain/enums';
import { validationError } from '../../src-shared/ipc/errors';
import { parseDateInput, formatDateVi } from '../../src-shared/domain/dates';
import { APP_VERSION } from '../../src-shared/version';
import { dataPaths, findAppRoot, resolveDataDir } from '../core/paths';
import { restoreBackup } from '../core/db/backup';
import { importRecords, readImportFile } from '../core/register/import';
import type { Document } from '../../src-shared/ipc/schemas';
import { USAGE, UsageError, flagError } from './usage';
import { signCommand, trustCommand, verifyCommand } from './pdf-commands';
import { stampArrivalCommand } from './stamp-command';
import { enrollCommand, outboxCommand, sendCommand, syncCommand } from './sync-command';
import { edxmlCommand } from './edxml-command';
import { exportRegisterCommand } from './export-register-command';
import { keysCommand, printRecoveryKey } from './keys-command';
import { defaultNodeWrappers } from '../core/db/at-rest/wrappers';
import { auditCommand } from './audit-command';
import { releaseSignCommand, updateKeyCommand } from './release-command';
import { createRegister, openRegister } from './open-register';

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

const actor = `cli:${os.userInfo().username}`;

/** parseArgs with its errors turned into usage errors (exit 64). */
function parse<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw flagError(e);
  }
}

function requireDate(value: string | undefined, flag: string): string {
  const iso = value ? parseDateInput(value) : null;
  if (!iso) throw new UsageError(`${flag} cần một ngày (yyyy-mm-dd hoặc dd/mm/yyyy)`);
  return iso;
}

function setup(args: string[], dataDir: string | undefined, out: Out): number {
  const { values } = parse(() =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        'org-name': { type: 'string' },
        'organ-id': { type: 'string' },
        abbr: { type: 'string' },
        regime: { type: 'string' },
        'term-name': { type: 'string' },
        'term-start': { type: 'string' },
        'term-end': { type: 'string' },
        shared: { type: 'string', multiple: true },
        'no-numbering': { type: 'boolean' },
        'admin-user': { type: 'string' },
        'admin-name': { type: 'string' },
        'admin-password': { type: 'string' },
      },
    }),
  );
  for (const flag of ['org-name', 'organ-id', 'abbr', 'regime', 'term-name', 'term-start'] as const) {
    if (!values[flag]) throw new UsageError(`thiếu --${flag}`);
  }
  const raw = {
    organisation: {
      name: values['org-name'],
      organId: values['organ-id'],
      abbreviation: values.abbr,
      regime: values.regime,
      numbersHere: !values['no-numbering'],
    },
    term: {
      name: values['term-name'],
      startDate: requireDate(values['term-start'] as string, '--term-start'),
      endDate: values['term-end'] ? requireDate(values['term-end'] as string, '--term-end') : null,
    },
    sharedCounters: ((values.shared as string[] | undefined) ?? []).map((g) => g.split(',').map((c) => c.trim())),
    admin: {
      username: values['admin-user'] ?? '',
      fullName: values['admin-name'] ?? '',
      password: (values['admin-password'] as string | undefined) ?? process.env.VANTHU_ADMIN_PASSWORD ?? '',
    },
  };
  const services = createRegister(dataDir);
  try {
    if (services.isSetUp()) {
      const input = SetupInput.omit({ admin: true }).safeParse(raw);
      if (!input.success) throw validationError(input.error);
      const id = services.transaction(() => services.organisations.add(input.data, actor));
      out.stdout(`Đã thêm cơ quan ${input.data.organisation.name} (mã ${id}).\n`);
      return 0;
    }
    if (!values['admin-user'] || !values['admin-name'])
      throw new UsageError('lần thiết lập đầu cần --admin-user và --admin-name');
    const input = SetupInput.safeParse(raw);
    if (!input.success) throw validationError(input.error);
    const { recoveryKey } = services.setup(input.data, actor);
    out.stdout(`Đã thiết lập ${input.data.organisation.name} và tài khoản quản trị ${input.data.admin.username}.\n`);
    printRecoveryKey(recoveryKey, out);
    return 0;
  } finally {
    services.close();
  }
}

/** `vanthu config tsa-url [URL | --clear]`: the time-stamping authority for signatures made in the app. */
function configCommand(args: string[], dataDir: string | undefined, out: Out): number {
  const [key, value, ...extra] = args;
  if (key !== 'tsa-url' || extra.length) throw new UsageError('config cần: tsa-url [URL | --clear]');
  const services = openRegister(dataDir);
  try {
    if (value === '--clear') services.signingPolicy.setTsaUrl(null);
    else if (value) services.signingPolicy.setTsaUrl(value);
    const url = services.signingPolicy.tsaUrl();
    out.stdout(
      url
        ? `Máy chủ dấu thời gian: ${url}\n`
        : 'Chưa cấu hình máy chủ dấu thời gian (chữ ký không kèm dấu thời gian).\n',
    );
    return 0;
  } finally {
    services.close();
  }
}

function importCommand(args: string[], dataDir: string | undefined, out: Out): number {
  const { values, positionals } = parse(() =>
    parseArgs({ args, allowPositionals: true, options: { 'organ-id': { type: 'string' } } }),
  );
  const [file, ...rest] = positionals;
  if (!file || rest.length) throw new UsageError('import cần đúng một tệp');
  if (!fs.existsSync(file)) throw new VanThuError('NOT_FOUND', `Không tìm thấy tệp ${file}.`);
  const records = readImportFile(file, fs.readFileSync(file, 'utf8'));
  const services = openRegister(dataDir);
  try {
    let organisationId: number | undefined;
    if (values['organ-id']) {
      const org = services.organisations.list().find((o) => o.organId === values['organ-id']);
      if (!org) throw new VanThuError('NOT_FOUND', `Không có cơ quan mã ${values['organ-id']}.`);
      organisationId = org.id;
    }
    const report = importRecords(services, records, actor, organisationId);
    for (const w of report.warnings) out.stderr(`row ${w.row}: cảnh báo: ${w.message}\n`);
    for (const r of report.refused) out.stderr(`row ${r.row}: ${r.reason}\n`);
    out.stdout(`Đã nhập ${report.imported}/${records.length} văn bản; ${report.refused.length} dòng bị từ chối.\n`);
    return report.refused.length === 0 ? 0 : 1;
  } finally {
    services.close();
  }
}

function listing(args: string[], dataDir: string | undefined, out: Out, withText: boolean): number {
  const { values, positionals } = parse(() =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        direction: { type: 'string' },
        year: { type: 'string' },
        json: { type: 'boolean' },
      },
    }),
  );
  if (withText ? positionals.length === 0 : positionals.length > 0) {
    throw new UsageError(withText ? 'search cần nội dung tìm' : 'list không nhận tham số thừa');
  }
  if (values.year !== undefined && !/^\d{4}$/.test(values.year as string))
    throw new UsageError('--year cần năm 4 chữ số');
  const query = DocumentQuery.safeParse({
    text: withText ? positionals.join(' ') : '',
    direction: values.direction,
    year: values.year === undefined ? undefined : Number(values.year),
    sort: withText ? 'ranked' : 'newest',
    limit: 500,
  });
  if (!query.success)
    throw new UsageError(query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const services = openRegister(dataDir);
  try {
    const items: Omit<Document, 'files'>[] = [];
    let total = 0;
    do {
      const page = services.queries.list({ ...query.data, offset: items.length });
      total = page.total;
      items.push(...page.items);
      if (page.items.length === 0) break;
    } while (items.length < total);
    if (values.json) out.stdout(`${JSON.stringify(items, null, 2)}\n`);
    else {
      for (const d of items) {
        const no = d.direction === 'in' ? `Số đến ${d.arrivalNumber}` : d.numberNotation || '(dự thảo)';
        const date = d.direction === 'in' ? d.arrivalDate : d.issuedDate;
        out.stdout(`${no}\t${date ? formatDateVi(date) : ''}\t${d.numberNotation}\t${d.subject}\n`);
      }
      out.stdout(`${items.length} văn bản.\n`);
    }
    return 0;
  } finally {
    services.close();
  }
}

function user(args: string[], dataDir: string | undefined, out: Out): number {
  const [sub, ...rest] = args;
  if (sub !== 'add') throw new UsageError('user cần lệnh con: add');
  const { values, positionals } = parse(() =>
    parseArgs({
      args: rest,
      allowPositionals: true,
      options: { name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' } },
    }),
  );
  if (positionals.length !== 1 || !values.name || !values.role)
    throw new UsageError('user add cần TÊN_ĐĂNG_NHẬP --name HỌ_TÊN --role VAI_TRÒ');
  const input = NewUser.safeParse({
    username: positionals[0],
    fullName: values.name,
    role: values.role,
    password: values.password ?? process.env.VANTHU_USER_PASSWORD ?? '',
  });
  if (!input.success) throw validationError(input.error);
  const services = openRegister(dataDir);
  try {
    services.transaction(() => services.accounts.create(input.data, actor));
    out.stdout(`Đã tạo tài khoản ${input.data.username} (${ROLE_LABELS[input.data.role]}).\n`);
    return 0;
  } finally {
    services.close();
  }
}

async function backup(args: string[], dataDir: string | undefined, out: Out): Promise<number> {
  const { values, positionals } = parse(() =>
    parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } }),
  );
  if (!values.out || positionals.length) throw new UsageError('backup cần --out FILE');
  const services = openRegister(dataDir);
  try {
    const result = await services.backups.create(path.resolve(values.out as string));
    out.stdout(`Đã sao lưu vào ${values.out} (${result.blobs} tệp, ${result.bytes} byte), đã mã hóa.\n`);
    if (!result.recoverable) {
      out.stderr(
        'Chưa có khóa khôi phục: bản sao lưu này chỉ khôi phục được trên máy này. Hãy chạy "vanthu keys recovery".\n',
      );
    }
    return 0;
  } finally {
    services.close();
  }
}

function restore(args: string[], dataDir: string | undefined, out: Out): number {
  const { positionals, values } = parse(() =>
    parseArgs({ args, allowPositionals: true, options: { 'recovery-key': { type: 'string' } } }),
  );
  if (positionals.length !== 1) throw new UsageError('restore cần đúng một tệp sao lưu');
  const paths = dataPaths(resolveDataDir(dataDir));
  const recoveryKey = (values['recovery-key'] as string | undefined) ?? process.env.VANTHU_RECOVERY_KEY;
  const result = restoreBackup(path.resolve(positionals[0] as string), paths, path.join(findAppRoot(), 'migrations'), {
    wrappers: defaultNodeWrappers(paths.dataDir),
    ...(recoveryKey ? { recoveryKey } : {}),
  });
  // Open once so migrations bring an older backup up to this version.
  openRegister(dataDir).close();
  out.stdout(
    `Đã khôi phục (${result.blobs} tệp).${result.replaced ? ` Dữ liệu trước khi khôi phục được giữ ở ${result.replaced}.` : ''}\n`,
  );
  return 0;
}

export async function run(argv: string[], out: Out): Promise<number> {
  let dataDir: string | undefined;
  const args = [...argv];
  const at = args.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (at >= 0) {
    const arg = args[at] as string;
    if (arg.includes('=')) {
      dataDir = arg.slice(arg.indexOf('=') + 1);
      args.splice(at, 1);
    } else {
      dataDir = args[at + 1];
      args.splice(at, 2);
    }
    if (!dataDir) {
      out.stderr(`vanthu: --data-dir cần một thư mục\n\n${USAGE}`);
      return 64;
    }
  }
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'setup':
        return setup(rest, dataDir, out);
      case 'import':
        return importCommand(rest, dataDir, out);
      case 'list':
        return listing(rest, dataDir, out, false);
      case 'search':
        return listing(rest, dataDir, out, true);
      case 'user':
        return user(rest, dataDir, out);
      case 'verify':
        return await verifyCommand(rest, dataDir, out);
      case 'sign':
        return await signCommand(rest, out);
      case 'trust':
        return trustCommand(rest, dataDir, out);
      case 'stamp-arrival':
        return stampArrivalCommand(rest, out);
      case 'sync':
        return await syncCommand(rest, dataDir, out);
      case 'enroll':
        return await enrollCommand(rest, dataDir, out);
      case 'outbox':
        return outboxCommand(rest, dataDir, out);
      case 'send':
        return sendCommand(rest, dataDir, out);
      case 'edxml':
        return await edxmlCommand(rest, dataDir, out);
      case 'config':
        return configCommand(rest, dataDir, out);
      case 'export-register':
        return exportRegisterCommand(rest, dataDir, out);
      case 'backup':
        return await backup(rest, dataDir, out);
      case 'audit':
        return auditCommand(rest, dataDir, out);
      case 'restore':
        return restore(rest, dataDir, out);
      case 'keys':
        return keysCommand(rest, dataDir, out);
      case 'update-key':
        return updateKeyCommand(rest, out);
      case 'release':
        return releaseSignCommand(rest, out);
      case 'help':
      case '--help':
      case '-h':
        out.stdout(USAGE);
        return 0;
      case '--version':
        out.stdout(`${APP_VERSION}\n`);
        return 0;
      default:
        throw new UsageError(command ? `lệnh không có: ${command}` : 'thiếu lệnh');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      out.stderr(`vanthu: ${error.message}\n\n${USAGE}`);
      return 64;
    }
    if (error instanceof VanThuError) {
      const fields = error.issues?.map((i) => `  ${i.path}: ${i.message}\n`).join('') ?? '';
      out.stderr(`vanthu: ${error.message}\n${fields}`);
      return 1;
    }
    out.stderr(`vanthu: lỗi ngoài dự kiến: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** Runs with the process's arguments and sets its exit code (bin/vanthu.cjs calls this). */
export function main(): void {
  void run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  }).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) main();
