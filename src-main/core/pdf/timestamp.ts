/**
 * RFC 3161 signature timestamps (PAdES baseline B-T): the SHA-256 of the signature value is sent
 * to the configured time-stamping authority with a random nonce; its answer is checked — HTTP
 * status and content type, PKI status granted, the same imprint and nonce, a token signed by a
 * certificate made for time-stamping, a token signature that verifies — before the token is put
 * into the signature as the id-aa-signatureTimeStampToken unsigned attribute. A TSA that fails
 * makes signing fail with the reason: a B-B signature is never passed off as B-T.
 *
 * Whether the TSA is trusted is the verifier's question (verify.ts), asked against its anchors.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { isTimestampingCertificate } from './certificates';
import { ensureCryptoEngine, OID, verifyEncapsulated } from './cms';

export interface TimestampOptions {
  /** The TSA's URL (http or https). */
  url: string;
  /** Default 15 s, for the whole exchange (connecting, sending, reading the answer). */
  timeoutMs?: number;
  /** Tests pass a fetch bound to their own TSA. */
  fetch?: typeof fetch;
  /** HTTP basic authentication, for TSAs that ask for an account. */
  username?: string;
  password?: string;
}

/** Gets a timestamp token (a CMS ContentInfo) over a signature value. */
export type Timestamper = (signatureValue: Uint8Array) => Promise<asn1js.Sequence>;

export const DEFAULT_TSA_TIMEOUT_MS = 15_000;
/** Real tokens are a few KiB (the token plus the TSA's certificates); anything far larger is not one. */
const MAX_ANSWER_BYTES = 256 * 1024;
const REPLY_TYPES = new Set(['application/timestamp-reply', 'application/timestamp-response']);

export const TSA_MESSAGES = {
  badUrl: (url: string) =>
    `Địa chỉ máy chủ dấu thời gian "${url}" không hợp lệ (phải bắt đầu bằng http:// hoặc https://).`,
  unreachable: (url: string) => `Không kết nối được máy chủ dấu thời gian ${url}. Hãy kiểm tra mạng rồi ký lại.`,
  timeout: (url: string) => `Máy chủ dấu thời gian ${url} không trả lời kịp. Hãy ký lại sau.`,
  refused: (why: string) => `Máy chủ dấu thời gian từ chối cấp dấu thời gian (${why}). Hãy liên hệ nhà cung cấp.`,
  badAnswer: 'Máy chủ dấu thời gian trả lời không đúng chuẩn RFC 3161. Hãy kiểm tra địa chỉ máy chủ.',
  mismatch: 'Dấu thời gian nhận được không khớp với chữ ký (sai mã băm hoặc số ngẫu nhiên). Chữ ký chưa được lưu.',
  badToken: 'Dấu thời gian nhận được có chữ ký không hợp lệ hoặc thiếu chứng thư số của máy chủ. Chữ ký chưa được lưu.',
  notTsa:
    'Chứng thư số của máy chủ dấu thời gian không dành cho việc cấp dấu thời gian (thiếu mục đích timeStamping). Hãy kiểm tra địa chỉ máy chủ.',
} as const;

const toArrayBuffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

function bytesEqual(a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array): boolean {
  return Buffer.from(new Uint8Array(a)).equals(Buffer.from(new Uint8Array(b)));
}

/** An INTEGER's value as bytes without leading zero octets: equal numbers, equal bytes. */
function integerBytes(i: asn1js.Integer): Uint8Array {
  const bytes = new Uint8Array(i.valueBlock.valueHexView);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.subarray(start);
}

/** 62 random bits as a positive INTEGER whose first octet is never 0: minimal DER as written. */
function makeNonce(): Uint8Array {
  const nonce = randomBytes(8);
  nonce[0] = ((nonce[0] as number) & 0x3f) | 0x40;
  return new Uint8Array(nonce);
}

/** A timed-out fetch rejects with a TimeoutError (DOMException), sometimes wrapped as its cause. */
function isTimeout(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
  }
  return false;
}

