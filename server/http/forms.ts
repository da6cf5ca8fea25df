// The service's own pages post plain forms (application/x-www-form-urlencoded), and the admin page
// keeps its session in a cookie. Both are understood here, once, for the page routes given and no
// others: the API takes JSON alone (a form sent to it gets 415), and reads no cookie.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyPluginAsync, FastifyPluginCallback } from 'fastify';

/**
 * Registers `routes` in a context of their own that parses forms and cookies. A form's field is
 * one string, the last one sent under its name (as URLSearchParams reads it), never a list.
 */
export async function formPages(
  app: FastifyInstance,
  { routes }: { routes: (FastifyPluginCallback | FastifyPluginAsync)[] },
): Promise<void> {
  await app.register(formbody, { parser: (body: string) => Object.fromEntries(new URLSearchParams(body)) });
  await app.register(cookie);
  for (const route of routes) await app.register(route);
}
