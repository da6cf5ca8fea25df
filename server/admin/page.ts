// The HTML of KS's admin page: plain forms that POST and redirect, styled by Designsystemet's CSS
// (served by the service) and a few lines of layout (admin.css). No script at all.
import { escapeHtml } from '../mail/html.js';
import type { Lang } from '../../contract/signature.js';
import { fill } from '../../contract/fill.js';
import { adminTexts, type AdminTexts } from './texts.js';

/** Nothing but the service's own style sheets and forms; data: for Designsystemet's icons. */
export const ADMIN_CSP =
  "default-src 'none'; style-src 'self'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export type Section = 'adoptions' | 'names' | 'statistics' | 'data' | 'log';

export const SECTION_PATHS: Record<Section, string> = {
  adoptions: '/admin',
  names: '/admin/names',
  statistics: '/admin/statistics',
  data: '/admin/data',
  log: '/admin/log',
};

/** Who is signed in, and the CSRF token their forms carry. */
export interface SignedIn {
  email: string;
  csrf: string;
}

/** A field's problem, as the error summary lists it: its message, and a link to the field. */
export interface FieldError {
  href: string;
  text: string;
}

export interface AdminPage {
  lang: Lang;
  /** The page's path without query, for the language link. */
  path: string;
  title: string;
  /**
   * A form's problems: the page's title names the error, and the summary comes first in the main
   * content (the page has no script to move focus there), as GOV.UK's error summary does.
   */
  errors?: { heading: string; list: FieldError[] };
  /** The page's own HTML (already escaped by its maker). */
  body: string;
  signedIn?: SignedIn;
  /** The menu item this page belongs to. */
  section?: Section;
}

export const e = escapeHtml;

/**
 * A form that POSTs to `action` with the CSRF token and the language, plus `fields` (HTML). The
 * server checks every field and answers in the page's language (`novalidate`: no browser bubbles,
 * which speak the browser's language).
 */
export function postForm(
  action: string,
  lang: Lang,
  csrf: string | undefined,
  fields: string,
  attributes = '',
): string {
  return `<form method="post" action="${e(action)}" novalidate${attributes}>
<input type="hidden" name="lang" value="${lang}">${csrf ? `\n<input type="hidden" name="csrf" value="${e(csrf)}">` : ''}
${fields}
</form>`;
}

export const button = (text: string, variant: 'primary' | 'secondary' | 'tertiary' = 'primary', color = '') =>
  `<button type="submit" class="ds-button" data-variant="${variant}"${color ? ` data-color="${color}"` : ''}>${e(text)}</button>`;

/** A status message (role=status, so a screen reader hears it after the redirect's page loads). */
export const alert = (text: string, color: 'success' | 'info' | 'warning' | 'danger' = 'success') =>
  `<div class="ds-alert" data-color="${color}" role="${color === 'danger' ? 'alert' : 'status'}"><p class="ds-paragraph">${e(text)}</p></div>`;

/** A text field with its label, hint and error tied to it (aria-describedby, aria-invalid). */
export function textField(options: {
  id: string;
  name: string;
  label: string;
  value?: string;
  hint?: string;
  error?: string;
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  required?: boolean;
}): string {
  const { id, name, label, value = '', hint, error, type = 'text', autocomplete, inputmode, required } = options;
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return `<div class="ds-field">
<label class="ds-label" for="${id}">${e(label)}</label>
${hint ? `<div class="ds-paragraph" data-field="description" id="${id}-hint">${e(hint)}</div>` : ''}
${error ? `<p class="ds-validation-message" data-field="validation" id="${id}-error">${e(error)}</p>` : ''}
<input class="ds-input" id="${id}" name="${name}" type="${type}" value="${e(value)}"${
    autocomplete ? ` autocomplete="${autocomplete}"` : ''
  }${inputmode ? ` inputmode="${inputmode}"` : ''}${required ? ' required' : ''}${
    described ? ` aria-describedby="${described}"` : ''
  }${error ? ' aria-invalid="true"' : ''}>
</div>`;
}

/** A table with a caption, its head and its rows (cells already HTML); numbers align right. */
export function table(
  caption: string,
  head: string[],
  rows: string[][],
  numeric: number[] = [],
  { hideCaption = false } = {},
): string {
  const cls = (i: number) => (numeric.includes(i) ? ' class="num"' : '');
  return `<div class="table-scroll" role="region" aria-label="${e(caption)}" tabindex="0">
<table class="ds-table" data-border>
<caption${hideCaption ? ' class="ds-sr-only"' : ''}>${e(caption)}</caption>
<thead><tr>${head.map((h, i) => `<th scope="col"${cls(i)}>${e(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${cls(i)}>${c}</td>`)).join('')}</tr>`).join('\n')}
</tbody>
</table>
</div>`;
}

export const texts = (lang: Lang): AdminTexts => adminTexts[lang];

export { fill };

function header(page: AdminPage): string {
  const t = texts(page.lang);
  const other: Lang = page.lang === 'nn' ? 'nb' : 'nn';
  const menu = page.signedIn
    ? `<nav aria-label="${e(t.nav)}"><ul class="menu">
${(Object.keys(SECTION_PATHS) as Section[])
  .map((s) => {
    const label = {
      adoptions: t.navAdoptions,
      names: t.navNames,
      statistics: t.navStatistics,
      data: t.navData,
      log: t.navLog,
    }[s];
    const current = s === page.section ? ' aria-current="page"' : '';
    return `<li><a class="ds-link" href="${SECTION_PATHS[s]}?lang=${page.lang}"${current}>${e(label)}</a></li>`;
  })
  .join('\n')}
</ul></nav>
<div class="who"><p class="ds-paragraph" data-size="sm">${e(fill(t.signedInAs, { email: page.signedIn.email }))}</p>
${postForm('/admin/sign-out', page.lang, page.signedIn.csrf, button(t.signOut, 'secondary'))}</div>`
    : '';
  return `<header class="admin-header">
<div class="top"><p class="brand">${e(t.brand)}</p>
<a class="ds-link" href="${e(page.path)}?lang=${other}" lang="${other}" hreflang="${other}">${e(t.otherLanguage)}</a></div>
${menu}
</header>`;
}

/** The error summary: its heading, and each problem as a link to its field. */
const errorSummary = ({ heading, list }: NonNullable<AdminPage['errors']>) =>
  `<div class="ds-error-summary" role="alert"><h2 class="ds-heading" data-size="xs">${e(heading)}</h2><ul class="ds-list">${list
    .map((error) => `<li><a class="ds-link" href="${e(error.href)}">${e(error.text)}</a></li>`)
    .join('')}</ul></div>`;

/** A whole admin page. */
export function adminPage(page: AdminPage): string {
  const errors = page.errors?.list.length ? page.errors : undefined;
  const title = errors ? fill(texts(page.lang).errorTitle, { title: page.title }) : page.title;
  return `<!doctype html>
<html lang="${page.lang}" data-color-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${e(title)} – ${e(texts(page.lang).brand)}</title>
<link rel="stylesheet" href="/admin/designsystemet.css">
<link rel="stylesheet" href="/admin/admin.css">
</head>
<body>
${header(page)}
<main>
${errors ? `${errorSummary(errors)}\n` : ''}<h1 class="ds-heading" data-size="lg">${e(page.title)}</h1>
${page.body}
</main>
</body>
</html>
`;
}
