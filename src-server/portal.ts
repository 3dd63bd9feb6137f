/**
 * The web portal's packages: a workstation sends the metadata and the signed PDF of a document
 * it publishes; the portal (with a credential of the same organisation) reads what is new.
 */
import type { PortalPublication } from '../src-shared/sync/protocol';
import type { Db } from './db';

/** The latest package per document; sending it again moves it to the end (a new seq). */
export async function savePublication(
  tx: Db,
  organId: string,
  p: { documentUid: string; metadata: unknown; file: unknown },
): Promise<void> {
  await tx.query(
    `INSERT INTO portal_publications (organ_id, document_uid, metadata, file) VALUES ($1, $2, $3, $4)
     ON CONFLICT (organ_id, document_uid) DO UPDATE
       SET metadata = EXCLUDED.metadata, file = EXCLUDED.file, seq = nextval('portal_seq'), published_at = now()`,
    [organId, p.documentUid, JSON.stringify(p.metadata), JSON.stringify(p.file)],
  );
}

interface Row {
  seq: string | number;
  document_uid: string;
  metadata: unknown;
  file: unknown;
  published_at: Date | string;
}

const asJson = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

/** The organisation's publications after `after`, at most `limit`, oldest first. */
export async function readPublications(db: Db, organId: string, after: number, limit: number) {
  const rows = await db.query<Row>(
    `SELECT seq, document_uid, metadata, file, published_at FROM portal_publications
     WHERE organ_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [organId, after, limit + 1],
  );
  const publications = rows.slice(0, limit).map(
    (r) =>
      ({
        seq: Number(r.seq),
        documentUid: r.document_uid,
        metadata: asJson(r.metadata),
        file: asJson(r.file),
        publishedAt: new Date(r.published_at).toISOString(),
      }) as PortalPublication,
  );
  return { publications, more: rows.length > limit };
}
