/**
 * The councils page (GET /kommunar, `?lang=nn`): plain HTML that sorts and searches by links and a
 * GET form, so it needs no script at all. Everything from data is escaped here.
 */
import { fill } from '../../contract/fill.js';
import type { Lang } from '../../contract/signature.js';
import { escapeHtml } from '../html.js';
import { linkPreviewTags } from '../link-preview/tags.js';
import { FIRST_ORDER, search, sortCouncils, type Sort, type TableQuery } from './table.js';
import { formatDate } from '../../contract/dates.js';
import { councilsTexts, type CouncilsTexts } from './texts.js';
import type { CouncilEntry, CouncilsView } from './view.js';

export const COUNCILS_PATH = '/kommunar';
export const COUNCILS_CSS = '/kommunar.css';

/** No script at all; styles from the service only; never framed. */
export const COUNCILS_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const DEFAULT: TableQuery = { sort: 'name', order: 'asc', q: '' };

/**
 * Where a sort or a search brings the reader: the table (a region named by its caption, which says
 * the order) and the search's result. Both take focus, so the browser moves focus there on load.
 */
const TABLE_ID = 'councils-table';
const HITS_ID = 'hits';

const isDefaultOrder = ({ sort, order }: TableQuery) => sort === DEFAULT.sort && order === FIRST_ORDER[sort];

/** The page's own address for a language and a query; defaults are left out. */
export function pageHref(lang: Lang, { sort, order, q }: TableQuery): string {
  const params = new URLSearchParams();
  if (lang === 'nn') params.set('lang', 'nn');
  if (!isDefaultOrder({ sort, order, q })) {
    params.set('sort', sort);
    params.set('order', order);
  }
  if (q) params.set('q', q);
  const query = params.toString();
  return query ? `${COUNCILS_PATH}?${query}` : COUNCILS_PATH;
}

const numberIn = (n: number) => n.toLocaleString('nb-NO').replace(/\s/g, '\u00a0');

/** Text a screen reader hears where the eye sees a dash. */
const none = (words: string) => `<span aria-hidden="true">–</span><span class="vh">${escapeHtml(words)}</span>`;

function adoptedList(t: CouncilsTexts, adopted: CouncilEntry[]): string {
  if (!adopted.length) return `<p>${escapeHtml(t.adoptedNone)}</p>`;
  const items = adopted.map((c) => {
    const date = `<time datetime="${c.adoptedOn}">${escapeHtml(formatDate(c.adoptedOn ?? ''))}</time>`;
    const link = c.decisionUrl
      ? ` <a href="${escapeHtml(c.decisionUrl)}" rel="noopener noreferrer nofollow">${escapeHtml(t.decision)}<span class="vh"> (${escapeHtml(c.label)})</span></a>`
      : '';
    return `<li><strong>${escapeHtml(c.label)}</strong>, ${escapeHtml(t.adoptedOn).replace('{date}', date)}.${link}</li>`;
  });
  return `<ul class="adopted">\n${items.join('\n')}\n</ul>`;
}

function countiesTable(t: CouncilsTexts, view: CouncilsView): string {
  const rows = view.counties.map(
    (c) =>
      `<tr><th scope="row">${escapeHtml(c.name)}</th><td class="num">${numberIn(c.fromMunicipalities)}</td><td class="num">${numberIn(c.fromCounty)}</td><td class="num">${numberIn(c.total)}</td></tr>`,
  );
  return `<div class="scroll" role="region" aria-labelledby="counties-caption" tabindex="0">
<table class="counties">
<caption id="counties-caption">${escapeHtml(t.countiesCaption)}</caption>
<thead><tr><th scope="col">${escapeHtml(t.county)}</th><th scope="col" class="num">${escapeHtml(t.fromMunicipalities)}</th><th scope="col" class="num">${escapeHtml(t.fromCounty)}</th><th scope="col" class="num">${escapeHtml(t.total)}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><th scope="row">${escapeHtml(t.total)}</th><td class="num">${numberIn(view.counties.reduce((s, c) => s + c.fromMunicipalities, 0))}</td><td class="num">${numberIn(view.counties.reduce((s, c) => s + c.fromCounty, 0))}</td><td class="num">${numberIn(view.signatures)}</td></tr></tfoot>
</table>
</div>`;
}

function namesCell(t: CouncilsTexts, c: CouncilEntry): string {
  if (!c.names.length) return none(t.noNames);
  const items = c.names.map((n) => `<li>${escapeHtml(n.name)}, ${escapeHtml(t.roles[n.role])}</li>`);
  return `<details><summary>${escapeHtml(fill(t.namesSummary, { n: numberIn(c.names.length) }))}<span class="vh"> (${escapeHtml(c.label)})</span></summary><ul class="names">${items.join('')}</ul></details>`;
}

