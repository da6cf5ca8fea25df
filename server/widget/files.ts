import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFile } from 'node:fs/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { hostPolicy } from '../http/csp.js';
import { compressed, precompressed, sendCompressed, type Compressed } from '../http/compressed.js';
import { WIDGET_FILE, integrity, type Manifest } from './manifest.js';

const root = new URL('../../', import.meta.url);
const DIST = new URL('dist/', root);

/**
 * The widget's files (every dist/ks-valgloftet*.js the build wrote), for any site to include: CORS
 * and CORP open. At their stable URL briefly cached, so a new build reaches every host within
 * minutes; at /v/<build hash>/ for ever, since those bytes never change.
 */
export const WIDGET_CACHE = 'public, max-age=300, stale-while-revalidate=86400';
const VERSIONED_CACHE = 'public, max-age=31536000, immutable';

/** One build of the widget: its manifest, and each file with its compressed forms from the build. */
export interface WidgetBuild {
  manifest: Manifest;
  files: Map<string, Compressed>;
}

/**
 * Reads the build once: every file the manifest names, and its .br and .gz. A file that differs
 * from the manifest (built again without the compress step) fails, rather than being served under
 * a hash or an integrity that is not its own.
 */
export async function readBuild(dist: URL = DIST): Promise<WidgetBuild> {
  const manifest = JSON.parse(await readFile(new URL('manifest.json', dist), 'utf8')) as Manifest;
  if (!/^[0-9a-f]{8,64}$/.test(manifest.buildHash)) throw new Error('dist/manifest.json has no build hash');
  const files = new Map<string, Compressed>();
  for (const [name, entry] of Object.entries(manifest.files)) {
    if (!WIDGET_FILE.test(name)) throw new Error(`dist/manifest.json names ${name}, not a widget file`);
    const [body, br, gzip] = await Promise.all(
      [name, `${name}.br`, `${name}.gz`].map((file) => readFile(new URL(file, dist))),
    );
    const sri = integrity(body);
    const same = (bytes: Buffer) => bytes.equals(body);
    if (sri !== entry.integrity || !same(brotliDecompressSync(br)) || !same(gunzipSync(gzip))) {
      throw new Error(`dist/${name} differs from dist/manifest.json`);
    }
    // The strong ETag: the content hash the manifest already holds, in URL-safe letters.
    const tag = Buffer.from(sri.slice('sha384-'.length), 'base64').toString('base64url').slice(0, 22);
    files.set(name, precompressed(body, { br, gzip }, tag));
  }
  return { manifest, files };
}

/** Where the WordPress plugin is to be had: dist/ks-valgloftet-wordpress.zip, as npm run build writes it. */
export const PLUGIN_ZIP_PATH = '/wordpress/ks-valgloftet.zip';

/** The demo page (revalidated on each visit) and its stylesheet (kept a day, then revalidated). */
const DEMO = {
  '/': ['demo/index.html', 'text/html', 'no-cache'],
  '/demo/demo.css': ['demo/demo.css', 'text/css', 'public, max-age=86400, stale-while-revalidate=604800'],
} as const;

/** The demo page lives under the CSP that the README gives hosts. */
const DEMO_CSP = hostPolicy();

