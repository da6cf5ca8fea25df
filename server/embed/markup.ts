// The widget's server-rendered markup as the embed room's pages put it in: with the council asked
// for, behind the embed page's disclosure, in the colours asked for; and the inline style and
// script those pages carry under their CSP hashes.
import { CAMPAIGN, COLOUR, COLOUR_PROPERTIES, MUNICIPALITY, type EmbedOptions } from '../../contract/embed.js';
import type { Lang } from '../../contract/signature.js';
import type { Campaign } from '../campaigns/campaigns.js';
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
 * The rendered element with the campaign an embed or a page named (`campaign="2027"`), so the
 * script shows that one whichever the service's current one becomes; checked against `CAMPAIGN`
 * here again, so nothing else reaches the tag.
 */
export function withCampaign(markup: string, campaign: string | undefined): string {
  if (!campaign) return markup;
  if (!CAMPAIGN.test(campaign)) throw new Error('Not a campaign id');
  return markup.replace(/^(<ks-valgloftet\b[^>]*)>/, `$1 campaign="${campaign}">`);
}

const escapeText = (text: string) =>
  text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);

/**
 * The rendered element with a campaign's own words in place of Valgløftet 2023's, which are the
 * only ones the renderer has (dist/ssr/markup.js compiles them in; its links are the campaign's
 * already, given to it as options): the title, the lead, the text in the body slot, the two links'
 * words and the credit. Each is found by the part it renders in and must be there exactly once, so
 * a renderer that draws the card otherwise fails here, loudly, rather than showing 2023's words.
 * The words are plain text (server/campaigns/ refuses markup in them), escaped here as text.
 */
export function withCampaignWords(markup: string, campaign: Campaign, lang: Lang): string {
  const t = campaign.texts[lang];
  const part = (name: string) => `(<[a-z0-9]+ [^>]*part="${name}"[^>]*><!--lit-part-->)[^<]*(<!--/lit-part-->)`;
  const body = t.body
    .map((block) =>
      'h' in block
        ? `<h3>${escapeText(block.h)}</h3>`
        : `<p>${escapeText(block.p)}${
            block.caseText && campaign.links.caseText
              ? ` <a href="${escapeText(campaign.links.caseText).replace(/"/g, '&quot;')}" part="link">${escapeText(block.caseText)}</a>`
              : ''
          }</p>`,
    )
    .join('');
  const places: [RegExp, string[]][] = [
    [new RegExp(part('title'), 'g'), [t.title]],
    [new RegExp(part('lead'), 'g'), [t.lead]],
    [new RegExp(part('link'), 'g'), [t.links.pledge, t.links.podcast]],
    [new RegExp(part('credit'), 'g'), [t.credit]],
  ];
  // The body first: with a case-text address, the renderer's own body has a link part of its own.
  const slot = /(<slot name="body">)[\s\S]*?(<\/slot>)/;
  if (!slot.test(markup)) throw new Error("The widget's markup has no body slot");
  let out = markup.replace(slot, (_whole, start: string, end: string) => `${start}${body}${end}`);
  for (const [pattern, words] of places) {
    const found = out.match(pattern)?.length ?? 0;
    if (found !== words.length)
      throw new Error(`The widget's markup has ${found} of ${pattern.source}, not ${words.length}`);
    let i = 0;
    out = out.replace(pattern, (_whole, start: string, end: string) => `${start}${escapeText(words[i++])}${end}`);
  }
  return out;
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
