import type { FastifyInstance } from 'fastify';

/**
 * For crawlers: the pages behind the links in mails (they carry tokens) and the admin API are no
 * place for a search engine. The widget's files and the count stay open, so a crawler that renders
 * a host page sees the widget as a reader does.
 */
export const ROBOTS_TXT = [
  'User-agent: *',
  'Disallow: /confirm',
  'Disallow: /withdraw',
  'Disallow: /api/admin/',
  'Disallow: /admin',
  '',
].join('\n');

export function robotsRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  app.get('/robots.txt', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=86400').send(ROBOTS_TXT),
  );
  done();
}
