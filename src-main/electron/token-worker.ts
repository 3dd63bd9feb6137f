/**
 * Token workers in the app run as Electron utilityProcesses: a vendor's PKCS#11 library that
 * crashes takes only that process down, and no ELECTRON_RUN_AS_NODE is needed (the fuse that
 * would allow it stays off). The worker script sits beside this bundle (dist/main).
 */
import path from 'node:path';
import type { UtilityProcess } from 'electron';
import type { TokenWorkerChannel, TokenWorkerLauncher } from '../core/keys/pkcs11';

type Fork = (modulePath: string, args: string[], options: { serviceName: string; stdio: 'ignore' }) => UtilityProcess;

export function utilityTokenWorker(fork: Fork, dir: string = __dirname): TokenWorkerLauncher {
  return (): TokenWorkerChannel => {
    const child = fork(path.join(dir, 'token-worker.cjs'), [], { serviceName: 'VanThu token', stdio: 'ignore' });
    let exited = false;
    const exitListeners: ((detail: string) => void)[] = [];
    const gone = (detail: string) => {
      if (exited) return;
      exited = true;
      for (const listener of exitListeners) listener(detail);
    };
    child.on('exit', (code) => gone(`exit code ${code}`));
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (!exited) child.postMessage(message);
      },
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void exitListeners.push(listener),
      kill: () => void child.kill(),
    };
  };
}
