/**
 * How this workstation signs: the time-stamping authority, when the administrator configured
 * one (signatures are then PAdES B-T; without it, B-B with the claimed time).
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { Sqlite } from '../db/open';
import type { TimestampOptions } from '../pdf/timestamp';

const TSA_KEY = 'signing.tsaUrl';

export function createSigningPolicy(sqlite: Sqlite) {
  const read = sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const write = sqlite.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
  const remove = sqlite.prepare('DELETE FROM settings WHERE key = ?');
  return {
    tsaUrl(): string | null {
      return (read.get(TSA_KEY) as string | undefined) ?? null;
    },
    setTsaUrl(url: string | null): void {
      if (url === null) return void remove.run(TSA_KEY);
      if (!/^https?:\/\/\S+$/.test(url)) {
        throw new VanThuError('VALIDATION', 'Địa chỉ máy chủ dấu thời gian phải bắt đầu bằng http:// hoặc https://');
      }
      write.run(TSA_KEY, url);
    },
    /** For signPdf: a timestamp when configured. */
    timestamp(): { timestamp?: TimestampOptions } {
      const url = this.tsaUrl();
      return url ? { timestamp: { url } } : {};
    },
  };
}

export type SigningPolicy = ReturnType<typeof createSigningPolicy>;
