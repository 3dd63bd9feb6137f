/**
 * Starts the development host on a fresh data folder and a free port, hands its address (with
 * the token) to the tests in VANTHU_E2E_URL, and stops it afterwards. Builds nothing: the test
 * command builds first.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const HOST_BUNDLE = path.resolve('dist/host/host.cjs');
const SERVER_BUNDLE = path.resolve('dist/server/server.cjs');
const ADDRESS_LINE = /VanThu development host: (http:\/\/\S+)/;
const START_TIMEOUT_MS = 30_000;

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!fs.existsSync(HOST_BUNDLE)) throw new Error(`${HOST_BUNDLE} is missing: run "node scripts/build.mjs" first`);
  if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run "node scripts/build.mjs" first`);
  if (!fs.existsSync(path.resolve('dist/renderer/index.html'))) {
    throw new Error('dist/renderer is missing: run "node scripts/build.mjs" first');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-e2e-'));
  // A fresh random token and port for every run, whatever the developer's shell has set.
  const env = { ...process.env };
  delete env.VANTHU_HOST_TOKEN;
  delete env.VANTHU_PORT;
  const host = spawn(process.execPath, [HOST_BUNDLE, '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in time:\n${output}`)), START_TIMEOUT_MS);
    host.stdout.setEncoding('utf8');
    host.stderr.setEncoding('utf8');
    host.stdout.on('data', (chunk: string) => {
      output += chunk;
      const match = ADDRESS_LINE.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    host.stderr.on('data', (chunk: string) => {
      output += chunk;
      if (process.env.VANTHU_E2E_VERBOSE) process.stderr.write(chunk);
    });
    host.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} before it was ready:\n${output}`));
    });
  });
  process.env.VANTHU_E2E_URL = url;
  process.env.VANTHU_E2E_DATA_DIR = dataDir;
  // Files the tests hand to the file chooser; removed with everything else at the end.
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-e2e-files-'));
  process.env.VANTHU_E2E_FILES_DIR = filesDir;

  // The inbox server the exchange test connects to: its directory and one-time codes are made
  // with its own command before it starts (its embedded database has one user at a time).
  const inboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-e2e-inbox-'));
  const admin = (...args: string[]) =>
    execFileSync(process.execPath, [SERVER_BUNDLE, ...args, '--data', inboxDir], { encoding: 'utf8' }).trim();
  admin('org', 'add', '000.00.00.H41', 'Ủy ban nhân dân xã Hòa Bình');
  admin('org', 'add', '000.00.00.H43', 'Ủy ban nhân dân xã Hòa Lạc');
  // A day off the server's administrators keep for everyone (12-handling takes it).
  admin('holiday', 'set', '2027-12-31', 'Nghỉ bù cuối năm 2027');
  process.env.VANTHU_E2E_ENROLL_CODE = admin('enroll-code', '--org', '000.00.00.H41');
  process.env.VANTHU_E2E_PEER_CODE = admin('enroll-code', '--org', '000.00.00.H43');
  const inbox = spawn(process.execPath, [SERVER_BUNDLE, 'serve', '--port', '0', '--data', inboxDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let inboxOutput = '';
  process.env.VANTHU_E2E_INBOX_URL = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`inbox server did not start:\n${inboxOutput}`)), START_TIMEOUT_MS);
    inbox.stdout.setEncoding('utf8');
    inbox.stderr.setEncoding('utf8');
    inbox.stdout.on('data', (chunk: string) => {
      inboxOutput += chunk;
      const match = /VanThu inbox server: (http:\/\/\S+)/.exec(inboxOutput);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    inbox.stderr.on('data', (chunk: string) => (inboxOutput += chunk));
    inbox.once('exit', (code) => reject(new Error(`inbox server exited with ${code}:\n${inboxOutput}`)));
  });

  return async () => {
    if (inbox.exitCode === null) {
      const exited = new Promise((resolve) => inbox.once('exit', resolve));
      inbox.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (inbox.exitCode === null) inbox.kill('SIGKILL');
    }
    fs.rmSync(inboxDir, { recursive: true, force: true });
    if (host.exitCode === null) {
      const exited = new Promise((resolve) => host.once('exit', resolve));
      host.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (host.exitCode === null) host.kill('SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(filesDir, { recursive: true, force: true });
  };
}