/** A column's header: a link that sorts by it (the other way round when it is the sorted one). */
function columnHeader(t: CouncilsTexts, lang: Lang, query: TableQuery, column: Sort): string {
  const sorted = query.sort === column;
  const order = sorted ? (query.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[column];
  const href = `${pageHref(lang, { ...query, sort: column, order })}#${TABLE_ID}`;
  const aria = sorted ? ` aria-sort="${query.order === 'asc' ? 'ascending' : 'descending'}"` : '';
  const arrow = sorted ? `<span class="arrow" aria-hidden="true">${query.order === 'asc' ? '▲' : '▼'}</span>` : '';
  const numeric = column === 'signers' ? ' class="num"' : '';
  return `<th scope="col"${aria}${numeric}><a href="${escapeHtml(href)}">${escapeHtml(t.columns[column])}${arrow}</a></th>`;
}

function councilsTable(t: CouncilsTexts, lang: Lang, query: TableQuery, rows: CouncilEntry[]): string {
  const body = rows.map(
    (c) =>
      `<tr id="k${c.code}"><th scope="row">${escapeHtml(c.label)}</th><td>${escapeHtml(c.countyName)}</td><td>${
        c.adoptedOn
          ? `<time datetime="${c.adoptedOn}">${escapeHtml(formatDate(c.adoptedOn))}</time>`
          : none(t.notAdopted)
      }</td><td class="num">${numberIn(c.signatures)}</td><td>${namesCell(t, c)}</td></tr>`,
  );
  const caption = fill(t.caption, { by: t.sortedBy[query.sort][query.order] });
  const headers = (['name', 'county', 'adopted', 'signers'] as const).map((column) =>
    columnHeader(t, lang, query, column),
  );
  return `<div class="scroll" id="${TABLE_ID}" role="region" aria-labelledby="councils-caption" tabindex="0">
<table class="councils">
<caption id="councils-caption">${escapeHtml(caption)}</caption>
<thead><tr>${headers.join('')}<th scope="col">${escapeHtml(t.columns.names)}</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>
</div>`;
}

function searchForm(t: CouncilsTexts, lang: Lang, query: TableQuery, found: number): string {
  const keep = [
    lang === 'nn' ? '<input type="hidden" name="lang" value="nn">' : '',
    !isDefaultOrder(query)
      ? `<input type="hidden" name="sort" value="${query.sort}"><input type="hidden" name="order" value="${query.order}">`
      : '',
  ].join('');
  const showAll = `<a href="${escapeHtml(pageHref(lang, { ...query, q: '' }))}#${TABLE_ID}">${escapeHtml(t.showAll)}</a>`;
  const said = fill(found ? t.hits : t.noHits, { n: numberIn(found), q: query.q });
  const result = query.q ? `<p class="hits" id="${HITS_ID}" tabindex="-1">${escapeHtml(said)} ${showAll}</p>` : '';
  return `<form class="search" role="search" method="get" action="${COUNCILS_PATH}#${HITS_ID}">${keep}
<label for="q">${escapeHtml(t.searchLabel)}</label>
<p class="hint" id="q-hint">${escapeHtml(t.searchHint)}</p>
<p class="search-row"><input type="search" id="q" name="q" value="${escapeHtml(query.q)}" maxlength="100" autocomplete="off" spellcheck="false" aria-describedby="q-hint${query.q ? ' hits' : ''}"> <button type="submit">${escapeHtml(t.searchButton)}</button></p>
</form>
${result}`;
}

/** The page's title: the search's result first, and the order when the reader chose one. */
function pageTitle(t: CouncilsTexts, query: TableQuery, found: number): string {
  const sorted = isDefaultOrder(query) ? '' : `, ${fill(t.sortedTitle, { by: t.sortedBy[query.sort][query.order] })}`;
  const hits = query.q ? `${fill(t.hits, { n: numberIn(found), q: query.q })} – ` : '';
  return `${hits}${t.title}${sorted}`;
}

/**
 * The page, bokmål or nynorsk, sorted and searched as `query` says. `publicUrl`: the service's
 * address, for the absolute link to the other language in the head (as hreflang needs).
 */
export function councilsPage(view: CouncilsView, lang: Lang, query: TableQuery, publicUrl: string): string {
  const t = councilsTexts[lang];
  const other = t.otherLanguage;
  const otherHref = escapeHtml(pageHref(other.lang, query));
  const rows = sortCouncils(search(view.councils, query.q), query);
  // A shared link names the page as it opens, without the reader's search or order.
  const url = `${publicUrl}${pageHref(lang, DEFAULT)}`;
  const preview = linkPreviewTags({ publicUrl, lang, url, title: t.title, description: t.description });
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(pageTitle(t, query, rows.length))}</title>
<meta name="description" content="${escapeHtml(t.description)}">
${preview}<link rel="stylesheet" href="${COUNCILS_CSS}">
<link rel="alternate" hreflang="${other.lang}" href="${escapeHtml(publicUrl)}${otherHref}">
<link rel="alternate" type="application/json" href="/api/councils">
</head>
<body>
<header>
<p class="brand">Valgløftet 2023</p>
<p class="other-language"><a href="${otherHref}" hreflang="${other.lang}" lang="${other.lang}">${escapeHtml(other.text)}</a></p>
</header>
<main>
<h1>${escapeHtml(t.title)}</h1>
<p class="lead">${escapeHtml(t.lead)}</p>
<section aria-labelledby="adopted-title">
<h2 id="adopted-title">${escapeHtml(t.adoptedTitle)}</h2>
${adoptedList(t, view.adopted)}
</section>
<section aria-labelledby="counties-title">
<h2 id="counties-title">${escapeHtml(t.countiesTitle)}</h2>
${countiesTable(t, view)}
</section>
<section aria-labelledby="councils-title">
<h2 id="councils-title">${escapeHtml(t.councilsTitle)}</h2>
${searchForm(t, lang, query, rows.length)}
<p class="note">${escapeHtml(t.namesNote)}</p>
${rows.length ? councilsTable(t, lang, query, rows) : ''}
</section>
<section aria-labelledby="open-data-title">
<h2 id="open-data-title">${escapeHtml(t.openDataTitle)}</h2>
<p>${escapeHtml(t.openData)} <a href="/api/councils" type="application/json">${escapeHtml(t.json)}</a>, <a href="/api/councils.csv" type="text/csv">${escapeHtml(t.csv)}</a>.</p>
<p>${escapeHtml(t.builder)} <a href="/embed/builder${lang === 'nn' ? '?lang=nn' : ''}">${escapeHtml(t.builderLink)}</a>.</p>
<p class="freshness">${escapeHtml(t.freshness)}</p>
</section>
</main>
</body>
</html>
`;
}
