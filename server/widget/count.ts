// GET /api/count: what every widget reads on every page view of every host, and polls while it is
// shown. An answer is prepared once per change (body, ETag and headers), so a request costs a
// lookup and Fastify's send; it goes through Fastify's route and hooks like every other answer, so
// the headers every answer carries (http/answer-headers.ts) reach it too.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { localFigures } from '../councils/local.js';
import { isKnownCode } from '../councils/municipalities.js';
import type { Count } from '../store/index.js';
import { statusOf, type Campaign } from '../campaigns/campaigns.js';
import { CAMPAIGN_ID, type CampaignStatus } from '../../contract/campaign.js';
import { LOCAL_NAMES_MAX, type CountWithLocal } from '../../contract/local.js';
import { ROLES, SSB_CODE } from '../../contract/signature.js';

/** How long the count may be served from this process's memory before it is computed again. */
const COUNT_MEMO_MS = 1000;

const countSchema = {
  type: 'object',
  properties: {
    signatures: { type: 'integer', description: 'Confirmed signatures' },
    councils: { type: 'integer', description: 'Councils that have adopted the pledge' },
    updatedAt: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'When the count last changed; null until the first confirmation or adoption',
    },
    campaign: {
      type: 'object',
      description:
        'The campaign counted: its id, whether signing is `upcoming`, `open` or `closed`, and its first and last day',
      properties: {
        id: { type: 'string', pattern: CAMPAIGN_ID },
        state: { type: 'string', enum: ['upcoming', 'open', 'closed'] },
        opens: { type: ['string', 'null'], format: 'date' },
        closes: { type: ['string', 'null'], format: 'date' },
      },
    },
  },
} as const;

/**
 * The count's headers besides its ETag and type; the same answer for every origin, so CORS is one
 * prepared header rather than the CORS plugin's work per request.
 */
const COUNT_HEADERS = {
  'cache-control': 'public, max-age=15, stale-while-revalidate=60',
  vary: 'origin',
  'access-control-allow-origin': '*',
} as const;
/**
 * With `?municipality=`, names shown by consent are in the answer, and a withdrawn consent must
 * take the name out of every cache within 60 s: fresh for 15 s, then served stale for at most 45 s
 * more while it is fetched again. (The memo below adds nothing for a change made in this process,
 * and at most a second for one made by another.)
 */
const LOCAL_COUNT_HEADERS = { ...COUNT_HEADERS, 'cache-control': 'public, max-age=15, stale-while-revalidate=45' };
type CountHeaders = Record<string, string>;

/** A count's answer as it is sent: body, ETag and headers, and when and from what it was made. */
interface Prepared {
  at: number;
  version: number;
  etag: string;
  body: Buffer;
  /** With the 200: the ETag, the type and the count's headers. */
  ok: CountHeaders;
  /** With the 304: the ETag and the count's headers. */
  unchanged: CountHeaders;
}

/** `local`: one council's figures (contract/local.ts). */
const localSchema = {
  type: 'object',
  nullable: true,
  description:
    "Only with `?municipality=`: that council's own figures; null for a well-formed code that is not in the list",
  required: ['code', 'name', 'signatures', 'adopted', 'names'],
  properties: {
    code: { type: 'string', pattern: SSB_CODE, description: 'The SSB code asked for' },
    name: {
      type: 'string',
      description: 'As the form lists it: "Bergen", "Guovdageaidnu – Kautokeino", "Vestland fylkeskommune"',
    },
    signatures: {
      type: 'integer',
      description: "Confirmed signatures from this council's elected officials and candidates",
    },
    adopted: {
      type: ['object', 'null'],
      description: "The council's recorded adoption; null when none is recorded",
      required: ['on', 'link'],
      properties: {
        on: { type: 'string', format: 'date' },
        link: { type: ['string', 'null'], format: 'uri', description: "The decision's address, if recorded" },
      },
    },
    names: {
      type: 'array',
      maxItems: LOCAL_NAMES_MAX,
      description:
        'Confirmed signers who consented to be shown (GDPR art. 9) and whose names KS approved, by name; a ' +
        'withdrawn consent leaves within 60 s. Never an e-mail address.',
      items: {
        type: 'object',
        required: ['name', 'role'],
        properties: { name: { type: 'string' }, role: { type: 'string', enum: ROLES } },
      },
    },
  },
} as const;

