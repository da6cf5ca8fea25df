// What every documented route shares in the OpenAPI description: an operationId, its security
// (none for the public API), and the error answers the service gives it. Added by an onRoute hook
// (app.ts), so a route's own schema says only what is its own, and a new route is described as
// fully as the others. `npm run test:api` lints the result; server/test/openapi.test.ts calls
// every operation and checks that each answer it gets is described.
import type { RouteOptions } from 'fastify';

/** The body of every error answer: a machine-readable code, and per-field codes for 422. */
export const errorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string', description: 'A machine-readable code' },
    fields: {
      type: 'object',
      description:
        'For `invalid_fields` and `invalid_query`: a code per field or parameter (`required`, `wrong_type`, `empty`, `too_short`, `too_long`, `invalid`, `unknown_value`, `unknown`, `not_allowed`, `out_of_range`)',
      additionalProperties: { type: 'string' },
    },
  },
} as const;

export const errorResponse = (description: string) => ({ description, ...errorBody });

const ERRORS = {
  400: errorResponse('`invalid_json`: the body is not JSON, or not a JSON object'),
  401: errorResponse('`unauthorized`: no `Authorization: Bearer <ADMIN_TOKEN>` header, or a wrong one'),
  404: errorResponse('`not_found`'),
  413: errorResponse('`body_too_large`: the body is larger than `BODY_LIMIT`'),
  415: errorResponse('`unsupported_media_type`: the body is not `application/json`'),
  422: errorResponse('`invalid_fields`: `fields` names each field that is wrong, with a code'),
  429: errorResponse(
    '`rate_limited`: too many requests from this address; `Retry-After` says how many seconds to wait',
  ),
  500: errorResponse('`internal`: the service failed; nothing about the request is echoed'),
} as const;

const INVALID_QUERY = errorResponse(
  '`invalid_query`: a query parameter is unknown, repeated or has a wrong value; `fields` names each, with a code',
);

/** Methods whose body the service reads (a DELETE's too, when it has one). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `GET /api/admin/adoptions/:code` → `getAdminAdoptionsByCode`. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .split('/')
    .filter((part) => part && part !== 'api')
    .flatMap((part) => (part.startsWith(':') ? ['by', part.slice(1)] : part.split(/[^A-Za-z0-9]+/)))
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0].toUpperCase() + w.slice(1))].join('');
}

type Schema = Record<string, unknown> & {
  response?: Record<string, unknown>;
  security?: Record<string, string[]>[];
};

/** Completes a documented route's schema in place; hidden routes and HEAD stay as they are. */
export function documentRoute(route: RouteOptions): void {
  const methods = ([] as string[]).concat(route.method);
  const schema = route.schema as Schema | undefined;
  if (!schema || schema.hide || methods.every((m) => m === 'HEAD' || m === 'OPTIONS')) return;
  const method = methods.find((m) => m !== 'HEAD') ?? 'GET';
  const admin = (schema.security?.length ?? 0) > 0;
  const limited = admin || Boolean((route.config as { rateLimit?: unknown } | undefined)?.rateLimit);
  const codes: (keyof typeof ERRORS)[] = [];
  if (BODY_METHODS.has(method)) codes.push(400, 413, 415);
  if (admin) codes.push(401);
  if (schema.body || schema.params) codes.push(422);
  if (limited) codes.push(429);
  codes.push(500);
  const response = { ...schema.response };
  if (schema.querystring) response[400] ??= INVALID_QUERY;
  for (const code of codes) response[code] ??= ERRORS[code];
  route.schema = {
    operationId: operationIdOf(method, route.url),
    // Declared for every operation: the public API needs no credentials at all.
    security: [],
    ...schema,
    response,
  };
}
