// The host helper (GET /embed.js) that resizes an embed's frame on any site.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { HELPER_PATH } from '../../contract/embed.js';
import { compressed, sendCompressed } from '../http/compressed.js';
import { WIDGET_CACHE } from '../widget/files.js';

const HELPER = readFileSync(new URL('../../embed/embed.js', import.meta.url));

export function helperRoute(app: FastifyInstance): Promise<void> {
  const helper = compressed(HELPER);
  app.get(HELPER_PATH, { schema: { hide: true } }, async (request, reply) => {
    reply.header('access-control-allow-origin', '*').header('cache-control', WIDGET_CACHE);
    return sendCompressed(request, reply, helper, 'text/javascript');
  });
  return Promise.resolve();
}
