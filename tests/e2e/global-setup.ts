/**
 * Starts the development host on a fresh data folder and a free port, hands its address (with
 * the token) to the tests in VANTHU_E2E_URL, and stops it afterwards. Builds nothing: the test
 * command builds first.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const HOST_BUNDLE = path.resolve('dist/host/host.cjs');
const ADDRESS_LINE = /VanThu development host: (http:\/\/\S+)/;
const START_TIMEOUT_MS = 30_000;

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!fs.existsSync(HOST_BUNDLE)) throw new Error(`${HOST_BUNDLE} is missing: run "node scripts/build.mjs" first`);
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

  return async () => {
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
