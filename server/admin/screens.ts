import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { langOf } from '../http/lang.js';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Lang } from '../../contract/signature.js';
import { mailHtml } from '../mail/html.js';
import { mailErrorCode } from '../mail/mailer.js';
import { mailboxOf } from '../mail/mailbox.js';
import { Limits } from '../http/limits.js';
import { codesOfCouncil } from '../councils/local.js';
import { councilChoices, councilOf, isKnownCode, labelOf, placeOf } from '../councils/municipalities.js';
import { newToken, hashToken, sameSecret } from '../signing/tokens.js';
import {
  EXPORT_FILE,
  LINK_MAX,
  NAMES_PER_DECISION,
  adoptionErrors,
  decideNames,
  hasControl,
  erasable,
  eraseSigner,
  nameKey,
  signaturesCsv,
} from './operations.js';
import { CONTROLS, type Role } from '../../contract/signature.js';
import {
  ADMIN_CSP,
  adminPage,
  alert,
  button,
  e,
  fill,
  postForm,
  table,
  textField,
  texts,
  type AdminPage,
  type FieldError,
  type Section,
  type SignedIn,
} from './page.js';

const css = (path: string) => readFileSync(path, 'utf8');
const resolve = createRequire(import.meta.url).resolve;
// Designsystemet's theme (its default, "designsystemet") and its components, as one file.
const designsystemetCss = `${css(resolve('@digdir/designsystemet-css/theme.css'))}\n${css(resolve('@digdir/designsystemet-css'))}`;
const adminCss = readFileSync(new URL('./admin.css', import.meta.url), 'utf8');

/** The audit log's entries per page. */
const LOG_PER_PAGE = 100;

/** The waiting names one screen lists (and its buttons for all of them decide at most). */
const NAMES_PER_SCREEN = 100;

/** Sign-in mails one address can be sent per window; more requests get the same page and no mail. */
const LINKS_PER_ADDRESS = 5;
const LINK_WINDOW_MS = 15 * 60_000;

/** A form field's text, or '' for anything else (a form never sends more than ~500 characters). */
const field = (value: unknown, max = 500): string => (typeof value === 'string' && value.length <= max ? value : '');

type Form = Partial<Record<string, unknown>> | undefined;

/**
 * What the browser's `type="email"` caught before the forms said `novalidate`: something, an @,
 * and a domain with a dot. The page's own words say what is wrong; whether an address is known is
 * never told here.
 */
const looksLikeAddress = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/** An e-mail field's problem, in the page's words: empty, or not an address; '' when neither. */
const addressProblem = (value: string, empty: string, malformed: string): string =>
  value.trim() === '' ? empty : looksLikeAddress(value.trim()) ? '' : malformed;

