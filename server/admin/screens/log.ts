// The audit log, newest first, a page at a time: every entry can be read, however many came since.
import type { FastifyInstance } from 'fastify';
import type { Lang } from '../../../contract/signature.js';
import { fill } from '../../../contract/fill.js';
import { labelOf } from '../../councils/municipalities.js';
import { paragraphs, table } from '../../pages/components.js';
import { html, nothing, type Html } from '../../pages/template.js';
import type { AuditEntry } from '../../store/store.js';
import { formField, when } from '../fields.js';
import { signedInScreen, texts } from '../frame.js';

/** The audit log's entries per page. */
const LOG_PER_PAGE = 100;

/** What an entry was done to: a council, or how many (never whose names or address). */
function objectOf(lang: Lang, entry: AuditEntry): string {
  const t = texts(lang);
  if (entry.object === null) return '';
  if (entry.action === 'erasure') return fill(t.erasedCount, { n: entry.object });
  if (entry.action === 'names-approved' || entry.action === 'names-rejected')
    return fill(t.namesCount, { n: entry.object });
  return labelOf(entry.object);
}

/** Links to the newer and older pages, and where this one is. */
function paging(lang: Lang, page: number, pages: number): Html {
  if (pages <= 1) return nothing;
  const t = texts(lang);
  const link = (n: number, text: string, rel: string) =>
    html`<a class="ds-link" href=${`/admin/log?lang=${lang}${n > 1 ? `&page=${n}` : ''}`} rel=${rel}>${text}</a>`;
  return html`<nav aria-label=${t.logPages} class="actions">
<p class="ds-paragraph"><strong>${fill(t.logPage, { page, pages })}</strong></p>
${page > 1 ? link(page - 1, t.logNewer, 'prev') : nothing}
${page < pages ? link(page + 1, t.logOlder, 'next') : nothing}
</nav>`;
}

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify's async plugin form: it registers routes and needs no done()
export async function logScreen(app: FastifyInstance): Promise<void> {
  const { store } = app;
  signedInScreen(app, '/admin/log', 'log', async (lang, _who, query) => {
    const t = texts(lang);
    const pages = Math.max(1, Math.ceil((await store.auditCount()) / LOG_PER_PAGE));
    const asked = Number(formField(query?.page, 6));
    const page = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
    const entries = await store.auditLog(LOG_PER_PAGE, (page - 1) * LOG_PER_PAGE);
    const rows = entries.map((entry) => [
      when.format(new Date(entry.at)),
      entry.admin,
      t.actions[entry.action],
      objectOf(lang, entry),
      entry.campaign ? (app.campaigns.get(entry.campaign)?.texts[lang].title ?? entry.campaign) : '',
    ]);
    return {
      title: t.logTitle,
      main: html`${paragraphs([fill(t.logLead, { n: LOG_PER_PAGE })])}
${
  rows.length
    ? html`${table({ caption: t.logCaption, head: [t.colWhen, t.colWho, t.colWhat, t.colObject, t.colCampaign], rows })}
${paging(lang, page, pages)}`
    : paragraphs([t.noLog])
}`,
    };
  });
}
