// The embed room's texts and its pages' own few inline rules (sent under their CSP hashes).
import { fill } from '../../contract/fill.js';
import type { Lang } from '../../contract/signature.js';
import type { Campaign } from '../campaigns/campaigns.js';

/**
 * The page's own few rules: no margin, so the frame is the card's size; and the page's heading,
 * for screen readers only (the card's own heading is what the eye reads).
 */
export const PAGE_STYLE =
  'html{color-scheme:light}body{margin:0;display:flow-root;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}ks-valgloftet{display:block}' +
  '.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}';

/**
 * The embed page's disclosure of the pledge's text (framedMarkup): it sits in the card's body slot,
 * so it takes the widget's colours and font by inheritance and its rules from here. The summary is
 * a touch target of the card's buttons' height.
 */
export const FRAME_STYLE =
  '.pledge{margin:0 0 .75rem}.pledge summary{min-height:2.75rem;line-height:2.75rem;cursor:pointer;color:var(--_accent);font-weight:600}' +
  '.pledge p{margin:0 0 .75rem}.pledge h3{margin:1.5rem 0 .5rem;color:var(--_accent);font-size:1.15em}' +
  '.pledge :focus-visible{outline:3px solid var(--_accent);outline-offset:2px}';

/**
 * `{title}` in `title`, `heading`, `description` and `link` is the campaign's own title in the page's
 * language (`texts[lang].title`, "Valgløftet 2023"): use campaignText() for them.
 */
export const TEXT = {
  nb: {
    title: '{title} – KS',
    /** The page's h1, heard before the card's own heading. */
    heading: '{title} fra KS',
    description:
      'Folkevalgte og kandidater som slutter seg til {title} fra KS, lover en saklig og respektfull debatt, uten hets og trusler. Se hvor mange som har sluttet seg til.',
    other: 'Les på nynorsk',
    builder: 'Vis Valgløftet på nettstedet ditt',
    link: '{title} hos KS',
    badQuery: 'Denne adressen har en innstilling som ikke finnes eller ikke er gyldig:',
    /** The disclosure of the pledge's text in the embed page. */
    more: 'Les mer om løftet',
  },
  nn: {
    title: '{title} – KS',
    heading: '{title} frå KS',
    description:
      'Folkevalde og kandidatar som sluttar seg til {title} frå KS, lovar ein sakleg og respektfull debatt, utan hets og truslar. Sjå kor mange som har slutta seg til.',
    other: 'Les på bokmål',
    builder: 'Vis Valgløftet på nettstaden din',
    link: '{title} hjå KS',
    badQuery: 'Denne adressa har ei innstilling som ikkje finst eller ikkje er gyldig:',
    more: 'Les meir om løftet',
  },
} as const;

/** The embed room's texts in `lang` with the campaign's title where they name the pledge. */
export function campaignText(lang: Lang, campaign: Campaign) {
  const t = TEXT[lang];
  const title = { title: campaign.texts[lang].title };
  return {
    ...t,
    title: fill(t.title, title),
    heading: fill(t.heading, title),
    description: fill(t.description, title),
    link: fill(t.link, title),
  };
}
