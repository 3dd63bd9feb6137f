/**
 * "Tiếng Việt / English": switches the language of the screen at once, without signing out or
 * losing what was typed; the choice is remembered on this machine.
 */
import { LANGUAGE_NAMES, LANGUAGES, useLanguage, useStrings } from '../i18n';

export function LanguageSwitch({ className = '' }: { className?: string }) {
  const t = useStrings();
  const { language, setLanguage } = useLanguage();
  return (
    <div className={`language-switch ${className}`.trim()} role="group" aria-label={t.language.label}>
      {LANGUAGES.map((l, i) => (
        <span key={l}>
          {i > 0 && (
            <span className="language-sep" aria-hidden="true">
              /
            </span>
          )}
          <button
            type="button"
            lang={l}
            aria-pressed={language === l}
            className={language === l ? 'language-current' : undefined}
            onClick={() => setLanguage(l)}
          >
            {LANGUAGE_NAMES[l]}
          </button>
        </span>
      ))}
    </div>
  );
}
