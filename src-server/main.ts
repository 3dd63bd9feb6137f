/**
 * `npm run server -- [serve] [--data DIR] [--port N]`: the reference inbox server, and its
 * administration commands (commands.ts). A command goes to the server running on the same data
 * folder when there is one (its admin socket), else straight to the database.
 */
import path from 'node:path';
import { AdminError, createAdmin } from './admin';
import { askRunningServer } from './admin-socket';
import { USAGE, UsageError, parseAdminCommand, parseCommandLine } from './commands';
import { DataDirBusy, lockDataDir } from './data-lock';
import { openDb } from './db';
import { startInboxServer } from './server';

const DEFAULT_PORT = 8787;
const DEFAULT_RETENTION_DAYS = 365;

function say(line: string): void {
  process.stderr.write(`vanthu-inbox: ${line.trimEnd()}\n`);
}

async function serve(dataDir: string, values: ReturnType<typeof parseCommandLine>['values']): Promise<never> {
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  const retentionDays =
    values['retention-days'] === undefined ? DEFAULT_RETENTION_DAYS : Number(values['retention-days']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port phải là số cổng (0–65535).');
  if (!Number.isFinite(retentionDays) || retentionDays < 0) throw new UsageError('--retention-days phải là số ≥ 0.');
  const server = await startInboxServer({
    dataDir,
    port,
    host: values.host ?? '127.0.0.1',
    retentionDays,
    adminSocket: true,
  });
  process.stdout.write(`VanThu inbox server: ${server.url} (${server.db.kind}, data ${dataDir})\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<never>(() => undefined);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help || positionals[0] === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const dataDir = path.resolve(values.data ?? 'inbox-data');
  if ((positionals[0] ?? 'serve') === 'serve') {
    if (positionals.length > 1) throw new UsageError(USAGE);
    return serve(dataDir, values);
  }
  const forwarded = argv
    .filter((a, i) => a !== '--data' && argv[i - 1] !== '--data' && !a.startsWith('--data='))
    // A running server has its own working folder: a release folder is sent as a full path.
    .map((a, i, all) =>
      all[i - 1] === '--dir' ? path.resolve(a) : a.startsWith('--dir=') ? `--dir=${path.resolve(a.slice(6))}` : a,
    );
  const command = parseAdminCommand(forwarded); // a wrong command is told before anything is opened
  const remote = await askRunningServer(dataDir, forwarded);
  if (remote) {
    (remote.ok ? process.stdout : process.stderr).write(remote.ok ? remote.output : `vanthu-inbox: ${remote.output}\n`);
    return remote.ok ? 0 : 1;
  }
  const release = lockDataDir(dataDir);
  try {
    const db = await openDb(dataDir);
    try {
      process.stdout.write(await command(createAdmin(db, { updatesDir: path.join(dataDir, 'updates') })));
      return 0;
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      say(error.message);
      process.exit(64);
    }
    if (error instanceof DataDirBusy) say(`${error.message} Máy chủ đang chạy trên thư mục này thì hãy dừng nó trước.`);
    else if (error instanceof AdminError) say(error.message);
    else say(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
