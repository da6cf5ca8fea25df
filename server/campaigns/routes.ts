// GET /api/campaigns and /api/campaigns/:id: which campaigns the service serves, and one
// campaign's state, words and links for a widget that shows a campaign other than the one compiled
// into it (contract/campaign.ts). Open to every origin, like the count.
import type { FastifyInstance } from 'fastify';
import { CAMPAIGN_ID, type CampaignAnswer } from '../../contract/campaign.js';
import { LANGS, type Lang } from '../../contract/signature.js';
import { deletesAt, statusOf } from './campaigns.js';

const statusSchema = {
  type: 'object',
  required: ['id', 'state', 'opens', 'closes'],
  properties: {
    id: { type: 'string', pattern: CAMPAIGN_ID },
    state: { type: 'string', enum: ['upcoming', 'open', 'closed'] },
    opens: { type: ['string', 'null'], format: 'date', description: 'First day of signing; null: open from the start' },
    closes: { type: ['string', 'null'], format: 'date', description: 'Last day of signing; null: no end set' },
  },
} as const;

const HEADERS = {
  'cache-control': 'public, max-age=300',
  'access-control-allow-origin': '*',
} as const;

export function campaignRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  const { campaigns } = app;

  app.get(
    '/campaigns',
    {
      schema: {
        summary: 'The campaigns this service serves',
        description: 'Newest election first; `current` is the one a widget without a `campaign` attribute shows.',
        response: {
          200: {
            description: 'Every campaign, and which is current',
            type: 'object',
            properties: {
              current: { type: 'string', pattern: CAMPAIGN_ID },
              campaigns: {
                type: 'array',
                items: {
                  ...statusSchema,
                  properties: {
                    ...statusSchema.properties,
                    title: { type: 'object', properties: { nb: { type: 'string' }, nn: { type: 'string' } } },
                    election: { type: 'string', format: 'date' },
                    deletes: {
                      type: ['string', 'null'],
                      format: 'date-time',
                      description: "When its signers' names and addresses are deleted; null while no close is set",
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (_request, reply) => {
      const now = new Date();
      reply.headers({ ...HEADERS, 'cache-control': 'public, max-age=60' });
      return {
        current: campaigns.current(now).id,
        campaigns: campaigns.all.map((campaign) => ({
          ...statusOf(campaign, now),
          title: { nb: campaign.texts.nb.title, nn: campaign.texts.nn.title },
          election: campaign.election,
          deletes: deletesAt(campaign)?.toISOString() ?? null,
        })),
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { lang?: Lang } }>(
    '/campaigns/:id',
    {
      schema: {
        summary: "A campaign's state, words and links",
        description:
          'For a widget whose `campaign` attribute names a campaign other than the one compiled into it. ' +
          'Plain text only. Unknown id: 404.',
        params: { type: 'object', properties: { id: { type: 'string', pattern: CAMPAIGN_ID } } },
        querystring: { type: 'object', properties: { lang: { type: 'string', enum: LANGS } } },
        response: {
          200: {
            description: "The campaign's state, its words in the language asked for (bokmål by default) and its links",
            type: 'object',
            required: ['campaign', 'texts', 'links'],
            properties: {
              campaign: statusSchema,
              texts: { type: 'object', additionalProperties: true },
              links: {
                type: 'object',
                properties: { pledge: { type: 'string' }, podcast: { type: 'string' }, caseText: { type: 'string' } },
              },
            },
          },
          404: {
            description: '`not_found`: no such campaign',
            type: 'object',
            properties: { error: { type: 'string' } },
          },
        },
      },
    },
    async (request, reply) => {
      const campaign = campaigns.get(request.params.id);
      if (!campaign) return reply.code(404).headers(HEADERS).send({ error: 'not_found' });
      const answer: CampaignAnswer = {
        campaign: statusOf(campaign, new Date()),
        texts: campaign.texts[request.query.lang ?? 'nb'],
        links: campaign.links,
      };
      return reply.headers(HEADERS).send(answer);
    },
  );
  done();
}
