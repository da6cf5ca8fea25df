import type { FastifyInstance } from 'fastify';
import { langOf } from '../http/lang.js';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import { precompressed, sendCompressed, type Compressed } from '../http/compressed.js';
import { pagePolicy } from '../http/csp.js';
import { renderHtml } from '../pages/template.js';
import { COUNCILS_PATH, councilsPage } from './page.js';
import { Q_MAX, tableQuery } from './table.js';
import { councilsView, type CouncilEntry, type CouncilsView } from './view.js';
import type { Campaign } from '../campaigns/campaigns.js';
import { defuseCell } from '../admin/api.js';

/**
 * Shared caches keep the page and the data at most a minute: a name whose owner withdrew consent
 * or was erased is gone everywhere within 60 s (issue 14). No stale-while-revalidate beyond that.
 */
/**
 * A minute in any cache and never beyond it (no copy served stale, not even while the service is
 * down): the answers carry names, which must be gone within a minute of their withdrawal.
 */
const CACHE = 'public, max-age=60, must-revalidate';
/** How long this process reuses the view and its answers before reading the store again (a change here: at once). */
const VIEW_MEMO_MS = 1000;
/**
 * Searches kept per view (~110 KB each); the open data and the unsearched page's variants are
 * always kept, so a stream of made-up searches costs each its own rendering and nothing more.
 */
const SEARCHES_MAX = 50;

/**
 * An answer with its brotli and gzip forms and their ETags (server/http/compressed.ts). Compressed
 * fast (brotli 5, gzip 6: about 2 ms for the page), since these change with the data: the page is
 * 99 KB, 6 KB compressed, which matters on a phone on a slow network.
 */
function compressNow(text: string): Compressed {
  const body = Buffer.from(text);
  const forms = {
    br: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
    gzip: gzipSync(body, { level: 6 }),
  };
  return precompressed(body, forms);
}

/** The open data's entry: the view's entry without what only the page needs (its label). */
export const openEntry = (c: CouncilEntry) => ({
  code: c.code,
  council: c.council,
  name: c.name,
  officialName: c.officialName,
  kind: c.kind,
  countyCode: c.countyCode,
  countyName: c.countyName,
  adoptedOn: c.adoptedOn,
  decisionUrl: c.decisionUrl,
  signatures: c.signatures,
  names: c.names.map(({ name, role }) => ({ name, role })),
});

export const CSV_COLUMNS = [
  'code',
  'council',
  'name',
  'officialName',
  'kind',
  'countyCode',
  'countyName',
  'adoptedOn',
  'decisionUrl',
  'signatures',
  'names',
] as const;

/** The names in one cell: "Kari Nordmann (elected); Ola Nordmann (candidate)". The JSON has them exact. */
const namesCell = (names: CouncilEntry['names']) => names.map((n) => `${n.name} (${n.role})`).join('; ');

/**
 * The open data as CSV: one row per council, as in the JSON. UTF-8 with a BOM (Excel, the tool most
 * readers open it with, takes a file without one for Windows-1252 and garbles æ, ø, å and the Sámi
 * letters; csv parsers skip it), every cell quoted, CRLF, formulas defused as in the admin export.
 */
export function councilsCsv(view: CouncilsView): string {
  const rows = view.councils.map((c) => {
    const entry = openEntry(c);
    const cells: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
      ...entry,
      names: namesCell(entry.names),
    };
    return Object.fromEntries(
      CSV_COLUMNS.map((column) => {
        const value = cells[column];
        return [column, typeof value === 'number' ? String(value) : defuseCell(value)];
      }),
    );
  });
  return stringify(rows, {
    bom: true,
    header: true,
    columns: [...CSV_COLUMNS],
    quoted: true,
    quoted_empty: true,
    record_delimiter: '\r\n',
  });
}

const nameObject = {
  type: 'object',
  required: ['name', 'role'],
  properties: { name: { type: 'string' }, role: { type: 'string', enum: ['elected', 'candidate'] } },
} as const;

