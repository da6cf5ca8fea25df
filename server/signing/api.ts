import cors from '@fastify/cors';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerHeaders } from '../http/answer-headers.js';
import { compressed, sendCompressed } from '../http/compressed.js';
import { localFigures } from '../councils/local.js';
import { isKnownCode, municipalities } from '../councils/municipalities.js';
import type { Count } from '../store/index.js';
import { LOCAL_NAMES_MAX, type CountWithLocal } from '../../contract/local.js';
import { nameProblem } from '../../contract/names.js';
import {
  ROLES,
  SSB_CODE,
  signatureRequestSchema,
  type FieldErrorCode,
  type SignatureRequest,
} from '../../contract/signature.js';
import { newToken } from './tokens.js';

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
  },
} as const;

/** The count's headers besides its ETag and type; the same answer for every origin (as before). */
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

/** A count's answer as it is written: body, ETag and every header, and when and from what it was made. */
interface Prepared {
  at: number;
  version: number;
  etag: string;
  body: Buffer;
  ok: CountHeaders;
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

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'string' } } },
} as const;

/**
 * Writes the count's prepared answer, past Fastify's reply pipeline (serialisation, the onSend
 * hooks): the headers every answer carries are among the prepared ones (answer-headers.ts).
 */
function writeCount(count: Prepared, req: IncomingMessage, res: ServerResponse): void {
  if (req.headers['if-none-match'] === count.etag) res.writeHead(304, count.unchanged).end();
  else res.writeHead(200, count.ok).end(req.method === 'HEAD' ? undefined : count.body);
}

