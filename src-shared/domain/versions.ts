/** VanThu's release numbers (semver), shared by the workstation's updater and the inbox server. */

/** Semantic-version order: 1.2.10 after 1.2.9; a pre-release (1.3.0-beta.2) before its release. */
export function compareVersions(a: string, b: string): number {
  const split = (v: string) => {
    const [core = '', pre] = v.split(/-(.*)/s, 2);
    return { core: core.split('.').map(Number), pre: pre ? pre.split('.') : [] };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.core[i] ?? 0) - (y.core[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre.length === 0 || y.pre.length === 0) return Math.sign(y.pre.length - x.pre.length);
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1;
    if (p === q) continue;
    const numeric = /^\d+$/.test(p) && /^\d+$/.test(q);
    return numeric ? Math.sign(Number(p) - Number(q)) : p < q ? -1 : 1;
  }
  return 0;
}

export const VERSION_PATTERN = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** What the clerk reads when this version is below the one the server still talks to. */
export function tooOldToSync(current: string, minimum: string): string {
  return `Phiên bản VanThu ${current} đã cũ: máy chủ liên thông cần từ phiên bản ${minimum}. Vào sổ, tìm kiếm và ký số vẫn làm được; hãy cập nhật để liên thông lại.`;
}
