/**
 * Every log line passes through here: no password, PIN, token, key or recovery key reaches a
 * log, whatever an error message or a stack happened to carry. Values are masked by the name
 * they go under (JSON, query strings, headers, `name=value`) and by their shape (a bearer token,
 * a recovery key, a long hex or base64 run that can only be key material).
 */

const NAMES = [
  'password',
  'passwd',
  'passphrase',
  'pin',
  'secret',
  'token',
  'access_token',
  'refresh_token',
  'recoverykey',
  'recovery-key',
  'recovery_key',
  'authorization',
  'credential',
  'apikey',
  'api_key',
  'key',
  'vanthu_db_key',
  'vanthu_admin_password',
  'vanthu_user_password',
  'vanthu_recovery_key',
];

const MASK = '[redacted]';

// "password": "x"  |  password=x  |  pin: x  |  Authorization: Bearer x (names matched whole, any case)
const NAMED = new RegExp(
  `(["']?\\b(?:${NAMES.map((n) => n.replace(/[-_]/g, '[-_]?')).join('|')})\\b["']?\\s*[:=]\\s*)` +
    `("(?:[^"\\\\]|\\\\.)*"|'[^']*'|(?:Bearer|Basic)\\s+\\S+|[^\\s,;&}\\]]+)`,
  'gi',
);
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;
const RECOVERY_KEY = /\b[0-9A-Z]{4}(?:[- ][0-9A-Z]{4}){7}\b/g;
// Key material by shape: 32+ hex digits (a sha256 of a file stays: it is 64 and names a blob, so
// only runs that are not exactly a content hash are masked) or 40+ base64 characters.
const HEX_RUN = /\b(?:[0-9a-fA-F]{32,63}|[0-9a-fA-F]{65,})\b/g;
const SHA256 = /^[0-9a-f]{64}$/;
const BASE64_RUN = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])/g;

export function redact(text: string): string {
  return text
    .replace(NAMED, (_, name: string) => `${name}${MASK}`)
    .replace(BEARER, (_, scheme: string) => `${scheme} ${MASK}`)
    .replace(RECOVERY_KEY, MASK)
    .replace(HEX_RUN, MASK)
    .replace(BASE64_RUN, (run) => (SHA256.test(run) || !/[0-9]/.test(run) || !/[A-Za-z]/.test(run) ? run : MASK));
}

/** One line for the log from anything thrown or said: message and stack, then redacted. */
export function logText(...parts: unknown[]): string {
  return redact(
    parts
      .map((p) =>
        p instanceof Error ? (p.stack ?? `${p.name}: ${p.message}`) : typeof p === 'string' ? p : safeJson(p),
      )
      .join(' '),
  );
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
