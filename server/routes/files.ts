import { hostCsp } from '../../contract/host-csp.js';
import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { compressed, sendCompressed, type Compressed } from '../compressed.js';

const root = new URL('../../', import.meta.url);

/** The widget's files (two first scripts, the form module they import), for any site: CORS and CORP open, briefly cached. */
const WIDGET = {
  '/ks-valgloftet.js': 'dist/ks-valgloftet.js',
  '/ks-valgloftet.iife.js': 'dist/ks-valgloftet.iife.js',
  '/ks-valgloftet-form.js': 'dist/ks-valgloftet-form.js',
};
const WIDGET_CACHE = 'public, max-age=300, stale-while-revalidate=86400';

/** The demo page (revalidated on each visit) and its stylesheet (kept a day, then revalidated). */
const DEMO = {
  '/': ['demo/index.html', 'text/html', 'no-cache'],
  '/demo/demo.css': ['demo/demo.css', 'text/css', 'public, max-age=86400, stale-while-revalidate=604800'],
} as const;

/** The demo page lives under the CSP that the README gives hosts. */
const DEMO_CSP = hostCsp();

export function fileRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  // Read and compressed once per file, at the first request (brotli 11, gzip 9).
  const cache = new Map<string, Promise<Compressed>>();
  const load = (file: string): Promise<Compressed> => {
    let entry = cache.get(file);
    if (!entry) {
      entry = readFile(new URL(file, root)).then(compressed);
      // A file that is not there yet (the widget before a build) is looked for again next time.
      entry.catch(() => cache.delete(file));
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
        .header('cache-control', WIDGET_CACHE);
      return sendCompressed(request, reply, entry, 'text/javascript');
    });
  }

  // The rule that keeps the widget's place before its script runs (README), for hosts to link.
  app.get('/ks-valgloftet.css', { schema: { hide: true } }, async (request, reply) =>
    sendCompressed(
      request,
      reply
        .header('access-control-allow-origin', '*')
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('cache-control', WIDGET_CACHE),
      await load('embed/ks-valgloftet-reserve.css'),
      'text/css',
    ),
  );

  if (!app.config.demo) {
    done();
    return;
  }
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
  for (const [path, [file, type, cacheControl]] of Object.entries(DEMO)) {
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const entry = await load(file);
      reply.header('cache-control', cacheControl);
      if (type === 'text/html') reply.header('content-security-policy', DEMO_CSP);
      return sendCompressed(request, reply, entry, type);
    });
  }
  done();
}
