/**
 * The offline cache of fetched CRLs and OCSP responses. One row per source and subject (a CRL
 * per distribution point and issuer, an OCSP response per certificate), replaced only by a newer
 * one. Rows are checked again, signature and dates, every time they are used: the cache is a
 * convenience, never a source of trust.
 */
import type { Sqlite } from '../../db/open';

export interface CachedRevocation {
  kind: 'crl' | 'ocsp';
  sourceUrl: string;
  /** SHA-256 (hex) of the issuer's public key. */
  issuerKeyHash: string;
  /** OCSP: the certificate's serial (hex); '' for a CRL, which covers all the issuer's certificates. */
  serial: string;
  /** ISO 8601. */
  thisUpdate: string;
  nextUpdate: string;
  bytes: Uint8Array;
  sha256: string;
  fetchedAt: string;
}

export interface RevocationStore {
  save(entry: CachedRevocation): void;
  /** Newest first. */
  find(kind: 'crl' | 'ocsp', issuerKeyHash: string, serial: string): CachedRevocation[];
}

const key = (e: Pick<CachedRevocation, 'kind' | 'sourceUrl' | 'issuerKeyHash' | 'serial'>) =>
  JSON.stringify([e.kind, e.sourceUrl, e.issuerKeyHash, e.serial]);

/** For the CLI without a register, and for tests. */
export function memoryRevocationStore(): RevocationStore & { entries(): CachedRevocation[] } {
  const rows = new Map<string, CachedRevocation>();
  return {
    save(entry) {
      const old = rows.get(key(entry));
      if (!old || old.thisUpdate <= entry.thisUpdate) rows.set(key(entry), { ...entry });
    },
    find(kind, issuerKeyHash, serial) {
      return [...rows.values()]
        .filter((r) => r.kind === kind && r.issuerKeyHash === issuerKeyHash && r.serial === serial)
        .sort((a, b) => (a.thisUpdate < b.thisUpdate ? 1 : -1));
    },
    entries: () => [...rows.values()],
  };
}

interface Row {
  kind: 'crl' | 'ocsp';
  source_url: string;
  issuer_key_hash: string;
  serial: string;
  this_update: string;
  next_update: string;
  bytes: Buffer;
  sha256: string;
  fetched_at: string;
}

/** The register's table `revocation_cache` (see core/db/schema.ts). */
export function sqliteRevocationStore(sqlite: Sqlite): RevocationStore {
  const upsert = sqlite.prepare(
    `INSERT INTO revocation_cache
       (kind, source_url, issuer_key_hash, serial, this_update, next_update, bytes, sha256, fetched_at)
     VALUES (@kind, @sourceUrl, @issuerKeyHash, @serial, @thisUpdate, @nextUpdate, @bytes, @sha256, @fetchedAt)
     ON CONFLICT (kind, source_url, issuer_key_hash, serial) DO UPDATE SET
       this_update = excluded.this_update, next_update = excluded.next_update, bytes = excluded.bytes,
       sha256 = excluded.sha256, fetched_at = excluded.fetched_at
     WHERE excluded.this_update >= revocation_cache.this_update`,
  );
  const select = sqlite.prepare(
    `SELECT kind, source_url, issuer_key_hash, serial, this_update, next_update, bytes, sha256, fetched_at
       FROM revocation_cache WHERE kind = ? AND issuer_key_hash = ? AND serial = ?
      ORDER BY this_update DESC`,
  );
  return {
    save(entry) {
      upsert.run({ ...entry, bytes: Buffer.from(entry.bytes) });
    },
    find(kind, issuerKeyHash, serial) {
      return (select.all(kind, issuerKeyHash, serial) as Row[]).map((r) => ({
        kind: r.kind,
        sourceUrl: r.source_url,
        issuerKeyHash: r.issuer_key_hash,
        serial: r.serial,
        thisUpdate: r.this_update,
        nextUpdate: r.next_update,
        bytes: new Uint8Array(r.bytes),
        sha256: r.sha256,
        fetchedAt: r.fetched_at,
      }));
    },
  };
}
