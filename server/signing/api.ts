import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { compressed, sendCompressed } from '../http/compressed.js';
import { isKnownCode, municipalities } from '../councils/municipalities.js';
import { nameProblem } from '../../contract/names.js';
import {
  SSB_CODE,
  signatureRequestSchema,
  type FieldErrorCode,
  type SignatureRequest,
} from '../../contract/signature.js';
import { newToken } from './tokens.js';
import { stateOf } from '../campaigns/campaigns.js';
import { CAMPAIGN_CLOSED } from '../../contract/campaign.js';

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'string' } } },
} as const;

/**
 * The public API, open to every origin (no cookies are involved anywhere); the count has a module
 * of its own (widget/count.ts).
 */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(cors, { origin: '*', methods: ['GET', 'POST'], maxAge: 86400 });
  const { store, config, campaigns } = app;

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
          409: {
            description:
              "`campaign_closed`: the campaign's signing has not opened yet, or has closed. A signature made " +
              'while it was open can still be confirmed through its link.',
            ...errorSchema,
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
      const campaign = request.body.campaign === undefined ? campaigns.current() : campaigns.get(request.body.campaign);
      if (!campaign) fields.campaign = 'unknown';
      if (problem || !campaign || fields.municipality) return reply.code(422).send({ error: 'invalid_fields', fields });
      if (stateOf(campaign, new Date()) !== 'open') return reply.code(409).send({ error: CAMPAIGN_CLOSED });
      const input = {
        campaign: campaign.id,
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
