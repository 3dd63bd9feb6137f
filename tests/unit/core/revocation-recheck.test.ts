/**
 * Signatures left undecided for want of revocation data are checked again when the network
 * comes back: by the sync engine's word (`networkRestored()`) or by the periodic probe noticing
 * the transition. Each re-check that learns something adds an evidence row; earlier rows stay.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServices, type Services } from '../../../src-main/core/services';
import { cryptoKeySigner } from '../../../src-main/core/keys/crypto-key-signer';
import { signPdf } from '../../../src-main/core/pdf/sign';
import { createRecheckScheduler } from '../../../src-main/core/signatures/recheck';
import { DocumentFields, SetupInput } from '../../../src-shared/ipc/schemas';
import { DocumentReport } from '../../../src-shared/pdf/report';
import { makeTestPdf } from '../../fixtures/pdf';
import type { KeyedCert } from '../../fixtures/pki';
import { startRevocationServer, type RevocationServer } from '../../fixtures/revocation-server';
import { APP_ROOT, STATE_SETUP, tempDir } from './helpers';

let server: RevocationServer;
let signed: Buffer;
let s: Services | undefined;

beforeAll(async () => {
  server = await startRevocationServer();
  const leaf: KeyedCert = server.pki.leaves.both;
  signed = await signPdf(
    makeTestPdf([['CONG VAN DEN']]),
    cryptoKeySigner({
      key: leaf.keys.privateKey,
      keyAlgorithm: 'ECDSA-P256',
      label: 'test',
      certificate: leaf.der,
      chain: [server.pki.ca.der, server.pki.root.der],
    }),
  );
}, 120_000);
afterAll(() => server?.close());
afterEach(async () => {
  s?.close();
  s = undefined;
  vi.useRealTimers();
  server.reset();
  await server.restart();
});

function services(recheckIntervalMs = 3_600_000): Services {
  const created = createServices({
    dataDir: tempDir(),
    appRoot: APP_ROOT,
    revocation: { connectTimeoutMs: 300, timeoutMs: 1_000, recheckIntervalMs },
  });
  created.setup(SetupInput.parse(STATE_SETUP));
  created.trust.addBytes(server.pki.root.der, hex(server.pki.root.der));
  return created;
}

const hex = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

/** Registers an incoming document with the signed PDF and checks it, as document.create does. */
async function registerSigned(svc: Services): Promise<number> {
  const file = await svc.files.putPdf(signed);
  const saved = svc.documents.create(
    DocumentFields.parse({ direction: 'in', typeName: 'Công văn', subject: 'Có chữ ký', arrivalDate: '2026-01-05' }),
    [{ sha256: file.sha256, name: 'cv.pdf' }],
    'admin',
  );
  await svc.signatures.verifyDocument(saved.document.id, 'admin');
  return saved.document.id;
}

function rows(svc: Services, id: number) {
  return svc.sqlite
    .prepare(
      'SELECT id, verdict, report, checked_by AS checkedBy FROM signature_checks WHERE document_id = ? ORDER BY id',
    )
    .all(id) as { id: number; verdict: string; report: string; checkedBy: string }[];
}

