import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { councilOf, isKnownCode } from '../municipalities.js';
import { errorResponse } from '../openapi.js';
import { sameSecret } from '../tokens.js';
import { SSB_CODE, signatureRequestSchema, type FieldErrorCode } from '../../contract/signature.js';

const code = { type: 'string', pattern: SSB_CODE } as const;

const adoptionResult = {
  type: 'object',
  properties: {
    council: { type: 'string', description: 'The council it counts for (Oslo: 0301)' },
    result: { type: 'string', enum: ['created', 'updated'] },
  },
} as const;

/** `Authorization: Bearer <token>`, exactly: one space, one token of RFC 6750's characters, nothing after. */
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/** Failed admin calls allowed per address in a window; beyond them every admin call gets 429. */
export const ADMIN_FAILURES = 10;
export const ADMIN_FAILURE_WINDOW_MS = 15 * 60_000;
/** Addresses remembered at most; the oldest are forgotten first. */
const ADMIN_FAILURE_ADDRESSES = 50_000;

/** The earliest adoption date accepted: the pledge's first version is from 2019. */
export const EARLIEST_ADOPTION = '2019-01-01';

// What a spreadsheet reads as the start of a formula: = + - @, their full-width (＝ ＋ － ＠) and
// small (﹦ ﹢ ﹣ ﹫) forms, tab and CR, after any white space.
const FORMULA_START = '[=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20\\uFE66\\uFE62\\uFE63\\uFE6B]';
// At the start of a cell, and after every character a spreadsheet may split cells on when it opens
// the file with another separator than ours (Norwegian Excel uses ;), a ' makes the rest text.
const FORMULA = new RegExp(`(^|[,;\\t\\r\\n])(?=\\s*${FORMULA_START})`, 'g');

/** A CSV cell's text with every place a spreadsheet could start a formula defused by a leading '. */
export const defuseCell = (value: string | null): string => (value ?? '').replace(FORMULA, "$1'");

const tomorrow = (): string => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** Only an https address with a host is a decision's link. */
const isHttpsLink = (link: string): boolean => {
  try {
    const url = new URL(link);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
};

/**
 * KS staff's API, behind `Authorization: Bearer $ADMIN_TOKEN`. With no ADMIN_TOKEN set, every
 * call is refused.
 */
export function adminRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  const { store, config } = app;
  const security = [{ admin: [] }];

  // Failed calls per address: a guesser gets ADMIN_FAILURES tries per window, then 429 for every
  // admin call, the right token included, until the window ends.
  const failures = new Map<string, { count: number; resetAt: number }>();
  app.addHook('onRequest', async (request, reply) => {
    const now = Date.now();
    let entry = failures.get(request.ip);
    if (entry && entry.resetAt <= now) {
      failures.delete(request.ip);
      entry = undefined;
    }
    if (entry && entry.count >= ADMIN_FAILURES) {
      return reply
        .code(429)
        .header('retry-after', String(Math.ceil((entry.resetAt - now) / 1000)))
        .send({ error: 'rate_limited' });
    }
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (config.adminToken && token && sameSecret(token, config.adminToken)) return;
    if (!entry) {
      const oldest = failures.keys().next();
      if (failures.size >= ADMIN_FAILURE_ADDRESSES && !oldest.done) failures.delete(oldest.value);
      entry = { count: 0, resetAt: now + ADMIN_FAILURE_WINDOW_MS };
      failures.set(request.ip, entry);
    }
    entry.count++;
    return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized' });
  });

  app.post<{ Body: { municipality: string; date: string; link?: string } }>(
    '/adoptions',
    {
      schema: {
        summary: 'Record that a council adopted the pledge',
        security,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['municipality', 'date'],
          properties: {
            municipality: code,
            date: { type: 'string', format: 'date', description: `From ${EARLIEST_ADOPTION} to tomorrow` },
            link: {
              type: 'string',
              maxLength: 500,
              pattern: '^https://[^\\s]+$',
              description: "The decision's https address",
            },
          },
        },
        response: {
          200: { description: 'Replaced the adoption recorded for this council', ...adoptionResult },
          201: { description: 'Recorded', ...adoptionResult },
        },
      },
    },
    async (request, reply) => {
      const { municipality, date, link } = request.body;
      const fields: Record<string, FieldErrorCode> = {};
      if (!isKnownCode(municipality)) fields.municipality = 'unknown';
      if (date < EARLIEST_ADOPTION || date > tomorrow()) fields.date = 'out_of_range';
      if (link !== undefined && !isHttpsLink(link)) fields.link = 'invalid';
      if (Object.keys(fields).length) return reply.code(422).send({ error: 'invalid_fields', fields });
      const result = store.recordAdoption(councilOf(municipality), date, link ?? null);
      return reply.code(result === 'created' ? 201 : 200).send({ council: councilOf(municipality), result });
    },
  );

  app.delete<{ Params: { code: string } }>(
    '/adoptions/:code',
    {
      schema: {
        summary: 'Remove a recorded adoption',
        security,
        params: { type: 'object', properties: { code } },
        response: {
          204: { type: 'null', description: 'Removed' },
          404: errorResponse('`not_found`: no adoption is recorded for this council'),
        },
      },
    },
    async (request, reply) => {
      const gone = store.deleteAdoption(councilOf(request.params.code));
      return reply.code(gone ? 204 : 404).send(gone ? undefined : { error: 'not_found' });
    },
  );

  app.get(
    '/adoptions',
    {
      schema: {
        summary: 'The recorded adoptions',
        security,
        response: {
          200: {
            description: 'Every recorded adoption',
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: true,
              properties: {
                council: { type: 'string' },
                adopted_on: { type: 'string', format: 'date' },
                link: { type: ['string', 'null'] },
              },
            },
          },
        },
      },
    },
    () => store.adoptions(),
  );

  app.get(
    '/signatures.csv',
    {
      schema: {
        summary: 'Every signature, as CSV',
        description:
          'UTF-8 with a BOM, every cell quoted, formulas defused; a header row, then one row per signature. ' +
          '`name_public`: when the signer consented to show their name and role publicly (shown once confirmed), ' +
          'as proof of the consent; empty for none, or withdrawn.',
        security,
        response: {
          200: { description: 'The signatures', content: { 'text/csv': { schema: { type: 'string' } } } },
        },
      },
    },
    async (_request, reply) => {
      const columns = [...signatureRequestSchema.required, 'created_at', 'confirmed_at', 'name_public'] as const;
      const rows = Array.from(store.exportRows(), (row) => {
        const cells = { ...row, name_public: row.name_public_at };
        return Object.fromEntries(columns.map((column) => [column, defuseCell(cells[column])]));
      });
      // Every cell quoted; a BOM so that Excel reads UTF-8 (æ, ø, å, Sámi letters) as UTF-8.
      const csv = stringify(rows, {
        bom: true,
        header: true,
        columns: [...columns],
        quoted: true,
        quoted_empty: true,
        record_delimiter: '\r\n',
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="valgloftet-signatures.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.post<{ Body: { email: string } }>(
    '/erasures',
    {
      schema: {
        summary: "Erase one person's data, by e-mail address",
        security,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email'],
          properties: { email: { type: 'string', minLength: 3, maxLength: 254 } },
        },
        response: {
          200: {
            description: 'How many signatures were erased (0 or 1)',
            type: 'object',
            properties: { erased: { type: 'integer' } },
          },
        },
      },
    },
    (request) => ({ erased: store.erase(request.body.email.trim().toLowerCase()) }),
  );
  done();
}
