// How a page leaves the service: rendered from its templates, with its kind's policy.
import type { FastifyReply } from 'fastify';
import { renderHtml, type Html } from './template.js';

export interface Sending {
  status?: number;
  /** The page's Content-Security-Policy (server/http/csp.ts). */
  csp: string;
  /** Who may keep a copy: none (the default, for pages with a token or a session), or a lifetime. */
  cacheControl?: string;
}

/** Sends a whole page. */
export function sendPage(reply: FastifyReply, page: Html, { status = 200, csp, cacheControl = 'no-store' }: Sending) {
  return reply
    .code(status)
    .header('content-security-policy', csp)
    .header('cache-control', cacheControl)
    .type('text/html; charset=utf-8')
    .send(renderHtml(page));
}
