import type { FastifyInstance, FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { DEFAULT_PLEDGE_URL as PLEDGE_URL } from '../../src/links.js';
import { PAGE_CSP, page } from '../pages.js';
import type { Lang } from '../store.js';
import { fill, texts } from '../texts.js';
import { hashToken } from '../tokens.js';

const pagesCss = readFileSync(new URL('../pages.css', import.meta.url), 'utf8');

type TokenRequest = { token?: unknown; lang?: unknown } | undefined;
const langOf = (value: unknown): Lang => (value === 'nn' ? 'nn' : 'nb');
/** A token as sent, or '' for anything that cannot be one (it then matches nothing). */
const tokenOf = (value: unknown): string => (typeof value === 'string' && value.length <= 100 ? value : '');

/**
 * The pages behind the links in the mails: GET shows one button, and only its POST changes
 * anything. Unknown, spent and expired tokens all get the same calm page.
 */
export async function linkRoutes(app: FastifyInstance): Promise<void> {
  const { store, config } = app;
  // The button's form posts application/x-www-form-urlencoded; only these routes accept it.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const send = (reply: FastifyReply, status: number, html: string) =>
    reply
      .code(status)
      .header('content-security-policy', PAGE_CSP)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(html);

  const invalid = (reply: FastifyReply, lang: Lang) => {
    const t = texts[lang];
    return send(reply, 404, page({ lang, title: t.invalidTitle, text: [t.invalidText], pledgeUrl: PLEDGE_URL }));
  };
  const limited = { rateLimit: { max: config.writesPerMinute * 3, timeWindow: 60_000 } };

  app.get('/pages.css', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(pagesCss),
  );

  for (const purpose of ['confirm', 'withdraw'] as const) {
    app.get<{ Querystring: TokenRequest }>(
      `/${purpose}`,
      { config: limited, schema: { hide: true } },
      async (request, reply) => {
        const token = tokenOf(request.query?.token);
        const info = token ? store.lookupToken(hashToken(token), purpose) : undefined;
        if (!info) return invalid(reply, langOf(request.query?.lang));
        const t = texts[info.lang];
        const [title, text, button] =
          purpose === 'confirm'
            ? [t.confirmTitle, t.confirmText, t.confirmButton]
            : [t.withdrawTitle, t.withdrawText, t.withdrawButton];
        return send(
          reply,
          200,
          page({
            lang: info.lang,
            title,
            text: [fill(text, { name: info.name })],
            form: { action: `/${purpose}`, token, button },
            pledgeUrl: PLEDGE_URL,
          }),
        );
      },
    );
  }

  // The button: the only request that changes anything. Each answers with its own page.
  const done = {
    confirm: (lang: Lang) => {
      const count = new Intl.NumberFormat('nb-NO').format(store.count().signatures);
      return { title: texts[lang].confirmedTitle, text: fill(texts[lang].confirmedText, { count }) };
    },
    withdraw: (lang: Lang) => ({ title: texts[lang].withdrawnTitle, text: texts[lang].withdrawnText }),
  };
  for (const purpose of ['confirm', 'withdraw'] as const) {
    app.post<{ Body: TokenRequest }>(`/${purpose}`, { config: limited, schema: { hide: true } }, async (request, reply) => {
      const token = tokenOf(request.body?.token);
      const info = token ? store[purpose](hashToken(token)) : undefined;
      if (!info) return invalid(reply, langOf(request.body?.lang));
      const { title, text } = done[purpose](info.lang);
      return send(reply, 200, page({ lang: info.lang, title, text: [text], pledgeUrl: PLEDGE_URL }));
    });
  }
}
