import type { FastifyInstance } from 'fastify';

/**
 * `/healthz` says the process answers (liveness: restart it when this fails). `/readyz` says it
 * can do its work (readiness: send it traffic): a write commits, and mail is going out.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { store, config } = app;

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    let database = 'ok';
    try {
      store.probeWrite();
    } catch {
      database = 'failing';
    }
    let mail: { status: string; waiting?: number; failing?: number; oldestSeconds?: number } = { status: 'ok' };
    try {
      const queue = store.mailQueue();
      const oldestSeconds = queue.oldest ? Math.round((Date.now() - Date.parse(queue.oldest)) / 1000) : 0;
      const stalled = oldestSeconds > config.mailStallMinutes * 60;
      mail = { status: stalled ? 'stalled' : 'ok', waiting: queue.waiting, failing: queue.failing, oldestSeconds };
    } catch {
      mail = { status: 'failing' };
    }
    const ready = database === 'ok' && mail.status === 'ok';
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', database, mail });
  });
}
