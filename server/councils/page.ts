/**
 * The councils page (GET /kommunar, `?lang=nn`): plain HTML that sorts and searches by links and a
 * GET form, so it needs no script at all. Made from templates (server/pages/): every value from the
 * store or the address is text.
 */
import { fill } from '../../contract/fill.js';
import type { Lang } from '../../contract/signature.js';
import { formatDate } from '../../contract/dates.js';
import { linkPreviewMeta } from '../link-preview/tags.js';
import { layout } from '../pages/layout.js';
import { html, nothing, type Html } from '../pages/template.js';
import { FIRST_ORDER, search, sortCouncils, type Sort, type TableQuery } from './table.js';
import { councilsTextsFor, type CouncilsTexts } from './texts.js';
import type { CouncilEntry, CouncilsView } from './view.js';

export const COUNCILS_PATH = '/kommunar';

const DEFAULT: TableQuery = { sort: 'name', order: 'asc', q: '', campaign: '' };

/**
 * Where a sort or a search brings the reader: the table (a region named by its caption, which says
 * the order) and the search's result. Both take focus, so the browser moves focus there on load.
 */
const TABLE_ID = 'councils-table';
const HITS_ID = 'hits';

const isDefaultOrder = ({ sort, order }: TableQuery) => sort === DEFAULT.sort && order === FIRST_ORDER[sort];

/** The page's own address for a language and a query; defaults are left out. */
export function pageHref(lang: Lang, { sort, order, q, campaign }: TableQuery): string {
  const params = new URLSearchParams();
  if (campaign) params.set('campaign', campaign);
  if (lang === 'nn') params.set('lang', 'nn');
  if (!isDefaultOrder({ sort, order, q, campaign })) {
    params.set('sort', sort);
    params.set('order', order);
  }
  if (q) params.set('q', q);
  const query = params.toString();
  return query ? `${COUNCILS_PATH}?${query}` : COUNCILS_PATH;
}

/** The open data of the campaign the page shows. */
const openDataHref = (path: string, { campaign }: TableQuery) => (campaign ? `${path}?campaign=${campaign}` : path);

const numberIn = (n: number) => n.toLocaleString('nb-NO').replace(/\s/g, '\u00a0');

/** Text a screen reader hears where the eye sees a dash. */
const none = (words: string) => html`<span aria-hidden="true">–</span><span class="ds-sr-only">${words}</span>`;

const date = (isoDate: string) => html`<time datetime=${isoDate}>${formatDate(isoDate)}</time>`;

function adoptedList(t: CouncilsTexts, adopted: CouncilEntry[]): Html {
  if (!adopted.length) return html`<p class="ds-paragraph">${t.adoptedNone}</p>`;
  const [before, after = ''] = t.adoptedOn.split('{date}');
  return html`<ul class="ds-list adopted">
${adopted.map(
  (c) =>
    html`<li><strong>${c.label}</strong>, ${before}${date(c.adoptedOn ?? '')}${after}.${
      c.decisionUrl
        ? html` <a class="ds-link" href=${c.decisionUrl} rel="noopener noreferrer nofollow">${t.decision}<span class="ds-sr-only"> (${c.label})</span></a>`
        : nothing
    }</li>
`,
)}</ul>`;
}

function countiesTable(t: CouncilsTexts, view: CouncilsView): Html {
  const sum = (of: (c: CouncilsView['counties'][number]) => number) => view.counties.reduce((s, c) => s + of(c), 0);
  return html`<div class="table-scroll" role="region" aria-labelledby="counties-caption" tabindex="0">
<table class="ds-table counties" data-border>
<caption id="counties-caption">${t.countiesCaption}</caption>
<thead><tr><th scope="col">${t.county}</th><th scope="col" class="num">${t.fromMunicipalities}</th><th scope="col" class="num">${t.fromCounty}</th><th scope="col" class="num">${t.total}</th></tr></thead>
<tbody>
${view.counties.map(
  (c) =>
    html`<tr><th scope="row">${c.name}</th><td class="num">${numberIn(c.fromMunicipalities)}</td><td class="num">${numberIn(c.fromCounty)}</td><td class="num">${numberIn(c.total)}</td></tr>
`,
)}</tbody>
<tfoot><tr><th scope="row">${t.total}</th><td class="num">${numberIn(sum((c) => c.fromMunicipalities))}</td><td class="num">${numberIn(sum((c) => c.fromCounty))}</td><td class="num">${numberIn(view.signatures)}</td></tr></tfoot>
</table>
</div>`;
}

function namesCell(t: CouncilsTexts, c: CouncilEntry): Html {
  if (!c.names.length) return none(t.noNames);
  return html`<details><summary>${fill(t.namesSummary, { n: numberIn(c.names.length) })}<span class="ds-sr-only"> (${c.label})</span></summary><ul class="names">${c.names.map(
    (n) => html`<li>${n.name}, ${t.roles[n.role]}</li>`,
  )}</ul></details>`;
}

