/**
 * The UI's words. Vietnamese is the clerk's language and the default; English is for support
 * staff. Components read the words of the chosen language through `useStrings()`
 * (./language), so switching re-renders the screen without losing what was typed.
 */
export * from './tables';
export { LanguageProvider, useLanguage, useStrings } from './language';
