/**
 * What the server tests share: a migrated PGlite folder made once and copied for each test
 * (creating one takes seconds, copying milliseconds), a fresh database per test on the shared
 * PostgreSQL, and a small HTTP client whose answers are parsed with the protocol's schemas.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import {
  DirectoryResponse,
  EnrollResponse,
  ErrorBody,
  PullResponse,
  PushResponse,
  type DocumentHeaderInput,
  type OpInput,
} from '../../src-shared/sync/protocol';
import { createAdmin } from '../../src-server/admin';
import { migrate, openPglite } from '../../src-server/db';
import { startInboxServer, type InboxServer, type InboxServerOptions } from '../../src-server/server';
import type { TestPostgres } from './postgres';

export const A = '000.00.00.H41';
export const B = '000.00.00.H42';
export const C = '000.00.00.H43';
export const NAMES: Record<string, string> = {
  [A]: 'Ủy ban nhân dân xã Hòa Bình',
  [B]: 'Đảng ủy xã Hòa Bình',
  [C]: 'Hội Nông dân xã Hòa Bình',
};

export const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
export const tempDir = (prefix = 'vanthu-inbox-') => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

let template: Promise<string> | null = null;

/** A data folder whose PGlite database is already created and migrated. */
export async function freshInboxDir(): Promise<string> {
  template ??= (async () => {
    const dir = tempDir('vanthu-inbox-template-');
    const db = await openPglite(path.join(dir, 'db'));
    await migrate(db);
    await db.close();
    return dir;
  })();
  const dataDir = tempDir();
  fs.cpSync(path.join(await template, 'db'), path.join(dataDir, 'db'), { recursive: true });
  return dataDir;
}

export type DbKind = 'pglite' | 'postgres';

export function header(n: number, extra: Partial<DocumentHeaderInput> = {}): DocumentHeaderInput {
  return {
    documentId: `${A},2026/11/20,${n}/UBND-VP`,
    codeNumber: String(n),
    codeNotation: 'UBND-VP',
    promulgationDate: '2026-11-20',
    typeName: 'Công văn',
    subject: `Về việc thử liên thông số ${n}`,
    urgency: 'normal',
    secrecy: 'none',
    ...extra,
  };
}

export type SendOpInput = Extract<OpInput, { kind: 'document.send' }>;
export type StatusOpInput = Extract<OpInput, { kind: 'status' }>;

export function sendOp(files: Buffer[], to: string[], extra: Partial<DocumentHeaderInput> = {}, n = 1): SendOpInput {
  return {
    kind: 'document.send',
    key: randomUUID(),
    happenedAt: new Date().toISOString(),
    to,
    header: header(n, extra),
    files: files.map((f, i) => ({
      sha256: sha(f),
      name: `tep-${i}.pdf`,
      size: f.length,
      mediaType: 'application/pdf',
    })),
  };
}

export function statusOp(to: string, code: '01' | '03' | '05' = '01', n = 1): StatusOpInput {
  return {
    kind: 'status',
    key: randomUUID(),
    happenedAt: new Date(Date.UTC(2026, 10, 20, 8, 0, n % 60)).toISOString(),
    documentId: `${to},2026/11/19,${n}-CV/ĐU`,
    to,
    code,
  };
}

export interface RequestInit2 {
  token?: string;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

/** Starts servers for one test (closed by `closeAll`) on PGlite or on the shared PostgreSQL. */
export function createHarness(kind: DbKind, postgres: () => TestPostgres | null) {
  const running: InboxServer[] = [];
  let databases = 0;

  async function newEnv(): Promise<NodeJS.ProcessEnv> {
    if (kind === 'pglite') return {};
    const pgServer = postgres();
    if (!pgServer) throw new Error('PostgreSQL did not start');
    const name = `inbox_${process.pid}_${++databases}`;
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: pgServer.url });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    return { DATABASE_URL: pgServer.urlFor(name) };
  }

  async function start(reuse?: { dataDir: string; env: NodeJS.ProcessEnv }, options: Partial<InboxServerOptions> = {}) {
    const dataDir = reuse?.dataDir ?? (kind === 'pglite' ? await freshInboxDir() : tempDir());
    const env = reuse?.env ?? (await newEnv());
    const logs: string[] = [];
    const server = await startInboxServer({ dataDir, env, log: (l) => logs.push(l), ...options });
    running.push(server);
    const admin = createAdmin(server.db);

    const http = async (method: string, url: string, init: RequestInit2 = {}) => {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body: BodyInit | undefined;
      if (init.raw) body = new Uint8Array(init.raw);
      else if (init.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      }
      return fetch(server.url + url, { method, headers, ...(body !== undefined ? { body } : {}) });
    };
    /** An error answer: its status and its ErrorBody (schema-checked). */
    const fails = async (res: Response, status: number) => {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await res.text();
      expect(text).not.toMatch(/\n\s+at |node:internal|\.ts:\d+/); // never a stack trace
      return ErrorBody.parse(JSON.parse(text)).error;
    };
    const enroll = async (organId: string, name = `máy ${organId}`) => {
      const code = await admin.enrollmentCode(organId);
      const res = await http('POST', '/v1/enroll', { body: { code, workstationName: name, appVersion: '0.1.0' } });
      expect(res.status).toBe(200);
      return EnrollResponse.parse(await res.json());
    };
    const push = async (token: string, ops: OpInput[]) => {
      const res = await http('POST', '/v1/push', { token, body: { ops } });
      expect(res.status).toBe(200);
      return PushResponse.parse(await res.json()).results;
    };
    const pull = async (token: string, after = 0, wait = 0) => {
      const res = await http('GET', `/v1/changes?after=${after}&wait=${wait}`, { token });
      expect(res.status).toBe(200);
      return PullResponse.parse(await res.json());
    };
    const directory = async (token: string) => {
      const res = await http('GET', '/v1/organisations', { token });
      expect(res.status).toBe(200);
      return DirectoryResponse.parse(await res.json()).organisations;
    };
    const putChunk = (token: string, name: string, bytes: Buffer, from: number, to: number) =>
      http('PUT', `/v1/blobs/${name}`, {
        token,
        raw: bytes.subarray(from, to),
        headers: { 'content-range': `bytes ${from}-${to - 1}/${bytes.length}` },
      });
    const upload = async (token: string, bytes: Buffer) => {
      const res = await putChunk(token, sha(bytes), bytes, 0, bytes.length);
      expect(res.status).toBe(204);
      expect(res.headers.get('blob-complete')).toBe('true');
    };
    if (!reuse) for (const [id, name] of Object.entries(NAMES)) await admin.addOrganisation(id, name);
    return { server, admin, http, fails, enroll, push, pull, directory, putChunk, upload, dataDir, env, logs };
  }

  return {
    start,
    /** Stops one server (a restart test starts another on the same data). */
    async stop(server: InboxServer) {
      running.splice(running.indexOf(server), 1);
      await server.close();
    },
    async closeAll() {
      for (const s of running.splice(0)) await s.close();
    },
  };
}

export type Started = Awaited<ReturnType<ReturnType<typeof createHarness>['start']>>;
