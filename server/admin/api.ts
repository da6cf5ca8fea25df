import type { FastifyInstance } from 'fastify';
import { codesOfCouncil } from '../councils/local.js';
import { Limits } from '../http/limits.js';
import { councilOf } from '../councils/municipalities.js';
import { errorResponse } from '../http/openapi.js';
import { sameSecret } from '../signing/tokens.js';
import { CONTROLS, ROLES, SSB_CODE } from '../../contract/signature.js';
import {
  EARLIEST_ADOPTION,
  EXPORT_FILE,
  LINK_MAX,
  NAME_KEY,
  NAMES_PER_DECISION,
  adoptionErrors,
  decideNames,
  eraseSigner,
  nameKey,
  signaturesCsv,
} from './operations.js';

// The CSV helpers moved to admin/operations.ts (shared with the admin page); kept here for importers.
export { EARLIEST_ADOPTION, defuseCell } from './operations.js';

const code = { type: 'string', pattern: SSB_CODE } as const;

const adoptionResult = {
  type: 'object',
  properties: {
    council: { type: 'string', description: 'The council it counts for (Oslo: 0301)' },
    result: { type: 'string', enum: ['created', 'updated'] },
  },
} as const;

/** Who the audit log names for a call with the bearer token: the token, not a person. */
export const API_ADMIN = 'API (ADMIN_TOKEN)';

/** `Authorization: Bearer <token>`, exactly: one space, one token of RFC 6750's characters, nothing after. */
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/** Failed admin calls allowed per address in a window; beyond them every admin call gets 429. */
export const ADMIN_FAILURES = 10;
export const ADMIN_FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * KS staff's API, behind `Authorization: Bearer $ADMIN_TOKEN`. With no ADMIN_TOKEN set, every
 * call is refused.
 */
export function adminRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  const { store, config } = app;
  const security = [{ admin: [] }];

  // Failed calls per address: a guesser gets ADMIN_FAILURES tries per window, then 429 for every
  // admin call, the right token included, until the window ends. Counted across every instance
  // (limits.ts), so a second instance gives no more tries.
  const limits = new Limits(store);
  app.addHook('onRequest', async (request, reply) => {
    const key = `admin-failures ${request.ip}`;
    const failed = await limits.peek(key);
    if (failed && failed.current >= ADMIN_FAILURES) {
      return reply
        .code(429)
        .header('retry-after', String(Math.ceil(failed.ttl / 1000)))
        .send({ error: 'rate_limited' });
    }
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (config.adminToken && token && sameSecret(token, config.adminToken)) return;
    await limits.hit(key, ADMIN_FAILURE_WINDOW_MS);
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
              maxLength: LINK_MAX,
              pattern: `^https://[^\\s${CONTROLS}]+$`,
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
      const fields = adoptionErrors(municipality, date, link);
      if (Object.keys(fields).length) return reply.code(422).send({ error: 'invalid_fields', fields });
      const campaign = app.campaigns.current().id;
      const result = await store.recordAdoption(campaign, councilOf(municipality), date, link ?? null);
      await store.audit(
        API_ADMIN,
        result === 'created' ? 'adoption-recorded' : 'adoption-updated',
        councilOf(municipality),
        campaign,
      );
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
      const campaign = app.campaigns.current().id;
      const gone = await store.deleteAdoption(campaign, councilOf(request.params.code));
      if (gone) await store.audit(API_ADMIN, 'adoption-removed', councilOf(request.params.code), campaign);
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
    () => store.adoptions(app.campaigns.current().id),
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
      const campaign = app.campaigns.current().id;
      const csv = await signaturesCsv(store, campaign);
      await store.audit(API_ADMIN, 'export', null, campaign);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${EXPORT_FILE}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  // KS approves every public name: the names waiting, and the two decisions.
  app.get<{ Querystring: { council?: string } }>(
    '/names',
    {
      schema: {
        summary: 'The names waiting for approval',
        description:
          'Confirmed signers who consented to be shown by name, whose names KS has not yet approved: none of ' +
          'them is shown anywhere until approved. The oldest confirmation first, at most ' +
          `${NAMES_PER_DECISION}; \`waiting\` counts them all. Never an e-mail address.`,
        security,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { council: { ...code, description: 'Only the names of this council (Oslo: 0301 or 03)' } },
        },
        response: {
          200: {
            description: 'The names waiting',
            type: 'object',
            required: ['waiting', 'names'],
            properties: {
              waiting: { type: 'integer', description: 'How many names wait in all (every council)' },
              names: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'name', 'role', 'municipality', 'confirmedAt'],
                  properties: {
                    id: {
                      type: 'string',
                      pattern: NAME_KEY,
                      description: 'Names this name as listed: a decision by it acts only while the name is unchanged',
                    },
                    name: { type: 'string' },
                    role: { type: 'string', enum: ROLES },
                    municipality: { type: 'string', description: 'SSB code as signed' },
                    confirmedAt: { type: 'string', format: 'date-time' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const { council } = request.query;
      const [waiting, names] = await Promise.all([
        store.waitingNameCount(),
        store.waitingNames(NAMES_PER_DECISION, council === undefined ? undefined : codesOfCouncil(council)),
      ]);
      return {
        waiting,
        names: names.map((n) => ({
          id: nameKey(n),
          name: n.name,
          role: n.role,
          municipality: n.municipality,
          confirmedAt: n.confirmed_at,
        })),
      };
    },
  );

  const decision = (verb: 'approved' | 'rejected') => ({
    summary: verb === 'approved' ? 'Approve waiting names' : 'Reject waiting names',
    description:
      verb === 'approved'
        ? "The names are shown from now on: at once in every answer, within the caches' minute everywhere."
        : 'The names are never shown: their consent is dropped; the signatures stay and count.',
    security,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['ids'],
      properties: {
        ids: {
          type: 'array',
          minItems: 1,
          maxItems: NAMES_PER_DECISION,
          items: { type: 'string', pattern: NAME_KEY },
          description:
            'The `id`s from `GET /api/admin/names`. An id whose name was decided, withdrawn or erased since is left.',
        },
      },
    },
    response: {
      200: {
        description: `How many names were ${verb}`,
        type: 'object',
        required: [verb],
        properties: { [verb]: { type: 'integer' } },
      },
    },
  });
  for (const [path, verb, action] of [
    ['/names/approvals', 'approved', 'approve'],
    ['/names/rejections', 'rejected', 'reject'],
  ] as const) {
    app.post<{ Body: { ids: string[] } }>(path, { schema: decision(verb) }, async (request) => {
      const n = await decideNames(store, action, request.body.ids);
      // The log says how many, never whose names.
      await store.audit(API_ADMIN, action === 'approve' ? 'names-approved' : 'names-rejected', String(n));
      return { [verb]: n };
    });
  }

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
          properties: { email: { type: 'string', minLength: 3, maxLength: 254, pattern: `^[^${CONTROLS}]*$` } },
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
    async (request) => {
      const erased = await eraseSigner(store, request.body.email);
      await store.audit(API_ADMIN, 'erasure', String(erased));
      return { erased };
    },
  );
  done();
}
