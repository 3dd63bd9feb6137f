/**
 * The TSA client (RFC 3161) against a real loopback TSA: the request it sends, and every way an
 * answer can be wrong — each refused with the clerk's words, never a token passed on unchecked.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { OID } from '../../../src-main/core/pdf/cms';
import { requestTimestamp, TSA_MESSAGES } from '../../../src-main/core/pdf/timestamp';
import type { TestPki } from '../../fixtures/pki';
import { startTestTsa, type TestTsa } from '../../fixtures/tsa';
import { pki } from './helpers';

const SIGNATURE_VALUE = new Uint8Array(Buffer.from('giá trị chữ ký thử nghiệm'));
const ab = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

let p: TestPki;
let tsa: TestTsa;
const extra: TestTsa[] = [];
beforeAll(async () => {
  p = await pki();
  tsa = await startTestTsa({ pki: p });
}, 120_000);
afterAll(async () => {
  await tsa?.close();
  for (const t of extra) await t.close();
});

/** The rejection of `promise`, which must be a VanThuError. */
async function failure(promise: Promise<unknown>): Promise<VanThuError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VanThuError);
  return error as VanThuError;
}

/** The TSTInfo inside a token the client returned. */
function tstInfoOf(token: Awaited<ReturnType<typeof requestTimestamp>>): pkijs.TSTInfo {
  const signed = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: token }).content });
  return pkijs.TSTInfo.fromBER(signed.encapContentInfo.eContent!.getValue());
}

