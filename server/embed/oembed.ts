// oEmbed (oembed.com, 2.2; GET /oembed): the frame of the embed page, for an address of a pledge page.
import type { FastifyInstance } from 'fastify';
import {
  EMBED_HEIGHT,
  OEMBED_PATH,
  PLEDGE_PAGES,
  embedParams,
  embedUrl,
  parseEmbedSearch,
  pledgePageUrl,
} from '../../contract/embed.js';
import { isCampaignId } from '../../contract/campaign.js';
import type { Lang } from '../../contract/signature.js';
import type { Campaign, Campaigns } from '../campaigns/campaigns.js';
import { html, renderHtml } from '../pages/template.js';
import { here } from './cache.js';
import { campaignText } from './texts.js';

/** The oEmbed answer's frame: what a host shows when it has no script of ours. */
const DEFAULT_WIDTH = 640;
const CACHE_AGE = 3600;

const pagePaths = new Map<string, Lang>(
  (Object.entries(PLEDGE_PAGES) as [Lang, string][]).map(([lang, path]) => [path, lang]),
);
/** A campaign's own page: `/valgloftet/<id>`, `/valgloftet/<id>/nn` (campaignPagePath). */
const CAMPAIGN_PAGE = new RegExp(`^${PLEDGE_PAGES.nb}/([^/]+)(/nn)?$`);

/**
 * The pledge page a path names: its language, and the campaign its path names (none: the current
 * one's page); undefined for a path that is no pledge page, or names a campaign not served.
 */
function pageOf(path: string, campaigns: Campaigns): { lang: Lang; campaign?: Campaign } | undefined {
  const lang = pagePaths.get(path);
  if (lang) return { lang };
  const [, id, nn] = CAMPAIGN_PAGE.exec(path) ?? [];
  const campaign = isCampaignId(id) ? campaigns.get(id) : undefined;
  return campaign && { lang: nn ? 'nn' : 'nb', campaign };
}

// 0 is what some consumers send for "no limit": taken as absent.
const positive = { type: 'string', pattern: '^[0-9]{1,5}$' } as const;
const error = { type: 'object', properties: { error: { type: 'string' } } } as const;

const schema = {
  summary: 'oEmbed: the pledge as a frame, for the address of a pledge page',
  description:
    'The oEmbed provider (https://oembed.com/): for the address of a pledge page (`/valgloftet`, ' +
    '`/valgloftet/nn` for the current campaign; `/valgloftet/<campaign>`, `/valgloftet/<campaign>/nn` ' +
    "for any campaign served; with the embed page's options in its query), a `rich` answer whose " +
    '`html` is the embed page in an iframe, showing that campaign. 404 for an address this service ' +
    'does not serve; 501 for a format other than `json`.',
  querystring: {
    type: 'object',
    required: ['url'],
    properties: {
      url: { type: 'string', maxLength: 2000, description: 'The address of a pledge page' },
      format: { type: 'string', maxLength: 20, description: '`json` (the only format offered)' },
      maxwidth: { ...positive, description: 'The widest the frame may be, in pixels' },
      maxheight: { ...positive, description: 'The tallest the frame may be, in pixels' },
    },
  },
  response: {
    200: {
      description: 'The oEmbed answer (type `rich`): `html` is the frame, every value in it escaped',
      type: 'object',
      required: ['version', 'type', 'provider_name', 'provider_url', 'title', 'html', 'width', 'height'],
      properties: {
        version: { type: 'string' },
        type: { type: 'string' },
        provider_name: { type: 'string' },
        provider_url: { type: 'string' },
        title: { type: 'string' },
        html: { type: 'string' },
        width: { type: 'integer' },
        height: { type: 'integer' },
        cache_age: { type: 'integer' },
      },
    },
    404: {
      ...error,
      description:
        '`not_found`: not the address of a pledge page on this service, or an option given a value it does not take (an option it does not know is ignored)',
    },
    501: { ...error, description: '`format_not_supported`: a format other than `json`' },
  },
};

export function oembedRoute(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { url: string; format?: string; maxwidth?: string; maxheight?: string } }>(
    OEMBED_PATH,
    { schema },
    async (request, reply) => {
      const { publicUrl, origin } = here(app);
      const { url, format = 'json', maxwidth, maxheight } = request.query;
      reply.header('access-control-allow-origin', '*');
      if (format !== 'json') return reply.code(501).send({ error: 'format_not_supported' });
      const asked = URL.canParse(url) ? new URL(url) : undefined;
      const page = asked?.origin === origin ? pageOf(asked.pathname, app.campaigns) : undefined;
      // The address as WordPress may hand it on for an Author: `&` written `&amp;` (embedParams).
      const params = embedParams(asked?.search.slice(1) ?? '');
      const { options, errors } = parseEmbedSearch(params);
      // The path says the language and the campaign; a query that says either is no page's.
      if (!asked || !page || errors.length || params.has('lang') || params.has('campaign')) {
        return reply.code(404).send({ error: 'not_found' });
      }
      options.lang = page.lang;
      // Named in the frame's address, so the frame keeps showing it when the current one changes.
      if (page.campaign) options.campaign = page.campaign.id;
      const width = Math.min(DEFAULT_WIDTH, Number(maxwidth) || DEFAULT_WIDTH);
      const height = Math.min(EMBED_HEIGHT, Number(maxheight) || EMBED_HEIGHT);
      const t = campaignText(page.lang, page.campaign ?? app.campaigns.current());
      // WordPress's own embed shape (a blockquote, then the frame): WordPress loads its resizing
      // script only for that shape, and shows the blockquote's link until the frame has spoken.
      // The frame fills its column (`width="100%"`, which WordPress keeps), never wider than the
      // consumer's own box: a fixed width would be WordPress's 500 px even on a 320 px phone.
      // `width` in the answer says the most it needs, within `maxwidth`.
      const frame = renderHtml(
        html`<blockquote class="wp-embedded-content"><a href=${pledgePageUrl(publicUrl, options)}>${t.link}</a></blockquote><iframe class="wp-embedded-content" src=${embedUrl(publicUrl, options)} width="100%" height=${height} title=${t.title} frameborder="0" marginwidth="0" marginheight="0" data-ks-valgloftet></iframe>`,
      );
      return reply.header('cache-control', `public, max-age=${CACHE_AGE}`).send({
        version: '1.0',
        type: 'rich',
        provider_name: 'KS',
        provider_url: `${publicUrl}/`,
        title: t.title,
        html: frame,
        width,
        height,
        cache_age: CACHE_AGE,
      });
    },
  );
  return Promise.resolve();
}