/** A column's header: a link that sorts by it (the other way round when it is the sorted one). */
function columnHeader(t: CouncilsTexts, lang: Lang, query: TableQuery, column: Sort): Html {
  const sorted = query.sort === column;
  const order = sorted ? (query.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[column];
  const href = `${pageHref(lang, { ...query, sort: column, order })}#${TABLE_ID}`;
  const ascending = query.order === 'asc';
  return html`<th scope="col" aria-sort=${sorted ? (ascending ? 'ascending' : 'descending') : nothing} class=${column === 'signers' ? 'num' : nothing}><a class="ds-link" href=${href}>${t.columns[column]}${
    sorted ? html`<span class="arrow" aria-hidden="true">${ascending ? '▲' : '▼'}</span>` : nothing
  }</a></th>`;
}

function councilsTable(t: CouncilsTexts, lang: Lang, query: TableQuery, rows: CouncilEntry[]): Html {
  const caption = fill(t.caption, { by: t.sortedBy[query.sort][query.order] });
  const columns = ['name', 'county', 'adopted', 'signers'] as const;
  return html`<div class="table-scroll" id=${TABLE_ID} role="region" aria-labelledby="councils-caption" tabindex="0">
<table class="ds-table councils" data-border data-zebra>
<caption id="councils-caption">${caption}</caption>
<thead><tr>${columns.map((column) => columnHeader(t, lang, query, column))}<th scope="col">${t.columns.names}</th></tr></thead>
<tbody>
${rows.map(
  (c) =>
    html`<tr id=${`k${c.code}`}><th scope="row">${c.label}</th><td>${c.countyName}</td><td>${
      c.adoptedOn ? date(c.adoptedOn) : none(t.notAdopted)
    }</td><td class="num">${numberIn(c.signatures)}</td><td>${namesCell(t, c)}</td></tr>
`,
)}</tbody>
</table>
</div>`;
}

function searchForm(t: CouncilsTexts, lang: Lang, query: TableQuery, found: number): Html {
  const said = fill(found ? t.hits : t.noHits, { n: numberIn(found), q: query.q });
  return html`<form class="search" role="search" method="get" action=${`${COUNCILS_PATH}#${HITS_ID}`}>
${query.campaign ? html`<input type="hidden" name="campaign" value=${query.campaign}>` : nothing}${
    lang === 'nn' ? html`<input type="hidden" name="lang" value="nn">` : nothing
  }${
    isDefaultOrder(query)
      ? nothing
      : html`<input type="hidden" name="sort" value=${query.sort}><input type="hidden" name="order" value=${query.order}>`
  }
<div class="ds-field">
<label class="ds-label" for="q">${t.searchLabel}</label>
<div class="ds-paragraph" data-field="description" id="q-hint">${t.searchHint}</div>
<div class="search-row"><input class="ds-input" type="search" id="q" name="q" value=${query.q} maxlength="100" autocomplete="off" spellcheck="false" aria-describedby=${query.q ? 'q-hint hits' : 'q-hint'}> <button type="submit" class="ds-button" data-variant="primary">${t.searchButton}</button></div>
</div>
</form>
${
  query.q
    ? html`<p class="ds-paragraph hits" id=${HITS_ID} tabindex="-1">${said} <a class="ds-link" href=${`${pageHref(lang, { ...query, q: '' })}#${TABLE_ID}`}>${t.showAll}</a></p>`
    : nothing
}`;
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
export function councilsPage(view: CouncilsView, lang: Lang, query: TableQuery, publicUrl: string): Html {
  const t = councilsTextsFor(lang, view.title[lang]);
  const other = t.otherLanguage;
  const otherHref = pageHref(other.lang, query);
  const rows = sortCouncils(search(view.councils, query.q), query);
  // A shared link names the page as it opens, without the reader's search or order.
  const url = `${publicUrl}${pageHref(lang, { ...DEFAULT, campaign: query.campaign })}`;
  return layout({
    kind: 'councils',
    lang,
    title: pageTitle(t, query, rows.length),
    titleNamesSite: true,
    description: t.description,
    alternate: { lang: other.lang, href: `${publicUrl}${otherHref}` },
    links: [{ rel: 'alternate', type: 'application/json', href: openDataHref('/api/councils', query) }],
    head: linkPreviewMeta({ publicUrl, lang, url, title: t.title, description: t.description }),
    otherLanguage: { lang: other.lang, href: otherHref, text: other.text },
    width: 'wide',
    main: html`<h1 class="ds-heading" data-size="lg">${t.title}</h1>
<p class="ds-paragraph lead" data-size="lg">${t.lead}</p>
<section aria-labelledby="adopted-title">
<h2 class="ds-heading" data-size="md" id="adopted-title">${t.adoptedTitle}</h2>
${adoptedList(t, view.adopted)}
</section>
<section aria-labelledby="counties-title">
<h2 class="ds-heading" data-size="md" id="counties-title">${t.countiesTitle}</h2>
${countiesTable(t, view)}
</section>
<section aria-labelledby="councils-title">
<h2 class="ds-heading" data-size="md" id="councils-title">${t.councilsTitle}</h2>
${searchForm(t, lang, query, rows.length)}
<p class="ds-paragraph note">${t.namesNote}</p>
${rows.length ? councilsTable(t, lang, query, rows) : nothing}
</section>
<section aria-labelledby="open-data-title">
<h2 class="ds-heading" data-size="md" id="open-data-title">${t.openDataTitle}</h2>
<p class="ds-paragraph">${t.openData} <a class="ds-link" href=${openDataHref('/api/councils', query)} type="application/json">${t.json}</a>, <a class="ds-link" href=${openDataHref('/api/councils.csv', query)} type="text/csv">${t.csv}</a>.</p>
<p class="ds-paragraph">${t.builder} <a class="ds-link" href=${`/embed/builder${lang === 'nn' ? '?lang=nn' : ''}`}>${t.builderLink}</a>.</p>
<p class="ds-paragraph note">${t.freshness}</p>
</section>`,
  });
}