/** The body, up to `max` bytes (a bigger one is not a timestamp answer). */
async function readBody(response: Response, max: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > max) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** POSTs the request; network failures and timeouts become the clerk's words. */
async function exchange(request: ArrayBuffer, options: TimestampOptions): Promise<Uint8Array> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new VanThuError('VALIDATION', TSA_MESSAGES.badUrl(options.url));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new VanThuError('VALIDATION', TSA_MESSAGES.badUrl(options.url));
  }
  const headers: Record<string, string> = { 'content-type': 'application/timestamp-query' };
  if (options.username !== undefined) {
    const credentials = Buffer.from(`${options.username}:${options.password ?? ''}`, 'utf8').toString('base64');
    headers.authorization = `Basic ${credentials}`;
  }
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TSA_TIMEOUT_MS);
  const failed = (error: unknown) =>
    new VanThuError(
      'OFFLINE',
      isTimeout(error) || signal.aborted ? TSA_MESSAGES.timeout(options.url) : TSA_MESSAGES.unreachable(options.url),
    );

  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { method: 'POST', headers, body: request, signal });
  } catch (error) {
    throw failed(error);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const why =
      response.status === 401 || response.status === 403
        ? `HTTP ${response.status}: sai hoặc thiếu tài khoản truy cập`
        : `HTTP ${response.status}`;
    throw new VanThuError(response.status >= 500 ? 'OFFLINE' : 'BAD_FILE', TSA_MESSAGES.refused(why));
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!REPLY_TYPES.has(type)) {
    await response.body?.cancel().catch(() => undefined);
    throw new VanThuError('BAD_FILE', TSA_MESSAGES.badAnswer);
  }
  let body: Uint8Array | null;
  try {
    body = await readBody(response, MAX_ANSWER_BYTES);
  } catch (error) {
    throw failed(error);
  }
  if (!body) throw new VanThuError('BAD_FILE', TSA_MESSAGES.badAnswer);
  return body;
}

/** Asks the TSA for a token over `signatureValue`; returns the token (a CMS ContentInfo) once checked. */
export async function requestTimestamp(
  signatureValue: Uint8Array,
  options: TimestampOptions,
): Promise<asn1js.Sequence> {
  ensureCryptoEngine();
  const imprint = createHash('sha256').update(signatureValue).digest();
  const nonce = makeNonce();
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(imprint) }),
    }),
    nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonce) }),
    certReq: true,
  });
  const body = await exchange(request.toSchema().toBER(), options);

  let answer: pkijs.TimeStampResp;
  try {
    answer = pkijs.TimeStampResp.fromBER(toArrayBuffer(body));
  } catch {
    throw new VanThuError('BAD_FILE', TSA_MESSAGES.badAnswer);
  }
  const status = answer.status.status;
  if (status !== 0 && status !== 1) {
    // 0 granted, 1 grantedWithMods; 2 rejection, 3 waiting, 4 revocationWarning, 5 revocationNotification.
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
    if (!eContent || signed.encapContentInfo.eContentType !== OID.tstInfo) throw new Error('no TSTInfo');
    content = new Uint8Array(eContent.getValue());
    info = pkijs.TSTInfo.fromBER(toArrayBuffer(content));
  } catch {
    throw new VanThuError('BAD_FILE', TSA_MESSAGES.badAnswer);
  }
  const sameImprint =
    info.messageImprint.hashAlgorithm.algorithmId === OID.sha256 &&
    bytesEqual(info.messageImprint.hashedMessage.valueBlock.valueHexView, imprint);
  const sameNonce = info.nonce !== undefined && bytesEqual(integerBytes(info.nonce), nonce);
  if (!sameImprint || !sameNonce) throw new VanThuError('BAD_FILE', TSA_MESSAGES.mismatch);
  const checked = await verifyEncapsulated(signed, content);
  if (!checked.valid || !checked.signer) throw new VanThuError('BAD_FILE', TSA_MESSAGES.badToken);
  // A token no verifier could ever take as proof would make a B-T signature that is B-B in effect.
  if (!isTimestampingCertificate(checked.signer)) throw new VanThuError('BAD_FILE', TSA_MESSAGES.notTsa);
  return token.toSchema() as asn1js.Sequence;
}

/** requestTimestamp bound to a TSA, as buildCmsSignature takes it. */
export function timestamperFor(options: TimestampOptions): Timestamper {
  return (signatureValue) => requestTimestamp(signatureValue, options);
}
