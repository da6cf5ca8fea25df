// The answer to an embed address with an option it cannot take: a page that names the options and
// links to the pledge page, echoing nothing else of the address.
import type { FastifyReply } from 'fastify';
import { pledgePageUrl } from '../../contract/embed.js';
import type { Lang } from '../../contract/signature.js';
import { EMPTY_POLICY, FRAMEABLE_EMPTY_POLICY } from '../http/csp.js';
import { layout } from '../pages/layout.js';
import { html, renderHtml } from '../pages/template.js';
import { TEXT } from './texts.js';

/** A 400 page that names the bad options; framable only as the embed page's own answer. */
export function badQuery(reply: FastifyReply, publicUrl: string, lang: Lang, errors: string[], frameable = false) {
  const t = TEXT[lang];
  const page = layout({
    kind: 'pledge',
    bare: true,
    lang,
    title: t.title,
    main: html`<p>${t.badQuery} ${errors.map((e, i) => html`${i ? ', ' : ''}<code>${e}</code>`)}.</p>
<p><a href=${pledgePageUrl(publicUrl, { lang })} target="_top">${t.link}</a></p>`,
  });
  return reply
    .code(400)
    .header('cache-control', 'no-store')
    .header('content-security-policy', frameable ? FRAMEABLE_EMPTY_POLICY : EMPTY_POLICY)
    .type('text/html; charset=utf-8')
    .send(renderHtml(page));
}
