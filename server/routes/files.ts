import { hostCsp } from '../host-csp.js';
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

const root = new URL('../../', import.meta.url);

/** The widget's two files, for any site to include: CORS and CORP open, briefly cached. */
const WIDGET = {
  '/ks-valgloftet.js': 'dist/ks-valgloftet.js',
  '/ks-valgloftet.iife.js': 'dist/ks-valgloftet.iife.js',
};
const DEMO = {
  '/': ['demo/index.html', 'text/html'],
  '/demo/demo.css': ['demo/demo.css', 'text/css'],
} as const;

/** The demo page lives under the CSP that the README gives hosts. */
export const DEMO_CSP = hostCsp();

export async function fileRoutes(app: FastifyInstance): Promise<void> {
  const cache = new Map<string, { body: Buffer; etag: string }>();
  const load = async (file: string) => {
    let entry = cache.get(file);
    if (!entry) {
      const body = await readFile(new URL(file, root));
      entry = { body, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"` };
      cache.set(file, entry);
    }
    return entry;
  };

  for (const [path, file] of Object.entries(WIDGET)) {
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const entry = await load(file).catch(() => undefined);
      if (!entry) return reply.code(503).send({ error: 'widget_not_built', hint: 'npm run build' });
      reply
        .header('access-control-allow-origin', '*')
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('cache-control', 'public, max-age=300, stale-while-revalidate=86400')
        .header('etag', entry.etag);
      if (request.headers['if-none-match'] === entry.etag) return reply.code(304).send();
      return reply.type('text/javascript; charset=utf-8').send(entry.body);
    });
  }

  if (!app.config.demo) return;
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
  for (const [path, [file, type]] of Object.entries(DEMO)) {
    app.get(path, { schema: { hide: true } }, async (_request, reply) => {
      const entry = await load(file);
      return reply.type(`${type}; charset=utf-8`).header('content-security-policy', DEMO_CSP).send(entry.body);
    });
  }
}
