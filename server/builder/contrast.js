// The colour pairs the widget really draws (src/valgloftet.styles.ts, src/join.styles.ts,
// src/signing/form.styles.ts) and their contrast, for the embed builder: on the server for the
// page without script, in the browser as the editor picks colours. Plain JavaScript for both.

/** The widget's light defaults: what it shows on a light page when no colour is set. */
export const DEFAULT_COLOURS = /** @type {const} */ ({ accent: '#0f5b8c', background: '#f3f7fa', color: '#1c2329' });

/** WCAG 2.1 AA for normal text (1.4.3). */
export const MINIMUM_CONTRAST = 4.5;

/** Form fields on a light page (`--_field`) and the form's error red (`--_error`), light. */
const FIELD = '#ffffff';
const ERROR = '#b3261e';

/** @param {string} hex `#rrggbb` */
const channels = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** @param {number[]} rgb */
const toHex = (rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/**
 * CSS `color-mix(in srgb, a p%, b)`: each gamma-encoded channel weighted.
 * @param {string} a
 * @param {number} p 0–1, the share of `a`
 * @param {string} b
 */
export const mix = (a, p, b) => {
  const [ca, cb] = [channels(a), channels(b)];
  return toHex(ca.map((c, i) => c * p + (cb[i] ?? 0) * (1 - p)));
};

/**
 * WCAG relative luminance.
 * @param {string} hex
 */
const luminance = (hex) => {
  const [r = 0, g = 0, b = 0] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

/**
 * The WCAG contrast ratio of two colours, 1 to 21.
 * @param {string} a
 * @param {string} b
 */
export const contrastRatio = (a, b) => {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
};

/**
 * @typedef {object} Pair
 * @property {'text' | 'accent' | 'counter' | 'muted' | 'field' | 'error'} id
 * @property {string} foreground
 * @property {string} background
 * @property {number} ratio
 * @property {boolean} ok at least MINIMUM_CONTRAST
 */

/**
 * The pairs the widget draws with these colours (unset ones take the light defaults); the
 * counter's only with the counter, the form's only with the form. The main button's text is the
 * background on the accent, the same pair as the accent on the background.
 * @param {{ accent?: string, background?: string, color?: string, noCounter?: boolean, noForm?: boolean }} options
 * @returns {Pair[]}
 */
export function contrastPairs(options) {
  const accent = options.accent || DEFAULT_COLOURS.accent;
  const background = options.background || DEFAULT_COLOURS.background;
  const color = options.color || DEFAULT_COLOURS.color;
  // --_muted: the text 78 % into the background; .counter: the accent 10 % into the background.
  const muted = mix(color, 0.78, background);
  const panel = mix(accent, 0.1, background);
  /** @type {[Pair['id'], string, string][]} */
  const pairs = [
    ['text', color, background],
    ['accent', accent, background],
  ];
  if (!options.noCounter) pairs.push(['counter', accent, panel]);
  // The muted note sits on the counter's panel; without a counter, the credit on the background.
  pairs.push(['muted', muted, options.noCounter ? background : panel]);
  if (!options.noForm) pairs.push(['field', color, FIELD], ['error', ERROR, background]);
  return pairs.map(([id, foreground, behind]) => {
    const ratio = contrastRatio(foreground, behind);
    return { id, foreground, background: behind, ratio, ok: ratio >= MINIMUM_CONTRAST };
  });
}
