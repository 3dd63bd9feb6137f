/**
 * The language of the screen, chosen on this machine and remembered in localStorage. Switching
 * changes a context value: every component re-renders with the new words and keeps its state.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isLanguage, setCurrentLanguage, stringsFor, type Language, type Strings } from './tables';

const STORAGE_KEY = 'vanthu.language';

interface LanguageState {
  language: Language;
  strings: Strings;
  setLanguage: (language: Language) => void;
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'vi';
  } catch {
    return 'vi';
  }
}

const LanguageContext = createContext<LanguageState | null>(null);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => {
    const initial = storedLanguage();
    setCurrentLanguage(initial);
    return initial;
  });

  const setLanguage = useCallback((next: Language) => {
    setCurrentLanguage(next);
    setLanguageState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage refused (private window): the choice lasts until the page is closed.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = stringsFor(language).app.windowTitle;
  }, [language]);

  const value = useMemo(() => ({ language, strings: stringsFor(language), setLanguage }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

function useLanguageState(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error('LanguageProvider is missing');
  return state;
}

/** The words of the language in use. */
export function useStrings(): Strings {
  return useLanguageState().strings;
}

export function useLanguage(): { language: Language; setLanguage: (language: Language) => void } {
  const { language, setLanguage } = useLanguageState();
  return { language, setLanguage };
}
