/**
 * `vanthu enroll URL CODE`, `vanthu sync [--once] | now | status`, `vanthu outbox`: connect this
 * workstation to the inbox server, keep it in step (in the foreground until Ctrl+C, or one
 * pass), show the state and what waits to go.
 * `vanthu send ID [--to ORGANID ...]` queues an issued document for its recipients.
 */
import os from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { VanThuError } from '../../src-shared/ipc/errors';
import type { SyncStatus } from '../../src-shared/ipc/sync';
import { toVanThuError } from '../core/sync';
import { UsageError, flagError } from './usage';
import { createRegister, openRegister } from './open-register';
import type { Services } from '../core/services';

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };
const actor = `cli:${os.userInfo().username}`;

function describe(s: SyncStatus): string {
  if (!s.configured) return 'Chưa kết nối máy chủ liên thông (vanthu sync enroll URL --code-env BIẾN).\n';
  const lines = [
    `Máy chủ: ${s.serverUrl} — đơn vị ${s.organName} (${s.organId})`,
    `Kết nối: ${s.online === null ? 'chưa thử' : s.online ? 'được' : 'mất kết nối'}`,
    `Chờ gửi: ${s.pending}; chờ tiếp nhận: ${s.waitingToReceive}; bị từ chối: ${s.rejected.length}`,
    `Đồng bộ lần cuối: ${s.lastSyncAt ?? 'chưa lần nào'}`,
    ...(s.lastError ? [`Lỗi: ${s.lastError}`] : []),
    ...s.rejected.map((r) => `  bị từ chối #${r.id} (${r.kind}): ${r.error ?? ''}`),
  ];
  return `${lines.join('\n')}\n`;
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, allowPositionals: true, options, strict: true });
  } catch (e) {
    throw flagError(e);
  }
}

const ENROLL_OPTIONS = { 'code-env': { type: 'string' }, name: { type: 'string' } } as const;

/**
 * `vanthu enroll URL [CODE]` (or `sync enroll URL`): the one-time code as an argument, or from
 * --code-env BIẾN, which keeps it out of the shell's history.
 */
async function enroll(
  positionals: string[],
  values: { 'code-env'?: string; name?: string },
  dataDir: string | undefined,
  out: Out,
) {
  const [url, given, ...extra] = positionals;
  if (!url || extra.length) throw new UsageError('enroll cần địa chỉ máy chủ và mã đăng ký (hoặc --code-env BIẾN)');
  const variable = values['code-env'];
  if (!given && !variable)
    throw new UsageError('enroll cần mã đăng ký, hoặc --code-env BIẾN (mã lấy từ biến môi trường)');
  const code = given ?? process.env[variable!];
  if (!code) throw new VanThuError('VALIDATION', `Biến môi trường ${variable} chưa có mã đăng ký.`);
  const services = createRegister(dataDir);
  try {
    const enrolled = await services.sync.enroll(url, code, values.name, { start: false }).catch((e: unknown) => {
      throw toVanThuError(e);
    });
    services.audit.append({
      actor,
      action: 'sync.enroll',
      entity: 'sync',
      entityId: enrolled.workstationId,
      details: { serverUrl: url, organId: enrolled.organId },
    });
    out.stdout(`Đã kết nối máy chủ liên thông: ${enrolled.organName} (${enrolled.organId}).\n`);
    return 0;
  } finally {
    services.close();
  }
}

export async function enrollCommand(args: string[], dataDir: string | undefined, out: Out): Promise<number> {
  const { values, positionals } = parse(args, ENROLL_OPTIONS);
  return enroll(positionals, values as { 'code-env'?: string; name?: string }, dataDir, out);
}

