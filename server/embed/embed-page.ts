// The embed page (GET /embed): the pledge as a page any site may frame, working inside
// `sandbox="allow-scripts"`, fitted to WordPress's 1,000 px frame, painted with nothing to fetch
// but the widget's script: its few rules and its frame script inline, under their CSP hashes.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { EMBED_PATH, pledgePageUrl } from '../../contract/embed.js';
import { layout } from '../pages/layout.js';
import { html } from '../pages/template.js';
import { askedOptions, embedQuery } from './asked.js';
import { badQuery } from './bad-query.js';
import { here, notBuilt, pageCache, sendKeptPage } from './cache.js';
import { WIDGET, colourRules, framedMarkup, inline } from './markup.js';
import { FRAME_STYLE, PAGE_STYLE, campaignText } from './texts.js';

const FRAME_SCRIPT = readFileSync(new URL('../../embed/frame.js', import.meta.url), 'utf8');

export function embedPageRoute(app: FastifyInstance): Promise<void> {
  const render = pageCache(app);
  app.get(EMBED_PATH, { ...embedQuery, config: { embeddable: true } }, async (request, reply) => {
    const { publicUrl } = here(app);
    // `campaign=` names the campaign the frame shows (the element carries it); else the current one.
    const { options, errors, campaign } = askedOptions(request);
    if (errors.length) {
      return badQuery(reply, publicUrl, options.lang, errors, true, options.campaign ? campaign : undefined);
    }
    const style = PAGE_STYLE + FRAME_STYLE + colourRules(options);
    const t = campaignText(options.lang, campaign);
    const entry = await render(options, campaign, (rendered) => ({
      markup: framedMarkup(rendered, options.lang),
      frameable: true,
      page: layout({
        kind: 'pledge',
        bare: true,
        lang: options.lang,
        title: t.title,
        noindex: true,
        canonical: pledgePageUrl(publicUrl, options),
        // Links open outside the frame (in a frame sandboxed without allow-popups, frame.js hands
        // them to wp-embed instead), not in a 640 px box that the linked site may refuse.
        head: html`<base target="_blank">\n${inline('style', style)}\n`,
        scripts: [{ src: `${publicUrl}/ks-valgloftet-loader.js` }],
        main: html`<h1 class="vh">${t.heading}</h1>\n${WIDGET}\n`,
        end: html`${inline('script', FRAME_SCRIPT)}\n`,
      }),
    }));
    return entry ? sendKeptPage(request, reply, entry) : notBuilt(reply);
  });
  return Promise.resolve();
}