const entrySchema = {
  type: 'object',
  required: [...CSV_COLUMNS],
  properties: {
    code: { type: 'string', description: 'SSB code: 4 digits for a municipality, 2 for a county (2024)' },
    council: {
      type: 'string',
      description:
        'The council the code belongs to: the code itself, but Oslo is one council (`0301`) for both its codes; count by `council` to count Oslo once',
    },
    name: { type: 'string' },
    officialName: {
      type: ['string', 'null'],
      description: 'The official name where it differs from `name`, with the Sámi or Kven names',
    },
    kind: { type: 'string', enum: ['municipality', 'county'] },
    countyCode: { type: 'string' },
    countyName: { type: 'string' },
    adoptedOn: {
      type: ['string', 'null'],
      format: 'date',
      description: "The date of the council's decision to adopt the pledge; null when none is recorded",
    },
    decisionUrl: {
      type: ['string', 'null'],
      format: 'uri',
      description: 'The decision, where its address is recorded',
    },
    signatures: { type: 'integer', description: 'Confirmed signatures from this council' },
    names: {
      type: 'array',
      description: 'Confirmed signers who consented to be shown and whose names KS approved: name and role only',
      items: nameObject,
    },
  },
} as const;

/**
 * The page's query: each value text of a bounded length, or a few of them (a repeated parameter),
 * which the page reads as it reads a value it does not know. A search longer than Q_MAX is cut, not
 * refused, so its bound is the address's.
 */
const pageValue = (maxLength: number) => ({
  anyOf: [
    { type: 'string', maxLength },
    { type: 'array', maxItems: 10, items: { type: 'string', maxLength } },
  ],
});
const pageQuery = {
  type: 'object',
  properties: {
    lang: pageValue(20),
    sort: pageValue(20),
    order: pageValue(20),
    q: pageValue(Q_MAX * 100),
    campaign: pageValue(40),
  },
} as const;

const notModified = { type: 'null', description: 'Not modified: the ETag in If-None-Match is current' } as const;

/**
 * The councils page (`GET /kommunar`, `?lang=nn`, `?sort=…&order=…&q=…`) and its open data
 * (`GET /api/councils`, `GET /api/councils.csv`), from one view model read from the store at most
 * once a second (and at once after a change in this process).
 */
