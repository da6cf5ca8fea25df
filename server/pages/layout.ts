// The one layout of the service's pages: the signers' pages, the pledge pages, the builder, the
// councils page and the admin page. Each page gives its title, its language, its header's extras and
// its main content; the layout gives the document, the head every page needs and the one stylesheet
// (LOOK_PATH, Designsystemet and the service's few rules: look.ts).
import type { Lang } from '../../contract/signature.js';
import { LOOK_PATH } from './look.js';
import { errorSummary, type ErrorSummary } from './components.js';
import { html, nothing, type Html } from './template.js';

/** The service's name on every page, after the page's own title and in the header. */
export const SITE = 'Valgløftet 2023';

/** Which of the service's pages: its room's rules in the stylesheet apply under this class. */
export type PageKind = 'signer' | 'pledge' | 'builder' | 'councils' | 'admin';

export interface Page {
  kind: PageKind;
  lang: Lang;
  /** The page's own title; the document's is "title – site". */
  title: string;
  /** The site's name in the title and the header (the admin page names itself). */
  site?: string;
  /** The page's title names the site already ("… i Valgløftet 2023"): the document's title is it alone. */
  titleNamesSite?: boolean;
  description?: string;
  /** Absolute addresses: the page itself, and the same page in the other language. */
  canonical?: string;
  alternate?: { lang: Lang; href: string };
  /** Other `<link>`s a page is found by (the oEmbed discovery, the open data). */
  links?: readonly { rel: string; href: string; type?: string; title?: string }[];
  /** Kept out of search engines: pages behind the mails' links, the admin page. */
  noindex?: boolean;
  /** Scripts from the service, run after the page is parsed. */
  scripts?: readonly { src: string; module?: boolean }[];
  /** What else the head holds: a data block for a page script. */
  head?: Html;
  /** The header's language link: the same page in the other language. */
  otherLanguage?: {
    lang: Lang;
    href: string;
    text: string;
    /** For a page script that keeps it current. */ id?: string;
  };
  /** The rest of the header (the admin page's menu and who is signed in). */
  header?: Html;
  /** How wide the page's content may run: a text column, or the width of a table or workbench. */
  width?: 'text' | 'wide';
  /** The main element's id, for a page script or a link to it. */
  mainId?: string;
  /**
   * A form's problems: the title names the error and the summary comes first in main, where a
   * reader lands (the pages have no script to move focus), as GOV.UK's error summary does.
   */
  errors?: ErrorSummary;
  main: Html;
  footer?: Html;
  /**
   * The bare page: the document, the head and main alone, in the page's own inline styles (by hash)
   * and without the look, the site's header or the title's suffix. For the embed page, whose frame is
   * the card's size and which paints with nothing to fetch: the one page not on the look.
   */
  bare?: boolean;
  /** What ends the body, after main and the footer: the embed page's inline script. */
  end?: Html;
}

/** The links of a page's head, as every page gives them. */
const headLinks = (page: Page): Html[] => [
  page.description ? html`<meta name="description" content=${page.description}>\n` : nothing,
  page.noindex ? html`<meta name="robots" content="noindex">\n` : nothing,
  page.canonical ? html`<link rel="canonical" href=${page.canonical}>\n` : nothing,
  page.alternate ? html`<link rel="alternate" hreflang=${page.alternate.lang} href=${page.alternate.href}>\n` : nothing,
  ...(page.links ?? []).map(
    (l) => html`<link rel=${l.rel} href=${l.href} type=${l.type ?? nothing} title=${l.title ?? nothing}>\n`,
  ),
];

/** The bare page (`bare`): its title as given, its head, main, its footer and what ends it. */
const bareLayout = (page: Page): Html => html`<!doctype html>
<html lang=${page.lang}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
${headLinks(page)}${page.head ?? nothing}${(page.scripts ?? []).map((s) => html`<script src=${s.src} defer></script>\n`)}</head>
<body>
<main>
${page.main}</main>
${page.footer ? html`<footer>\n${page.footer}</footer>\n` : nothing}${page.end ?? nothing}</body>
</html>
`;

/** A whole page: doctype, head, the header with the site's name, main and footer. */
export function layout(page: Page): Html {
  if (page.bare) return bareLayout(page);
  const site = page.site ?? SITE;
  const other = page.otherLanguage;
  const errors = page.errors?.list.length ? page.errors : undefined;
  // "Feil" in both languages.
  const title = errors ? `Feil: ${page.title}` : page.title;
  return html`<!doctype html>
<html lang=${page.lang} data-color-scheme="auto">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.titleNamesSite ? title : `${title} – ${site}`}</title>
${headLinks(page)}<link rel="stylesheet" href=${LOOK_PATH}>
${page.head ?? nothing}
${(page.scripts ?? []).map((s) =>
  s.module ? html`<script type="module" src=${s.src}></script>` : html`<script src=${s.src} defer></script>`,
)}
</head>
<body class=${page.kind}>
<header class="site-header">
<div class="bar">
<p class="brand">${site}</p>
${
  other
    ? html`<p class="other-language"><a class="ds-link" id=${other.id ?? nothing} href=${other.href} hreflang=${other.lang} lang=${other.lang}>${other.text}</a></p>`
    : nothing
}
</div>
${page.header ?? nothing}
</header>
<main id=${page.mainId ?? 'main'} class=${page.width === 'wide' ? 'wide' : 'text'}>
${errors ? errorSummary(errors) : nothing}
${page.main}
</main>
${page.footer ? html`<footer class="site-footer">${page.footer}</footer>` : nothing}
</body>
</html>
`;
}
