// The link previews' images (scripts/link-preview-images.mjs makes them at build), served at an
// address that holds a hash of their bytes, so they are cached for a year and a new image gets a new
// address, which Facebook, Slack and Teams then fetch anew.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Lang } from '../../contract/signature.js';
import { precompressed, sendCompressed, type Compressed } from '../http/compressed.js';

const IMAGE_CACHE = 'public, max-age=31536000, immutable';

interface PreviewImage {
  path: string;
  file: Compressed;
}

function image(lang: Lang): PreviewImage {
  const body = readFileSync(new URL(`images/valgloftet-${lang}.png`, import.meta.url));
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  // A PNG is compressed already: sent as it is.
  return { path: `/link-preview/valgloftet-${lang}.${hash}.png`, file: precompressed(body, {}, hash) };
}

const IMAGES: Record<Lang, PreviewImage> = { nb: image('nb'), nn: image('nn') };

/** The image's path on this service, for og:image. */
export const previewImagePath = (lang: Lang): string => IMAGES[lang].path;

export function linkPreviewRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  for (const { path, file } of Object.values(IMAGES)) {
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      // Any site may show it (a chat app's preview loads it from its own page).
      reply.header('cache-control', IMAGE_CACHE).header('cross-origin-resource-policy', 'cross-origin');
      return sendCompressed(request, reply, file, 'image/png');
    });
  }
  done();
}