/** The public API, open to every origin (no cookies are involved anywhere). */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(cors, { origin: '*', methods: ['GET', 'POST'], maxAge: 86400 });
  const { store, config } = app;

  const everyAnswer = answerHeaders(config.publicUrl);
  // The count's answer, prepared once per change: the body, its ETag and every header, so a request
  // costs a lookup and a write. A change made here shows at once (store.version); one made by
  // another process within a second.
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
      const unchanged = { ...everyAnswer, ...headers, etag };
      const body = Buffer.from(json);
      memo = {
        at: now,
        version,
        etag,
        body,
        unchanged,
        ok: { ...unchanged, 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) },
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
  const currentCount = prepared(async () => (await store.count()) satisfies Count, COUNT_HEADERS);
  // With ?municipality=: one prepared answer per code in the list (372 at most, made when first
  // asked for), and one shared by every well-formed code that is not in it (its `local` is null).
  const withLocal = (code: string) => async () => {
    const [count, local] = await Promise.all([store.count(), localFigures(store, code)]);
    return { ...count, local } satisfies CountWithLocal;
  };
  const localCounts = new Map<string, () => Prepared | Promise<Prepared>>();
  const unknownCount = prepared(withLocal(''), LOCAL_COUNT_HEADERS);
  const currentLocalCount = (code: string): Prepared | Promise<Prepared> => {
    if (!isKnownCode(code)) return unknownCount();
    let current = localCounts.get(code);
    if (!current) localCounts.set(code, (current = prepared(withLocal(code), LOCAL_COUNT_HEADERS)));
    return current();
  };

  app.get(
    '/count',
    {
      // Read by every page view of every host, and polled: no request/response line at info for
      // it (errors are still logged), and CORS from its own prepared headers rather than the
      // plugin's per-request work (the answer is the same for every origin).
      logLevel: 'warn',
      config: { cors: false },
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
          },
        },
        response: {
          200: {
            description: "The count; with `municipality`, also that council's figures",
            ...countSchema,
            properties: { ...countSchema.properties, local: localSchema },
          },
          304: { type: 'null', description: 'Not modified: the ETag in If-None-Match is current' },
        },
      },
    },
    async (request, reply) => {
      // Validated by the schema: absent, or one well-formed code.
      const code = (request.query as { municipality?: string }).municipality;
      const count = await (code === undefined ? currentCount() : currentLocalCount(code));
      reply.hijack();
      writeCount(count, request.raw, reply.raw);
    },
  );
  // A plain GET /api/count is answered before Fastify (app.ts, answerFirst); the route above
  // answers HEAD, a query string, and a GET whose count could not be computed (as a 500).
  app.answerFirst(`${app.prefix}/count`, (req, res) => {
    const count = currentCount();
    if (!(count instanceof Promise)) {
      writeCount(count, req, res);
      return;
    }
    return count.then((current) => {
      writeCount(current, req, res);
    });
  });

  // The list never changes while the process runs: serialised and compressed once (25 KB → 3 KB).
  const list = compressed(JSON.stringify(municipalities));
  app.get(
    '/municipalities',
    {
      schema: {
        summary: 'The 357 municipalities and 15 counties in force from 2024-01-01',
        description:
          'Sorted by name. `officialName` is given where it differs from `name` (Sámi and Kven names). ' +
          'Brotli or gzip when Accept-Encoding allows; answers 304 to a matching If-None-Match.',
        response: {
          200: {
            description: 'Every municipality and county',
            type: 'array',
            items: {
              type: 'object',
              required: ['code', 'name', 'kind', 'county'],
              properties: {
                code: {
                  type: 'string',
                  pattern: SSB_CODE,
                  description: 'SSB code: 4 digits for a municipality, 2 for a county',
                },
                name: { type: 'string' },
                kind: { type: 'string', enum: ['municipality', 'county'] },
                county: { type: 'string', description: "The county's code (for a county, its own)" },
                officialName: {
                  type: 'string',
                  description: 'Where it differs from `name`: the official name, with the Sámi or Kven name',
                },
              },
            },
          },
          304: { type: 'null', description: 'Not modified: the ETag in If-None-Match is current' },
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=86400').header('vary', 'accept-encoding, origin');
      return sendCompressed(request, reply, list, 'application/json');
    },
  );

  app.get(
    '/privacy',
    {
      schema: {
        summary: 'Who stores a signature, and for how long',
        description:
          'For the notice the widget shows before its form is sent (GDPR art. 13): the controller, ' +
          'its privacy statement, and the hours an unconfirmed signature is kept.',
        response: {
          200: {
            description: 'The facts for the privacy notice',
            type: 'object',
            properties: {
              controller: { type: 'string' },
              privacyUrl: { type: 'string', format: 'uri' },
              confirmHours: { type: 'integer' },
            },
          },
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return { controller: config.controllerName, privacyUrl: config.privacyUrl, confirmHours: config.confirmHours };
    },
  );

  app.post<{ Body: SignatureRequest }>(
    '/signatures',
    {
      config: { rateLimit: { max: config.writesPerMinute, timeWindow: 60_000 } },
      // JSON only: Fastify would otherwise parse text/plain into a string.
      preValidation: async (request, reply) => {
        if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
          return reply.code(415).send({ error: 'unsupported_media_type' });
        }
        // A pasted address often carries a space; the address is trimmed before it is judged.
        const body = request.body as Record<string, unknown> | null;
        if (body && typeof body === 'object' && typeof body.email === 'string') body.email = body.email.trim();
      },
      schema: {
        summary: 'Sign the pledge',
        description:
          'Sends a confirmation mail; the signature counts once confirmed. A new and an already known ' +
          'e-mail address get the same answer.',
        body: signatureRequestSchema,
        response: {
          202: {
            description: 'Stored; a mail with a confirmation link is on its way (the same for a known address)',
            type: 'object',
            properties: { status: { type: 'string', enum: ['accepted'] } },
          },
          422: {
            description: '`invalid_fields`: `fields` names each field that is wrong, with a code',
            ...errorSchema,
          },
        },
      },
    },
    async (request, reply) => {
      const { name, email, role, municipality, lang, showName } = request.body;
      const fields: Partial<Record<keyof SignatureRequest, FieldErrorCode>> = {};
      const problem = nameProblem(name);
      if (problem) fields.name = problem;
      if (!isKnownCode(municipality)) fields.municipality = 'unknown';
      if (problem || fields.municipality) return reply.code(422).send({ error: 'invalid_fields', fields });
      const input = {
        name: name.trim().replace(/\s+/g, ' '),
        email: email.trim(),
        role,
        municipality,
        lang,
        showName: showName === true,
      };
      // The mail is queued in the same transaction; the queue sends it after the answer, so its
      // delay tells nothing, and a crash or an SMTP server that is away loses nothing.
      if ((await store.sign(input, newToken, config.confirmHours)) !== 'none')
        setImmediate(() => {
          app.mailQueue.kick();
        });
      return reply.code(202).send({ status: 'accepted' });
    },
  );
}
