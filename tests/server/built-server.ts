/** The built inbox server (dist/server/server.cjs, built by the tests' global setup) as its own process. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const BUNDLE = path.resolve(__dirname, '../../dist/server/server.cjs');

/** Starts `serve` on a data folder; resolves once it listens. `started` collects it for cleanup. */
export async function serveBuilt(
  dataDir: string,
  started: ChildProcess[],
): Promise<{ child: ChildProcess; url: string; port: number }> {
  const child = spawn(process.execPath, [BUNDLE, 'serve', '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /VanThu inbox server: (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { child, url, port: Number(new URL(url).port) };
}
