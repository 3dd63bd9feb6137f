/**
 * The update feed the inbox server hosts: per channel, latest.yml, its signature, the installers
 * and their .blockmap files, in <data>/updates/<channel>/. The server only stores and serves:
 * the administrator signs latest.yml on their own machine (`vanthu release sign`), so the update
 * key never sits on the server, and a workstation trusts the signature, not the server.
 * Publishing checks what can be checked without that key: the signature is there, every
 * installer named is there with the SHA-512 latest.yml says, and the version does not go back.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { compareVersions } from '../src-shared/domain/versions';
import { FEED_FILE_NAME, FeedFormatError, parseLatestYml, type LatestYml } from '../src-shared/updates/latest-yml';

export const CHANNELS = ['stable', 'beta'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A mistake in what was given to publish, said plainly. */
export class ReleaseError extends Error {}

const SIGNATURE_LINE = /^vanthu-ed25519 [0-9a-f]{16} [A-Za-z0-9+/]{86}==\s*$/;

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

function sha512File(file: string): string {
  const hash = createHash('sha512');
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let n; (n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0;) hash.update(buffer.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('base64');
}

function readFeed(dir: string): LatestYml | null {
  try {
    return parseLatestYml(fs.readFileSync(path.join(dir, 'latest.yml'), 'utf8'));
  } catch {
    return null;
  }
}

/** Copies through a temporary name, so a reader never sees half a file. */
function copyInto(source: string, targetDir: string, name: string): void {
  const target = path.join(targetDir, name);
  const partial = path.join(targetDir, `.${name}.partial`);
  fs.copyFileSync(source, partial);
  fs.renameSync(partial, target);
}

export function createReleaseStore(updatesDir: string) {
  const channelDir = (channel: Channel) => path.join(updatesDir, channel);
  return {
    channelDir,

    /** Publishes the release in `sourceDir` (latest.yml, latest.yml.sig, installers, blockmaps). */
    publish(channel: string, sourceDir: string): LatestYml & { channel: Channel } {
      if (!isChannel(channel)) throw new ReleaseError(`Kênh cập nhật phải là ${CHANNELS.join(' hoặc ')}: ${channel}`);
      const feedFile = path.join(sourceDir, 'latest.yml');
      let feed: LatestYml;
      try {
        feed = parseLatestYml(fs.readFileSync(feedFile, 'utf8'));
      } catch (error) {
        if (error instanceof FeedFormatError) throw new ReleaseError(error.message);
        throw new ReleaseError(`Không đọc được ${feedFile}.`);
      }
      const signature = path.join(sourceDir, 'latest.yml.sig');
      if (!fs.existsSync(signature) || !SIGNATURE_LINE.test(fs.readFileSync(signature, 'utf8')))
        throw new ReleaseError(
          `Thiếu chữ ký latest.yml.sig trong ${sourceDir}: hãy ký bằng "vanthu release sign" trên máy của quản trị viên.`,
        );
      if (channel === 'stable' && feed.version.includes('-'))
        throw new ReleaseError(`Bản ${feed.version} là bản thử nghiệm: hãy phát hành trên kênh beta.`);
      for (const file of feed.files) {
        const installer = path.join(sourceDir, file.url);
        if (!fs.existsSync(installer)) throw new ReleaseError(`Thiếu tệp ${file.url} trong ${sourceDir}.`);
        if (sha512File(installer) !== file.sha512)
          throw new ReleaseError(`Tệp ${file.url} không khớp sha512 ghi trong latest.yml.`);
      }
      const target = channelDir(channel);
      const published = readFeed(target);
      if (published && compareVersions(feed.version, published.version) < 0)
        throw new ReleaseError(
          `Kênh ${channel} đang có bản ${published.version}, mới hơn ${feed.version}: máy trạm không bao giờ cập nhật lùi.`,
        );

      fs.mkdirSync(target, { recursive: true });
      // Installers first, the feed last: a workstation never reads a feed whose files are not
      // here yet. Older installers and blockmaps stay: differential downloads read the old
      // version's blockmap.
      for (const file of feed.files) {
        copyInto(path.join(sourceDir, file.url), target, file.url);
        const blockmap = `${file.url}.blockmap`;
        if (fs.existsSync(path.join(sourceDir, blockmap))) copyInto(path.join(sourceDir, blockmap), target, blockmap);
      }
      copyInto(signature, target, 'latest.yml.sig');
      copyInto(feedFile, target, 'latest.yml');
      return { ...feed, channel };
    },

    /** What each channel offers now. */
    list(): { channel: Channel; version: string; stagingPercentage?: number }[] {
      return CHANNELS.flatMap((channel) => {
        const feed = readFeed(channelDir(channel));
        return feed ? [{ channel, version: feed.version, stagingPercentage: feed.stagingPercentage }] : [];
      });
    },

    /** The path of a file a workstation may read, or null (unknown channel or name). */
    resolve(channel: string, name: string): string | null {
      if (!isChannel(channel) || !FEED_FILE_NAME.test(name) || name.includes('..')) return null;
      const file = path.join(channelDir(channel), name);
      return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
    },
  };
}

export type ReleaseStore = ReturnType<typeof createReleaseStore>;