/** "31.05.2023" or "2023-05-31" as YYYY-MM-DD; '' when it is not a real date. */
export function isoDate(input: string): string {
  const s = input.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) ?? null;
  const n = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const [y, mo, d] = m ? [m[1], m[2], m[3]] : n ? [n[3], n[2].padStart(2, '0'), n[1].padStart(2, '0')] : [];
  if (!y || !mo || !d) return '';
  const iso = `${y}-${mo}-${d}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : '';
}

/** YYYY-MM-DD as Norwegians write it: 31.05.2023. */
const norwegianDate = (iso: string) => iso.split('-').reverse().join('.');
const when = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Oslo' });
const number = new Intl.NumberFormat('nb-NO');

/** The session cookie's name: `__Host-` (https only, no Domain, Path=/) wherever the browser allows it. */
const cookieName = (https: boolean) => (https ? '__Host-valgloftet-admin' : 'valgloftet-admin');

/** The CSRF token of a session: derived from its secret, so it is tied to it and stored nowhere. */
const csrfOf = (sessionToken: string) => createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');

/**
 * What a POST did, as its redirect carries it to the page that says so (`erased-1`), signed with
 * the session's secret: only this service makes one, and only for this session, so no link can
 * make the page say "999 erased". A result that is not signed so is not shown.
 */
const signedResult = (sessionToken: string, result: string) =>
  `${result}.${createHmac('sha256', sessionToken).update(`result:${result}`).digest('base64url').slice(0, 22)}`;

function cookieValue(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * KS's admin page, /admin: sign-in by a one-time link mailed to an address in ADMIN_EMAILS, then
 * adoptions, statistics, export, erasure and the audit log, in bokmål and nynorsk. Forms POST and
 * redirect (POST–redirect–GET); no script. Every POST that changes anything needs the session's
 * cookie, its CSRF token and a same-origin request (Origin, Sec-Fetch-Site); anything else gets a
 * 403 page and changes nothing.
 */
export function adminPageRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  const { store, config, mailer } = app;
  const hide = { hide: true };
  const https = () => config.publicUrl.startsWith('https://');
  const idleMs = () => config.adminIdleMinutes * 60_000;
  const maxMs = () => config.adminSessionHours * 3600_000;
  const listed = (email: string) => config.adminEmails.includes(email.trim().toLowerCase());

  const send = (reply: FastifyReply, status: number, page: AdminPage) =>
    reply
      .code(status)
      .header('content-security-policy', ADMIN_CSP)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(adminPage(page));

  const message = (
    reply: FastifyReply,
    status: number,
    lang: Lang,
    path: string,
    title: string,
    text: string,
    link: [string, string],
  ) =>
    send(reply, status, {
      lang,
      path,
      title,
      body: `<p class="ds-paragraph">${e(text)}</p>\n<p class="ds-paragraph"><a class="ds-link" href="${e(link[0])}">${e(link[1])}</a></p>`,
    });

  const forbidden = (reply: FastifyReply, lang: Lang) =>
    message(reply, 403, lang, '/admin', texts(lang).forbiddenTitle, texts(lang).forbiddenText, [
      `/admin?lang=${lang}`,
      texts(lang).backToAdmin,
    ]);

  /** The signed-in admin, with their session's token; the session's idle time starts again. */
  async function session(request: FastifyRequest): Promise<(SignedIn & { token: string }) | undefined> {
    const token = cookieValue(request, cookieName(https()));
    if (!token || token.length > 100) return undefined;
    const email = await store.adminSession(hashToken(token), idleMs(), maxMs());
    // An address taken off ADMIN_EMAILS (and the service restarted) has no session any more.
    return email === undefined || !listed(email) ? undefined : { email, csrf: csrfOf(token), token };
  }

  /**
   * A request made by this site's own page. Sec-Fetch-Site, where the browser sends it, must say
   * same-origin; Origin, where it names one, must be ours. Under Referrer-Policy no-referrer a
   * browser sends `Origin: null` with a form's POST, so "null" names none; a request with neither
   * header to go by is refused.
   */
  function sameOrigin(request: FastifyRequest): boolean {
    const origin = request.headers.origin === 'null' ? undefined : request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    if (origin !== undefined && origin !== new URL(config.publicUrl).origin) return false;
    if (site !== undefined) return site === 'same-origin';
    return origin !== undefined;
  }

  /** The admin behind a state-changing POST, or undefined (then answer 403): session, origin, CSRF token. */
  async function authorised(
    request: FastifyRequest<{ Body: Form }>,
  ): Promise<(SignedIn & { token: string }) | undefined> {
    if (!sameOrigin(request)) return undefined;
    const who = await session(request);
    const csrf = field(request.body?.csrf, 100);
    if (!who || !csrf || !sameSecret(csrf, who.csrf)) return undefined;
    return who;
  }

  app.get('/admin/designsystemet.css', { schema: hide }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(designsystemetCss),
  );
  app.get('/admin/admin.css', { schema: hide }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(adminCss),
  );

  // Signing in: the form, "check your e-mail", the link's page with its button, and its POST.
  const signInPage = (reply: FastifyReply, lang: Lang, entered?: { email: string; error: string }) => {
    const t = texts(lang);
    const error = entered?.error || undefined;
    return send(reply, error ? 422 : 200, {
      lang,
      path: '/admin',
      title: t.signInTitle,
      errors: error ? { heading: t.errorSummaryContinue, list: [{ href: '#email', text: error }] } : undefined,
      body: `<p class="ds-paragraph">${e(t.signInLead)}</p>
${postForm(
  '/admin/sign-in-link',
  lang,
  undefined,
  `${textField({ id: 'email', name: 'email', label: t.emailLabel, hint: t.emailHint, value: entered?.email, error, type: 'email', autocomplete: 'email', required: true })}
${button(t.signInButton)}`,
)}`,
    });
  };

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

  app.post<{ Body: Form }>(
    '/admin/sign-in-link',
    { schema: hide, config: { rateLimit: { max: config.writesPerMinute, timeWindow: 60_000 } } },
    async (request, reply) => {
      const lang = langOf(request.body?.lang);
      if (!sameOrigin(request)) return forbidden(reply, lang);
      const typed = field(request.body?.email, 254);
      const problem = addressProblem(typed, texts(lang).errorEmail, texts(lang).errorEmailFormat);
      if (problem) return signInPage(reply, lang, { email: typed, error: problem });
      const email = typed.trim().toLowerCase();
      // The same work and the same answer for every address: a token is made and one transaction
      // committed either way; only a listed address (within its limit) gets the link stored and mailed.
      const { token, hash } = newToken();
      const mailIt = (await mayMail(email)) && listed(email);
      await store.adminLinkRequested(
        hash,
        mailIt ? email : undefined,
        new Date(Date.now() + config.adminLinkMinutes * 60_000),
      );
      if (mailIt) {
        // Sent after the answer, so its time does not tell; a lost mail is asked for again.
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
      return reply.header('cache-control', 'no-store').redirect(`/admin/check-mail?lang=${lang}`, 303);
    },
  );

  app.get<{ Querystring: Form }>('/admin/check-mail', { schema: hide }, async (request, reply) => {
    const lang = langOf(request.query?.lang);
    const t = texts(lang);
    return message(
      reply,
      200,
      lang,
      '/admin/check-mail',
      t.checkMailTitle,
      fill(t.checkMailText, { minutes: config.adminLinkMinutes }),
      [`/admin?lang=${lang}`, t.anotherLink],
    );
  });

  const linkInvalid = (reply: FastifyReply, lang: Lang) =>
    message(reply, 404, lang, '/admin', texts(lang).linkInvalidTitle, texts(lang).linkInvalidText, [
      `/admin?lang=${lang}`,
      texts(lang).anotherLink,
    ]);

  const limited = { rateLimit: { max: config.writesPerMinute * 3, timeWindow: 60_000 } };
  app.get<{ Querystring: Form }>('/admin/sign-in', { schema: hide, config: limited }, async (request, reply) => {
    const lang = langOf(request.query?.lang);
    const token = field(request.query?.token, 100);
    if (!token || (await store.adminLink(hashToken(token))) === undefined) return linkInvalid(reply, lang);
    const t = texts(lang);
    return send(reply, 200, {
      lang,
      path: '/admin',
      title: t.linkTitle,
      body: `<p class="ds-paragraph">${e(t.linkText)}</p>
