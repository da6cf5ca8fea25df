// The pledge's own page, per language (GET /valgloftet, /valgloftet/nn): what an editor pastes, and
// what a reader sees who opens it. Its head names the oEmbed endpoint, so that a CMS given the page's
// address embeds the pledge by itself, and carries the link preview's tags. Those two are the
// current campaign's; each campaign the service serves has its own pair too (GET /valgloftet/<id>,
// /valgloftet/<id>/nn, issue 27), past ones kept readable as an archive.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BUILT_IN_CAMPAIGN, isCampaignId } from '../../contract/campaign.js';
import { BUILDER_PATH, OEMBED_PATH, PLEDGE_PAGES, campaignPagePath, pledgePageUrl } from '../../contract/embed.js';
import type { Lang } from '../../contract/signature.js';
import type { Campaign } from '../campaigns/campaigns.js';
import { linkPreviewTags } from '../link-preview/tags.js';
import { layout } from '../pages/layout.js';
import { html, nothing, trustedHtml } from '../pages/template.js';
import { askedOptions, embedQuery } from './asked.js';
import { badQuery } from './bad-query.js';
import { here, notBuilt, pageCache, sendKeptPage } from './cache.js';
import { WIDGET, colourRules, inline } from './markup.js';
import { campaignText } from './texts.js';

export function pledgePageRoutes(app: FastifyInstance): Promise<void> {
  const render = pageCache(app);

  /** The page in `lang`, of the campaign its path names (`named`), or of the current one. */
  async function page(request: FastifyRequest, reply: FastifyReply, lang: Lang, named: Campaign | undefined) {
    const other: Lang = lang === 'nb' ? 'nn' : 'nb';
    const { publicUrl } = here(app);
    const { options: asked, errors, params, campaign: current } = askedOptions(request);
    // The path says the language and the campaign: the query may say neither.
    const pathSays = ['lang', 'campaign'].filter((name) => params.has(name));
    if (errors.length || pathSays.length) {
      return badQuery(reply, publicUrl, lang, [...new Set([...errors, ...pathSays])], false, named);
    }
    const campaign = named ?? current;
    const options = { ...asked, lang, campaign: named?.id };
    const self = pledgePageUrl(publicUrl, options);
    const there = pledgePageUrl(publicUrl, { ...options, lang: other });
    const oembed = `${publicUrl}${OEMBED_PATH}?${new URLSearchParams({ url: self, format: 'json' }).toString()}`;
    const t = campaignText(lang, campaign);
    const builder = new URLSearchParams(lang === 'nn' ? { lang } : {});
    if (named) builder.set('campaign', named.id);
    // The page is on the service's one look (layout.ts); only the colours asked for are its own.
    const colours = colourRules(options);
    // The link preview's image is Valgløftet 2023's card: another campaign's page goes without it.
    const preview =
      campaign.id === BUILT_IN_CAMPAIGN
        ? trustedHtml(
            linkPreviewTags({
              publicUrl,
              lang,
              url: self,
              title: campaign.texts[lang].title,
              description: t.description,
            }),
          )
        : nothing;
    const entry = await render(options, campaign, (markup) => ({
      markup,
      frameable: false,
      page: layout({
        kind: 'pledge',
        lang,
        // The header names the campaign the page is about.
        site: campaign.texts[lang].title,
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
        head: html`${preview}${colours ? inline('style', colours) : nothing}`,
        scripts: [{ src: `${publicUrl}/ks-valgloftet-loader.js` }],
        width: 'wide',
        // Heard, not seen: the card's own heading is what the eye reads.
        main: html`<h1 class="ds-sr-only">${t.heading}</h1>\n${WIDGET}\n`,
        footer: html`<p><a class="ds-link" href=${`${publicUrl}${BUILDER_PATH}${builder.size ? `?${builder.toString()}` : ''}`}>${t.builder}</a></p>`,
      }),
    }));
    return entry ? sendKeptPage(request, reply, entry) : notBuilt(reply);
  }

  for (const lang of ['nb', 'nn'] as const) {
    app.get(PLEDGE_PAGES[lang], embedQuery, (request, reply) => page(request, reply, lang, undefined));
    // Each campaign's own page; a path that names no campaign the service serves is not found, as
    // any unknown path. (`/valgloftet/nn` stays the current campaign's nynorsk page.)
    app.get<{ Params: { campaign: string } }>(campaignPagePath(':campaign', lang), embedQuery, (request, reply) => {
      const { campaign: id } = request.params;
      const campaign = isCampaignId(id) ? app.campaigns.get(id) : undefined;
      if (!campaign) {
        reply.callNotFound();
        return reply;
      }
      return page(request, reply, lang, campaign);
    });
  }
  return Promise.resolve();
}
