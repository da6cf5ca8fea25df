import { hostCsp } from '../../contract/host-csp.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const root = new URL('../../', import.meta.url);

/** The widget's two files, for any site to include: CORS and CORP open, briefly cached. */
const WIDGET = {
  '/ks-valgloftet.js': 'dist/ks-valgloftet.js',
  '/ks-valgloftet.iife.js': 'dist/ks-valgloftet.iife.js',
};
const WIDGET_CACHE = 'public, max-age=300, stale-while-revalidate=86400';

/** The demo page (revalidated on each visit) and its stylesheet (kept a day, then revalidated). */
const DEMO = {
  '/': ['demo/index.html', 'text/html', 'no-cache'],
  '/demo/demo.css': ['demo/demo.css', 'text/css', 'public, max-age=86400, stale-while-revalidate=604800'],
} as const;

/** The demo page lives under the CSP that the README gives hosts. */
const DEMO_CSP = hostCsp();

type Encoding = 'br' | 'gzip';

/** A file as read once: its bytes, and each compressed form that is smaller, with its own ETag. */
interface Entry {
  body: Buffer;
  etag: string;
  encoded: Partial<Record<Encoding, { body: Buffer; etag: string }>>;
}

/**
 * The encoding to send for an Accept-Encoding header: the one with the higher q (brotli on a
 * tie), never one with q=0 (`*` counts for both). undefined: the plain bytes.
 */
export function pickEncoding(header: string | undefined, offered: Encoding[] = ['br', 'gzip']): Encoding | undefined {
  const q = new Map<string, number>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim());
    if (!name) continue;
    const given = params.find((p) => p.startsWith('q='));
    const value = given ? Number(given.slice(2)) : 1;
    q.set(name, Number.isFinite(value) && value > 0 ? Math.min(value, 1) : 0);
  }
  const weight = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  let best: Encoding | undefined;
  for (const name of offered) if (weight(name) > 0 && (!best || weight(name) > weight(best))) best = name;
  return best;
}

/** Whether an If-None-Match header names this ETag (weak or strong, in a list, or `*`). */
const matches = (header: string | undefined, etag: string): boolean =>
  !!header && header.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));

export function fileRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  // Read and compressed once per file, at the first request (brotli 11, gzip 9).
  const cache = new Map<string, Promise<Entry>>();
  const load = (file: string): Promise<Entry> => {
    let entry = cache.get(file);
    if (!entry) {
      entry = readFile(new URL(file, root)).then((body) => {
        const hash = createHash('sha1').update(body).digest('base64url').slice(0, 16);
        const encoded: Entry['encoded'] = {};
        const br = brotliCompressSync(body, {
          params: {
            [zlib.BROTLI_PARAM_QUALITY]: 11,
            [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
            [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        });
        const gzip = gzipSync(body, { level: 9 });
        if (br.length < body.length) encoded.br = { body: br, etag: `"${hash}-br"` };
        if (gzip.length < body.length) encoded.gzip = { body: gzip, etag: `"${hash}-gz"` };
        return { body, etag: `"${hash}"`, encoded };
      });
      // A file that is not there yet (the widget before a build) is looked for again next time.
      entry.catch(() => cache.delete(file));
      cache.set(file, entry);
    }
    return entry;
  };

  /** Sends a file compressed as the client accepts, with an ETag per form and 304 when it has it. */
  const sendFile = (request: FastifyRequest, reply: FastifyReply, entry: Entry, type: string) => {
    const encoding = pickEncoding(request.headers['accept-encoding'], Object.keys(entry.encoded) as Encoding[]);
    const chosen = (encoding ? entry.encoded[encoding] : undefined) ?? entry;
    reply.header('vary', 'accept-encoding').header('etag', chosen.etag).type(`${type}; charset=utf-8`);
    if (matches(request.headers['if-none-match'], chosen.etag)) return reply.code(304).send();
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(chosen.body);
  };

  for (const [path, file] of Object.entries(WIDGET)) {
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const entry = await load(file).catch(() => undefined);
      if (!entry) return reply.code(503).send({ error: 'widget_not_built', hint: 'npm run build' });
      reply
        .header('access-control-allow-origin', '*')
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('cache-control', WIDGET_CACHE);
      return sendFile(request, reply, entry, 'text/javascript');
    });
  }

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
      return sendFile(request, reply, entry, type);
    });
  }
  done();
}
