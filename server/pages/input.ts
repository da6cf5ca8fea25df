// What a page's address or form may carry, as a schema (Fastify's `schema.querystring` and
// `schema.body`), as the API's routes have: every field text of a bounded length. A page answers a
// value it does not know with its own page, never with a JSON error, so a field the schema refuses
// reads as '' (a value the page does not know: its default, or its own message at the field), and
// nothing refused reaches the page's code or the store.
import type { FastifyRequest, FastifySchemaValidationError, RouteShorthandOptions } from 'fastify';

type Fields = Record<string, number>;

/** An object whose named fields are each one string of at most its given length; any other is let be. */
const objectOf = (fields: Fields) => ({
  type: 'object',
  properties: Object.fromEntries(
    Object.entries(fields).map(([name, maxLength]) => [name, { type: 'string', maxLength }]),
  ),
});

/** The fields the validation refused ('' for the whole input), by the first step of each error's path. */
export function refusedOf(request: FastifyRequest): Set<string> {
  const errors = (request.validationError?.validation ?? []) as FastifySchemaValidationError[];
  const refused = new Set(errors.map((error) => error.instancePath.split('/')[1] ?? ''));
  // The fields' names alone: what was sent in them may be someone's address or token.
  if (refused.size) request.log.debug({ refused: [...refused] }, 'page input refused by its schema');
  return refused;
}

/** The input with every field the schema refused read as ''; an input that is no object reads as none. */
function readable(input: unknown, refused: Set<string>): unknown {
  if (refused.has('') || input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  return Object.fromEntries(Object.entries(input).map(([name, value]) => [name, refused.has(name) ? '' : value]));
}

/**
 * A page route's options for its query (`querystring`) or form (`body`): the schema, hidden from the
 * OpenAPI document as every page is, its failure attached rather than answered, and a step before
 * the handler that reads each refused field as ''.
 */
export function pageInput(part: 'querystring' | 'body', fields: Fields): RouteShorthandOptions {
  return {
    schema: { hide: true, [part]: objectOf(fields) },
    attachValidation: true,
    preHandler: (request, _reply, next) => {
      if (request.validationError) {
        const refused = refusedOf(request);
        if (part === 'body') request.body = readable(request.body, refused);
        else request.query = readable(request.query, refused);
      }
      next();
    },
  };
}
