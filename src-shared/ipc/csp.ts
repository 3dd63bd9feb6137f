/**
 * The renderer's Content-Security-Policy, the same in Electron (set on every response of the
 * app protocol) and in the development host: scripts only from the app itself, no eval, no
 * inline script, no remote anything; pdf.js runs its worker from the app's own files.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' vanthu-blob:",
  "worker-src 'self' blob:",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
