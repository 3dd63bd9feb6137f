import { describe, expect, it } from 'vitest';
import { parseLatestYml, withStagingPercentage } from '../../../src-shared/updates/latest-yml';
import { latestYml, sha512 } from './fixtures';

describe('reading latest.yml', () => {
  it('reads the version, the files with their SHA-512 and the staging percentage', () => {
    const text = latestYml('1.3.0-beta.2', 'abc', 'stagingPercentage: 25');
    expect(parseLatestYml(text)).toEqual({
      version: '1.3.0-beta.2',
      files: [{ url: 'VanThu-Setup-1.3.0-beta.2.exe', sha512: sha512('abc'), size: 3 }],
      stagingPercentage: 25,
      releaseDate: '2026-12-01T08:00:00.000Z',
    });
  });

  it('sets and removes the staging percentage, leaving the rest as it was', () => {
    const text = latestYml('1.3.0', 'abc', 'stagingPercentage: 10');
    const widened = withStagingPercentage(text, 50);
    expect(parseLatestYml(widened).stagingPercentage).toBe(50);
    expect(widened.match(/stagingPercentage/g)).toHaveLength(1);
    expect(parseLatestYml(withStagingPercentage(text, null)).stagingPercentage).toBeUndefined();
    expect(withStagingPercentage(text, null)).toBe(latestYml('1.3.0', 'abc'));
  });

  it('refuses what is not the expected shape instead of guessing', () => {
    const good = latestYml('1.3.0', 'abc');
    expect(() => parseLatestYml(good.replace('version: 1.3.0', 'version: latest'))).toThrow(/phiên bản/);
    expect(() => parseLatestYml(good.replace(/url: .*/, 'url: ../../evil.exe'))).toThrow(/tên tệp/);
    expect(() => parseLatestYml(good.replace(/url: .*/, 'url: https://evil.example/x.exe'))).toThrow(/tên tệp/);
    expect(() => parseLatestYml(good.replace(/ {4}sha512: .*/, '    sha512: short'))).toThrow(/sha512/);
    expect(() => parseLatestYml(`${good}stagingPercentage: 150\n`)).toThrow(/stagingPercentage/);
    expect(() => parseLatestYml('version: 1.3.0\n')).toThrow(/tệp cài đặt/);
    expect(() => parseLatestYml(`${good}  stray: indented\n`)).toThrow(/dòng 10/);
  });
});
