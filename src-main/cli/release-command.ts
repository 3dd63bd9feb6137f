/**
 * The administrator's side of updates, run on their own machine, never on the inbox server:
 *   vanthu update-key create --out DIR [--name NAME]
 *       a new Ed25519 key pair: NAME.pem (public, shipped in resources/update-keys) and
 *       NAME.private.pem (kept offline by the administrator; whoever has it can push code)
 *   vanthu release sign DIR --key NAME.private.pem [--staging N]
 *       checks the installers in DIR against latest.yml, sets the rollout share when asked, and
 *       writes latest.yml.sig; the folder then goes to the server (`release publish`)
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FeedFormatError, parseLatestYml, withStagingPercentage } from '../../src-shared/updates/latest-yml';
import { generateUpdateKeyPair, signFeed } from '../core/updates/feed-signature';
import { UsageError, flagError } from './usage';

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, allowPositionals: true, options, strict: true });
  } catch (error) {
    throw flagError(error);
  }
}

export function updateKeyCommand(args: string[], out: Out): number {
  const { positionals, values } = parse(args, { out: { type: 'string' }, name: { type: 'string' } });
  if (positionals.join(' ') !== 'create' || typeof values.out !== 'string')
    throw new UsageError('update-key create --out THƯ_MỤC [--name TÊN]');
  const name = typeof values.name === 'string' ? values.name : 'vanthu-update';
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new UsageError('--name chỉ gồm chữ, số, dấu chấm, gạch');
  const dir = path.resolve(values.out);
  const publicFile = path.join(dir, `${name}.pem`);
  const privateFile = path.join(dir, `${name}.private.pem`);
  if (fs.existsSync(publicFile) || fs.existsSync(privateFile)) {
    out.stderr(`vanthu: đã có khóa ${name} trong ${dir}; không ghi đè.\n`);
    return 1;
  }
  const pair = generateUpdateKeyPair();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(privateFile, pair.privatePem, { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(publicFile, pair.publicPem, { flag: 'wx' });
  out.stdout(
    `Đã tạo khóa cập nhật ${pair.id}.\n` +
      `  Khóa công khai: ${publicFile}\n    → chép vào resources/update-keys/ rồi đóng gói VanThu.\n` +
      `  Khóa bí mật:   ${privateFile}\n    → cất ngoài máy chủ (USB trong tủ mật); ai có khóa này phát hành được bản cập nhật.\n`,
  );
  return 0;
}

const sha512 = (file: string) => createHash('sha512').update(fs.readFileSync(file)).digest('base64');

export function releaseSignCommand(args: string[], out: Out): number {
  const { positionals, values } = parse(args, { key: { type: 'string' }, staging: { type: 'string' } });
  const [sub, folder, ...extra] = positionals;
  if (sub !== 'sign' || !folder || extra.length || typeof values.key !== 'string')
    throw new UsageError('release sign THƯ_MỤC --key KHÓA.private.pem [--staging PHẦN_TRĂM]');
  const staging = values.staging === undefined ? undefined : Number(values.staging);
  if (staging !== undefined && !(Number.isInteger(staging) && staging >= 1 && staging <= 100))
    throw new UsageError('--staging phải là số nguyên từ 1 đến 100');

  const feedFile = path.join(folder, 'latest.yml');
  let text = fs.readFileSync(feedFile, 'utf8');
  if (staging !== undefined) text = withStagingPercentage(text, staging === 100 ? null : staging);
  let feed;
  try {
    feed = parseLatestYml(text);
  } catch (error) {
    if (!(error instanceof FeedFormatError)) throw error;
    out.stderr(`vanthu: ${error.message}\n`);
    return 1;
  }
  for (const file of feed.files) {
    const installer = path.join(folder, file.url);
    if (!fs.existsSync(installer) || sha512(installer) !== file.sha512) {
      out.stderr(`vanthu: ${file.url} thiếu hoặc không khớp sha512 trong latest.yml; không ký.\n`);
      return 1;
    }
  }
  const signature = signFeed(Buffer.from(text, 'utf8'), fs.readFileSync(values.key, 'utf8'));
  fs.writeFileSync(feedFile, text);
  fs.writeFileSync(path.join(folder, 'latest.yml.sig'), signature);
  const share = feed.stagingPercentage === undefined ? 'mọi máy trạm' : `${feed.stagingPercentage}% máy trạm`;
  out.stdout(`Đã ký VanThu ${feed.version} (${share}) bằng khóa ${signature.split(' ')[1]}.\n`);
  return 0;
}
