/**
 * The renderer build. The output must hold under the strict CSP (src-shared/ipc/csp.ts): no
 * inline script, no eval, so the module-preload polyfill (an inline snippet in some setups) is
 * off, and everything pdf.js needs at run time (its worker, standard fonts, CMaps) is served
 * from the app's own files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const PDFJS_DIR = path.resolve('node_modules/pdfjs-dist');
/** Non-embedded fonts (Times New Roman in many Vietnamese PDFs) and CJK character maps. */
const PDFJS_RESOURCE_DIRS = ['standard_fonts', 'cmaps'];

/** Copies pdf.js's font and CMap data into the build as plain files under pdfjs/. */
function pdfjsResources(): Plugin {
  return {
    name: 'vanthu-pdfjs-resources',
    apply: 'build',
    generateBundle() {
      for (const dir of PDFJS_RESOURCE_DIRS) {
        const from = path.join(PDFJS_DIR, dir);
        for (const name of fs.readdirSync(from)) {
          this.emitFile({
            type: 'asset',
            fileName: `pdfjs/${dir}/${name}`,
            source: fs.readFileSync(path.join(from, name)),
          });
        }
      }
    },
  };
}

/** Fails the build if index.html ever carries an inline script the CSP would block. */
function noInlineScripts(): Plugin {
  return {
    name: 'vanthu-no-inline-scripts',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
        const html = String(file.source);
        const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(
          (m) => !/\bsrc=/.test(m[1] ?? '') || (m[2] ?? '').trim() !== '',
        );
        if (inline.length > 0) this.error(`${file.fileName} has an inline <script>; the CSP forbids it.`);
      }
    },
  };
}

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react(), pdfjsResources(), noInlineScripts()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    // Assets are never turned into data: URLs inside scripts; files keep their own URLs.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    sourcemap: true,
  },
  server: { port: 5173, strictPort: false },
});
