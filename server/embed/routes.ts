// The ways into a page that takes no script: the embed page (GET /embed), framed by any site and
// working inside `sandbox="allow-scripts"`; the host helper that resizes its frame (GET /embed.js);
// where a link clicked in a WordPress frame goes (GET /embed/go); the pledge's public page per
// language (GET /valgloftet, /valgloftet/nn; each campaign's own at /valgloftet/<id>, /valgloftet/<id>/nn),
// which names the oEmbed endpoint (GET /oembed) so that a CMS given the page's address embeds the
// pledge by itself.
import type { FastifyInstance } from 'fastify';
import { embedPageRoute } from './embed-page.js';
import { goRoute } from './go.js';
import { helperRoute } from './helper.js';
import { oembedRoute } from './oembed.js';
import { pledgePageRoutes } from './pledge-page.js';

export async function embedRoutes(app: FastifyInstance): Promise<void> {
  await app.register(embedPageRoute);
  await app.register(goRoute);
  await app.register(helperRoute);
  await app.register(pledgePageRoutes);
  await app.register(oembedRoute);
}
