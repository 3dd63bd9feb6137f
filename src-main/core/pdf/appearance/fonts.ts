/**
 * Which font the appearances use. The regulations ask for Times New Roman: on Windows it is in
 * the Fonts folder and is used as is. Elsewhere, or when that copy lacks a letter the text
 * needs (old versions had no Vietnamese), VanThu uses the Liberation Serif it ships in
 * resources/fonts/ (SIL OFL): same metrics, so the layout does not move.
 */
import fs from 'node:fs';
import path from 'node:path';
import { VanThuError } from '../../../../src-shared/ipc/errors';
import { findAppRoot } from '../../paths';
import { firstMissing, missingGlyphError } from './font-embed';
import { parseTrueType, type TrueTypeFont } from './truetype';

export interface FontSources {
  /** The Windows Fonts folder; null = do not look. Default: %WINDIR%\Fonts on Windows only. */
  windowsFontsDir?: string | null;
  /** Folder holding LiberationSerif-*.ttf. Default: resources/fonts of the app. */
  resourcesDir?: string;
}

export interface FontFamily {
  name: string;
  regular: TrueTypeFont;
  bold: TrueTypeFont;
}

const cache = new Map<string, { mtimeMs: number; size: number; font: TrueTypeFont }>();

/** Parses a font file once per process (a signature should not re-read 400 KB each time). */
function loadFont(file: string): TrueTypeFont | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.font;
  const font = parseTrueType(fs.readFileSync(file));
  cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, font });
  return font;
}

function defaultWindowsFonts(): string | null {
  if (process.platform !== 'win32') return null;
  return path.join(process.env.WINDIR ?? process.env.SystemRoot ?? 'C:\\Windows', 'Fonts');
}

/** Candidate families, preferred first. */
export function fontFamilies(sources: FontSources = {}): FontFamily[] {
  const out: FontFamily[] = [];
  const windows = sources.windowsFontsDir === undefined ? defaultWindowsFonts() : sources.windowsFontsDir;
  const shippedDir = sources.resourcesDir ?? path.join(findAppRoot(), 'resources', 'fonts');
  const shippedRegular = loadFont(path.join(shippedDir, 'LiberationSerif-Regular.ttf'));
  const shippedBold = loadFont(path.join(shippedDir, 'LiberationSerif-Bold.ttf'));
  if (windows) {
    const regular = loadFont(path.join(windows, 'times.ttf'));
    // Without timesbd.ttf the bold lines fall back to Liberation Serif Bold, then to regular.
    const bold = loadFont(path.join(windows, 'timesbd.ttf')) ?? shippedBold ?? regular;
    if (regular && bold) out.push({ name: 'Times New Roman', regular, bold });
  }
  if (shippedRegular)
    out.push({ name: 'Liberation Serif', regular: shippedRegular, bold: shippedBold ?? shippedRegular });
  if (out.length === 0) {
    throw new VanThuError(
      'INTERNAL',
      'Không tìm thấy phông chữ Times New Roman hay Liberation Serif để in chữ lên tệp PDF. Hãy cài lại VanThu.',
    );
  }
  return out;
}

/**
 * The first family whose faces can draw every text; when none can, the error names the
 * character the last (shipped) family lacks.
 */
export function chooseFamily(families: FontFamily[], texts: { regular?: string[]; bold?: string[] }): FontFamily {
  let failure: VanThuError | null = null;
  for (const family of families) {
    failure = null;
    for (const [face, list] of [
      [family.regular, texts.regular ?? []],
      [family.bold, texts.bold ?? []],
    ] as const) {
      for (const text of list) {
        const ch = firstMissing(face, text);
        if (ch !== null && !failure) failure = missingGlyphError(family.name, ch, text);
      }
    }
    if (!failure) return family;
  }
  throw failure ?? new VanThuError('INTERNAL', 'Không có phông chữ nào để in chữ lên tệp PDF.');
}
