import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import rateLimit, { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { answerHeaders } from './answer-headers.js';
import type { Config } from './config.js';
import { boundedKey } from './limits.js';
import { MailQueue } from './mail-queue.js';
import { outboxMailer, smtpMailer, type Mailer } from './mailer.js';
import { openStore, type Store } from './store/index.js';
import { healthRoutes } from './routes/health.js';
import { adminRoutes } from './routes/admin.js';
import { apiRoutes } from './routes/api.js';
import { markupRoutes } from './routes/markup.js';
import { embedRoutes } from './routes/embed.js';
import { builderRoutes } from './routes/builder.js';
import { councilRoutes } from './routes/councils.js';
import { fileRoutes } from './routes/files.js';
import { signerPageRoutes } from './routes/signer-pages.js';
import { adminPageRoutes } from './routes/admin-page.js';
import { documentRoute } from './openapi.js';
import { robotsRoutes } from './routes/robots.js';
import { linkPreviewRoutes } from './link-preview/images.js';
import type { FieldErrorCode } from '../contract/signature.js';

/**
 * Writes a whole answer, at once or when its promise resolves; throws or rejects (having written
 * nothing) to leave the request to Fastify.
 */
export type FirstAnswer = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface App {
  app: FastifyInstance;
  store: Store;
  mailer: Mailer;
  mailQueue: MailQueue;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An HTML page made to be framed by other sites (the embed page); every other page is not. */
    embeddable?: boolean;
  }
  interface FastifyInstance {
    /** Answers GET `path` (exact) with `answer` before Fastify sees the request (see buildApp). */
    answerFirst: (path: string, answer: FirstAnswer) => void;
    config: Config;
    store: Store;
    mailer: Mailer;
    mailQueue: MailQueue;
  }
}

/** ajv keywords as the per-field codes the API answers with. */
const FIELD_CODES: Partial<Record<string, FieldErrorCode>> = {
  required: 'required',
  type: 'wrong_type',
  minLength: 'empty',
  maxLength: 'too_long',
  pattern: 'invalid',
  format: 'invalid',
  enum: 'unknown_value',
  additionalProperties: 'not_allowed',
};

/** Fastify's own body errors, as the statuses and codes the API answers with. */
const FASTIFY_ERRORS: Partial<Record<string, [number, string]>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
};

/** Features the service's own pages never use, so nothing on them may ask for one. */
const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/**
 * Rate limits counted in the shared store, so that a client's requests count against one limit
 * however the balancer spreads them (PostgreSQL: Store.rateLimitHit). Each route has its own
 * windows, as the plugin's memory store gives it.
 */
