// GET /api/markup: the widget's markup, rendered on the server, for server-side integrations (an
// embed page, a CMS plugin) to put in a page so the pledge paints before any script runs. The
// renderer is the widget's own templates, built by `npm run build:ssr` into dist/ssr/markup.js;
// the service imports that file at run time and never src/ (eslint.config.mjs).
import type { FastifyInstance } from 'fastify';
import { BUILT_IN_CAMPAIGN, CAMPAIGN_ID } from '../../contract/campaign.js';
import type { MarkupOptions, Renderer } from '../../contract/markup.js';
import { withCampaign, withCampaignWords } from '../embed/markup.js';
// Cached as the widget's files at their stable URLs: the markup changes with them.
import { precompressed, sendCompressed, type Compressed } from '../http/compressed.js';
import { inlineSources } from '../http/csp.js';
import { WIDGET_CACHE } from './files.js';

const RENDERER = new URL('../../dist/ssr/markup.js', import.meta.url);

/** The header that gives the CSP hash of each distinct `<style>` element in the body. */
export const STYLE_HASH_HEADER = 'ks-valgloftet-style-hash';

/** Present (`?no-form`) or `true`. */
const flag = { type: 'string', enum: ['', 'true'], description: 'Present without a value, or `true`' } as const;
const httpUrl = (description: string) =>
  ({ type: 'string', pattern: '^https?://\\S+$', maxLength: 2000, description }) as const;
const URL_PARAMETERS = ['api', 'pledge-url', 'podcast-url', 'case-url'] as const;

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    lang: { type: 'string', enum: ['nb', 'nn'], description: '`nb` (bokmål, the default) or `nn` (nynorsk)' },
    api: httpUrl("The signature service's API for the counter and the form; default: this service's `/api`"),
    campaign: {
      type: 'string',
      pattern: CAMPAIGN_ID,
      maxLength: 32,
      description:
        'A campaign as `/api/campaigns` lists it: the element carries it as its `campaign` attribute, in its words and with its links. Absent: the current one, no attribute. Unknown: 400',
    },
    'no-counter': flag,
    'no-form': flag,
    'refresh-interval': {
      type: 'string',
      pattern: '^(0|[1-9][0-9]{0,5})$',
      description: 'Seconds between refreshes of the count; `0`: never',
    },
    'pledge-url': httpUrl('Link to the pledge documents (absolute, http or https)'),
    'podcast-url': httpUrl('Link to the podcast episode (absolute, http or https)'),
    'case-url': httpUrl("Link to KS's draft case text for councils (absolute, http or https)"),
  },
} as const;

type Query = Partial<Record<keyof (typeof querystring)['properties'], string>>;

// Imported at the first request; a service started before `npm run build` answers 503 and looks
// again at the next request.
let renderer: Promise<Renderer> | undefined;
/** The widget's server renderer (dist/ssr/markup.js), or undefined when it is not built. */
export function loadRenderer(): Promise<Renderer | undefined> {
  renderer ??= (import(RENDERER.href) as Promise<Renderer>).catch((error: unknown) => {
    renderer = undefined;
    throw error;
  });
  return renderer.catch(() => undefined);
}

export function markupRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  // The same options render the same bytes: kept per query, up to a bound.
  const rendered = new Map<string, Compressed & { hashes: string }>();

  app.get<{ Querystring: Query }>(
    '/markup',
    {
      schema: {
        summary: "The widget's markup, rendered on the server",
        description:
          '`<ks-valgloftet>` with its shadow root as declarative shadow DOM (`<template shadowrootmode="open">`) ' +
          'and its styles, in the first state the script renders (the counter without figures), for a page to ' +
          "include before the widget's script. The header `KS-Valgloftet-Style-Hash` gives the CSP hash of each " +
          "`<style>` element (`'sha256-…'`, space-separated) for a host's `style-src`. Cacheable; answers 304 " +
          'to a matching If-None-Match.',
        querystring,
        response: {
          200: {
            description: 'The markup: one `<ks-valgloftet>` element',
            content: { 'text/html': { schema: { type: 'string' } } },
            headers: {
              [STYLE_HASH_HEADER]: {
                type: 'string',
                description:
                  "The CSP hash of each distinct `<style>` element in the body, space-separated ('sha256-…')",
              },
              etag: { type: 'string', description: 'The entity tag of the body' },
            },
          },
          304: { type: 'null', description: 'Not modified: the ETag in If-None-Match is current' },
          503: {
            description: '`markup_not_built`: the renderer is not built yet (`npm run build`)',
            type: 'object',
            required: ['error'],
            properties: { error: { type: 'string' }, hint: { type: 'string' } },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      // An address the pattern lets through but no URL parser reads (`https://[`) is refused too.
      const unreadable = URL_PARAMETERS.filter((name) => q[name] !== undefined && !URL.canParse(q[name]));
      if (unreadable.length) {
        return reply
          .code(400)
          .send({ error: 'invalid_query', fields: Object.fromEntries(unreadable.map((name) => [name, 'invalid'])) });
      }
      // A campaign named goes on the element; the markup is in the words of the campaign shown.
      const named = q.campaign === undefined ? undefined : app.campaigns.get(q.campaign);
      if (q.campaign !== undefined && !named) {
        return reply.code(400).send({ error: 'invalid_query', fields: { campaign: 'unknown_value' } });
      }
      const campaign = named ?? app.campaigns.current();
      const builtIn = campaign.id === BUILT_IN_CAMPAIGN;
      const { links } = campaign;
      const options: MarkupOptions = {
        lang: q.lang === 'nn' ? 'nn' : 'nb',
        api: q.api ?? `${app.config.publicUrl}/api`,
        noCounter: q['no-counter'] !== undefined,
        noForm: q['no-form'] !== undefined,
        refreshInterval: q['refresh-interval'] === undefined ? undefined : Number(q['refresh-interval']),
        pledgeUrl: q['pledge-url'] ?? (builtIn ? undefined : links.pledge),
        podcastUrl: q['podcast-url'] ?? (builtIn ? undefined : links.podcast),
        caseUrl: q['case-url'] ?? (builtIn || !links.caseText ? undefined : links.caseText),
      };
      const key = `${campaign.id} ${named ? 'named ' : ''}${JSON.stringify(options)}`;
      let entry = rendered.get(key);
      if (!entry) {
        const render = await loadRenderer();
        if (!render) return reply.code(503).send({ error: 'markup_not_built', hint: 'npm run build' });
        const markup = render.renderMarkup(options);
        const worded = builtIn ? markup : withCampaignWords(markup, campaign, options.lang);
        const body = Buffer.from(withCampaign(worded, named?.id));
        // Sent as rendered (no compressed forms), with its ETag and 304 as every unchanging answer.
        entry = { ...precompressed(body, {}), hashes: inlineSources(body.toString(), 'style').join(' ') };
        if (rendered.size >= 256) rendered.clear();
        rendered.set(key, entry);
      }
      // Open to every origin, as the rest of the API (whose CORS also answers preflights under /api).
      reply
        .header('access-control-allow-origin', '*')
        .header('access-control-expose-headers', `etag, ${STYLE_HASH_HEADER}`)
        .header('cache-control', WIDGET_CACHE)
        .header(STYLE_HASH_HEADER, entry.hashes);
      return sendCompressed(request, reply, entry, 'text/html');
    },
  );
  done();
}
