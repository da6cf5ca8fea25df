import type { FastifyInstance, FastifyReply } from 'fastify';
import { langOf } from '../http/lang.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEFAULT_PLEDGE_URL as PLEDGE_URL } from '../../contract/links.js';
import { labelOf } from '../councils/municipalities.js';
import { pagePolicy } from '../http/csp.js';
import { pageInput } from '../pages/input.js';
import { sendPage } from '../pages/send.js';
import { RELOAD_SCRIPT, page, type PageOptions } from './shell.js';
import type { Lang } from '../../contract/signature.js';
import type { TokenInfo } from '../store/index.js';
import { texts } from './texts.js';
import { fill } from '../../contract/fill.js';
import { hashToken } from './tokens.js';

const pagesJs = readFileSync(new URL('./reload.js', import.meta.url), 'utf8');

type TokenRequest = { token?: unknown; lang?: unknown } | undefined;
/** A token as sent, or '' for anything that cannot be one (it then matches nothing). */
const tokenOf = (value: unknown): string => (typeof value === 'string' && value.length <= 100 ? value : '');

/** What a signature says, as the signer would recognise it from the form. */
function details(info: TokenInfo): [string, string][] {
  const t = texts[info.lang];
  return [
    [t.nameLabel, info.name],
    [t.roleLabel, info.role === 'candidate' ? t.roleCandidate : t.roleElected],
    [t.municipalityLabel, labelOf(info.municipality)],
    // What the signer consents to, seen before pressing confirm.
    [t.publicNameLabel, info.namePublic ? t.publicNameYes : t.no],
  ];
}

/**
 * A digest of the details a confirmation page shows. Within the pause between two mails, anyone who
 * knows the address can amend an unconfirmed signature; the button confirms only what its page
 * showed, and a change in between shows the page again.
 */
const seenOf = (info: TokenInfo): string =>
  createHash('sha256')
    .update(JSON.stringify([info.name, info.role, info.municipality, info.namePublic]))
    .digest('base64url')
    .slice(0, 22);

/**
 * The pages behind the links in the mails: GET shows the button, and only its POST changes
 * anything. The POST answers with a redirect to a page of its own (POST–redirect–GET), so reloading
 * the thank-you shows the thank-you again and posts nothing. Unknown, spent and expired tokens all
 * get the same calm page, in the language the link carries; a live token's own language wins.
 */