describe('requestTimestamp', () => {
  it('sends a DER TimeStampReq (SHA-256 imprint, nonce, certReq) and returns the checked token', async () => {
    tsa.behaviour = 'good';
    const token = await requestTimestamp(SIGNATURE_VALUE, { url: tsa.url });

    expect(tsa.lastHeaders?.['content-type']).toBe('application/timestamp-query');
    const request = pkijs.TimeStampReq.fromBER(ab(new Uint8Array(tsa.lastRequest!)));
    expect(request.messageImprint.hashAlgorithm.algorithmId).toBe(OID.sha256);
    const imprint = createHash('sha256').update(SIGNATURE_VALUE).digest();
    expect(Buffer.from(request.messageImprint.hashedMessage.valueBlock.valueHexView).equals(imprint)).toBe(true);
    expect(request.certReq).toBe(true);
    expect(request.nonce).toBeDefined();

    const info = tstInfoOf(token);
    expect(info.genTime.getTime()).toBe(tsa.lastGenTime!.getTime());
    expect(
      Buffer.from(info.nonce!.valueBlock.valueHexView).equals(Buffer.from(request.nonce!.valueBlock.valueHexView)),
    ).toBe(true);
  });

  it('uses a fresh positive nonce, minimally encoded, for every request', async () => {
    tsa.behaviour = 'good';
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await requestTimestamp(SIGNATURE_VALUE, { url: tsa.url });
      const nonce = new Uint8Array(
        pkijs.TimeStampReq.fromBER(ab(new Uint8Array(tsa.lastRequest!))).nonce!.valueBlock.valueHexView,
      );
      expect(nonce.length).toBe(8);
      // Positive (top bit clear) and no leading zero octet: DER as any strict TSA re-encodes it.
      expect(nonce[0]! & 0x80).toBe(0);
      expect(nonce[0]).toBeGreaterThan(0);
      seen.add(Buffer.from(nonce).toString('hex'));
    }
    expect(seen.size).toBe(12);
  });

  it('says so clearly when the TSA cannot be reached or does not answer in time', async () => {
    const down = await failure(requestTimestamp(SIGNATURE_VALUE, { url: 'http://127.0.0.1:9/tsa', timeoutMs: 2000 }));
    expect(down.code).toBe('OFFLINE');
    expect(down.message).toBe(TSA_MESSAGES.unreachable('http://127.0.0.1:9/tsa'));

    tsa.behaviour = 'hang';
    const started = Date.now();
    const slow = await failure(requestTimestamp(SIGNATURE_VALUE, { url: tsa.url, timeoutMs: 400 }));
    expect(slow.code).toBe('OFFLINE');
    expect(slow.message).toBe(TSA_MESSAGES.timeout(tsa.url));
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses an HTTP error, a wrong content type, a body that is not RFC 3161, and a PKIStatus rejection', async () => {
    tsa.behaviour = 'http500';
    expect((await failure(requestTimestamp(SIGNATURE_VALUE, { url: tsa.url }))).message).toBe(
      TSA_MESSAGES.refused('HTTP 500'),
    );
    tsa.behaviour = 'wrongType';
    expect((await failure(requestTimestamp(SIGNATURE_VALUE, { url: tsa.url }))).message).toBe(TSA_MESSAGES.badAnswer);
    tsa.behaviour = 'garbage';
    expect((await failure(requestTimestamp(SIGNATURE_VALUE, { url: tsa.url }))).message).toBe(TSA_MESSAGES.badAnswer);
    tsa.behaviour = 'refuse';
    const refused = await failure(requestTimestamp(SIGNATURE_VALUE, { url: tsa.url }));
    expect(refused.message).toBe(TSA_MESSAGES.refused('badAlg: thuật toán không hỗ trợ'));
  });

  it('refuses a token over another imprint or with another nonce', async () => {
    tsa.behaviour = 'wrongImprint';
    expect((await failure(requestTimestamp(SIGNATURE_VALUE, { url: tsa.url }))).message).toBe(TSA_MESSAGES.mismatch);
    tsa.behaviour = 'wrongNonce';
    expect((await failure(requestTimestamp(SIGNATURE_VALUE, { url: tsa.url }))).message).toBe(TSA_MESSAGES.mismatch);
  });

  it('refuses a token that cannot be checked, names another certificate, or is not from a TSA certificate', async () => {
    tsa.behaviour = 'noCertificate';
    expect((await failure(requestTimestamp(SIGNATURE_VALUE, { url: tsa.url }))).message).toBe(TSA_MESSAGES.badToken);
    tsa.behaviour = 'wrongEssCertificate';
    expect((await failure(requestTimestamp(SIGNATURE_VALUE, { url: tsa.url }))).message).toBe(TSA_MESSAGES.badToken);

    const notTsa = await startTestTsa({ eku: 'none' });
    extra.push(notTsa);
    expect((await failure(requestTimestamp(SIGNATURE_VALUE, { url: notTsa.url }))).message).toBe(TSA_MESSAGES.notTsa);
    const nonCritical = await startTestTsa({ eku: 'nonCritical' });
    extra.push(nonCritical);
    expect((await failure(requestTimestamp(SIGNATURE_VALUE, { url: nonCritical.url }))).message).toBe(
      TSA_MESSAGES.notTsa,
    );
  }, 60_000);

  it('sends HTTP basic authentication when given, and says when the account is refused', async () => {
    const guarded = await startTestTsa({ pki: p, auth: { username: 'vanthu', password: 'mật-khẩu' } });
    extra.push(guarded);
    const refused = await failure(requestTimestamp(SIGNATURE_VALUE, { url: guarded.url }));
    expect(refused.message).toBe(TSA_MESSAGES.refused('HTTP 401: sai hoặc thiếu tài khoản truy cập'));
    await expect(
      requestTimestamp(SIGNATURE_VALUE, { url: guarded.url, username: 'vanthu', password: 'sai' }),
    ).rejects.toThrow(/sai hoặc thiếu tài khoản/);
    await requestTimestamp(SIGNATURE_VALUE, { url: guarded.url, username: 'vanthu', password: 'mật-khẩu' });
    expect(guarded.lastHeaders?.authorization).toBe(`Basic ${Buffer.from('vanthu:mật-khẩu').toString('base64')}`);
  });

  it('refuses an address that is not http(s), and uses the fetch it is given', async () => {
    const bad = await failure(requestTimestamp(SIGNATURE_VALUE, { url: 'ftp://tsa.example/' }));
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toBe(TSA_MESSAGES.badUrl('ftp://tsa.example/'));

    tsa.behaviour = 'good';
    const urls: string[] = [];
    const recording: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(tsa.url, init);
    };
    await requestTimestamp(SIGNATURE_VALUE, { url: 'http://tsa.invalid/ts', fetch: recording });
    expect(urls).toEqual(['http://tsa.invalid/ts']);
  });

  it('refuses an answer far too big to be a token', async () => {
    const big = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
      res.end(Buffer.alloc(1024 * 1024, 0x30));
    });
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(big.address() as { port: number }).port}/`;
    try {
      expect((await failure(requestTimestamp(SIGNATURE_VALUE, { url }))).message).toBe(TSA_MESSAGES.badAnswer);
    } finally {
      big.closeAllConnections();
      await new Promise<void>((resolve) => big.close(() => resolve()));
    }
  });
});
