/**
 * The few fields of electron-builder's latest.yml that VanThu reads: the version, the staged
 * rollout share and the files with their SHA-512. A small reader rather than a YAML library:
 * electron-builder writes this file in one flat shape, and anything else is refused rather than
 * guessed at (the bytes are signed, so a well-formed feed never needs guessing). Shared by the
 * workstation (after the signature is checked) and the inbox server (before it publishes).
 */
import { VERSION_PATTERN } from '../domain/versions';

export interface FeedFile {
  url: string;
  sha512: string;
  size?: number;
}

export interface LatestYml {
  version: string;
  /** Share of workstations (0-100) this release is for; absent means everyone. */
  stagingPercentage?: number;
  releaseDate?: string;
  files: FeedFile[];
}

export class FeedFormatError extends Error {}

const KEY_VALUE = /^([A-Za-z][A-Za-z0-9]*):(?:\s+(.*))?$/;
const SHA512_BASE64 = /^[A-Za-z0-9+/]{86}==$/;
/** A file next to latest.yml: a plain name, never a path or a URL elsewhere. */
export const FEED_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,200}$/;

function scalar(raw: string | undefined): string {
  const text = (raw ?? '').trim();
  if (
    text.length >= 2 &&
    ((text.startsWith("'") && text.endsWith("'")) || (text.startsWith('"') && text.endsWith('"')))
  )
    return text.slice(1, -1).replace(/''/g, "'");
  return text;
}

function fileField(file: Partial<FeedFile>, key: string, value: string): void {
  if (key === 'url') file.url = value;
  else if (key === 'sha512') file.sha512 = value;
  else if (key === 'size') file.size = Number(value);
  // Other per-file keys (blockMapSize, isAdminRightsRequired) are electron-updater's business.
}

/** Reads latest.yml text; FeedFormatError naming the line when it is not the expected shape. */
export function parseLatestYml(text: string): LatestYml {
  const top = new Map<string, string>();
  const files: Partial<FeedFile>[] = [];
  let inFiles = false;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const where = `latest.yml dòng ${index + 1}`;
    if (!line.startsWith(' ') && !line.startsWith('-')) {
      const m = KEY_VALUE.exec(line);
      if (!m) throw new FeedFormatError(`${where}: không đọc được`);
      inFiles = m[1] === 'files' && !m[2];
      if (!inFiles) top.set(m[1]!, scalar(m[2]));
      return;
    }
    if (!inFiles) throw new FeedFormatError(`${where}: dòng thụt lề ngoài danh sách files`);
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item) files.push({});
    const m = KEY_VALUE.exec((item ? item[1]! : line).trim());
    if (!m || files.length === 0) throw new FeedFormatError(`${where}: không đọc được`);
    fileField(files.at(-1)!, m[1]!, scalar(m[2]));
  });

  const version = top.get('version') ?? '';
  if (!VERSION_PATTERN.test(version)) throw new FeedFormatError(`latest.yml: số phiên bản không hợp lệ: ${version}`);
  // Older feeds name one file by path/sha512 at the top level only.
  if (files.length === 0 && top.has('path')) files.push({ url: top.get('path'), sha512: top.get('sha512') });
  if (files.length === 0) throw new FeedFormatError('latest.yml: không có tệp cài đặt nào');
  for (const file of files) {
    if (!file.url || !FEED_FILE_NAME.test(file.url) || file.url.includes('..'))
      throw new FeedFormatError(`latest.yml: tên tệp không hợp lệ: ${file.url ?? ''}`);
    if (!file.sha512 || !SHA512_BASE64.test(file.sha512))
      throw new FeedFormatError(`latest.yml: thiếu hoặc sai sha512 của ${file.url}`);
    if (file.size !== undefined && !(Number.isInteger(file.size) && file.size >= 0))
      throw new FeedFormatError(`latest.yml: kích thước sai của ${file.url}`);
  }
  const staging = top.get('stagingPercentage');
  const stagingPercentage = staging === undefined ? undefined : Number(staging);
  if (
    stagingPercentage !== undefined &&
    !(Number.isFinite(stagingPercentage) && stagingPercentage >= 0 && stagingPercentage <= 100)
  )
    throw new FeedFormatError(`latest.yml: stagingPercentage phải từ 0 đến 100: ${staging}`);
  const releaseDate = top.get('releaseDate');
  return {
    version,
    files: files as FeedFile[],
    ...(stagingPercentage === undefined ? {} : { stagingPercentage }),
    ...(releaseDate ? { releaseDate } : {}),
  };
}

/** latest.yml with its stagingPercentage set (or removed with null), the rest unchanged. */
export function withStagingPercentage(text: string, percentage: number | null): string {
  const kept = text.split(/\r?\n/).filter((line) => !/^stagingPercentage:/.test(line));
  while (kept.length && kept.at(-1) === '') kept.pop();
  if (percentage !== null) kept.push(`stagingPercentage: ${percentage}`);
  return `${kept.join('\n')}\n`;
}