/** The count, open to every origin (no cookies are involved). Registered under /api. */
export function countRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  const { store, campaigns } = app;

  // The count's answer, prepared once per change. A change made here shows at once
  // (store.version); one made by another process within a second.
  // While the memo is current the answer is at hand (no promise); else one query is under way for
  // every request that waits on it.
  const prepared = (compute: () => Promise<unknown>, headers: CountHeaders) => {
    let memo: Prepared | undefined;
    let computing: { version: number; answer: Promise<Prepared> } | undefined;
    const refresh = async (): Promise<Prepared> => {
      const now = Date.now();
      const version = store.version;
      const json = JSON.stringify(await compute());
      const etag = `"${createHash('sha1').update(json).digest('base64url').slice(0, 16)}"`;
      if (memo?.etag === etag) {
        memo.at = now;
        memo.version = version;
        return memo;
      }
      const unchanged = { ...headers, etag };
      memo = {
        at: now,
        version,
        etag,
        body: Buffer.from(json),
        unchanged,
        ok: { ...unchanged, 'content-type': 'application/json; charset=utf-8' },
      };
      return memo;
    };
    return (): Prepared | Promise<Prepared> => {
      if (memo?.version === store.version && Date.now() - memo.at <= COUNT_MEMO_MS) return memo;
      // A computation begun before the latest change may not answer for after it.
      if (computing?.version !== store.version) {
        const current = { version: store.version, answer: refresh() };
        computing = current;
        void current.answer.finally(() => {
          if (computing === current) computing = undefined;
        });
      }
      return computing.answer;
    };
  };
  // Per campaign, whose state is in every answer (it changes with the day, so the memo's second holds).
  const national = (campaign: Campaign) => async () =>
    ({ ...(await store.count(campaign.id)), campaign: statusOf(campaign, new Date()) }) satisfies Count & {
      campaign: CampaignStatus;
    };
  // With ?municipality=: one prepared answer per campaign and code in the list (372 a campaign at
  // most, made when first asked for), and one shared by every well-formed code that is not in it
  // (its `local` is null).
  const withLocal = (campaign: Campaign, code: string) => async () => {
    const [count, local] = await Promise.all([national(campaign)(), localFigures(store, campaign.id, code)]);
    return { ...count, local } satisfies CountWithLocal;
  };
  const answers = new Map<string, () => Prepared | Promise<Prepared>>();
  const answerFor = (campaign: Campaign, code: string | undefined): Prepared | Promise<Prepared> => {
    const known = code !== undefined && isKnownCode(code) ? code : '';
    const key = `${campaign.id}/${code === undefined ? '' : known || '?'}`;
    let current = answers.get(key);
    if (!current) {
      current =
        code === undefined
          ? prepared(national(campaign), COUNT_HEADERS)
          : prepared(withLocal(campaign, known), LOCAL_COUNT_HEADERS);
      answers.set(key, current);
    }
    return current();
  };

  app.get<{ Querystring: { municipality?: string; campaign?: string } }>(
    '/count',
    {
      // Read by every page view of every host, and polled: no request/response line at info for
      // it (errors are still logged).
      logLevel: 'warn',
      schema: {
        summary: 'How many have signed',
        description:
          'Cacheable; answers 304 to a matching If-None-Match. With `municipality`, the answer adds `local`, ' +
          "that council's own figures (the widget's local line: one request, not two), and is cached for at " +
          'most 60 s in all (`max-age=15, stale-while-revalidate=45`), since it carries names shown by consent. ' +
          'Other query parameters are ignored.',
        querystring: {
          type: 'object',
          properties: {
            municipality: {
              type: 'string',
              pattern: SSB_CODE,
              description:
                'SSB code of a municipality (4 digits) or county (2 digits), as in `/api/municipalities`; once',
            },
            campaign: {
              type: 'string',
              pattern: CAMPAIGN_ID,
              description: 'A campaign as `/api/campaigns` lists it; absent: the current one. Unknown: 404',
            },
          },
        },
        response: {
          200: {
            description: "The count; with `municipality`, also that council's figures",
            ...countSchema,
            properties: { ...countSchema.properties, local: localSchema },
          },
          304: { type: 'null', description: 'Not modified: the ETag in If-None-Match is current' },
          404: { type: 'object', description: 'No such campaign', properties: { error: { type: 'string' } } },
        },
      },
    },
    async (request, reply) => {
      // Validated by the schema: absent, or one well-formed code and id.
      const { municipality } = request.query;
      const campaign =
        request.query.campaign === undefined ? campaigns.current() : campaigns.get(request.query.campaign);
      if (!campaign) return reply.code(404).headers(COUNT_HEADERS).send({ error: 'not_found' });
      const current = answerFor(campaign, municipality);
      // The memo's answer at hand is sent without waiting on a promise.
      const count = current instanceof Promise ? await current : current;
      if (request.headers['if-none-match'] === count.etag) return reply.code(304).headers(count.unchanged).send();
      // A Buffer: sent as it is, past the response schema's serialiser.
      return reply.headers(count.ok).send(count.body);
    },
  );
  done();
}
