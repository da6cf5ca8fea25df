import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import rateLimit, { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { answerHeaders } from './http/answer-headers.js';
import type { Config } from './config.js';
import { boundedKey } from './http/limits.js';
import { MailQueue } from './mail/queue.js';
import { outboxMailer, smtpMailer, type Mailer } from './mail/mailer.js';
import { openStore, type Store } from './store/index.js';
import { loadCampaigns, type Campaigns } from './campaigns/campaigns.js';
import { campaignRoutes } from './campaigns/routes.js';
import { healthRoutes } from './http/health.js';
import { adminRoutes } from './admin/api.js';
import { apiRoutes } from './signing/api.js';
import { countRoutes } from './widget/count.js';
import { markupRoutes } from './widget/markup.js';
import { embedRoutes } from './embed/routes.js';
import { builderRoutes } from './builder/routes.js';
import { councilRoutes } from './councils/routes.js';
import { fileRoutes } from './widget/files.js';
import { signerPageRoutes } from './signing/pages.js';
import { adminPageRoutes } from './admin/screens.js';
import { pageRoutes } from './pages/routes.js';
import { formPages } from './http/forms.js';
import { documentRoute } from './http/openapi.js';
import { robotsRoutes } from './http/robots.js';
import { linkPreviewRoutes } from './link-preview/images.js';
import type { FieldErrorCode } from '../contract/signature.js';

export interface App {
  app: FastifyInstance;
  store: Store;
  mailer: Mailer;
  mailQueue: MailQueue;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    store: Store;
    mailer: Mailer;
    mailQueue: MailQueue;
    campaigns: Campaigns;
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
  const app = Fastify({
    bodyLimit: config.bodyLimit,
    // A client that sends slowly (or not at all) cannot hold a socket for long: the whole request
    // within requestTimeout, its headers within headersTimeout. Node checks every 2 s. (Node checks
    // the two against each other as it makes the server, so both are in `http` too.)
    requestTimeout: config.requestTimeoutMs,
    http: {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.headersTimeoutMs,
      connectionsCheckingInterval: 2000,
    },
    keepAliveTimeout: 72_000,
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
  // Read before the store opens: a broken campaign folder stops the service with the file's name.
  const campaigns = loadCampaigns(config.campaignsDir, config.campaign);
  const store = await openStore(config);
  app.log.info({ engine: store.engine, migrated: store.migrated }, 'store opened');
  const mailer =
    options.mailer ?? (config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : outboxMailer(config.dataDir));
  store.onForget((mailboxes) => mailer.forget?.(mailboxes));
  const mailQueue = new MailQueue(store, mailer, config, campaigns, app.log, {
    retryBaseMs: config.mailRetrySeconds * 1000,
    retryMaxMs: 3600_000,
    pollMs: Math.min(config.mailRetrySeconds * 1000, 10_000),
  });
  app.decorate('config', config);
  app.decorate('store', store);
  app.decorate('mailer', mailer);
  app.decorate('mailQueue', mailQueue);
  app.decorate('campaigns', campaigns);
  app.addHook('onReady', (done) => {
    mailQueue.start();
    done();
  });
  app.addHook('onClose', async () => {
    await mailQueue.stop();
    await store.close();
    mailer.close();
  });

  // nosniff, no Referer, HSTS behind https, on every answer; more on pages.
  answerHeaders(app, config.publicUrl);

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

  // Every documented route gets its operationId, security and error answers (server/http/openapi.ts).
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

  await app.register(countRoutes, { prefix: '/api' });
  await app.register(campaignRoutes, { prefix: '/api' });
  await app.register(apiRoutes, { prefix: '/api' });
  await app.register(markupRoutes, { prefix: '/api' });
  await app.register(embedRoutes);
  await app.register(adminRoutes, { prefix: '/api/admin' });
  await app.register(pageRoutes); // the one stylesheet of every page
  // The pages that take forms: the buttons behind the mails' links, and /admin, KS's admin page.
  await app.register(formPages, { routes: [signerPageRoutes, adminPageRoutes] });
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
