// The widget's server-rendered markup as the embed room's pages put it in: with the council asked
// for, behind the embed page's disclosure, in the colours asked for; and the inline style and
// script those pages carry under their CSP hashes.
import { COLOUR, COLOUR_PROPERTIES, MUNICIPALITY, type EmbedOptions } from '../../contract/embed.js';
import type { Lang } from '../../contract/signature.js';
import { html, renderHtml, trustedHtml } from '../pages/template.js';
import { TEXT } from './texts.js';

/**
 * An inline `<style>` or `<script>` of the service's own text, as its bytes are hashed: a template
 * would escape its quotes. Text that could end the element is refused, not escaped.
 */
export function inline(tag: 'style' | 'script', text: string) {
  if (/<\/(style|script)/i.test(text)) throw new Error(`An inline ${tag} may not end its element`);
  return trustedHtml(`<${tag}>${text}</${tag}>`);
}

/**
 * Where the widget's element goes in a page's template. Lit SSR parses markup given through
 * trustedHtml as a template, and re-writes the start tag of a custom element this process has
 * defined (the widget, once its renderer has loaded: `<ks-valgloftet     lang=…`). The element goes
 * into the rendered page instead (withWidget), byte for byte, as the kept pages always sent it.
 */
export const WIDGET = html`<!--ks-valgloftet-->`;

/** The rendered page with the widget's element where its template put WIDGET, once. */
export function withWidget(page: string, markup: string): string {
  const parts = page.split('<!--ks-valgloftet-->');
  if (parts.length !== 2) throw new Error('A page has one place for the widget');
  return parts[0] + markup + parts[1];
}

/**
 * The rendered element with the council an embed was given: the renderer draws the widget's first
 * state, which has no local figures, so only the start tag changes (`municipality="4601"`). The code
 * is checked against `MUNICIPALITY` (digits only) here again, so nothing else reaches the tag. Lit
 * escapes `>` in attribute values, so the first `>` ends the start tag.
 */
export function withMunicipality(markup: string, municipality: string | undefined): string {
  if (!municipality) return markup;
  if (!MUNICIPALITY.test(municipality)) throw new Error('Not a council code');
  return markup.replace(/^(<ks-valgloftet\b[^>]*)>/, `$1 municipality="${municipality}">`);
}

/**
 * The rendered element as the embed page frames it. WordPress caps a frame at 1,000 px, and the
 * pledge's text makes the card 1,600 to 3,000 px tall, so a reader would scroll inside the frame,
 * on a phone even to reach the form's send button. Here the text goes behind a disclosure: the
 * renderer's text (the body slot's fallback) moves into the light DOM as a closed `<details>` in
 * that slot, and `data-frame` tells the form's styles to take the place of the rest of the card
 * while it is open (src/signing/form.styles.ts). The script renders the card afresh over the
 * server's shadow root (it does not hydrate it), so emptying the fallback there is safe; the slot
 * keeps showing the disclosure.
 */
export function framedMarkup(markup: string, lang: Lang): string {
  const fallback = /(<slot name="body">)([\s\S]*?)(<\/slot>)/.exec(markup);
  if (!fallback) return markup;
  const text = fallback[2].replace(/<!--[^>]*-->/g, '');
  const details = renderHtml(
    html`<details class="pledge" slot="body"><summary>${TEXT[lang].more}</summary>${trustedHtml(text)}</details>`,
  );
  return markup
    .replace(fallback[0], () => fallback[1] + fallback[3])
    .replace(/^<ks-valgloftet\b/, '$& data-frame')
    .replace(/<\/ks-valgloftet>\s*$/, () => `${details}</ks-valgloftet>`);
}

/** `:root`-free rules for the colours an embed was given (each checked against `COLOUR`). */
export function colourRules(options: EmbedOptions): string {
  const declarations = (Object.keys(COLOUR_PROPERTIES) as (keyof typeof COLOUR_PROPERTIES)[])
    .filter((name) => COLOUR.test(options[name] ?? ''))
    .map((name) => `${COLOUR_PROPERTIES[name]}:${options[name]}`);
  return declarations.length ? `ks-valgloftet{${declarations.join(';')}}` : '';
}
