// The pledge's own page, per language (GET /valgloftet, /valgloftet/nn): what an editor pastes, and
// what a reader sees who opens it. Its head names the oEmbed endpoint, so that a CMS given the page's
// address embeds the pledge by itself, and carries the link preview's tags.
import type { FastifyInstance } from 'fastify';
import { OEMBED_PATH, PLEDGE_PAGES, pledgePageUrl } from '../../contract/embed.js';
import type { Lang } from '../../contract/signature.js';
import { linkPreviewTags } from '../link-preview/tags.js';
import { linkPreviewTexts } from '../link-preview/texts.js';
import { layout } from '../pages/layout.js';
import { html, nothing, trustedHtml } from '../pages/template.js';
import { askedOptions, embedQuery } from './asked.js';
import { badQuery } from './bad-query.js';
import { here, notBuilt, pageCache, sendKeptPage } from './cache.js';
import { WIDGET, colourRules, inline } from './markup.js';
import { TEXT } from './texts.js';

export function pledgePageRoutes(app: FastifyInstance): Promise<void> {
  const render = pageCache(app);
  for (const lang of ['nb', 'nn'] as const) {
    const other: Lang = lang === 'nb' ? 'nn' : 'nb';
    app.get(PLEDGE_PAGES[lang], embedQuery, async (request, reply) => {
      const { publicUrl } = here(app);
      const { options: asked, errors, params } = askedOptions(request);
      if (errors.length || params.has('lang'))
        return badQuery(reply, publicUrl, lang, errors.length ? errors : ['lang']);
      const options = { ...asked, lang };
      const self = pledgePageUrl(publicUrl, options);
      const there = pledgePageUrl(publicUrl, { ...options, lang: other });
      const oembed = `${publicUrl}${OEMBED_PATH}?${new URLSearchParams({ url: self, format: 'json' }).toString()}`;
      const t = TEXT[lang];
      // The page is on the service's one look (layout.ts); only the colours asked for are its own.
      const colours = colourRules(options);
      const entry = await render(options, (markup) => ({
        markup,
        frameable: false,
        page: layout({
          kind: 'pledge',
          lang,
          title: t.title,
          titleNamesSite: true,
          description: t.description,
          canonical: self,
          alternate: { lang: other, href: there },
          otherLanguage: { lang: other, href: there, text: t.other },
          // The template writes `&` as `&amp;`, which WordPress decodes (htmlspecialchars_decode).
          links: [{ rel: 'alternate', type: 'application/json+oembed', href: oembed, title: t.title }],
          // The link preview's tags come as markup from server/link-preview/tags.ts, which makes them
          // with its own escaping, until that room's templates give them as a template.
          head: html`${trustedHtml(
            linkPreviewTags({
              publicUrl,
              lang,
              url: self,
              title: linkPreviewTexts[lang].title,
              description: t.description,
            }),
          )}${colours ? inline('style', colours) : nothing}`,
          scripts: [{ src: `${publicUrl}/ks-valgloftet-loader.js` }],
          width: 'wide',
          // Heard, not seen: the card's own heading is what the eye reads.
          main: html`<h1 class="ds-sr-only">${t.heading}</h1>\n${WIDGET}\n`,
          footer: html`<p><a class="ds-link" href=${`${publicUrl}/embed/builder${lang === 'nn' ? '?lang=nn' : ''}`}>${t.builder}</a></p>`,
        }),
      }));
      return entry ? sendKeptPage(request, reply, entry) : notBuilt(reply);
    });
  }
  return Promise.resolve();
}
