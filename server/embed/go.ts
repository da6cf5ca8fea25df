// Where a link clicked in a WordPress embed goes (GET /embed/go, from embed/frame.js): the widget's
// own links only, so that this is no open redirect. Those are the pledge's and the podcast's (each
// campaign's own too: a frame may show any of them), the privacy statement, the pledge pages (each
// campaign's too), the councils page in both languages (a council's lines link
// it), and the decisions KS has recorded (its "Les vedtaket"), read from the store at each request,
// so a link goes as soon as its adoption is removed or changed.
import type { FastifyInstance } from 'fastify';
import { EMBED_PATH, PLEDGE_PAGES, campaignPagePath } from '../../contract/embed.js';
import { DEFAULT_PLEDGE_URL, DEFAULT_PODCAST_URL } from '../../contract/links.js';
import { COUNCILS_PATH } from '../councils/page.js';
import { pageInput } from '../pages/input.js';

export function goRoute(app: FastifyInstance): Promise<void> {
  const goes = async () => {
    const { publicUrl } = app.config;
    // Every campaign's: an archived campaign's page links its councils' decisions too.
    const decisions = (await Promise.all(app.campaigns.all.map((c) => app.store.adoptions(c.id))))
      .flat()
      .flatMap((a) => (a.link ? [a.link] : []));
    const links = [
      DEFAULT_PLEDGE_URL,
      DEFAULT_PODCAST_URL,
      app.config.privacyUrl,
      ...Object.values(PLEDGE_PAGES),
      ...app.campaigns.all.flatMap((c) => [
        c.links.pledge,
        c.links.podcast,
        // '' when a campaign has no case text: read against the service, it would be its front page.
        ...(c.links.caseText ? [c.links.caseText] : []),
        campaignPagePath(c.id, 'nb'),
        campaignPagePath(c.id, 'nn'),
      ]),
      COUNCILS_PATH,
      `${COUNCILS_PATH}?lang=nn`,
      ...decisions,
    ];
    return new Set(links.flatMap((link) => (URL.canParse(link, publicUrl) ? [new URL(link, publicUrl).href] : [])));
  };
  // A link of the pledge is one address; a longer one, or a list, reads as '' and goes nowhere.
  app.get<{ Querystring: { to?: string } }>(
    `${EMBED_PATH}/go`,
    pageInput('querystring', { to: 2000 }),
    async (request, reply) => {
      const to = request.query.to;
      if (typeof to !== 'string' || !URL.canParse(to) || !(await goes()).has(new URL(to).href)) {
        return reply.code(404).type('text/plain; charset=utf-8').send('Not a link of the pledge.');
      }
      return reply.code(303).header('cache-control', 'no-store').redirect(new URL(to).href);
    },
  );
  return Promise.resolve();
}
