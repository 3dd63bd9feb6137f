/**
 * The administration commands, as words on a command line: run by `main` against the database
 * when no server holds the data folder, or by the running server for a command sent over its
 * admin socket. Either way the same text comes back.
 */
import { parseArgs } from 'node:util';
import { AdminError, type Admin } from './admin';

export const USAGE = `vanthu-inbox — máy chủ liên thông VanThu

  serve [--port 8787] [--host 127.0.0.1] [--retention-days 365]   chạy máy chủ
  org add MÃ_ĐỊNH_DANH "TÊN CƠ QUAN"           thêm hoặc đổi tên cơ quan trong danh bạ
  org list
  enroll-code --org MÃ_ĐỊNH_DANH [--hours 24] [--numbering | --non-numbering]
                                               mã đăng ký dùng một lần cho một máy trạm (máy cấp số
                                               hay không; mỗi cơ quan chỉ một máy cấp số)
  workstation list
  workstation revoke ID                        thu hồi quyền kết nối của một máy trạm
  prune --through SEQ | --older-than-days N    xóa thay đổi cũ (máy trạm cũ hơn phải đồng bộ lại)
  holiday set NGÀY "TÊN"                       ngày nghỉ lễ cho mọi máy trạm (NGÀY: 2027-02-06)
  holiday remove NGÀY
  holiday list
  portal list --org MÃ_ĐỊNH_DANH               văn bản cơ quan gửi đăng cổng thông tin
  minimum-version set 1.2.0 | clear | show     phiên bản VanThu thấp nhất còn được liên thông
  release publish --channel stable|beta --dir THƯ_MỤC
                                               phát hành bản cập nhật đã ký (latest.yml, latest.yml.sig,
                                               bộ cài, .blockmap) tại /updates/KÊNH/
  release list                                 bản đang phát hành trên mỗi kênh
  update-policy set --channel stable|beta      kênh cập nhật cho mọi máy trạm (chính sách của máy
                                               trạm, HKLM hoặc tệp, được ưu tiên hơn)
  update-policy pause | resume | clear | show  tạm dừng / tiếp tục cập nhật cho mọi máy trạm
  audit [--limit 50]                           nhật ký: đăng ký, thu hồi, gửi
Tùy chọn chung: --data THƯ_MỤC (mặc định ./inbox-data). Đặt DATABASE_URL để dùng PostgreSQL
thay cho cơ sở dữ liệu nhúng (PGlite) trong thư mục dữ liệu.
`;

export class UsageError extends Error {}

export const OPTIONS = {
  data: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'retention-days': { type: 'string' },
  org: { type: 'string' },
  channel: { type: 'string' },
  dir: { type: 'string' },
  hours: { type: 'string' },
  through: { type: 'string' },
  'older-than-days': { type: 'string' },
  limit: { type: 'string' },
  numbering: { type: 'boolean' },
  'non-numbering': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function positiveNumber(value: string | undefined, what: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || n <= 0) throw new UsageError(`${what} phải là số dương.`);
  return n;
}

/**
 * Reads one administration command (UsageError when it is not one, before anything is opened);
 * the function returned runs it and gives the text to print (AdminError when refused).
 */
