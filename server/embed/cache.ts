// The embed room's pages kept compressed: the embed page and the pledge pages are built around the
// widget's server-rendered markup, which depends on the language and the two switches alone.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { BUILT_IN_CAMPAIGN } from '../../contract/campaign.js';
import { COLOUR_PROPERTIES, embedParams, type EmbedOptions } from '../../contract/embed.js';
import type { Campaign } from '../campaigns/campaigns.js';
import { isKnownCode } from '../councils/municipalities.js';
import { compressed, precompressed, sendCompressed, type Compressed } from '../http/compressed.js';
import { embedPolicy, inlineSources } from '../http/csp.js';
import { WIDGET_CACHE } from '../widget/files.js';
import { loadRenderer } from '../widget/markup.js';
import { renderHtml, type Html } from '../pages/template.js';
import { withCampaign, withCampaignWords, withMunicipality, withWidget } from './markup.js';

export type Entry = Compressed & { csp: string };

/** A page around the widget's markup; its CSP allows by hash whatever it carries inline. */
export interface Built {
  /** The page, with WIDGET where the element goes. */
  page: Html;
  /** The element as the page shows it. */
  markup: string;
  frameable: boolean;
}

/** Read at each request: a service started on port 0 learns its address once it listens. */
export const here = (app: FastifyInstance) => ({
  publicUrl: app.config.publicUrl,
  origin: new URL(app.config.publicUrl).origin,
});

/**
 * The query of a request as the browser sent it (Fastify's parser would fold `?no-form`), `&amp;`
 * read as `&` (embedParams).
 */
export const searchOf = (request: FastifyRequest) => embedParams(request.url.split('?')[1] ?? '');

/**
 * The pages of one route, kept. The widget's markup depends on the campaign, the language and the
 * two switches alone: 8 renderings a campaign, kept. A page without colours or council is kept compressed (16). A page for a
 * council of the list is kept too, the first COUNCIL_PAGES of them, never pushed out (a council's own
 * embed is served often). Any other page (colours, an unknown code, a full list: one of millions) is
 * put together from the kept markup and sent as it is, so no request can make the service render or
 * compress at will, nor push the common pages out. Each cache is bounded besides: only a PUBLIC_URL
 * that changes under a running service (tests on port 0) makes more keys, and the oldest go.
 */
export function pageCache(app: FastifyInstance) {
  const markups = new LRUCache<string, string>({ max: 32 });
  const pages = new LRUCache<string, Entry>({ max: 64 });
  const COUNCIL_PAGES = 512;
  const councilPages = new LRUCache<string, Entry>({ max: COUNCIL_PAGES });

  /**
   * The page for `options` about `campaign` (the one `options.campaign` names, which the element
   * then carries, or the current one), or undefined while the widget is not built.
   */
  return async function render(
    options: EmbedOptions,
    campaign: Campaign,
    build: (markup: string) => Built,
  ): Promise<Entry | undefined> {
    const { publicUrl, origin } = here(app);
    const coloured = Object.keys(COLOUR_PROPERTIES).some((name) => options[name as keyof typeof COLOUR_PROPERTIES]);
    const switches = `${publicUrl} ${campaign.id} ${options.lang} ${String(!!options.noCounter)} ${String(!!options.noForm)}`;
    const { municipality } = options;
    const key = `${switches}${options.campaign ? ' named' : ''}${municipality ? ` ${municipality}` : ''}`;
    const kept = municipality ? councilPages : pages;
    const keep =
      !coloured && (!municipality || (isKnownCode(municipality) && (kept.has(key) || kept.size < COUNCIL_PAGES)));
    const cached = keep ? kept.get(key) : undefined;
    if (cached) return cached;
    let markup = markups.get(switches);
    if (markup === undefined) {
      const renderer = await loadRenderer();
      if (!renderer) return undefined;
      const builtIn = campaign.id === BUILT_IN_CAMPAIGN;
      const { links } = campaign;
      markup = renderer.renderMarkup({
        lang: options.lang,
        api: `${publicUrl}/api`,
        noCounter: options.noCounter,
        noForm: options.noForm,
        ...(builtIn
          ? {}
          : { pledgeUrl: links.pledge, podcastUrl: links.podcast, caseUrl: links.caseText || undefined }),
      });
      if (!builtIn) markup = withCampaignWords(markup, campaign, options.lang);
      markups.set(switches, markup);
    }
    const {
      page,
      markup: element,
      frameable,
    } = build(withMunicipality(withCampaign(markup, options.campaign), municipality));
    const html = withWidget(renderHtml(page), element);
    const csp = embedPolicy({
      origin,
      scriptHashes: inlineSources(html, 'script'),
      styleHashes: inlineSources(html, 'style'),
      frameable,
    });
    if (!keep) {
      const body = Buffer.from(html);
      return { ...precompressed(body, {}), csp };
    }
    const entry = { ...compressed(html), csp };
    kept.set(key, entry);
    return entry;
  };
}

/** Sends a kept page of the embed room with its own policy and the widget's cache lifetime. */
export const sendKeptPage = (request: FastifyRequest, reply: FastifyReply, entry: Entry) => {
  reply.header('content-security-policy', entry.csp).header('cache-control', WIDGET_CACHE);
  return sendCompressed(request, reply, entry, 'text/html');
};

export const notBuilt = (reply: FastifyReply) =>
  reply.code(503).type('text/plain; charset=utf-8').send('The widget is not built yet: npm run build');
