// How numbers are written in each language, for the widget (src/localize.ts), the builder's page
// script and its server-rendered page alike. Plain JavaScript, like ./embed.js, so the builder's
// page can load it as is (GET /embed/contract/number-format.js).

/**
 * The locales a number is formatted with. Nynorsk asks for nn-NO and falls back to nb-NO, whose
 * numbers are the same: Chromium has no nynorsk number data, and would otherwise fall back to
 * English ("6.7" where a reader expects "6,7").
 * @param {string} lang
 * @returns {string[]}
 */
export const numberLocales = (lang) => (lang === 'nn' ? ['nn-NO', 'nb-NO'] : ['nb-NO']);

/**
 * A contrast ratio as the builder shows it: rounded down to one decimal, so 4.49 never reads as a
 * passing 4.5, with the language's decimal comma.
 * @param {number} ratio
 * @param {string} lang
 */
export const formatRatio = (ratio, lang) =>
  new Intl.NumberFormat(numberLocales(lang), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(Math.floor(ratio * 10) / 10);