function sharedRateLimits(hit: NonNullable<Store['rateLimitHit']>): FastifyRateLimitStoreCtor {
  return class SharedRateLimits implements FastifyRateLimitStore {
    readonly #prefix: string;
    // The plugin constructs the first with its options; child() names each route's.
    constructor(prefix: unknown) {
      this.#prefix = typeof prefix === 'string' ? prefix : '';
    }
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      hit(boundedKey(this.#prefix + key), timeWindow).then(
        (result) => {
          callback(null, result);
        },
        (err: unknown) => {
          callback(err instanceof Error ? err : new Error(String(err)));
        },
      );
    }
    // Typed as the route's options, called with the plugin's merged options (the route in routeInfo).
    child(options: object): FastifyRateLimitStore {
      const { method, url } = (options as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo ?? {};
      return new SharedRateLimits(`${String(method)} ${String(url)} `);
    }
  };
}

/** proxy-addr's trust function for `hops` proxies in front: the nearest `hops` addresses. */
const trustHops = (hops: number) => (_address: string, index: number) => index < hops;

/**
 * Builds the whole service from a config: nothing global, so tests build as many as they like.
 * The caller listens and closes.
 */
export async function buildApp(
  config: Config,
  options: { mailer?: Mailer; logStream?: NodeJS.WritableStream } = {},
): Promise<App> {
  // Paths (exact, no query) answered by a prepared function before Fastify routes, hooks or logs
  // anything: the count, read by every page view of every host. Each such path is also a Fastify
  // route, which answers HEAD, queries and anything the function throws on.
  const first = new Map<string, FirstAnswer>();
  const app = Fastify({
    bodyLimit: config.bodyLimit,
    // A client that sends slowly (or not at all) cannot hold a socket for long: the whole request
    // within requestTimeout, its headers within headersTimeout. Node checks every 2 s.
    // The server is made here (serverFactory), so these are set on it here, as Fastify would.
    // Before Fastify, it answers the few GETs whose answer is prepared (app.answerFirst).
    serverFactory: (handler) =>
      createServer(
        {
          requestTimeout: config.requestTimeoutMs,
          headersTimeout: config.headersTimeoutMs,
          connectionsCheckingInterval: 2000,
          keepAliveTimeout: 72_000,
        },
        (req, res) => {
          const answer = req.method === 'GET' ? first.get(req.url ?? '') : undefined;
          if (!answer) {
            handler(req, res);
            return;
          }
          // Fastify's route for the same path answers what this could not, errors and all.
          const toFastify = () => {
            if (!res.headersSent) handler(req, res);
          };
          try {
            answer(req, res)?.catch(toFastify);
          } catch {
            toFastify();
          }
        },
      ),
    // A number of hops or a list of proxy addresses, never `true` (see config.ts, trustProxyFrom).
    // Fastify 5.12 takes a bare number as "trust nothing", so hops are counted here: the socket's
    // peer is hop 0, then X-Forwarded-For from the right; the client is the first untrusted one.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // No personal data in the logs: no bodies, no query strings (they carry tokens).
      serializers: {
        req: (req) => ({ method: req.method, url: req.url.split('?')[0] }),
        // An error's type, message, code and stack only: PostgreSQL's `detail` quotes the row's values.
        err: (err: Error & { code?: unknown }) => ({
          type: err.constructor.name,
          message: err.message,
          code: err.code,
          stack: err.stack ?? '',
        }),
      },
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
  });
  const store = await openStore(config);
  app.log.info({ engine: store.engine, migrated: store.migrated }, 'store opened');
  const mailer =
    options.mailer ?? (config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : outboxMailer(config.dataDir));
  store.onForget((mailboxes) => mailer.forget?.(mailboxes));
  const mailQueue = new MailQueue(store, mailer, config, app.log, {
    retryBaseMs: config.mailRetrySeconds * 1000,
    retryMaxMs: 3600_000,
    pollMs: Math.min(config.mailRetrySeconds * 1000, 10_000),
  });
  app.decorate('answerFirst', (path: string, answer: FirstAnswer) => {
    first.set(path, answer);
  });
  app.decorate('config', config);
  app.decorate('store', store);
  app.decorate('mailer', mailer);
  app.decorate('mailQueue', mailQueue);
  app.addHook('onReady', (done) => {
    mailQueue.start();
    done();
  });
  app.addHook('onClose', async () => {
    await mailQueue.stop();
    await store.close();
    mailer.close();
  });

  // nosniff, no Referer, HSTS behind https (answer-headers.ts: the count's prepared answer, which
  // skips this hook, carries the same); pages get more below.
  const everyAnswer = answerHeaders(config.publicUrl);
  app.addHook('onSend', async (request, reply) => {
    reply.headers(everyAnswer);
    if (!/^text\/html\b/.test(String(reply.getHeader('content-type') ?? ''))) return;
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    // No page may be framed (clickjacking), except a route made to be: `config: { embeddable: true }`.
    // Such a page goes without COOP too: any site may frame it, and so hold a window of it, so
    // COOP keeps no one out; opened on its own, the page waited for the new browsing context
    // group COOP asks for before it painted (the embed page on the bench's slow phone, issue 26).
    if (request.routeOptions.config.embeddable) return;
    reply.header('cross-origin-opener-policy', 'same-origin');
    const csp = String(reply.getHeader('content-security-policy') ?? '');
    if (!/(^|;)\s*frame-ancestors\s/.test(csp)) {
      reply.header('content-security-policy', csp ? `${csp}; frame-ancestors 'none'` : "frame-ancestors 'none'");
    }
    reply.header('x-frame-options', 'DENY');
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const fields: Record<string, FieldErrorCode> = {};
      for (const v of error.validation) {
        const params = v.params as Partial<Record<string, string>>;
        let field = params.missingProperty ?? params.additionalProperty ?? v.instancePath.split('/').at(1) ?? '';
        // An unknown field is named only when its name is plain; input is never echoed as markup.
        if (!/^[A-Za-z][\w-]{0,40}$/.test(field)) field = field && '(unknown field)';
        const code = v.keyword === 'minLength' && Number(params.limit) > 1 ? 'too_short' : FIELD_CODES[v.keyword];
        fields[field || '(body)'] ??= code ?? 'invalid';
      }
      if (error.validationContext === 'body' && fields['(body)'] === 'wrong_type') {
        return reply.code(400).send({ error: 'invalid_json' });
      }
      // A query is the request's address: a wrong one is a bad request, not a form to mend.
      if (error.validationContext === 'querystring') return reply.code(400).send({ error: 'invalid_query', fields });
      return reply.code(422).send({ error: 'invalid_fields', fields });
    }
    const status = error.statusCode ?? 500;
    const known = FASTIFY_ERRORS[error.code];
    if (known) return reply.code(known[0]).send({ error: known[1] });
    if (status === 429) return reply.code(429).send({ error: 'rate_limited' });
    if (error instanceof SyntaxError) return reply.code(400).send({ error: 'invalid_json' });
    if (status < 500) return reply.code(status).send({ error: 'bad_request' });
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal' });
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not_found' }));

  // Every documented route gets its operationId, security and error answers (server/openapi.ts).
  app.addHook('onRoute', documentRoute);
  await app.register(swagger, {
    openapi: {
      // Relative: the service that serves this description (at /api/openapi.json) is the server.
      servers: [{ url: '/', description: 'The service that serves this description' }],
      info: {
        title: 'Valgløftet 2023 signature service',
        version: '1.0.0',
        description: 'Signatures, council adoptions and the count behind <ks-valgloftet>.',
      },
      components: {
        securitySchemes: { admin: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' } },
      },
    },
  });
  await app.register(rateLimit, {
    global: false,
    ...(store.rateLimitHit && { store: sharedRateLimits(store.rateLimitHit.bind(store)) }),
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: `Try again in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });

  await app.register(apiRoutes, { prefix: '/api' });
  await app.register(markupRoutes, { prefix: '/api' });
  await app.register(embedRoutes);
  await app.register(adminRoutes, { prefix: '/api/admin' });
  await app.register(signerPageRoutes);
  await app.register(adminPageRoutes); // /admin, KS's admin page
  await app.register(fileRoutes);
  await app.register(robotsRoutes);
  await app.register(builderRoutes);
  await app.register(councilRoutes); // /kommunar, and its open data under /api
  await app.register(linkPreviewRoutes); // the pages' images for shared links

  app.get(
    '/api/openapi.json',
    {
      schema: {
        summary: 'This description',
        response: {
          200: { description: 'The OpenAPI 3 description of the service', type: 'object', additionalProperties: true },
        },
      },
    },
    async (_request, reply) => reply.type('application/json; charset=utf-8').send(JSON.stringify(app.swagger())),
  );
  await app.register(healthRoutes);

  return { app, store, mailer, mailQueue };
}