${postForm('/admin/sign-in', lang, undefined, `<input type="hidden" name="token" value="${e(token)}">\n${button(t.linkButton)}`)}`,
    });
  });

  app.post<{ Body: Form }>('/admin/sign-in', { schema: hide, config: limited }, async (request, reply) => {
    const lang = langOf(request.body?.lang);
    if (!sameOrigin(request)) return forbidden(reply, lang);
    const token = field(request.body?.token, 100);
    const session = newToken();
    const email = token ? await store.adminSignIn(hashToken(token), session.hash) : undefined;
    if (email === undefined) return linkInvalid(reply, lang);
    const flags = `Path=/; HttpOnly; SameSite=Strict${https() ? '; Secure' : ''}`;
    return reply
      .header('set-cookie', `${cookieName(https())}=${session.token}; ${flags}`)
      .header('cache-control', 'no-store')
      .redirect(`/admin?lang=${lang}`, 303);
  });

  app.post<{ Body: Form }>('/admin/sign-out', { schema: hide }, async (request, reply) => {
    const lang = langOf(request.body?.lang);
    // Signing out always works from this site's own page, even once the session has run out (no
    // CSRF token needed: ending a session is all it can do): the cookie goes, and its session row
    // with it, logged when there was one.
    if (!sameOrigin(request)) return forbidden(reply, lang);
    const token = cookieValue(request, cookieName(https()));
    if (token && token.length <= 100) await store.adminSignOut(hashToken(token));
    const flags = `Path=/; HttpOnly; SameSite=Strict${https() ? '; Secure' : ''}; Max-Age=0`;
    return reply
      .header('set-cookie', `${cookieName(https())}=; ${flags}`)
      .header('cache-control', 'no-store')
      .redirect(`/admin/signed-out?lang=${lang}`, 303);
  });

  app.get<{ Querystring: Form }>('/admin/signed-out', { schema: hide }, async (request, reply) => {
    const lang = langOf(request.query?.lang);
    const t = texts(lang);
    return message(reply, 200, lang, '/admin/signed-out', t.signedOutTitle, t.signedOutText, [
      `/admin?lang=${lang}`,
      t.signInAgain,
    ]);
  });

  /** A signed-in page: its section, title and body; without a session, the sign-in form. */
  interface Page {
    title: string;
    body: string;
  }
  function signedInPage(
    path: string,
    section: Section,
    render: (lang: Lang, who: SignedIn & { token: string }, query: Form) => Page | Promise<Page>,
  ) {
    app.get<{ Querystring: Form }>(path, { schema: hide }, async (request, reply) => {
      const lang = langOf(request.query?.lang);
      const who = await session(request);
      if (!who) {
        if (path === '/admin') return signInPage(reply, lang);
        return reply.header('cache-control', 'no-store').redirect(`/admin?lang=${lang}`, 303);
      }
      const { title, body } = await render(lang, who, request.query);
      return send(reply, 200, { lang, path, title, body, signedIn: who, section });
    });
  }

  /** The page that tells what a POST did: `path` with its result, signed for this session. */
  const resultPage = (path: string, lang: Lang, who: { token: string }, result: string) =>
    `${path}?lang=${lang}&done=${signedResult(who.token, result)}`;

  /** The message for what this session's last POST did, if the address carries it signed. */
  const doneMessages = (lang: Lang, query: Form, who: { token: string }): string => {
    const done = field(query?.done, 100);
    const result = done.slice(0, done.lastIndexOf('.'));
    if (!result || !sameSecret(done, signedResult(who.token, result))) return '';
    const t = texts(lang);
    const [key, count] = result.split('-');
    const n = Number(count);
    const decided = (one: string, many: string) => (n === 0 ? t.doneDecidedNone : n === 1 ? one : fill(many, { n }));
    const text: Partial<Record<string, string>> = {
      recorded: t.doneRecorded,
      updated: t.doneUpdated,
      removed: t.doneRemoved,
      erased: n > 0 ? fill(t.doneErased, { n }) : t.doneErasedNone,
      approved: decided(t.doneApprovedOne, t.doneApprovedMany),
      rejected: decided(t.doneRejectedOne, t.doneRejectedMany),
    };
    return text[key] ? alert(text[key]) : '';
  };

  // Adoptions.

  interface AdoptionForm {
    municipality: string;
    date: string;
    link: string;
    errors: Partial<Record<'municipality' | 'date' | 'link', string>>;
  }

  /** An adoption form's problems for the page's error summary, in the order of the fields. */
  const adoptionErrorList = (lang: Lang, { errors }: AdoptionForm): AdminPage['errors'] => ({
    heading: texts(lang).errorSummary,
    list: (['municipality', 'date', 'link'] as const).flatMap((k): FieldError[] =>
      errors[k] ? [{ href: `#${k}`, text: errors[k] }] : [],
    ),
  });

  function adoptionForm(lang: Lang, csrf: string, form: AdoptionForm, editing: boolean): string {
    const t = texts(lang);
    const { errors } = form;
    // Found by typing any of a council's names; the chosen one is marked once, on its first option.
    const chosen = councilChoices.find((c) => c.code === councilOf(form.municipality));
    const options = councilChoices
      .map((c) => `<option value="${c.code}"${c === chosen ? ' selected' : ''}>${e(c.label)}</option>`)
      .join('');
    // Editing, the council stays: shown under its label, sent as it is.
    const municipalityField = editing
      ? `<dl class="fixed-field"><dt class="ds-label">${e(t.municipalityLabel)}</dt><dd class="ds-paragraph">${e(labelOf(form.municipality))}</dd></dl>
<input type="hidden" name="editing" value="1">
<input type="hidden" name="municipality" value="${e(form.municipality)}">`
      : `<div class="ds-field">
<label class="ds-label" for="municipality">${e(t.municipalityLabel)}</label>
${errors.municipality ? `<p class="ds-validation-message" data-field="validation" id="municipality-error">${e(errors.municipality)}</p>` : ''}
<select class="ds-input" id="municipality" name="municipality"${errors.municipality ? ' aria-invalid="true" aria-describedby="municipality-error"' : ''}>
<option value="">${e(t.municipalityChoose)}</option>${options}
</select>
</div>`;
    return postForm(
      '/admin/adoptions',
      lang,
      csrf,
      `${municipalityField}
${textField({ id: 'date', name: 'date', label: t.dateLabel, hint: t.dateHint, value: form.date, error: errors.date, autocomplete: 'off' })}
${textField({ id: 'link', name: 'link', label: t.linkLabel, hint: t.linkHint, value: form.link, error: errors.link, type: 'url', autocomplete: 'off' })}
<div class="actions">${button(t.save)}${editing ? `<a class="ds-link" href="/admin?lang=${lang}">${e(t.cancel)}</a>` : ''}</div>`,
    );
  }

  async function adoptionsBody(
    lang: Lang,
    who: SignedIn & { token: string },
    query: Form,
    form?: AdoptionForm,
  ): Promise<string> {
    const t = texts(lang);
    const list = await store.adoptionsNewestFirst();
    const rows = list.map((a) => [
      e(labelOf(a.council)),
      e(norwegianDate(a.adopted_on)),
      a.link
        ? `<a class="ds-link" href="${e(a.link)}" rel="noreferrer">${e(t.decision)}<span class="ds-sr-only"> – ${e(labelOf(a.council))}</span></a>`
        : '',
      `<div class="actions"><a class="ds-link" href="/admin/adoptions/${a.council}/edit?lang=${lang}">${e(t.edit)}<span class="ds-sr-only"> – ${e(labelOf(a.council))}</span></a>
<a class="ds-link" href="/admin/adoptions/${a.council}/remove?lang=${lang}">${e(t.remove)}<span class="ds-sr-only"> – ${e(labelOf(a.council))}</span></a></div>`,
    ]);
    const waiting = await store.waitingNameCount();
    return `${doneMessages(lang, query, who)}
<p class="ds-paragraph">${e(waiting ? fill(t.namesWaiting, { n: number.format(waiting) }) : t.namesNone)}${
      waiting ? ` <a class="ds-link" href="/admin/names?lang=${lang}">${e(t.toNames)}</a>` : ''
    }</p>
<p class="ds-paragraph">${e(t.adoptionsLead)}</p>
<section>
<h2 class="ds-heading" data-size="md" id="new-adoption">${e(t.newAdoption)}</h2>
${adoptionForm(lang, who.csrf, form ?? { municipality: '', date: '', link: '', errors: {} }, false)}
</section>
<section>
<h2 class="ds-heading" data-size="md" id="adoptions-list">${e(t.adoptionsCaption)}</h2>
${rows.length ? table(t.adoptionsCaption, [t.colCouncil, t.colDate, t.colLink, t.colActions], rows, [], { hideCaption: true }) : `<p class="ds-paragraph">${e(t.noAdoptions)}</p>`}
</section>`;
  }

  signedInPage('/admin', 'adoptions', async (lang, who, query) => ({
    title: texts(lang).adoptionsTitle,
    body: await adoptionsBody(lang, who, query),
  }));

  app.post<{ Body: Form }>('/admin/adoptions', { schema: hide }, async (request, reply) => {
    const lang = langOf(request.body?.lang);
    const who = await authorised(request);
    if (!who) return forbidden(reply, lang);
    const t = texts(lang);
    const municipality = field(request.body?.municipality, 10);
    const rawDate = field(request.body?.date, 40);
    // Taken whole, however long: a link over LINK_MAX is told at its field, never dropped.
    const link = field(request.body?.link, Infinity).trim();
    const date = isoDate(rawDate);
    const problems = adoptionErrors(municipality, date || '0000-00-00', link === '' ? undefined : link);
    if (Object.keys(problems).length) {
      const errors = {
        ...(problems.municipality && { municipality: t.errorMunicipality }),
        ...(problems.date && { date: t.errorDate }),
        ...(problems.link && {
          link:
            problems.link === 'too_long'
              ? fill(t.errorLinkTooLong, { max: LINK_MAX })
              : hasControl(link)
                ? t.errorControl
                : t.errorLink,
        }),
      };
      // A control character is not shown again (the field says it was there).
      const form = { municipality, date: rawDate, link: link.replace(new RegExp(`[${CONTROLS}]`, 'g'), ''), errors };
      const editing =
        (await store.adoptions()).some((a) => a.council === councilOf(municipality)) &&
        field(request.body?.editing, 1) === '1';
      return send(reply, 422, {
        lang,
        path: '/admin',
        title: editing ? t.editAdoption : t.adoptionsTitle,
        errors: adoptionErrorList(lang, form),
        body: editing ? adoptionForm(lang, who.csrf, form, true) : await adoptionsBody(lang, who, undefined, form),
        signedIn: who,
        section: 'adoptions',
      });
    }
    const council = councilOf(municipality);
    const result = await store.recordAdoption(council, date, link || null);
    await store.audit(who.email, result === 'created' ? 'adoption-recorded' : 'adoption-updated', council);
    return reply
      .header('cache-control', 'no-store')
      .redirect(resultPage('/admin', lang, who, result === 'created' ? 'recorded' : 'updated'), 303);
  });

  const adoptionOf = async (code: string) => (await store.adoptions()).find((a) => a.council === code);

  app.get<{ Params: { code: string }; Querystring: Form }>(
    '/admin/adoptions/:code/edit',
    { schema: hide },
    async (request, reply) => {
      const lang = langOf(request.query?.lang);
      const who = await session(request);
      if (!who) return reply.header('cache-control', 'no-store').redirect(`/admin?lang=${lang}`, 303);
      const adoption = await adoptionOf(request.params.code);
      if (!adoption) return reply.header('cache-control', 'no-store').redirect(`/admin?lang=${lang}`, 303);
      const t = texts(lang);
      const form = {
        municipality: adoption.council,
        date: norwegianDate(adoption.adopted_on),
        link: adoption.link ?? '',
        errors: {},
      };
      return send(reply, 200, {
        lang,
        path: `/admin/adoptions/${adoption.council}/edit`,
        title: t.editAdoption,
        body: adoptionForm(lang, who.csrf, form, true),
        signedIn: who,
        section: 'adoptions',
      });
    },
  );

  app.get<{ Params: { code: string }; Querystring: Form }>(
    '/admin/adoptions/:code/remove',
    { schema: hide },
    async (request, reply) => {
      const lang = langOf(request.query?.lang);
      const who = await session(request);
      const adoption = who && (await adoptionOf(request.params.code));
      if (!who || !adoption) return reply.header('cache-control', 'no-store').redirect(`/admin?lang=${lang}`, 303);
      const t = texts(lang);
      return send(reply, 200, {
        lang,
        path: `/admin/adoptions/${adoption.council}/remove`,
        title: t.removeTitle,
        body: `<p class="ds-paragraph">${e(fill(t.removeText, { council: labelOf(adoption.council), date: norwegianDate(adoption.adopted_on) }))}</p>
<div class="actions">${postForm(`/admin/adoptions/${adoption.council}/remove`, lang, who.csrf, button(t.removeButton, 'primary', 'danger'))}
<a class="ds-link" href="/admin?lang=${lang}">${e(t.cancel)}</a></div>`,
        signedIn: who,
        section: 'adoptions',
      });
    },
  );

  app.post<{ Params: { code: string }; Body: Form }>(
    '/admin/adoptions/:code/remove',
    { schema: hide },
    async (request, reply) => {
      const lang = langOf(request.body?.lang);
      const who = await authorised(request);
      if (!who) return forbidden(reply, lang);
      // Only a code of the list is a council (a path can carry anything, a NUL too).
      const council = isKnownCode(request.params.code) ? councilOf(request.params.code) : undefined;
      if (council && (await store.deleteAdoption(council))) await store.audit(who.email, 'adoption-removed', council);
      return reply.header('cache-control', 'no-store').redirect(resultPage('/admin', lang, who, 'removed'), 303);
    },
  );

  // Names waiting for KS's approval: shown nowhere until approved. Never an address here.
  const roleOf = (lang: Lang, role: Role) =>
    role === 'candidate' ? texts(lang).roleCandidate : texts(lang).roleElected;

  /** A form whose button decides the names `keys` lists (space-separated), keeping the screen's filter. */
  const decisionForm = (
    lang: Lang,
    csrf: string,
    decision: 'approve' | 'reject',
    keys: string[],
    council: string,
    label: string,
  ) =>
    postForm(
      `/admin/names/${decision}`,
      lang,
      csrf,
      `<input type="hidden" name="keys" value="${e(keys.join(' '))}">${council ? `\n<input type="hidden" name="council" value="${e(council)}">` : ''}
<button type="submit" class="ds-button" data-variant="${decision === 'approve' ? 'primary' : 'secondary'}"${decision === 'reject' ? ' data-color="danger"' : ''}>${label}</button>`,
    );

  signedInPage('/admin/names', 'names', async (lang, who, query) => {
    const t = texts(lang);
    const asked = field(query?.council, 10);
    const council = isKnownCode(asked) ? councilOf(asked) : '';
    const [waiting, names] = await Promise.all([
      store.waitingNameCount(),
      store.waitingNames(NAMES_PER_SCREEN, council ? codesOfCouncil(council) : undefined),
    ]);
    // As on the adoptions screen: found by typing any of a council's names, marked once.
    const chosen = councilChoices.find((c) => c.code === council);
    const options = councilChoices
      .map((c) => `<option value="${c.code}"${c === chosen ? ' selected' : ''}>${e(c.label)}</option>`)
      .join('');
    const filter = `<form method="get" action="/admin/names" class="filter">
<input type="hidden" name="lang" value="${lang}">
<div class="ds-field">
<label class="ds-label" for="council">${e(t.namesFilterLabel)}</label>
<select class="ds-input" id="council" name="council">
<option value="">${e(t.namesFilterAll)}</option>${options}
</select>
</div>
${button(t.namesFilterButton, 'secondary')}
</form>`;
    const status = waiting
      ? fill(t.namesWaiting, { n: number.format(waiting) }) +
        (names.length === NAMES_PER_SCREEN ? ` ${fill(t.namesShown, { shown: NAMES_PER_SCREEN })}` : '')
      : t.namesNone;
    const keys = names.map(nameKey);
    const rows = names.map((n, i) => {
      // Each button says whose name it decides, to a screen reader (the table's rows read alike).
      const whose = `<span class="ds-sr-only"> – ${e(n.name)}</span>`;
      return [
        e(n.name),
        e(roleOf(lang, n.role)),
        e(labelOf(councilOf(n.municipality))),
        e(when.format(new Date(n.confirmed_at))),
        `<div class="actions">${decisionForm(lang, who.csrf, 'approve', [keys[i]], council, `${e(t.approve)}${whose}`)}
${decisionForm(lang, who.csrf, 'reject', [keys[i]], council, `${e(t.reject)}${whose}`)}</div>`,
      ];
    });
    const all =
      names.length > 1
        ? `<section>
<h2 class="ds-heading" data-size="sm" id="names-all">${e(t.namesAllTitle)}</h2>
<p class="ds-paragraph">${e(t.namesAllText)}</p>
<div class="actions">${decisionForm(lang, who.csrf, 'approve', keys, council, e(fill(t.approveAll, { n: names.length })))}
${decisionForm(lang, who.csrf, 'reject', keys, council, e(fill(t.rejectAll, { n: names.length })))}</div>
</section>`
        : '';
    return {
      title: t.namesTitle,
      body: `${doneMessages(lang, query, who)}
<p class="ds-paragraph">${e(t.namesLead)}</p>
${filter}
<p class="ds-paragraph" id="names-status"><strong>${e(status)}</strong></p>
${
  rows.length
    ? `<section>${table(t.namesCaption, [t.colName, t.colRole, t.colCouncil, t.colConfirmedAt, t.colActions], rows)}</section>
${all}`
    : waiting && council
      ? `<p class="ds-paragraph">${e(t.namesNoneHere)}</p>`
      : ''
}`,
    };
  });

  for (const decision of ['approve', 'reject'] as const) {
    app.post<{ Body: Form }>(`/admin/names/${decision}`, { schema: hide }, async (request, reply) => {
      const lang = langOf(request.body?.lang);
      const who = await authorised(request);
      if (!who) return forbidden(reply, lang);
      // Exactly the names the screen listed, each only while it waits as it was shown: a name
      // that arrived after the screen was drawn, or changed since, is not among them.
      const keys = field(request.body?.keys, NAMES_PER_DECISION * 40)
        .split(' ')
        .filter(Boolean);
      const n = await decideNames(store, decision, keys);
      // The log says how many, never whose names.
      await store.audit(who.email, decision === 'approve' ? 'names-approved' : 'names-rejected', String(n));
      const asked = field(request.body?.council, 10);
      const back = resultPage('/admin/names', lang, who, `${decision === 'approve' ? 'approved' : 'rejected'}-${n}`);
      return reply
        .header('cache-control', 'no-store')
        .redirect(isKnownCode(asked) ? `${back}&council=${councilOf(asked)}` : back, 303);
    });
  }

  // Statistics: no names, no addresses; counts by county, by municipality and by day.
  signedInPage('/admin/statistics', 'statistics', async (lang) => {
    const t = texts(lang);
    const byPlace = await store.signaturesByPlace();
    const counties = new Map<string, { confirmed: number; unconfirmed: number }>();
    let confirmed = 0;
    let unconfirmed = 0;
    for (const row of byPlace) {
      const county = placeOf(row.municipality)?.county ?? row.municipality;
      const entry = counties.get(county) ?? { confirmed: 0, unconfirmed: 0 };
      entry.confirmed += row.confirmed;
      entry.unconfirmed += row.unconfirmed;
      counties.set(county, entry);
      confirmed += row.confirmed;
      unconfirmed += row.unconfirmed;
    }
    const countyName = (code: string) => placeOf(code)?.name ?? code;
    const countyRows = [...counties]
      .sort(([a], [b]) => countyName(a).localeCompare(countyName(b), 'nb'))
      .map(([code, c]) => [e(countyName(code)), number.format(c.confirmed), number.format(c.unconfirmed)]);
    countyRows.push([e(t.total), number.format(confirmed), number.format(unconfirmed)]);
    const placeRows = byPlace
      .sort((a, b) => labelOf(a.municipality).localeCompare(labelOf(b.municipality), 'nb'))
      .map((r) => [e(labelOf(r.municipality)), number.format(r.confirmed), number.format(r.unconfirmed)]);
    const since = new Date(Date.now() - 29 * 86_400_000);
    since.setUTCHours(0, 0, 0, 0);
    const days = new Map((await store.signaturesByDay(since)).map((d) => [d.day, d]));
    const dayRows: string[][] = [];
    for (let i = 0; i < 30; i++) {
      const day = new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10);
      const d = days.get(day);
      dayRows.push([e(norwegianDate(day)), number.format(d?.confirmed ?? 0), number.format(d?.unconfirmed ?? 0)]);
    }
    const head = [t.colConfirmed, t.colUnconfirmed];
    return {
      title: t.statisticsTitle,
      body: `<p class="ds-paragraph">${e(t.statisticsLead)}</p>
${byPlace.length ? '' : `<p class="ds-paragraph">${e(t.noneYet)}</p>`}
<section>${table(t.byCountyCaption, [t.colCounty, ...head], countyRows, [1, 2])}</section>
${placeRows.length ? `<section>${table(t.byMunicipalityCaption, [t.colCouncil, ...head], placeRows, [1, 2])}</section>` : ''}
<section>${table(t.byDayCaption, [t.colDay, ...head], dayRows, [1, 2])}</section>`,
    };
  });

  // Export and erasure.
  interface EraseEntry {
    email: string;
    error: string;
  }
  const eraseForm = (lang: Lang, csrf: string, entered?: EraseEntry) => {
    const t = texts(lang);
    return postForm(
      '/admin/erasure/check',
      lang,
      csrf,
      `${textField({ id: 'erase-email', name: 'email', label: t.eraseEmailLabel, value: entered?.email, error: entered?.error, type: 'email', autocomplete: 'off', required: true })}
${button(t.eraseCheckButton, 'secondary')}`,
    );
  };

  /** The export and erasure screen; with the erasure form's entry and problem after a mistake. */
  const dataPage = (lang: Lang, who: SignedIn & { token: string }, query: Form, entered?: EraseEntry) => {
    const t = texts(lang);
    return {
      title: t.dataTitle,
      errors: entered
        ? { heading: t.errorSummaryContinue, list: [{ href: '#erase-email', text: entered.error }] }
        : undefined,
      body: `${doneMessages(lang, query, who)}
<section>
<h2 class="ds-heading" data-size="md" id="export">${e(t.exportTitle)}</h2>
<p class="ds-paragraph">${e(t.exportText)}</p>
${postForm('/admin/export', lang, who.csrf, button(t.exportButton))}
</section>
<section>
<h2 class="ds-heading" data-size="md" id="erase">${e(t.eraseTitle)}</h2>
<p class="ds-paragraph">${e(t.eraseText)}</p>
${eraseForm(lang, who.csrf, entered)}
</section>`,
    };
  };

  signedInPage('/admin/data', 'data', (lang, who, query) => dataPage(lang, who, query));

  /** An address with a control character in it is no one's: said at the field, and nothing is looked up. */
  const controlInAddress = (reply: FastifyReply, lang: Lang, who: SignedIn & { token: string }, email: string) => {
    // The character itself is left out of what is shown again.
    const entered = { email: email.replace(new RegExp(`[${CONTROLS}]`, 'g'), ''), error: texts(lang).errorControl };
    const page = dataPage(lang, who, undefined, entered);
    return send(reply, 422, { lang, path: '/admin/data', ...page, signedIn: who, section: 'data' });
  };

  // A POST (with the CSRF token), so no other site can make a signed-in browser fetch it.
  app.post<{ Body: Form }>('/admin/export', { schema: hide }, async (request, reply) => {
    const who = await authorised(request);
    if (!who) return forbidden(reply, langOf(request.body?.lang));
    const csv = await signaturesCsv(store);
    await store.audit(who.email, 'export');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${EXPORT_FILE}"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });

  app.post<{ Body: Form }>('/admin/erasure/check', { schema: hide }, async (request, reply) => {
    const lang = langOf(request.body?.lang);
    const who = await authorised(request);
    if (!who) return forbidden(reply, lang);
    const t = texts(lang);
    const email = field(request.body?.email, 254);
    if (hasControl(email)) return controlInAddress(reply, lang, who, email);
    const problem = addressProblem(email, t.eraseErrorEmail, t.eraseErrorFormat);
    if (problem) {
      const page = dataPage(lang, who, undefined, { email, error: problem });
      return send(reply, 422, { lang, path: '/admin/data', ...page, signedIn: who, section: 'data' });
    }
    const n = await erasable(store, email);
    // Whose it is, as stored: the address typed may differ from it (case, +tags, Gmail's dots).
    const rows = n ? await store.signaturesWhere({ mailbox: mailboxOf(email) }) : [];
    const owner = rows
      .map(
        (row) =>
          `<p class="ds-paragraph">${e(fill(t.eraseWho, { name: row.name, email: row.email, council: labelOf(row.municipality) }))}</p>\n`,
      )
      .join('');
    const body = n
      ? `${owner}<p class="ds-paragraph">${e(fill(t.eraseConfirmText, { n }))}</p>
<div class="actions">${postForm('/admin/erasure', lang, who.csrf, `<input type="hidden" name="email" value="${e(email)}">\n${button(t.eraseButton, 'primary', 'danger')}`)}
<a class="ds-link" href="/admin/data?lang=${lang}">${e(t.cancel)}</a></div>`
      : `${alert(t.eraseNothing, 'info')}
<p class="ds-paragraph"><a class="ds-link" href="/admin/data?lang=${lang}">${e(t.backToAdmin)}</a></p>`;
    return send(reply, 200, {
      lang,
      path: '/admin/data',
      // Nothing will be deleted when nothing was found: the heading says what was found.
      title: n ? t.eraseConfirmTitle : t.eraseNothingTitle,
      body,
      signedIn: who,
      section: 'data',
    });
  });

  app.post<{ Body: Form }>('/admin/erasure', { schema: hide }, async (request, reply) => {
    const lang = langOf(request.body?.lang);
    const who = await authorised(request);
    if (!who) return forbidden(reply, lang);
    const email = field(request.body?.email, 254);
    if (hasControl(email)) return controlInAddress(reply, lang, who, email);
    const n = email.trim() ? await eraseSigner(store, email) : 0;
    // The log says that a person was erased and how many signatures went; never whose address.
    await store.audit(who.email, 'erasure', String(n));
    return reply.header('cache-control', 'no-store').redirect(resultPage('/admin/data', lang, who, `erased-${n}`), 303);
  });

  // The audit log.
  // The audit log, newest first, a page at a time: every entry can be read, however many came since.
  signedInPage('/admin/log', 'log', async (lang, _who, query) => {
    const t = texts(lang);
    const pages = Math.max(1, Math.ceil((await store.auditCount()) / LOG_PER_PAGE));
    const asked = Number(field(query?.page, 6));
    const page = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
    const entries = await store.auditLog(LOG_PER_PAGE, (page - 1) * LOG_PER_PAGE);
    const rows = entries.map((entry) => [
      e(when.format(new Date(entry.at))),
      e(entry.admin),
      e(t.actions[entry.action]),
      e(
        entry.object === null
          ? ''
          : entry.action === 'erasure'
            ? fill(t.erasedCount, { n: entry.object })
            : entry.action === 'names-approved' || entry.action === 'names-rejected'
              ? fill(t.namesCount, { n: entry.object })
              : labelOf(entry.object),
      ),
    ]);
    const pageLink = (n: number, text: string, rel: string) =>
      `<a class="ds-link" href="/admin/log?lang=${lang}${n > 1 ? `&amp;page=${n}` : ''}" rel="${rel}">${e(text)}</a>`;
    const paging =
      pages > 1
        ? `<nav aria-label="${e(t.logPages)}" class="actions">
<p class="ds-paragraph"><strong>${e(fill(t.logPage, { page, pages }))}</strong></p>
${page > 1 ? pageLink(page - 1, t.logNewer, 'prev') : ''}
${page < pages ? pageLink(page + 1, t.logOlder, 'next') : ''}
</nav>`
        : '';
    return {
      title: t.logTitle,
      body: `<p class="ds-paragraph">${e(fill(t.logLead, { n: LOG_PER_PAGE }))}</p>
${rows.length ? `${table(t.logCaption, [t.colWhen, t.colWho, t.colWhat, t.colObject], rows)}\n${paging}` : `<p class="ds-paragraph">${e(t.noLog)}</p>`}`,
    };
  });
  done();
}
