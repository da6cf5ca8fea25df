// KS's admin sessions: the cookie (through @fastify/cookie, registered for the page routes in
// server/http/forms.ts), the CSRF token derived from it, the same-origin check every POST passes,
// and the signed results a POST's redirect carries to the page that says what was done.
import { createHash, createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashToken, sameSecret } from '../signing/tokens.js';
import type { Campaign } from '../campaigns/campaigns.js';
import { isCampaignId } from '../../contract/campaign.js';
import { formField } from './fields.js';

/** Who is signed in, the CSRF token their forms carry, and their session's secret. */
export interface Admin {
  email: string;
  csrf: string;
  token: string;
  /** The campaign the admin works on: chosen on the page (its cookie), else the current one. */
  campaign: Campaign;
}

const https = (app: FastifyInstance) => app.config.publicUrl.startsWith('https://');

/** The session cookie's name: `__Host-` (https only, no Domain, Path=/) wherever the browser allows it. */
const cookieName = (app: FastifyInstance) => (https(app) ? '__Host-valgloftet-admin' : 'valgloftet-admin');

/** The cookie's flags: the whole site, never to script, never sent from another site; https where served so. */
const cookieFlags = (app: FastifyInstance) =>
  ({ path: '/', httpOnly: true, sameSite: 'strict', secure: https(app) }) as const;

/** The cookie that keeps the campaign the admin chose; only an id the service serves is read from it. */
const campaignCookie = (app: FastifyInstance) =>
  https(app) ? '__Host-valgloftet-admin-campaign' : 'valgloftet-admin-campaign';

/** Keeps the admin's choice of campaign for the screens that follow (no personal data in it). */
export function setCampaignCookie(app: FastifyInstance, reply: FastifyReply, campaign: string): void {
  reply.setCookie(campaignCookie(app), campaign, cookieFlags(app));
}

const chosenCampaign = (app: FastifyInstance, request: FastifyRequest): Campaign => {
  const chosen = request.cookies[campaignCookie(app)];
  return (chosen && isCampaignId(chosen) ? app.campaigns.get(chosen) : undefined) ?? app.campaigns.current();
};

/** The CSRF token of a session: derived from its secret, so it is tied to it and stored nowhere. */
const csrfOf = (sessionToken: string) => createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');

/** The session's secret the request's cookie carries, if one that could be. */
function cookieToken(app: FastifyInstance, request: FastifyRequest): string | undefined {
  const token = request.cookies[cookieName(app)];
  return token && token.length <= 100 ? token : undefined;
}

/** Sets the cookie of a session just begun (it lasts as long as the browser; the store ends it). */
export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string): void {
  reply.setCookie(cookieName(app), token, cookieFlags(app));
}

/**
 * Ends the session the request carries, if any (logged by the store), and takes its cookie away.
 * (It returns nothing: a reply is a thenable, which an awaited promise would wait on for ever.)
 */
export async function endSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = cookieToken(app, request);
  if (token) await app.store.adminSignOut(hashToken(token));
  reply.clearCookie(cookieName(app), cookieFlags(app));
}

/** The signed-in admin; the session's idle time starts again. */
export async function signedInAdmin(app: FastifyInstance, request: FastifyRequest): Promise<Admin | undefined> {
  const { config, store } = app;
  const token = cookieToken(app, request);
  if (!token) return undefined;
  const email = await store.adminSession(
    hashToken(token),
    config.adminIdleMinutes * 60_000,
    config.adminSessionHours * 3600_000,
  );
  // An address taken off ADMIN_EMAILS (and the service restarted) has no session any more.
  return email === undefined || !mayAdminister(app, email)
    ? undefined
    : { email, csrf: csrfOf(token), token, campaign: chosenCampaign(app, request) };
}

/** Whether ADMIN_EMAILS lists the address. */
export const mayAdminister = (app: FastifyInstance, email: string) =>
  app.config.adminEmails.includes(email.trim().toLowerCase());

/**
 * A request made by this site's own page. Sec-Fetch-Site, where the browser sends it, must say
 * same-origin; Origin, where it names one, must be ours. Under Referrer-Policy no-referrer a
 * browser sends `Origin: null` with a form's POST, so "null" names none; a request with neither
 * header to go by is refused.
 */
export function sameOrigin(app: FastifyInstance, request: FastifyRequest): boolean {
  const origin = request.headers.origin === 'null' ? undefined : request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  if (origin !== undefined && origin !== new URL(app.config.publicUrl).origin) return false;
  if (site !== undefined) return site === 'same-origin';
  return origin !== undefined;
}

/** The admin behind a state-changing POST, or undefined (then answer 403): session, origin, CSRF token. */
export async function authorised(
  app: FastifyInstance,
  request: FastifyRequest<{ Body: Partial<Record<string, unknown>> | undefined }>,
): Promise<Admin | undefined> {
  if (!sameOrigin(app, request)) return undefined;
  const who = await signedInAdmin(app, request);
  const csrf = formField(request.body?.csrf, 100);
  if (!who || !csrf || !sameSecret(csrf, who.csrf)) return undefined;
  return who;
}

/**
 * What a POST did, as its redirect carries it to the page that says so (`erased-1`), signed with
 * the session's secret: only this service makes one, and only for this session, so no link can
 * make the page say "999 erased". A result that is not signed so is not shown.
 */
const signedResult = (sessionToken: string, result: string) =>
  `${result}.${createHmac('sha256', sessionToken).update(`result:${result}`).digest('base64url').slice(0, 22)}`;

/** The address of the page that tells what a POST did: `path` with its result, signed for this session. */
export const resultAddress = (path: string, lang: string, who: Admin, result: string) =>
  `${path}?lang=${lang}&done=${signedResult(who.token, result)}`;

/** The result an address's `done` carries, if this session signed it; '' otherwise. */
export function resultOf(done: string, who: Admin): string {
  const result = done.slice(0, done.lastIndexOf('.'));
  return result && sameSecret(done, signedResult(who.token, result)) ? result : '';
}