describe('recheckUndecided', () => {
  it('turns an indeterminate document valid once the server is back, adding a row and keeping the first', async () => {
    s = services();
    await server.stop();
    const id = await registerSigned(s);
    const [first] = rows(s, id);
    expect(first!.verdict).toBe('indeterminate');
    expect(DocumentReport.parse(JSON.parse(first!.report)).signatures[0]!.reasons.map((r) => r.code)).toContain(
      'REVOCATION_UNKNOWN',
    );

    // Still offline: nothing learned, no new row.
    expect(await s.signatures.recheckUndecided()).toEqual({ checked: 1, updated: [] });
    expect(rows(s, id)).toHaveLength(1);

    await server.restart();
    await s.revocationRecheck.networkRestored();
    const after = rows(s, id);
    expect(after).toHaveLength(2);
    expect(after[0]).toEqual(first); // the earlier evidence is untouched
    expect(after[1]!.verdict).toBe('valid');
    expect(after[1]!.checkedBy).toBe('system:revocation-recheck');
    expect(JSON.parse(after[1]!.report).signatures[0].revocationSource).toBe('ocsp');
    expect(s.documents.get(id).signatureVerdict).toBe('valid');
    expect(s.signatures.latest(id)?.verdict).toBe('valid');

    // Nothing undecided any more: the next re-check has nothing to do.
    expect(await s.signatures.recheckUndecided()).toEqual({ checked: 0, updated: [] });
    expect(rows(s, id)).toHaveLength(2);
  });

  it('leaves decided documents alone', async () => {
    s = services();
    const id = await registerSigned(s);
    expect(rows(s, id).map((r) => r.verdict)).toEqual(['valid']);
    expect(await s.signatures.recheckUndecided()).toEqual({ checked: 0, updated: [] });
    expect(rows(s, id)).toHaveLength(1);
  });

  it('with the offline switch on, checks touch no network and the probe says offline', async () => {
    s = services();
    s.revocation.setOffline(true);
    const requests = { ...server.requests };
    const id = await registerSigned(s);
    expect(s.documents.get(id).signatureVerdict).toBe('indeterminate');
    expect(server.requests).toEqual(requests);
    expect(await s.revocationRecheck.probeNow().then(() => s!.revocationRecheck.state().online)).toBe(false);
  });
});

describe('the re-check scheduler', () => {
  it('fires once on each offline→online transition of the probe, and stops cleanly', async () => {
    vi.useFakeTimers();
    const answers = [false, false, true, true, true, false, true, true];
    const recheck = vi.fn(async () => undefined);
    const scheduler = createRecheckScheduler({
      recheck,
      probe: async () => answers.shift() ?? true,
      intervalMs: 1_000,
    });
    scheduler.start();
    for (let i = 0; i < 8; i++) await vi.advanceTimersByTimeAsync(1_000);
    expect(recheck).toHaveBeenCalledTimes(2);
    scheduler.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(recheck).toHaveBeenCalledTimes(2);
  });

  it('networkRestored() re-checks at once, without waiting for the probe', async () => {
    vi.useFakeTimers();
    const recheck = vi.fn(async () => undefined);
    const probe = vi.fn(async () => false);
    const onRestored = vi.fn();
    const scheduler = createRecheckScheduler({ recheck, probe, onRestored, intervalMs: 60_000 });
    scheduler.start();
    await scheduler.networkRestored();
    expect(recheck).toHaveBeenCalledTimes(1);
    expect(onRestored).toHaveBeenCalledTimes(1);
    expect(probe).not.toHaveBeenCalled();
    expect(scheduler.state()).toMatchObject({ online: true, runs: 1 });
    scheduler.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('one re-check at a time; a trigger during one runs one more after it', async () => {
    let release!: () => void;
    let calls = 0;
    const recheck = vi.fn(async () => {
      calls++;
      if (calls === 1) await new Promise<void>((r) => (release = r));
    });
    const scheduler = createRecheckScheduler({ recheck, probe: async () => true });
    const first = scheduler.networkRestored();
    const second = scheduler.networkRestored();
    expect(recheck).toHaveBeenCalledTimes(1);
    release();
    await Promise.all([first, second]);
    expect(recheck).toHaveBeenCalledTimes(2);
  });

  it('in services: the probe notices the responder is back and the document becomes valid', async () => {
    s = services(30);
    await server.stop();
    const id = await registerSigned(s);
    expect(s.documents.get(id).signatureVerdict).toBe('indeterminate');
    await new Promise((r) => setTimeout(r, 100)); // a few probes while it is down
    expect(rows(s, id)).toHaveLength(1);
    await server.restart();
    const deadline = Date.now() + 5_000;
    while (s.documents.get(id).signatureVerdict !== 'valid' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(s.documents.get(id).signatureVerdict).toBe('valid');
    expect(rows(s, id).map((r) => r.verdict)).toEqual(['indeterminate', 'valid']);
  });
});
