/**
 * RFC 3161 signature timestamps (PAdES baseline B-T): the SHA-256 of the signature value is sent
 * to the configured time-stamping authority with a random nonce; its answer is checked — status
 * granted, the same imprint and nonce, a token signature that verifies — before the token is
 * put into the signature as the id-aa-signatureTimeStampToken unsigned attribute. A TSA that
 * fails makes signing fail with the reason: a B-B signature is never passed off as B-T.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { ensureCryptoEngine, OID, verifyEncapsulated } from './cms';

export interface TimestampOptions {
  /** The TSA's URL (http or https). */
  url: string;
  timeoutMs?: number;
  /** Tests pass a fetch bound to their own TSA. */
  fetch?: typeof fetch;
}

export const TSA_MESSAGES = {
  unreachable: (url: string) => `Không kết nối được máy chủ dấu thời gian ${url}. Hãy kiểm tra mạng rồi ký lại.`,
  timeout: (url: string) => `Máy chủ dấu thời gian ${url} không trả lời kịp. Hãy ký lại sau.`,
  refused: (why: string) => `Máy chủ dấu thời gian từ chối cấp dấu thời gian (${why}). Hãy liên hệ nhà cung cấp.`,
  badAnswer: 'Máy chủ dấu thời gian trả lời không đúng chuẩn RFC 3161. Hãy kiểm tra địa chỉ máy chủ.',
  mismatch: 'Dấu thời gian nhận được không khớp với chữ ký (sai mã băm hoặc số ngẫu nhiên). Chữ ký chưa được lưu.',
} as const;

const toArrayBuffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

function bytesEqual(a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array): boolean {
  return Buffer.from(new Uint8Array(a)).equals(Buffer.from(new Uint8Array(b)));
}

/** Asks the TSA for a token over `signatureValue`; returns the token (a CMS ContentInfo). */
export async function requestTimestamp(
  signatureValue: Uint8Array,
  options: TimestampOptions,
): Promise<asn1js.Sequence> {
  ensureCryptoEngine();
  const imprint = createHash('sha256').update(signatureValue).digest();
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0] as number) & 0x7f; // a positive INTEGER
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(imprint) }),
    }),
    nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonce) }),
    certReq: true,
  });

  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: new Uint8Array(request.toSchema().toBER()),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new VanThuError(
      'OFFLINE',
      timedOut ? TSA_MESSAGES.timeout(options.url) : TSA_MESSAGES.unreachable(options.url),
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new VanThuError('OFFLINE', TSA_MESSAGES.refused(`HTTP ${response.status}`));
  }
  let answer: pkijs.TimeStampResp;
  try {
    answer = pkijs.TimeStampResp.fromBER(await response.arrayBuffer());
  } catch {
    throw new VanThuError('BAD_FILE', TSA_MESSAGES.badAnswer);
  }
  const status = answer.status.status;
  if (status !== 0 && status !== 1) {
    const text = answer.status.statusStrings?.map((s) => s.valueBlock.value).join('; ');
    throw new VanThuError('BAD_FILE', TSA_MESSAGES.refused(text || `trạng thái ${status}`));
  }
  const token = answer.timeStampToken;
  if (!token || token.contentType !== OID.signedData) throw new VanThuError('BAD_FILE', TSA_MESSAGES.badAnswer);

  let info: pkijs.TSTInfo;
  let signed: pkijs.SignedData;
  let content: Uint8Array;
  try {
    signed = new pkijs.SignedData({ schema: token.content });
    const eContent = signed.encapContentInfo.eContent;
    if (!eContent) throw new Error('no TSTInfo');
    content = new Uint8Array(eContent.getValue());
    info = pkijs.TSTInfo.fromBER(toArrayBuffer(content));
  } catch {
    throw new VanThuError('BAD_FILE', TSA_MESSAGES.badAnswer);
  }
  const sameImprint = bytesEqual(info.messageImprint.hashedMessage.valueBlock.valueHexView, imprint);
  const sameNonce = info.nonce !== undefined && bytesEqual(info.nonce.valueBlock.valueHexView, nonce);
  if (!sameImprint || !sameNonce) throw new VanThuError('BAD_FILE', TSA_MESSAGES.mismatch);
  if (!(await verifyEncapsulated(signed, content)).valid) throw new VanThuError('BAD_FILE', TSA_MESSAGES.mismatch);
  return token.toSchema() as asn1js.Sequence;
}