export function councilRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  const { store, campaigns } = app;
  interface Memo {
    at: number;
    version: number;
    view: CouncilsView;
    answers: Map<string, Compressed>;
    searches: Map<string, Compressed>;
  }
  /** Per campaign: its view and answers, and the reading under way. */
  const memos = new Map<string, { memo?: Memo; reading?: Promise<Memo> }>();
  /** A campaign's view as of now: kept while nothing changed (and for VIEW_MEMO_MS at most), read once at a time. */
  const current = async (campaign: Campaign): Promise<Memo> => {
    const now = Date.now();
    let kept = memos.get(campaign.id);
    if (!kept) memos.set(campaign.id, (kept = {}));
    const slot = kept;
    if (slot.memo?.version === store.version && now - slot.memo.at <= VIEW_MEMO_MS) return slot.memo;
    slot.reading ??= (async () => {
      const version = store.version;
      const view = await councilsView(store, campaign);
      slot.memo = { at: now, version, view, answers: new Map(), searches: new Map() };
      return slot.memo;
    })().finally(() => (slot.reading = undefined));
    return slot.reading;
  };
  /**
   * The campaign a request asks for (`?campaign=`), and its id for the page's links ('' for the
   * current one); a campaign the service does not serve: the current one, as other unknown values.
   */
  const asked = (id: string) => {
    const shown = campaigns.get(id) ?? campaigns.current();
    return { campaign: shown, id: shown.id === campaigns.current().id ? '' : shown.id };
  };
  /** The answer `key` names, made by `make` at most once per view; `search`: one of many, the oldest let go. */
  const answer = async (
    campaign: Campaign,
    key: string,
    make: (view: CouncilsView) => string,
    search = false,
  ): Promise<Compressed> => {
    const memo = await current(campaign);
    const kept = search ? memo.searches : memo.answers;
    let entry = kept.get(key);
    if (!entry) {
      if (search && kept.size >= SEARCHES_MAX) {
        const [oldest] = kept.keys();
        kept.delete(oldest);
      }
      entry = compressNow(make(memo.view));
      kept.set(key, entry);
    }
    return entry;
  };

  app.get<{ Querystring: Record<string, unknown> | undefined }>(
    COUNCILS_PATH,
    { schema: { hide: true, querystring: pageQuery }, attachValidation: true },
    async (request, reply) => {
      // An address the page does not know (a list of fifty sorts, a search of pages) shows the page
      // as it opens, as a value it does not know does: its own links gone stale never become errors.
      const given = request.validationError ? {} : request.query;
      const lang = langOf(given?.lang);
      const read = tableQuery(given);
      const { campaign, id } = asked(read.campaign);
      const query = { ...read, campaign: id };
      const page = await answer(
        campaign,
        JSON.stringify(['page', lang, query]),
        (view) => renderHtml(councilsPage(view, lang, query, app.config.publicUrl)),
        query.q !== '',
      );
      // Found by search engines, but not kept by them: a name withdrawn must not live on in an archive.
      reply
        .header('content-security-policy', pagePolicy())
        .header('cache-control', CACHE)
        .header('x-robots-tag', 'noarchive');
      return sendCompressed(request, reply, page, 'text/html');
    },
  );

  app.register(
    (api, _opts, registered) => {
      /** An open-data route: one prepared answer per view, for anyone (CORS `*`), kept by no archive. */
      const openData = (
        path: string,
        doc: { summary: string; description: string; ok: Record<string, unknown> },
        type: 'application/json' | 'text/csv',
        make: (view: CouncilsView) => string,
        headers: Record<string, string> = {},
      ) =>
        api.get(
          path,
          {
            schema: {
              summary: doc.summary,
              querystring: {
                type: 'object',
                properties: {
                  campaign: {
                    type: 'string',
                    maxLength: 40,
                    description:
                      'A campaign as `/api/campaigns` lists it (an archived one too); absent or unknown: the current one',
                  },
                },
              },
              description:
                `${doc.description} CORS \`*\`, \`Cache-Control: public, max-age=60\`; brotli or gzip when ` +
                'Accept-Encoding allows; answers 304 to a matching If-None-Match.',
              response: { 200: { description: 'Every council', ...doc.ok }, 304: notModified },
            },
          },
          async (request, reply) => {
            const { campaign } = asked((request.query as { campaign?: string } | undefined)?.campaign ?? '');
            const body = await answer(campaign, path, make);
            reply
              .header('access-control-allow-origin', '*')
              .header('cache-control', CACHE)
              .header('x-robots-tag', 'noindex, noarchive')
              .headers(headers);
            return sendCompressed(request, reply, body, type);
          },
        );
      openData(
        '/councils',
        {
          summary: 'Every council: adoption, signers and the names shown by consent (open data)',
          description: 'One entry per SSB code (357 municipalities, 15 counties), by name. No e-mail address, ever.',
          ok: { type: 'array', items: entrySchema },
        },
        'application/json',
        (view) => JSON.stringify(view.councils.map(openEntry)),
      );
      openData(
        '/councils.csv',
        {
          summary: 'The same open data as CSV',
          description:
            'The columns of `GET /api/councils`, one row per council; `names` as "Name (role); …" (the JSON has ' +
            'them exact). UTF-8 with a BOM, every cell quoted, CRLF, formulas defused.',
          ok: { content: { 'text/csv': { schema: { type: 'string' } } } },
        },
        'text/csv',
        councilsCsv,
        { 'content-disposition': 'attachment; filename="valgloftet-kommunar.csv"' },
      );
      registered();
    },
    { prefix: '/api' },
  );
  done();
}
