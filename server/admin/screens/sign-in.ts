// Signing in by a link mailed to an address in ADMIN_EMAILS: the form, "check your e-mail", the
// link's page with its button (a mail scanner opening the link signs nobody in), its POST, and
// signing out.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Lang } from '../../../contract/signature.js';
import { fill } from '../../../contract/fill.js';
import { langOf } from '../../http/lang.js';
import { Limits } from '../../http/limits.js';
import { mailHtml } from '../../mail/html.js';
import { mailErrorCode } from '../../mail/mailer.js';
import { button, paragraphs, postForm, textField } from '../../pages/components.js';
import { pageInput } from '../../pages/input.js';
import { html } from '../../pages/template.js';
import { hashToken, newToken } from '../../signing/tokens.js';
import { FORM_FIELDS, addressProblem, formField } from '../fields.js';
import { languageOnly, redirect, sendAdminPage, sendForbidden, sendMessage, texts, type Form } from '../frame.js';
import { endSession, mayAdminister, sameOrigin, setSessionCookie } from '../session.js';

/** Sign-in mails one address can be sent per window; more requests get the same page and no mail. */
const LINKS_PER_ADDRESS = 5;
const LINK_WINDOW_MS = 15 * 60_000;

// The sign-in pages' addresses and forms: their language, and the link's token or the address typed.
const linked = { lang: FORM_FIELDS.lang, token: 100 };
const typed = pageInput('body', { lang: FORM_FIELDS.lang, email: 254 });

/** The sign-in form; with what was typed and its problem after a mistake. */
export function sendSignIn(reply: FastifyReply, lang: Lang, entered?: { email: string; error: string }) {
  const t = texts(lang);
  const error = entered?.error || undefined;
  return sendAdminPage(reply, error ? 422 : 200, {
    lang,
    path: '/admin',
    title: t.signInTitle,
    errors: error ? { heading: t.errorSummaryContinue, list: [{ href: '#email', text: error }] } : undefined,
    main: html`${paragraphs([t.signInLead])}
${postForm({
  action: '/admin/sign-in-link',
  lang,
  content: html`${textField({ id: 'email', name: 'email', label: t.emailLabel, hint: t.emailHint, value: entered?.email, error, type: 'email', autocomplete: 'email', required: true })}
${button(t.signInButton)}`,
})}`,
  });
}