export function fileRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  // The widget's build, read at the first request; one that is not there yet (before a build) or
  // not whole is looked for again next time.
  let build: Promise<WidgetBuild> | undefined;
  const widget = async (reply: FastifyReply): Promise<WidgetBuild | undefined> => {
    build ??= readBuild();
    const current = build;
    try {
      return await current;
    } catch (error) {
      if (build === current) build = undefined;
      reply.log.warn({ err: error }, 'the widget is not built (npm run build)');
      await reply.code(503).send({ error: 'widget_not_built', hint: 'npm run build' });
      return undefined;
    }
  };
  const sendWidget = (request: FastifyRequest, reply: FastifyReply, file: Compressed, cacheControl: string) => {
    reply
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', cacheControl);
    return sendCompressed(request, reply, file, 'text/javascript');
  };
  const notFound = (reply: FastifyReply) => reply.code(404).send({ error: 'not_found' });

  // /ks-valgloftet.js, /ks-valgloftet.iife.js, /ks-valgloftet-form.js: whatever the build wrote.
  app.get<{ Params: { rest: string } }>('/ks-valgloftet:rest', { schema: { hide: true } }, async (request, reply) => {
    const current = await widget(reply);
    if (!current) return reply;
    const file = current.files.get(`ks-valgloftet${request.params.rest}`);
    return file ? sendWidget(request, reply, file, WIDGET_CACHE) : notFound(reply);
  });

  app.get<{ Params: { hash: string; file: string } }>(
    '/v/:hash/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const current = await widget(reply);
      if (!current) return reply;
      const file = request.params.hash === current.manifest.buildHash && current.files.get(request.params.file);
      return file ? sendWidget(request, reply, file, VERSIONED_CACHE) : notFound(reply);
    },
  );

  app.get(
    '/api/widget-files',
    {
      schema: {
        summary: "The widget's files in the current build, for pinning a version",
        description:
          'Each file at its versioned URL (`/v/<buildHash>/<name>`, cached for a year, immutable) with ' +
          'its Subresource Integrity hash and sizes. 503 `widget_not_built` before a build.',
        response: {
          200: {
            description: 'The current build',
            type: 'object',
            required: ['buildHash', 'files'],
            properties: {
              buildHash: { type: 'string', description: 'One hash over all the files of this build' },
              files: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['name', 'path', 'integrity', 'bytes', 'gzip', 'brotli'],
                  properties: {
                    name: { type: 'string', description: 'As at the stable URL: `/<name>`' },
                    path: { type: 'string', description: 'The versioned path: `/v/<buildHash>/<name>`' },
                    integrity: { type: 'string', description: "`sha384-…`, for a script tag's `integrity`" },
                    bytes: { type: 'integer', description: 'Size uncompressed' },
                    gzip: { type: 'integer', description: 'Size as sent with gzip' },
                    brotli: { type: 'integer', description: 'Size as sent with brotli' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (_request, reply) => {
      const current = await widget(reply);
      if (!current) return reply;
      const { buildHash, files } = current.manifest;
      reply.header('access-control-allow-origin', '*').header('cache-control', WIDGET_CACHE);
      return {
        buildHash,
        files: Object.entries(files).map(([name, f]) => ({
          name,
          path: `/v/${buildHash}/${name}`,
          integrity: f.integrity,
          bytes: f.bytes,
          gzip: f.gzip,
          brotli: f.brotli,
        })),
      };
    },
  );

  // The reserve rule's and the demo's files: read and compressed once each, at the first request
  // (brotli 11, gzip 9). Defined before any route that uses it: the service without the demo
  // (DEMO=0) serves the reserve rule too.
  const loaded = new Map<string, Promise<Compressed>>();
  const load = (file: string): Promise<Compressed> => {
    let entry = loaded.get(file);
    if (!entry) {
      entry = readFile(new URL(file, root)).then(compressed);
      loaded.set(file, entry);
    }
    return entry;
  };
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

  // The WordPress plugin, for an editor to upload in WordPress (the builder and the README link it).
  // Read at the first request, as the widget's files are; one that is not built yet is looked for
  // again next time. A zip is compressed already: sent as it is.
  let pluginZip: Promise<Compressed> | undefined;
  app.get(PLUGIN_ZIP_PATH, { schema: { hide: true } }, async (request, reply) => {
    const current = (pluginZip ??= readFile(new URL('ks-valgloftet-wordpress.zip', DIST)).then((body) =>
      precompressed(body, {}),
    ));
    let zip: Compressed;
    try {
      zip = await current;
    } catch (error) {
      if (pluginZip === current) pluginZip = undefined;
      reply.log.warn({ err: error }, 'the WordPress plugin is not built (npm run build)');
      return reply.code(503).send({ error: 'plugin_not_built', hint: 'npm run build' });
    }
    reply
      .header('cache-control', WIDGET_CACHE)
      .header('content-disposition', 'attachment; filename="ks-valgloftet.zip"');
    return sendCompressed(request, reply, zip, 'application/zip');
  });

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
