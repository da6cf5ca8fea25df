import { escapeHtml } from './html.js';
import type { Lang } from './store.js';
import { texts } from './texts.js';

export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface PageOptions {
  lang: Lang;
  title: string;
  /** Paragraphs of plain text; escaped here. */
  text: string[];
  /** A form that POSTs one hidden token to `action`, with one button. */
  form?: { action: string; token: string; button: string };
  pledgeUrl: string;
}

/**
 * The small pages behind the links in the mails. Confirming and withdrawing take a button press
 * (a POST), so a mail scanner that opens every link confirms nothing.
 */
export function page({ lang, title, text, form, pledgeUrl }: PageOptions): string {
  const t = texts[lang];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} – Valgløftet 2023</title>
<link rel="stylesheet" href="/pages.css">
<script src="/pages.js" defer></script>
</head>
<body>
<main>
<p class="brand">Valgløftet 2023</p>
<h1>${escapeHtml(title)}</h1>
${text.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${
  form
    ? `<form method="post" action="${escapeHtml(form.action)}">
<input type="hidden" name="token" value="${escapeHtml(form.token)}">
<input type="hidden" name="lang" value="${lang}">
<button type="submit">${escapeHtml(form.button)}</button>
</form>`
    : ''
}
<p class="back"><a href="${escapeHtml(pledgeUrl)}">${escapeHtml(t.backLink)}</a></p>
</main>
</body>
</html>
`;
}
