// The small pages behind the links in the mails, in the one layout. Confirming and withdrawing take
// a button press (a POST), so a mail scanner that opens every link confirms nothing.
import type { Lang } from '../../contract/signature.js';
import { button, detailsList, paragraphs, postForm } from '../pages/components.js';
import { layout } from '../pages/layout.js';
import { html, nothing, type Html } from '../pages/template.js';
import type { Campaign } from '../campaigns/campaigns.js';
import { signerTexts } from './texts.js';

/** The one script of these pages: it reloads a page that Back brings out of the browser's cache. */
export const RELOAD_SCRIPT = '/pages.js';

/** A form that POSTs one hidden token to `action`, with one button. */
export interface PageForm {
  action: string;
  token: string;
  button: string;
  /** A digest of what the page shows, so the POST acts only on what the signer saw. */
  seen?: string;
}

export interface PageOptions {
  lang: Lang;
  title: string;
  /** Paragraphs of text. */
  text: string[];
  /** What the page is about, as label and value. */
  details?: [label: string, value: string][];
  form?: PageForm;
  /** A second, lesser way out under its own heading: "that is not right". */
  aside?: { title: string; text: string[]; form: PageForm };
  /** The signer's campaign: the page's description names it, and the last link goes to its pledge. */
  campaign: Campaign;
}

const tokenForm = (form: PageForm, lang: Lang, variant: 'primary' | 'secondary'): Html =>
  postForm({
    action: form.action,
    lang,
    hidden: { token: form.token, ...(form.seen ? { seen: form.seen } : {}) },
    content: button(form.button, { variant }),
  });

/** A signer's page: what it is about, the details, the button, and a lesser way out beside it. */
export function page({ lang, title, text, details, form, aside, campaign }: PageOptions): Html {
  const t = signerTexts(lang, campaign);
  return layout({
    kind: 'signer',
    lang,
    title,
    // The signer's campaign, in the header and after the title, where other pages name the site.
    site: campaign.texts[lang].title,
    description: t.pageDescription,
    noindex: true,
    scripts: [{ src: RELOAD_SCRIPT }],
    main: html`<h1 class="ds-heading" data-size="md">${title}</h1>
${paragraphs(text)}
${details ? detailsList(details) : nothing}
${form ? tokenForm(form, lang, 'primary') : nothing}
${
  aside
    ? html`<section class="aside" aria-labelledby="aside-title">
<h2 class="ds-heading" data-size="sm" id="aside-title">${aside.title}</h2>
${paragraphs(aside.text)}
${tokenForm(aside.form, lang, 'secondary')}
</section>`
    : nothing
}
<p class="ds-paragraph back"><a class="ds-link" href=${campaign.links.pledge}>${t.backLink}</a></p>`,
  });
}
