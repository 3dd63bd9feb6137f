/**
 * `npm run dev`: starts the development host and prints the address to open. Options:
 * --data-dir DIR (or VANTHU_DATA_DIR), --port N (or VANTHU_PORT; 0 picks a free one).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { APP_VERSION } from '../../src-shared/version';
import { createDispatcher, createHandlers, createServices } from '../core';
import { startHost } from './server';
import { logError } from '../core/log';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, token: { type: 'string' } },
  });
  const services = createServices({ dataDir: values['data-dir'], version: APP_VERSION, autoSync: true });
  const dispatch = createDispatcher(createHandlers(services), {
    accounts: services.accounts,
    log: (m) => logError(m),
  });
  const host = await startHost({
    services,
    dispatch,
    rendererDir: path.join(services.appRoot, 'dist', 'renderer'),
    port: Number(values.port ?? process.env.VANTHU_PORT ?? 5170),
    token: values.token ?? process.env.VANTHU_HOST_TOKEN,
  });
  console.log(`VanThu development host: ${host.openUrl}`);
  console.log(`Data: ${services.paths.dataDir}`);
  const stop = () => {
    void host.close().then(() => {
      services.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logError(error instanceof Error ? error.message : error);
  process.exit(1);
});
