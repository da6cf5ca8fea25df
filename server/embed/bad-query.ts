// The answer to an embed address with an option it cannot take: a page that names the options and
// links to the pledge page, echoing nothing else of the address.
import type { FastifyReply } from 'fastify';
import { pledgePageUrl } from '../../contract/embed.js';
import type { Lang } from '../../contract/signature.js';
import type { Campaign } from '../campaigns/campaigns.js';
import { EMPTY_POLICY, FRAMEABLE_EMPTY_POLICY } from '../http/csp.js';
import { layout } from '../pages/layout.js';
import { sendPage } from '../pages/send.js';
import { html } from '../pages/template.js';
import { campaignText } from './texts.js';

/**
 * A 400 page that names the bad options; framable only as the embed page's own answer. It links the
 * pledge page of `campaign`, a campaign the address named and the service serves, else the current one's.
 */
export function badQuery(
  reply: FastifyReply,
  publicUrl: string,
  lang: Lang,
  errors: string[],
  frameable = false,
  campaign?: Campaign,
) {
  const t = campaignText(lang, campaign ?? reply.server.campaigns.current());
  const page = layout({
    kind: 'pledge',
    bare: true,
    lang,
    title: t.title,
    main: html`<p>${t.badQuery} ${errors.map((e, i) => html`${i ? ', ' : ''}<code>${e}</code>`)}.</p>
<p><a href=${pledgePageUrl(publicUrl, { lang, campaign: campaign?.id })} target="_top">${t.link}</a></p>`,
  });
  return sendPage(reply, page, { status: 400, csp: frameable ? FRAMEABLE_EMPTY_POLICY : EMPTY_POLICY });
}
