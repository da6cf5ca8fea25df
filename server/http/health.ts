import type { FastifyInstance } from 'fastify';

/**
 * `/healthz` says the process answers (liveness: restart it when this fails). `/readyz` says it
 * can do its work (readiness: send it traffic): a write commits, and mail is going out.
 */
export function healthRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  const { store, config } = app;

  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness: the process answers',
        response: {
          200: {
            description: 'The process runs',
            type: 'object',
            properties: { status: { type: 'string', enum: ['ok'] } },
          },
        },
      },
    },
    () => ({ status: 'ok' as const }),
  );

  const readiness = {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['ready', 'not_ready'] },
      database: { type: 'string', enum: ['ok', 'failing'], description: 'Whether a write commits' },
      mail: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: ['ok', 'stalled', 'failing'] },
          waiting: { type: 'integer', description: 'Mails in the queue, each to be tried again until it is sent' },
          failing: { type: 'integer', description: 'Mails whose last send failed for a reason that may pass' },
          oldestSeconds: { type: 'integer', description: 'How long the oldest mail has waited' },
          dropped: {
            type: 'integer',
            description:
              'Mails dropped because the mail server refused their recipient for good (a 5xx such as "550 no such user"), in all; they make no instance unready',
          },
        },
      },
    },
  } as const;

  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: a write commits, and mail is going out',
        description:
          'Answers 503 when a write fails or a mail that is still to be tried has waited longer than ' +
          '`MAIL_STALL_MINUTES`. A mail whose recipient the server refused for good is dropped and counted, not waited for.',
        response: {
          200: { description: 'Ready for traffic', ...readiness },
          503: { description: 'Not ready: see `database` and `mail`', ...readiness },
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      let database = 'ok';
      try {
        await store.probeWrite();
      } catch {
        database = 'failing';
      }
      let mail: { status: string; waiting?: number; failing?: number; oldestSeconds?: number; dropped?: number };
      try {
        const queue = await store.mailQueue();
        const oldestSeconds = queue.oldest ? Math.round((Date.now() - Date.parse(queue.oldest)) / 1000) : 0;
        const stalled = oldestSeconds > config.mailStallMinutes * 60;
        mail = {
          status: stalled ? 'stalled' : 'ok',
          waiting: queue.waiting,
          failing: queue.failing,
          oldestSeconds,
          dropped: queue.dropped,
        };
      } catch {
        mail = { status: 'failing' };
      }
      const ready = database === 'ok' && mail.status === 'ok';
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', database, mail });
    },
  );
  done();
}
