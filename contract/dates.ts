/** The months, the same words in bokmål and nynorsk (the spelling tests read them too). */
export const MONTHS = [
  'januar',
  'februar',
  'mars',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'desember',
];

/**
 * A decision's date as Norwegians write it, "2024-03-12" → "12. mars 2024", the same in bokmål and
 * nynorsk, with no-break spaces so it stays on one line. Not through Intl: a browser may lack the
 * data for nynorsk (Debian's Chromium does). Shared by the widget's council lines and the councils
 * page, so both write a date alike.
 */
export const formatDate = (iso: string): string => {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day}.\u00a0${MONTHS[month - 1] ?? ''}\u00a0${year}`;
};
