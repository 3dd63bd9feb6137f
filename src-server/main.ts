/**
 * `npm run server -- [serve] [--data DIR] [--port N] [--host H]`: the reference inbox server.
 * Administration: `org add ORGANID NAME`, `org list`, `enroll-code --org ORGANID [--hours N]`,
 * `workstation list`, `workstation revoke ID`, `prune --through SEQ`. Data in --data (default
 * ./inbox-data); PostgreSQL instead of the embedded PGlite when DATABASE_URL is set.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAdmin } from './admin';
import { openDb } from './db';
import { startInboxServer } from './server';

const USAGE = `vanthu-inbox — máy chủ liên thông VanThu

  serve [--port 8787] [--host 127.0.0.1]      chạy máy chủ
  org add MÃ_ĐỊNH_DANH "TÊN CƠ QUAN"          thêm/sửa cơ quan trong danh bạ
  org list
  enroll-code --org MÃ_ĐỊNH_DANH [--hours 24] tạo mã đăng ký một lần cho máy trạm
  workstation list | workstation revoke ID
  prune --through SEQ                          xóa các thay đổi cũ (máy trạm cũ hơn phải đồng bộ lại)
Tùy chọn chung: --data THƯ_MỤC (mặc định ./inbox-data); DATABASE_URL để dùng PostgreSQL.
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string', default: 'inbox-data' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      org: { type: 'string' },
      hours: { type: 'string', default: '24' },
      through: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const dataDir = path.resolve(values.data);
  const [command = 'serve', sub, ...rest] = positionals;
  if (values.help || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === 'serve') {
    const server = await startInboxServer({ dataDir, port: Number(values.port), host: values.host });
    process.stdout.write(`VanThu inbox server: ${server.url} (${server.db.kind}, data ${dataDir})\n`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return new Promise(() => undefined);
  }
  const db = await openDb(dataDir);
  const admin = createAdmin(db);
  try {
    if (command === 'org' && sub === 'add' && rest.length === 2) {
      await admin.addOrganisation(rest[0]!, rest[1]!);
      process.stdout.write(`Đã thêm ${rest[0]} ${rest[1]}.\n`);
    } else if (command === 'org' && sub === 'list') {
      for (const o of await admin.listOrganisations()) process.stdout.write(`${o.organ_id}\t${o.name}\n`);
    } else if (command === 'enroll-code' && values.org) {
      process.stdout.write(`${await admin.enrollmentCode(values.org, Number(values.hours))}\n`);
    } else if (command === 'workstation' && sub === 'list') {
      for (const w of await admin.listWorkstations()) {
        process.stdout.write(`${w.id}\t${w.organ_id}\t${w.name}\t${w.revoked_at ? 'đã thu hồi' : 'đang dùng'}\n`);
      }
    } else if (command === 'workstation' && sub === 'revoke' && rest.length === 1) {
      process.stdout.write((await admin.revokeWorkstation(rest[0]!)) ? 'Đã thu hồi.\n' : 'Không có máy trạm này.\n');
    } else if (command === 'prune' && values.through) {
      await admin.prune(Number(values.through));
      process.stdout.write('Đã xóa các thay đổi cũ.\n');
    } else {
      process.stderr.write(USAGE);
      return 64;
    }
    return 0;
  } catch (error) {
    process.stderr.write(`vanthu-inbox: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`vanthu-inbox: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
