// The embed options a page's address carries, by schema: each known option's value (each of them,
// where a name comes more than once) is text no longer than the longest value the option takes. An
// option the schema refuses is named in the page's 400 as any bad value is, and its value is never
// read; a name the page does not know is let be (a CMS may add its own).
import type { FastifyRequest, RouteShorthandOptions } from 'fastify';
import { COLOUR_PROPERTIES, parseEmbedSearch } from '../../contract/embed.js';
import { refusedOf } from '../pages/input.js';
import { searchOf } from './cache.js';

/** Each option, in the order the page names bad ones, and the longest value it takes. */
const LONGEST: Record<string, number> = {
  lang: 2,
  campaign: 32,
  'no-counter': 4,
  'no-form': 4,
  municipality: 4,
  ...Object.fromEntries(Object.keys(COLOUR_PROPERTIES).map((name) => [name, 7])),
};

/** An option's value, or a few of them where a name is repeated (the first is read), each bounded. */
const option = (maxLength: number) => ({
  anyOf: [
    { type: 'string', maxLength },
    { type: 'array', maxItems: 10, items: { type: 'string', maxLength } },
  ],
});

/** An embed page's route options: the query's schema, hidden as every page is, its failure attached. */
export const embedQuery = {
  schema: {
    hide: true,
    querystring: {
      type: 'object',
      properties: Object.fromEntries(Object.entries(LONGEST).map(([name, max]) => [name, option(max)])),
    },
  },
  attachValidation: true,
} satisfies RouteShorthandOptions;

/**
 * The options the address asks for, and the bad ones (refused by the schema or by their value), in
 * order; and the campaign the page is about: the one `campaign=` names, or the service's current
 * one. A campaign the service does not serve is a bad value like any other.
 */
export function askedOptions(request: FastifyRequest) {
  const params = searchOf(request);
  const refused = refusedOf(request);
  for (const name of refused) params.delete(name);
  const { options, errors } = parseEmbedSearch(params);
  const { campaigns } = request.server;
  const named = options.campaign === undefined ? undefined : campaigns.get(options.campaign);
  if (options.campaign !== undefined && !named) {
    errors.push('campaign');
    delete options.campaign;
  }
  const names = Object.keys(LONGEST);
  const bad = [...new Set([...errors, ...names.filter((name) => refused.has(name))])];
  return {
    params,
    options,
    campaign: named ?? campaigns.current(),
    errors: bad.sort((a, b) => names.indexOf(a) - names.indexOf(b)),
  };
}
