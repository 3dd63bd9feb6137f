/** The language tables and the language in use, for React (./language) and for code outside it. */
import { en } from './en';
import { vi, type Strings } from './vi';

export type Language = 'vi' | 'en';
export type { Strings };

export const LANGUAGES: readonly Language[] = ['vi', 'en'];

/** Each language's name in itself, the same whichever language the screen is in. */
export const LANGUAGE_NAMES: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

const tables: Record<Language, Strings> = { vi, en };

export function stringsFor(language: Language): Strings {
  return tables[language];
}

export function isLanguage(value: unknown): value is Language {
  return value === 'vi' || value === 'en';
}

let current: Language = 'vi';

/** Set by the LanguageProvider; code outside React reads the words through currentStrings(). */
export function setCurrentLanguage(language: Language): void {
  current = language;
}

/** The words in use now, for code outside components (transports, error messages). */
export function currentStrings(): Strings {
  return tables[current];
}