export async function syncCommand(
  args: string[],
  dataDir: string | undefined,
  out: Out,
  /** Ends `vanthu sync` in the foreground; Ctrl+C or SIGTERM when not given. */
  stop?: AbortSignal,
): Promise<number> {
  const sub = args[0] && !args[0].startsWith('-') ? args[0] : undefined;
  const { values, positionals } = parse(sub ? args.slice(1) : args, {
    ...ENROLL_OPTIONS,
    json: { type: 'boolean' },
    once: { type: 'boolean' },
  });
  if (sub === 'enroll') return enroll(positionals, values as { 'code-env'?: string; name?: string }, dataDir, out);
  if (sub !== undefined && sub !== 'now' && sub !== 'status')
    throw new UsageError('sync cần --once, now, status hoặc enroll (không gì: chạy liên tục đến khi Ctrl+C)');
  if (positionals.length) throw new UsageError('sync không nhận thêm tham số');
  const services = openRegister(dataDir);
  try {
    if (sub === undefined && !values.once) return await keepInStep(services, out, stop ?? signalOnInterrupt());
    const status = sub === 'status' ? services.sync.status() : await services.sync.syncNow();
    out.stdout(values.json ? `${JSON.stringify(status, null, 2)}\n` : describe(status));
    if (sub === 'status') return 0;
    return status.configured && !status.lastError && status.rejected.length === 0 ? 0 : 1;
  } finally {
    services.close();
  }
}

/** Aborted by Ctrl+C or a service manager's SIGTERM. */
function signalOnInterrupt(): AbortSignal {
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
  return controller.signal;
}

/** Background passes as the app runs them, a line each time the state changes, until stopped. */
async function keepInStep(services: Services, out: Out, stop: AbortSignal): Promise<number> {
  if (!services.sync.status().configured) {
    out.stderr(describe(services.sync.status()));
    return 1;
  }
  services.sync.start();
  out.stdout('Đang đồng bộ liên tục; Ctrl+C để dừng.\n');
  let said = '';
  while (!stop.aborted) {
    const s = services.sync.status();
    const line = `${s.online === false ? 'mất kết nối' : 'kết nối được'} · chờ gửi ${s.pending} · chờ tiếp nhận ${s.waitingToReceive}${s.lastError ? ` · lỗi: ${s.lastError}` : ''}`;
    if (line !== said) out.stdout(`${new Date().toISOString()} ${line}\n`);
    said = line;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  services.sync.stop();
  out.stdout('Đã dừng đồng bộ.\n');
  return 0;
}

/** `vanthu outbox [--json]`: what waits to go to the server, urgent first, then what it refused. */
export function outboxCommand(args: string[], dataDir: string | undefined, out: Out): number {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  if (positionals.length) throw new UsageError('outbox không nhận thêm tham số');
  const services = openRegister(dataDir);
  try {
    const items = services.sync.outbox();
    if (values.json) out.stdout(`${JSON.stringify(items, null, 2)}\n`);
    else if (items.length === 0) out.stdout('Không có gì chờ gửi.\n');
    else
      for (const i of items)
        out.stdout(
          `#${i.id}\t${i.kind}\t${i.state === 'rejected' ? 'bị từ chối' : 'chờ gửi'}\t${i.documentId ? `văn bản ${i.documentId}` : ''}\t${i.attempts} lần thử${i.error ? `\t${i.error}` : ''}\n`,
        );
    return 0;
  } finally {
    services.close();
  }
}

export function sendCommand(args: string[], dataDir: string | undefined, out: Out): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        to: { type: 'string', multiple: true },
        update: { type: 'boolean' },
        replaces: { type: 'string' },
        recall: { type: 'string' },
      },
    });
  } catch (e) {
    throw flagError(e);
  }
  const [idText, ...extra] = parsed.positionals;
  const id = Number(idText);
  if (!Number.isInteger(id) || id <= 0 || extra.length) throw new UsageError('send cần đúng một mã văn bản (số)');
  const services = openRegister(dataDir);
  try {
    if (parsed.values.recall !== undefined) {
      const lines = services.sync.recall(id, parsed.values.recall, actor);
      out.stdout(`Đã xếp hàng đề nghị thu hồi tới ${lines.map((r) => r.organName).join(', ')}.\n`);
      return 0;
    }
    const replaces = parsed.values.replaces === undefined ? undefined : Number(parsed.values.replaces);
    if (replaces !== undefined && (!Number.isInteger(replaces) || replaces <= 0)) {
      throw new UsageError('--replaces cần mã văn bản (số) đã gửi trước');
    }
    const to = parsed.values.to?.map((organId) => ({ organId }));
    const { recipients } = services.sync.send(id, to, actor, {
      ...(parsed.values.update ? { update: true } : {}),
      ...(replaces !== undefined ? { replaces } : {}),
    });
    out.stdout(
      `Đã xếp hàng gửi tới ${recipients.map((r) => r.organName).join(', ')}. Chạy "vanthu sync now" để gửi.\n`,
    );
    return 0;
  } finally {
    services.close();
  }
}
