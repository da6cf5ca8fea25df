import type { FastifyInstance } from 'fastify';
import { sendCompressed } from '../http/compressed.js';
import { LOOK_PATH, look } from './look.js';

/** The one stylesheet of every page; its address changes with its content, so it is cached for good. */
export function pageRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  app.get(LOOK_PATH, { schema: { hide: true } }, async (request, reply) => {
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    return sendCompressed(request, reply, look, 'text/css');
  });
  done();
}