export function signerPageRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  const { store, config } = app;

  // no-store: no cache keeps a copy. (Chromium still keeps such pages for Back; pages.js reloads them.)
  const csp = pagePolicy({ script: true });
  const send = (reply: FastifyReply, status: number, options: Omit<PageOptions, 'pledgeUrl'>) =>
    sendPage(reply, page({ ...options, pledgeUrl: PLEDGE_URL }), { status, csp });

  /** What confirming means, the details, and the button; after a change, a word about it first. */
  const confirmPage = (info: TokenInfo, token: string, changed = false): Omit<PageOptions, 'pledgeUrl'> => {
    const t = texts[info.lang];
    return {
      lang: info.lang,
      title: t.confirmTitle,
      text: [
        changed ? t.changedText : t.confirmText,
        ...(info.amended ? [t.amendedText] : []),
        ...(info.namePublic ? [t.publicNameText] : []),
      ],
      details: details(info),
      form: { action: '/confirm', token, button: t.confirmButton, seen: seenOf(info) },
      aside: { title: t.wrongTitle, text: [t.wrongText], form: { action: '/discard', token, button: t.wrongButton } },
    };
  };

  const invalid = (reply: FastifyReply, lang: Lang) =>
    send(reply, 404, { lang, title: texts[lang].invalidTitle, text: [texts[lang].invalidText] });
  const limited = { rateLimit: { max: config.writesPerMinute * 3, timeWindow: 60_000 } };
  const hide = { hide: true };
  // A token longer than any made, a language of more than a word: read as unknown (see tokenOf).
  const asked = { token: 100, lang: 20 };
  const link = { ...pageInput('querystring', asked), config: limited };
  // The digest a confirmation page showed is 22 characters: a longer one, or one that is no text
  // (a script's JSON), reads as '' and matches nothing, so the page is shown again.
  const button = (fields = {}) => ({ ...pageInput('body', { ...asked, ...fields }), config: limited });

  app.get(RELOAD_SCRIPT, { schema: hide }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(pagesJs),
  );

  // The pages the links open: what is about to happen, and the button.
  app.get<{ Querystring: TokenRequest }>('/confirm', link, async (request, reply) => {
    const token = tokenOf(request.query?.token);
    const info = token ? await store.lookupToken(hashToken(token), 'confirm') : undefined;
    if (!info) return invalid(reply, langOf(request.query?.lang));
    return send(reply, 200, confirmPage(info, token));
  });
  app.get<{ Querystring: TokenRequest }>('/withdraw', link, async (request, reply) => {
    const token = tokenOf(request.query?.token);
    const info = token ? await store.lookupToken(hashToken(token), 'withdraw') : undefined;
    if (!info) return invalid(reply, langOf(request.query?.lang));
    const t = texts[info.lang];
    return send(
      reply,
      200,
      info.confirmed
        ? {
            lang: info.lang,
            title: t.withdrawTitle,
            text: [fill(t.withdrawText, { name: info.name })],
            form: { action: '/withdraw', token, button: t.withdrawButton },
            // Withdrawing the consent to show the name, alone, is one button too (GDPR art. 7(3)).
            // The full withdrawal stays the page's first form, the one the link's words promise.
            ...(info.namePublic && {
              aside: {
                title: t.hideNameTitle,
                text: [t.hideNameText],
                form: { action: '/hide-name', token, button: t.hideNameButton },
              },
            }),
          }
        : {
            lang: info.lang,
            title: t.withdrawPendingTitle,
            text: [t.withdrawPendingText],
            form: { action: '/withdraw', token, button: t.withdrawPendingButton },
            // The mail's «Fjern bare navnet mitt» leads here before confirming too: not showing the
            // name is then what that button does.
            ...(info.namePublic && {
              aside: {
                title: t.hideNameTitle,
                text: [t.hideNamePendingText],
                form: { action: '/hide-name', token, button: t.hideNameButton },
              },
            }),
          },
    );
  });

  // The buttons: the only requests that change anything. Each redirects to its result page.
  app.post<{ Body: (NonNullable<TokenRequest> & { seen?: unknown }) | undefined }>(
    '/confirm',
    button({ seen: 100 }),
    async (request, reply) => {
      const token = tokenOf(request.body?.token);
      const seen = request.body?.seen;
      // A page from before the digest (or a script's POST) sends none; a page that showed other
      // details than the row now holds confirms nothing and is shown again.
      const info = token
        ? await store.confirm(
            hashToken(token),
            undefined,
            typeof seen === 'string' ? (i) => seenOf(i) === seen : undefined,
          )
        : undefined;
      if (!info) return invalid(reply, langOf(request.body?.lang));
      if (info.changed) return send(reply, 409, confirmPage(info, token, true));
      return reply.header('cache-control', 'no-store').redirect(`/confirmed?lang=${info.lang}`, 303);
    },
  );
  // Each button's result page, and (`pending`) its page for a signature not yet confirmed:
  // withdrawing it is discarding it, and hiding a name never shown is withholding it.
  const actions = {
    withdraw: { run: (hash: string) => store.withdraw(hash), done: '/withdrawn', pending: '/discarded' },
    discard: { run: (hash: string) => store.discardPending(hash), done: '/discarded', pending: '/discarded' },
    // The withdraw token, which stays live: the signer may still withdraw fully later.
    'hide-name': { run: (hash: string) => store.hideName(hash), done: '/name-hidden', pending: '/name-withheld' },
  };
  for (const [action, { run, done, pending }] of Object.entries(actions)) {
    app.post<{ Body: TokenRequest }>(`/${action}`, button(), async (request, reply) => {
      const token = tokenOf(request.body?.token);
      const info = token ? await run(hashToken(token)) : undefined;
      if (!info) return invalid(reply, langOf(request.body?.lang));
      return reply
        .header('cache-control', 'no-store')
        .redirect(`${info.confirmed ? done : pending}?lang=${info.lang}`, 303);
    });
  }

  // The result pages: they change nothing, so reloading one shows it again.
  interface Result {
    title: string;
    text: string;
  }
  const results: Record<string, (lang: Lang) => Result | Promise<Result>> = {
    '/confirmed': async (lang) => ({
      title: texts[lang].confirmedTitle,
      text: fill(texts[lang].confirmedText, {
        count: new Intl.NumberFormat('nb-NO').format((await store.count(app.campaigns.current().id)).signatures),
      }),
    }),
    '/withdrawn': (lang) => ({ title: texts[lang].withdrawnTitle, text: texts[lang].withdrawnText }),
    '/discarded': (lang) => ({ title: texts[lang].discardedTitle, text: texts[lang].discardedText }),
    '/name-hidden': (lang) => ({ title: texts[lang].nameHiddenTitle, text: texts[lang].nameHiddenText }),
    '/name-withheld': (lang) => ({
      title: texts[lang].namePendingHiddenTitle,
      text: texts[lang].namePendingHiddenText,
    }),
  };
  for (const [path, result] of Object.entries(results)) {
    app.get<{ Querystring: TokenRequest }>(path, link, async (request, reply) => {
      const lang = langOf(request.query?.lang);
      const { title, text } = await result(lang);
      return send(reply, 200, { lang, title, text: [text] });
    });
  }
  done();
}
