/**
 * `vanthu sync`: connect this workstation to the inbox server, run a pass, show the state.
 * `vanthu send ID [--to ORGANID ...]` queues an issued document for its recipients.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { VanThuError } from '../../src-shared/ipc/errors';
import type { SyncStatus } from '../../src-shared/ipc/sync';
import { APP_VERSION } from '../../src-shared/version';
import { createServices } from '../core/services';
import { toVanThuError } from '../core/sync';
import { UsageError } from './usage';

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

export async function syncCommand(args: string[], dataDir: string | undefined, out: Out): Promise<number> {
  const [sub, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { 'code-env': { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (sub !== 'enroll' && sub !== 'now' && sub !== 'status') throw new UsageError('sync cần enroll, now hoặc status');
  const services = createServices({ dataDir, version: APP_VERSION });
  try {
    if (sub === 'enroll') {
      const [url, ...extra] = positionals;
      if (!url || extra.length) throw new UsageError('sync enroll cần đúng một địa chỉ máy chủ');
      const variable = values['code-env'];
      if (!variable) throw new UsageError('sync enroll cần --code-env BIẾN (mã đăng ký lấy từ biến môi trường)');
      const code = process.env[variable];
      if (!code) throw new VanThuError('VALIDATION', `Biến môi trường ${variable} chưa có mã đăng ký.`);
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
    }
    if (positionals.length) throw new UsageError(`sync ${sub} không nhận thêm tham số`);
    const status = sub === 'now' ? await services.sync.syncNow() : services.sync.status();
    out.stdout(values.json ? `${JSON.stringify(status, null, 2)}\n` : describe(status));
    if (sub === 'status') return 0;
    return status.configured && !status.lastError && status.rejected.length === 0 ? 0 : 1;
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
    throw new UsageError((e as Error).message);
  }
  const [idText, ...extra] = parsed.positionals;
  const id = Number(idText);
  if (!Number.isInteger(id) || id <= 0 || extra.length) throw new UsageError('send cần đúng một mã văn bản (số)');
  const services = createServices({ dataDir, version: APP_VERSION });
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
