/**
 * The UI's words. Vietnamese is the language of the app; another table may override parts of
 * it, and whatever it lacks stays Vietnamese.
 */
import { en } from './en';
import { vi, type Strings } from './vi';

export type Language = 'vi' | 'en';
export type { Strings };

const overrides = { vi: {}, en } as const;

export function stringsFor(language: Language): Strings {
  const table = overrides[language] as { [K in keyof Strings]?: Partial<Strings[K]> };
  const merged = { ...vi } as Record<keyof Strings, unknown>;
  for (const key of Object.keys(vi) as (keyof Strings)[]) {
    merged[key] = { ...vi[key], ...(table[key] ?? {}) };
  }
  return merged as Strings;
}

/** The words in use: the clerk works in Vietnamese. */
export const t: Strings = vi;
