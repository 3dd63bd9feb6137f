/**
 * The token worker: a small process that loads the USB token's PKCS#11 library and answers
 * list / open / sign / close messages from VanThu (pkcs11-protocol.ts). Started by
 * child_process.fork (CLI, tests) or Electron's utilityProcess (app); it finds out which from the
 * process it runs in. If the vendor library crashes, only this process dies.
 *
 * Nothing here logs: the messages carry a PIN (open) and document digests.
 */
import type { WorkerRequest, WorkerResponse } from './pkcs11-protocol';
import { TokenLibrary, WorkerError, failureOf } from './token-worker-pkcs11';

interface Port {
  post(message: WorkerResponse): void;
  onMessage(listener: (message: unknown) => void): void;
}

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const library = new TokenLibrary();

function shutdown(code: number): never {
  library.finalize();
  process.exit(code);
}

function connect(): Port {
  const electron = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electron) {
    return {
      post: (m) => electron.postMessage(m),
      onMessage: (listener) => electron.on('message', (e) => listener(e.data)),
    };
  }
  if (process.send) {
    // The parent went away (closed or crashed): nothing left to serve.
    process.on('disconnect', () => shutdown(0));
    return {
      post: (m) => void process.send?.(m),
      onMessage: (listener) => void process.on('message', listener),
    };
  }
  throw new Error('token-worker: start me with child_process.fork or utilityProcess.fork');
}

function handle(request: WorkerRequest): unknown {
  switch (request.op) {
    case 'load':
      return library.load(request.modulePath);
    case 'list':
      return library.list();
    case 'open':
      return library.open(request.slotId, request.keyId, request.pin);
    case 'sign':
      return library.sign(request.session, request.mechanism, Buffer.from(request.data, 'base64'));
    case 'close':
      return library.close(request.session);
    case 'exit':
      return shutdown(0);
    default:
      throw new WorkerError({ kind: 'other', detail: 'unknown request' });
  }
}

const port = connect();
port.onMessage((message) => {
  const request = message as WorkerRequest;
  if (typeof request !== 'object' || request === null || typeof request.id !== 'number') return;
  try {
    port.post({ type: 'reply', id: request.id, ok: true, result: handle(request) });
  } catch (e) {
    port.post({ type: 'reply', id: request.id, ok: false, error: failureOf(e) });
  }
});
port.post({ type: 'ready' });