export function parseAdminCommand(argv: string[]): (admin: Admin) => Promise<string> {
  const { values, positionals } = parseCommandLine(argv);
  const [command, sub, ...rest] = positionals;
  const key = [command, sub].filter(Boolean).join(' ');
  if (key === 'org add' && rest.length === 2) {
    const [organId, name] = rest as [string, string];
    return async (admin) => {
      await admin.addOrganisation(organId, name);
      return `Đã thêm ${organId} — ${name.trim()}.\n`;
    };
  }
  if (key === 'holiday set' && rest.length === 2) {
    const [date, name] = rest as [string, string];
    return async (admin) => {
      await admin.setHoliday(date, name);
      return `Đã ghi ngày nghỉ ${date} — ${name.trim()}.\n`;
    };
  }
  if (key === 'holiday remove' && rest.length === 1) {
    const date = rest[0]!;
    return async (admin) => {
      if (!(await admin.removeHoliday(date))) throw new AdminError(`Không có ngày nghỉ ${date}.`);
      return `Đã bỏ ngày nghỉ ${date}.\n`;
    };
  }
  if (key === 'holiday list' && rest.length === 0) {
    return async (admin) => (await admin.listHolidays()).map((h) => `${h.date}\t${h.name}\n`).join('');
  }
  if (key === 'minimum-version set' && rest.length === 1) {
    const version = rest[0]!;
    return async (admin) => {
      await admin.setMinimumVersion(version);
      return `Máy trạm dưới phiên bản ${version} sẽ không liên thông được cho đến khi cập nhật.\n`;
    };
  }
  if (key === 'minimum-version clear' && rest.length === 0) {
    return async (admin) => {
      await admin.setMinimumVersion(null);
      return 'Mọi phiên bản VanThu đều liên thông được.\n';
    };
  }
  if (key === 'minimum-version show' && rest.length === 0) {
    return async (admin) => `${(await admin.minimumVersion()) ?? '(không đặt)'}\n`;
  }
  if (key === 'release publish' && rest.length === 0) {
    if (!values.channel || !values.dir) throw new UsageError('release publish cần --channel và --dir.');
    const [channel, dir] = [values.channel, values.dir];
    return async (admin) => {
      const done = await admin.publishRelease(channel, dir);
      const share = done.stagingPercentage === undefined ? 'mọi máy trạm' : `${done.stagingPercentage}% máy trạm`;
      return `Đã phát hành VanThu ${done.version} trên kênh ${done.channel} cho ${share}.\n`;
    };
  }
  if (key === 'update-policy set' && rest.length === 0) {
    const channel = values.channel;
    if (channel !== 'stable' && channel !== 'beta')
      throw new UsageError('update-policy set cần --channel stable hoặc beta.');
    return async (admin) => {
      await admin.setUpdatePolicy((p) => ({ ...p, channel }));
      return `Máy trạm cập nhật theo kênh ${channel} (trừ máy có chính sách riêng).\n`;
    };
  }
  if ((key === 'update-policy pause' || key === 'update-policy resume') && rest.length === 0) {
    const pause = key === 'update-policy pause';
    return async (admin) => {
      await admin.setUpdatePolicy(({ disabled: _d, ...p }) => (pause ? { ...p, disabled: true } : p));
      return pause ? 'Đã tạm dừng cập nhật cho mọi máy trạm.\n' : 'Máy trạm cập nhật trở lại.\n';
    };
  }
  if (key === 'update-policy clear' && rest.length === 0) {
    return async (admin) => {
      await admin.setUpdatePolicy(() => ({}));
      return 'Đã bỏ chính sách cập nhật của máy chủ (máy trạm theo kênh stable).\n';
    };
  }
  if (key === 'update-policy show' && rest.length === 0) {
    return async (admin) => `${JSON.stringify(await admin.updatePolicy())}\n`;
  }
  if (key === 'release list' && rest.length === 0) {
    return async (admin) =>
      (await admin.releases()).map((r) => `${r.channel}\t${r.version}\t${r.stagingPercentage ?? 100}%\n`).join('') ||
      '(chưa phát hành bản nào)\n';
  }
  if (key === 'portal list' && rest.length === 0 && values.org) {
    const organId = values.org;
    return async (admin) =>
      (await admin.listPortal(organId))
        .map((p) => `${p.seq}\t${p.metadata.numberNotation}\t${p.metadata.subject}\t${p.publishedAt}\n`)
        .join('');
  }
  if (key === 'org list' && rest.length === 0) {
    return async (admin) => (await admin.listOrganisations()).map((o) => `${o.organId}\t${o.name}\n`).join('');
  }
  if (command === 'enroll-code' && sub === undefined && values.org) {
    const organId = values.org;
    const hours = values.hours === undefined ? 24 : positiveNumber(values.hours, '--hours');
    if (values.numbering && values['non-numbering'])
      throw new UsageError('Chọn --numbering hoặc --non-numbering, không cả hai.');
    const role = values.numbering ? 'numbering' : values['non-numbering'] ? 'other' : null;
    return async (admin) => `${await admin.enrollmentCode(organId, hours, role)}\n`;
  }
  if (key === 'workstation list' && rest.length === 0) {
    return async (admin) =>
      (await admin.listWorkstations())
        .map(
          (w) =>
            `${w.id}\t${w.organId}\t${w.name}\t${w.createdAt}\t${w.revokedAt ? `đã thu hồi ${w.revokedAt}` : 'đang dùng'}\n`,
        )
        .join('');
  }
  if (key === 'workstation revoke' && rest.length === 1) {
    const id = rest[0]!;
    return async (admin) => {
      if (!(await admin.revokeWorkstation(id))) throw new AdminError(`Không có máy trạm đang dùng ${id}.`);
      return `Đã thu hồi máy trạm ${id}.\n`;
    };
  }
  if (command === 'prune' && sub === undefined && (values.through ?? values['older-than-days'])) {
    const limit = values.through
      ? positiveNumber(values.through, '--through')
      : {
          olderThan: new Date(Date.now() - positiveNumber(values['older-than-days'], '--older-than-days') * 86_400_000),
        };
    return async (admin) => {
      const done = await admin.prune(limit);
      return `Đã xóa ${done.deleted} thay đổi (đến số ${done.throughSeq}).\n`;
    };
  }
  if (command === 'audit' && sub === undefined) {
    const limit = Math.min(values.limit === undefined ? 50 : positiveNumber(values.limit, '--limit'), 10_000);
    return async (admin) =>
      (await admin.audit(limit))
        .map((a) => `${a.at}\t${a.action}\t${a.organId}\t${a.workstationId}\t${JSON.stringify(a.details)}\n`)
        .join('');
  }
  throw new UsageError(`Lệnh không đúng: ${positionals.join(' ') || '(trống)'}\n\n${USAGE}`);
}

export function runAdminCommand(admin: Admin, argv: string[]): Promise<string> {
  return parseAdminCommand(argv)(admin);
}
