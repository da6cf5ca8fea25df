import type { FastifyInstance, FastifyReply } from 'fastify';
import { langOf } from '../http/lang.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { labelOf } from '../councils/municipalities.js';
import { pagePolicy } from '../http/csp.js';
import { pageInput } from '../pages/input.js';
import { sendPage } from '../pages/send.js';
import { RELOAD_SCRIPT, page, type PageOptions } from './shell.js';
import type { Lang } from '../../contract/signature.js';
import type { TokenInfo } from '../store/index.js';
import { signersCampaign, signerTexts, type SignerTexts } from './texts.js';
import type { Campaign } from '../campaigns/campaigns.js';
import { fill } from '../../contract/fill.js';
import { hashToken } from './tokens.js';

const pagesJs = readFileSync(new URL('./reload.js', import.meta.url), 'utf8');

type TokenRequest = { token?: unknown; lang?: unknown } | undefined;
/** A result page's address: its language, and the campaign whose words it says. */
type ResultRequest = { lang?: unknown; campaign?: unknown } | undefined;
/** A token as sent, or '' for anything that cannot be one (it then matches nothing). */
const tokenOf = (value: unknown): string => (typeof value === 'string' && value.length <= 100 ? value : '');

/** What a signature says, as the signer would recognise it from the form. */
function details(info: TokenInfo, t: SignerTexts): [string, string][] {
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
 * Every page speaks of the campaign the signer signed, in its words (signerTexts): a token's page
 * of the token's campaign, a result page of the one its address names.
 */
export function signerPageRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  const { store, config, campaigns } = app;

  // no-store: no cache keeps a copy. (Chromium still keeps such pages for Back; pages.js reloads them.)
  const csp = pagePolicy({ script: true });
  const send = (reply: FastifyReply, status: number, options: PageOptions) =>
    sendPage(reply, page(options), { status, csp });
  /** A token's campaign, and what its signer reads. */
  const wordsOf = (info: TokenInfo): [Campaign, SignerTexts] => {
    const campaign = signersCampaign(campaigns, info.campaign);
    return [campaign, signerTexts(info.lang, campaign)];
  };

  /** What confirming means, the details, and the button; after a change, a word about it first. */
  const confirmPage = (info: TokenInfo, token: string, changed = false): PageOptions => {
    const [campaign, t] = wordsOf(info);
    return {
      lang: info.lang,
      campaign,
      title: t.confirmTitle,
      text: [
        changed ? t.changedText : t.confirmText,
        ...(info.amended ? [t.amendedText] : []),
        ...(info.namePublic ? [t.publicNameText] : []),
      ],
      details: details(info, t),
      form: { action: '/confirm', token, button: t.confirmButton, seen: seenOf(info) },
      aside: { title: t.wrongTitle, text: [t.wrongText], form: { action: '/discard', token, button: t.wrongButton } },
    };
  };

  // No token, no campaign of the signer's: the page names the current one (its description, its link).
  const invalid = (reply: FastifyReply, lang: Lang) => {
    const campaign = campaigns.current();
    const t = signerTexts(lang, campaign);
    return send(reply, 404, { lang, campaign, title: t.invalidTitle, text: [t.invalidText] });
  };
  const limited = { rateLimit: { max: config.writesPerMinute * 3, timeWindow: 60_000 } };
  const hide = { hide: true };
  // A token longer than any made, a language of more than a word: read as unknown (see tokenOf).
  const asked = { token: 100, lang: 20 };
  const link = { ...pageInput('querystring', asked), config: limited };
  // A result page's address: a campaign's id is at most 32 characters (CAMPAIGN_ID).
  const result = { ...pageInput('querystring', { lang: 20, campaign: 32 }), config: limited };
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
    const [campaign, t] = wordsOf(info);
    return send(
      reply,
      200,
      info.confirmed
        ? {
            lang: info.lang,
            campaign,
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
            campaign,
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
  /**
   * A result page's address: the signer's language, and their campaign's id unless it is the
   * current one (an address without one shows the current campaign: the addresses of its pages
   * stay as they were before there were campaigns).
   */
  const resultAddress = (path: string, info: TokenInfo): string =>
    `${path}?lang=${info.lang}${info.campaign === campaigns.current().id ? '' : `&campaign=${info.campaign}`}`;
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
      return reply.header('cache-control', 'no-store').redirect(resultAddress('/confirmed', info), 303);
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
        .redirect(resultAddress(info.confirmed ? done : pending, info), 303);
    });
  }

  // The result pages: they change nothing, so reloading one shows it again.
  interface Result {
    title: string;
    text: string;
  }
  const results: Record<string, (t: SignerTexts, campaign: Campaign) => Result | Promise<Result>> = {
    // The count of the campaign just confirmed.
    '/confirmed': async (t, campaign) => ({
      title: t.confirmedTitle,
      text: fill(t.confirmedText, {
        count: new Intl.NumberFormat('nb-NO').format((await store.count(campaign.id)).signatures),
      }),
    }),
    '/withdrawn': (t) => ({ title: t.withdrawnTitle, text: t.withdrawnText }),
    '/discarded': (t) => ({ title: t.discardedTitle, text: t.discardedText }),
    '/name-hidden': (t) => ({ title: t.nameHiddenTitle, text: t.nameHiddenText }),
    '/name-withheld': (t) => ({ title: t.namePendingHiddenTitle, text: t.namePendingHiddenText }),
  };
  for (const [path, said] of Object.entries(results)) {
    app.get<{ Querystring: ResultRequest }>(path, result, async (request, reply) => {
      const lang = langOf(request.query?.lang);
      // An id that names no campaign (or none, or one refused as too long): the current campaign.
      const asked = request.query?.campaign;
      const campaign = signersCampaign(campaigns, typeof asked === 'string' ? asked : undefined);
      const { title, text } = await said(signerTexts(lang, campaign), campaign);
      return send(reply, 200, { lang, campaign, title, text: [text] });
    });
  }
  done();
}
