// The admin's frame in the one layout (kind 'admin'): its name, the language link, and for a
// signed-in admin the menu of screens and who is signed in, with the button that signs out. The
// page has no script; its policy allows none (pagePolicy()).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../../contract/signature.js';
import { fill } from '../../contract/fill.js';
import { pagePolicy } from '../http/csp.js';
import { langOf } from '../http/lang.js';
import { alert, button, paragraphs, postForm, type ErrorSummary } from '../pages/components.js';
import { pageInput } from '../pages/input.js';
import { layout } from '../pages/layout.js';
import { sendPage } from '../pages/send.js';
import { html, nothing, type Html } from '../pages/template.js';
import { FORM_FIELDS, formField } from './fields.js';
import { resultOf, signedInAdmin, type Admin } from './session.js';

/** The input of a screen whose address carries only its language. */
export const languageOnly = pageInput('querystring', { lang: FORM_FIELDS.lang });
import { adminTexts, type AdminTexts } from './texts.js';

export const texts = (lang: Lang): AdminTexts => adminTexts[lang];

/** The admin's screens, as its menu lists them. */
export type Section = 'adoptions' | 'names' | 'statistics' | 'data' | 'log';

const SECTION_PATHS: Record<Section, string> = {
  adoptions: '/admin',
  names: '/admin/names',
  statistics: '/admin/statistics',
  data: '/admin/data',
  log: '/admin/log',
};

const ADMIN_POLICY = pagePolicy();

export interface AdminPage {
  lang: Lang;
  /** The page's path without query, for the language link. */
  path: string;
  title: string;
  errors?: ErrorSummary;
  main: Html;
  signedIn?: Admin;
  /** The menu item this page belongs to. */
  section?: Section;
}

/** The menu of screens and who is signed in, under the header's name. */
function menu(lang: Lang, who: Admin, section: Section | undefined): Html {
  const t = texts(lang);
  const label: Record<Section, string> = {
    adoptions: t.navAdoptions,
    names: t.navNames,
    statistics: t.navStatistics,
    data: t.navData,
    log: t.navLog,
  };
  return html`<nav aria-label=${t.nav}><ul class="menu">
${(Object.keys(SECTION_PATHS) as Section[]).map(
  (s) =>
    html`<li><a class="ds-link" href=${`${SECTION_PATHS[s]}?lang=${lang}`} aria-current=${s === section ? 'page' : nothing}>${label[s]}</a></li>
`,
)}</ul></nav>
<div class="who"><p class="ds-paragraph" data-size="sm">${fill(t.signedInAs, { email: who.email })}</p>
<p class="ds-paragraph" data-size="sm">${t.campaignLabel}: ${who.campaign.texts[lang].title}</p>
${postForm({ action: '/admin/sign-out', lang, csrf: who.csrf, content: button(t.signOut, { variant: 'secondary' }) })}</div>`;
}

/** Sends an admin page: `status`, never stored, no script. */
export function sendAdminPage(reply: FastifyReply, status: number, page: AdminPage) {
  const t = texts(page.lang);
  const other: Lang = page.lang === 'nn' ? 'nb' : 'nn';
  const view = layout({
    kind: 'admin',
    lang: page.lang,
    title: page.title,
    site: t.brand,
    noindex: true,
    otherLanguage: { lang: other, href: `${page.path}?lang=${other}`, text: t.otherLanguage },
    header: page.signedIn ? menu(page.lang, page.signedIn, page.section) : nothing,
    width: 'wide',
    errors: page.errors,
    main: html`<h1 class="ds-heading" data-size="lg">${page.title}</h1>
${page.main}`,
  });
  return sendPage(reply, view, { status, csp: ADMIN_POLICY });
}

/**
 * A page that says one thing and links back to the admin's start in its language, with `onwards` as
 * the link's text: "check your e-mail", "the link does not work".
 */
export const sendMessage = (
  reply: FastifyReply,
  status: number,
  page: { lang: Lang; path: string; title: string; text: string; onwards: string },
) =>
  sendAdminPage(reply, status, {
    ...page,
    main: html`${paragraphs([page.text])}
<p class="ds-paragraph"><a class="ds-link" href=${`/admin?lang=${page.lang}`}>${page.onwards}</a></p>`,
  });

/** The 403 page of a refused POST: nothing was changed. */
export const sendForbidden = (reply: FastifyReply, lang: Lang) =>
  sendMessage(reply, 403, {
    lang,
    path: '/admin',
    title: texts(lang).forbiddenTitle,
    text: texts(lang).forbiddenText,
    onwards: texts(lang).backToAdmin,
  });

/** A redirect that no one keeps (every admin answer is no-store). */
export const redirect = (reply: FastifyReply, to: string) =>
  reply.header('cache-control', 'no-store').redirect(to, 303);

/** A form's or an address's fields, as the page's forms and links send them. */
export type Form = Partial<Record<string, unknown>> | undefined;

/** A screen's title and main content, for a signed-in admin. */
export interface Screen {
  title: string;
  main: Html;
  errors?: ErrorSummary;
}

/**
 * A signed-in screen at `path`: without a session, /admin shows `signedOut` (the sign-in form),
 * and every other screen leads there.
 */
export function signedInScreen(
  app: FastifyInstance,
  path: string,
  section: Section,
  render: (lang: Lang, who: Admin, query: Form) => Screen | Promise<Screen>,
  signedOut?: (reply: FastifyReply, lang: Lang) => unknown,
) {
  app.get<{ Querystring: Form }>(
    path,
    // The screens' addresses: a result (`done`), a page of the log, a council whose names to show.
    pageInput('querystring', { lang: FORM_FIELDS.lang, done: 100, page: 6, council: 10 }),
    async (request: FastifyRequest<{ Querystring: Form }>, reply) => {
      const lang = langOf(request.query?.lang);
      const who = await signedInAdmin(app, request);
      if (!who) return signedOut ? signedOut(reply, lang) : redirect(reply, `/admin?lang=${lang}`);
      const screen = await render(lang, who, request.query);
      return sendAdminPage(reply, 200, { lang, path, ...screen, signedIn: who, section });
    },
  );
}

/** The message for what this session's last POST did, if the address carries it signed. */
export function doneMessage(lang: Lang, query: Form, who: Admin): Html {
  const result = resultOf(formField(query?.done, 100), who);
  if (!result) return nothing;
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
  return text[key] ? alert(text[key]) : nothing;
}
