// `npm start` (after `npm run build`): runs the Electron app when the Electron binary is
// installed; otherwise (as on build machines that skip the download) the development host,
// which serves the same UI and contract to a browser and prints its own address.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/** The Electron executable, or null: require('electron') throws when the binary was skipped. */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
let child;
if (binary) {
  child = spawn(binary, ['.', ...args], { stdio: 'inherit' });
} else {
  console.log('The Electron binary is not installed here; starting the development host instead.');
  child = spawn(process.execPath, ['dist/host/host.cjs', ...args], { stdio: 'inherit' });
}

// Ctrl+C reaches the child through the terminal; pass on a plain kill too, then mirror its exit.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (error) => {
  console.error(error.message);
  process.exit(1);
});
