/** Small HTTP plumbing on node:http: JSON answers, bounded JSON bodies, schema checks. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { WireFailure } from './errors';

export const MAX_JSON_BYTES = 8 * 1024 * 1024;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'cache-control': 'no-store', ...headers });
  res.end();
}

/** Lets the rest of a request body go by (after an answer that does not need it). */
export function drain(req: IncomingMessage): void {
  if (!req.readableEnded) req.resume();
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new WireFailure('TOO_LARGE', 'Dữ liệu gửi lên quá lớn.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new WireFailure('TOO_LARGE', 'Dữ liệu gửi lên quá lớn.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The body as JSON, checked with `schema`; BAD_REQUEST naming the first field that failed. */
export async function readJson<T extends z.ZodType>(
  req: IncomingMessage,
  schema: T,
  what: string,
): Promise<z.infer<T>> {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    drain(req);
    throw new WireFailure('BAD_REQUEST', 'Cần nội dung JSON (Content-Type: application/json).');
  }
  let value: unknown;
  try {
    value = JSON.parse((await readBody(req, MAX_JSON_BYTES)).toString('utf8'));
  } catch (error) {
    if (error instanceof WireFailure) throw error;
    throw new WireFailure('BAD_REQUEST', 'Nội dung JSON không đọc được.');
  }
  return parseOrBadRequest(schema, value, what);
}

export function parseOrBadRequest<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
  throw new WireFailure('BAD_REQUEST', `${what} không hợp lệ${where}: ${issue?.message ?? ''}`.trim());
}
