// The console's own words, in the language the person chose (Italian unless they chose English): i18next with
// the resources in `locales/console/`, its plurals and interpolation. Language names and dates come from the
// browser's CLDR data (Intl), in the same language.
import i18next from '/console/vendor/i18next.js';

export const CONSOLE_LANGUAGES = ['it', 'en'];
const STORED = 'sportello.console.language';

function storedChoice() {
  try {
    const stored = localStorage.getItem(STORED);
    return CONSOLE_LANGUAGES.includes(stored) ? stored : 'it';
  } catch {
    return 'it';
  }
}

export async function startI18n() {
  const resources = {};
  await Promise.all(CONSOLE_LANGUAGES.map(async (lng) => {
    const response = await fetch(`/console/locales/${lng}.json`);
    resources[lng] = { translation: await response.json() };
  }));
  // Text goes into the page through Preact, which never parses it as HTML: i18next need not escape it.
  await i18next.init({ lng: storedChoice(), fallbackLng: 'it', resources, interpolation: { escapeValue: false }, returnNull: false });
  document.documentElement.lang = i18next.language;
}

export const t = (key, options) => i18next.t(key, options);
export const consoleLanguage = () => i18next.language;

/** Changes the console's language for this browser; the caller draws the page again. */
export async function chooseConsoleLanguage(lng) {
  try {
    localStorage.setItem(STORED, lng);
  } catch {
    // A browser that keeps nothing still switches for this visit.
  }
  await i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}

const displayNames = new Map();
/** A language's name in the console's language ("Arabo" / "Arabic"), capitalised to start a cell or a heading. */
export function languageName(code) {
  const lng = consoleLanguage();
  if (!displayNames.has(lng)) displayNames.set(lng, new Intl.DisplayNames([lng], { type: 'language', fallback: 'code' }));
  let name;
  try {
    name = displayNames.get(lng).of(code);
  } catch {
    name = code;
  }
  return name.charAt(0).toLocaleUpperCase(lng) + name.slice(1);
}

export const languageLabel = (code) => `${languageName(code)} (${code})`;

/** A moment, short, as people in the console's language write it. */
export const when = (iso) => (iso ? new Date(iso).toLocaleString(consoleLanguage(), { dateStyle: 'short', timeStyle: 'short' }) : '—');

/** A length of time as staff say it: minutes, hours and minutes, or days (i18next plurals). */
export function duration(seconds) {
  const minutes = Math.max(0, Math.round(seconds / 60));
  if (minutes < 60) return t('time.minutes', { count: minutes });
  if (minutes < 48 * 60) {
    const hours = Math.floor(minutes / 60);
    return minutes % 60 === 0 ? t('time.hours', { count: hours }) : t('time.hoursMinutes', { hours, minutes: minutes % 60 });
  }
  return t('time.days', { count: Math.round(minutes / 1440) });
}

export const waitedSince = (iso) => duration((Date.now() - Date.parse(iso)) / 1000);