const sendLinkInvalid = (reply: FastifyReply, lang: Lang) =>
  sendMessage(reply, 404, {
    lang,
    path: '/admin',
    title: texts(lang).linkInvalidTitle,
    text: texts(lang).linkInvalidText,
    onwards: texts(lang).anotherLink,
  });

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify's async plugin form: it registers routes and needs no done()
export async function signInScreens(app: FastifyInstance): Promise<void> {
  const { store, config, mailer } = app;
  const limits = new Limits(store);

  /**
   * Whether this address may be sent one more link now (at most LINKS_PER_ADDRESS per window,
   * counted across every instance). Every address typed is counted, listed or not, so that both
   * take the same work; by its SHA-256, so no stranger's address is kept.
   */
  async function mayMail(email: string): Promise<boolean> {
    const key = `admin-link ${createHash('sha256').update(email).digest('base64url')}`;
    return (await limits.hit(key, LINK_WINDOW_MS)).current <= LINKS_PER_ADDRESS;
  }

  /** The sign-in mail, sent after the answer, so its time does not tell; a lost mail is asked for again. */
  function mailLink(email: string, token: string, lang: Lang) {
    const t = texts(lang);
    const link = `${config.publicUrl}/admin/sign-in?token=${encodeURIComponent(token)}&lang=${lang}`;
    const values = { minutes: config.adminLinkMinutes };
    setImmediate(() => {
      mailer
        .send({
          to: email,
          subject: t.mailSubject,
          text: fill(t.mailText, { ...values, link }),
          html: mailHtml(t.mailText, values, { link: { href: link, text: t.mailLinkText } }, lang, t.mailSubject),
        })
        .catch((err: unknown) => {
          app.log.warn({ error: mailErrorCode(err) }, 'admin sign-in mail failed');
        });
    });
  }

  app.post<{ Body: Form }>(
    '/admin/sign-in-link',
    { ...typed, config: { rateLimit: { max: config.writesPerMinute, timeWindow: 60_000 } } },
    async (request, reply) => {
      const lang = langOf(request.body?.lang);
      if (!sameOrigin(app, request)) return sendForbidden(reply, lang);
      const typed = formField(request.body?.email, 254);
      const problem = addressProblem(typed, texts(lang).errorEmail, texts(lang).errorEmailFormat);
      if (problem) return sendSignIn(reply, lang, { email: typed, error: problem });
      const email = typed.trim().toLowerCase();
      // The same work and the same answer for every address: a token is made and one transaction
      // committed either way; only a listed address (within its limit) gets the link stored and mailed.
      const { token, hash } = newToken();
      const mailIt = (await mayMail(email)) && mayAdminister(app, email);
      const expires = new Date(Date.now() + config.adminLinkMinutes * 60_000);
      await store.adminLinkRequested(hash, mailIt ? email : undefined, expires);
      if (mailIt) mailLink(email, token, lang);
      return redirect(reply, `/admin/check-mail?lang=${lang}`);
    },
  );

  app.get<{ Querystring: Form }>('/admin/check-mail', languageOnly, async (request, reply) => {
    const lang = langOf(request.query?.lang);
    const t = texts(lang);
    return sendMessage(reply, 200, {
      lang,
      path: '/admin/check-mail',
      title: t.checkMailTitle,
      text: fill(t.checkMailText, { minutes: config.adminLinkMinutes }),
      onwards: t.anotherLink,
    });
  });

  const limited = { rateLimit: { max: config.writesPerMinute * 3, timeWindow: 60_000 } };
  const link = { ...pageInput('querystring', linked), config: limited };
  const pressed = { ...pageInput('body', linked), config: limited };
  app.get<{ Querystring: Form }>('/admin/sign-in', link, async (request, reply) => {
    const lang = langOf(request.query?.lang);
    const token = formField(request.query?.token, 100);
    if (!token || (await store.adminLink(hashToken(token))) === undefined) return sendLinkInvalid(reply, lang);
    const t = texts(lang);
    return sendAdminPage(reply, 200, {
      lang,
      path: '/admin',
      title: t.linkTitle,
      main: html`${paragraphs([t.linkText])}
${postForm({ action: '/admin/sign-in', lang, hidden: { token }, content: button(t.linkButton) })}`,
    });
  });

  app.post<{ Body: Form }>('/admin/sign-in', pressed, async (request, reply) => {
    const lang = langOf(request.body?.lang);
    if (!sameOrigin(app, request)) return sendForbidden(reply, lang);
    const token = formField(request.body?.token, 100);
    const session = newToken();
    const email = token ? await store.adminSignIn(hashToken(token), session.hash) : undefined;
    if (email === undefined) return sendLinkInvalid(reply, lang);
    setSessionCookie(app, reply, session.token);
    return redirect(reply, `/admin?lang=${lang}`);
  });

  app.post<{ Body: Form }>('/admin/sign-out', pageInput('body', FORM_FIELDS), async (request, reply) => {
    const lang = langOf(request.body?.lang);
    // Signing out always works from this site's own page, even once the session has run out (no
    // CSRF token needed: ending a session is all it can do): the cookie goes, and its session row
    // with it, logged when there was one.
    if (!sameOrigin(app, request)) return sendForbidden(reply, lang);
    await endSession(app, request, reply);
    return redirect(reply, `/admin/signed-out?lang=${lang}`);
  });

  app.get<{ Querystring: Form }>('/admin/signed-out', languageOnly, async (request, reply) => {
    const lang = langOf(request.query?.lang);
    const t = texts(lang);
    return sendMessage(reply, 200, {
      lang,
      path: '/admin/signed-out',
      title: t.signedOutTitle,
      text: t.signedOutText,
      onwards: t.signInAgain,
    });
  });
}
