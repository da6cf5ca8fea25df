import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { BUILDER_PATH } from '../../contract/embed.js';
import { pagePolicy } from '../http/csp.js';
import { langOf } from '../http/lang.js';
import { sendPage } from '../pages/send.js';
import { statusOf } from '../campaigns/campaigns.js';
import { isCampaignId } from '../../contract/campaign.js';
import { builderPage, type BuilderCampaigns } from './page.js';
import { answerOf } from './ways.js';

/** Where each file the page loads is served, and where it is read from. */
const FILES = {
  [`${BUILDER_PATH}.js`]: ['./builder.js', 'text/javascript'],
  '/embed/contrast.js': ['./contrast.js', 'text/javascript'],
  '/embed/contract/embed.js': ['../../contract/embed.js', 'text/javascript'],
  '/embed/contract/embed-snippets.js': ['../../contract/embed-snippets.js', 'text/javascript'],
  '/embed/contract/number-format.js': ['../../contract/number-format.js', 'text/javascript'],
} as const;

/**
 * Briefly cached: the page (revalidated on each visit) imports them at stable addresses, so a new
 * version reaches editors within minutes.
 */
const FILE_CACHE = 'public, max-age=300';

/** The page's query: its language and the editor's answer, each text of a bounded length or a few. */
const pageValue = {
  anyOf: [
    { type: 'string', maxLength: 100 },
    { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 100 } },
  ],
} as const;
const pageQuery = { type: 'object', properties: { lang: pageValue, have: pageValue, campaign: pageValue } } as const;

/**
 * The embed builder for web editors (GET /embed/builder, `?lang=nn` in nynorsk, `&have=` the
 * editor's answer, `&campaign=` a campaign chosen rather than the current one): what they have and the one way in it shows, the options, a preview with the real
 * widget, and the code for every other way in under "Andre måter". Without script the page shows the
 * code for its language's defaults, made by the same snippets() the page script calls.
 */
export function builderRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  const hide = { hide: true };
  /** The campaigns to choose from, as they stand now; `asked` chosen if the service serves it. */
  const campaignsOf = (asked: unknown): BuilderCampaigns => {
    const now = new Date();
    const current = app.campaigns.current(now).id;
    const known = isCampaignId(asked) && app.campaigns.get(asked) ? asked : undefined;
    return {
      list: app.campaigns.all.map((c) => ({
        id: c.id,
        title: { nb: c.texts.nb.title, nn: c.texts.nn.title },
        state: statusOf(c, now).state,
      })),
      current,
      chosen: known ?? current,
    };
  };
  app.get<{ Querystring: { lang?: unknown; have?: unknown; campaign?: unknown } | undefined }>(
    BUILDER_PATH,
    { schema: { hide: true, querystring: pageQuery }, attachValidation: true },
    async (request, reply) => {
      // A value the page does not know gets the page as it opens: bokmål, the question unanswered,
      // the current campaign chosen.
      const asked = request.validationError ? {} : request.query;
      const page = builderPage(
        langOf(asked?.lang),
        app.config.publicUrl,
        answerOf(asked?.have),
        campaignsOf(asked?.campaign),
      );
      // The preview runs the real widget: it reads the count and sends the form to the service.
      return sendPage(reply, page, { csp: pagePolicy({ script: true, widget: true }), cacheControl: 'no-cache' });
    },
  );
  for (const [path, [file, type]] of Object.entries(FILES)) {
    const body = readFileSync(new URL(file, import.meta.url), 'utf8');
    app.get(path, { schema: hide }, async (_request, reply) =>
      reply.type(`${type}; charset=utf-8`).header('cache-control', FILE_CACHE).send(body),
    );
  }
  done();
}
