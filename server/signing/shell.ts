import { escapeHtml } from '../mail/html.js';
import type { Lang } from '../../contract/signature.js';
import { texts } from './texts.js';

export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

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
  /** Paragraphs of plain text; escaped here. */
  text: string[];
  /** What the page is about, as label and value (plain text; escaped here). */
  details?: [label: string, value: string][];
  form?: PageForm;
  /** A second, lesser way out under its own heading: "that is not right". */
  aside?: { title: string; text: string[]; form: PageForm };
  pledgeUrl: string;
}

const paragraphs = (text: string[]) => text.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');

const formHtml = (form: PageForm, lang: Lang) => `<form method="post" action="${escapeHtml(form.action)}">
<input type="hidden" name="token" value="${escapeHtml(form.token)}">
<input type="hidden" name="lang" value="${lang}">${form.seen ? `\n<input type="hidden" name="seen" value="${escapeHtml(form.seen)}">` : ''}
<button type="submit">${escapeHtml(form.button)}</button>
</form>`;

/**
 * The small pages behind the links in the mails. Confirming and withdrawing take a button press
 * (a POST), so a mail scanner that opens every link confirms nothing.
 */
export function page({ lang, title, text, details, form, aside, pledgeUrl }: PageOptions): string {
  const t = texts[lang];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="description" content="${escapeHtml(t.pageDescription)}">
<title>${escapeHtml(title)} – Valgløftet 2023</title>
<link rel="stylesheet" href="/pages.css">
<script src="/pages.js" defer></script>
</head>
<body>
<main>
<p class="brand">Valgløftet 2023</p>
<h1>${escapeHtml(title)}</h1>
${paragraphs(text)}
${
  details
    ? `<dl>\n${details.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}\n</dl>`
    : ''
}
${form ? formHtml(form, lang) : ''}
${
  aside
    ? `<section class="aside" aria-labelledby="aside-title">
<h2 id="aside-title">${escapeHtml(aside.title)}</h2>
${paragraphs(aside.text)}
${formHtml(aside.form, lang)}
</section>`
    : ''
}
<p class="back"><a href="${escapeHtml(pledgeUrl)}">${escapeHtml(t.backLink)}</a></p>
</main>
</body>
</html>
`;
}
