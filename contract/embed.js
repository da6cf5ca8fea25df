// The embed contract in one place: the paths of the embed page, the oEmbed endpoint, the builder
// and the host helper; the options an embed takes and how they travel in a URL; the message the
// embed page posts to its parent. The service (server/embed/routes.ts, oembed, builder), the
// builder's page script and the tests all read it. Plain JavaScript, so a browser can load it as is.
/* global URLSearchParams -- in browsers and in Node alike */

/** The framed embed page (works in `sandbox="allow-scripts"`). */
export const EMBED_PATH = '/embed';
/** The oEmbed endpoint (oembed.com). */
export const OEMBED_PATH = '/oembed';
/** The embed builder for web editors. */
export const BUILDER_PATH = '/embed/builder';
/** The optional host helper that resizes `iframe[data-ks-valgloftet]`. */
export const HELPER_PATH = '/embed.js';
/**
 * The pledge's public page per language: the address an editor pastes for oEmbed. These are the
 * current campaign's; each campaign has its own under them too (`/valgloftet/2027`,
 * `/valgloftet/2027/nn`: campaignPagePath), past ones kept as an archive.
 */
export const PLEDGE_PAGES = /** @type {const} */ ({ nb: '/valgloftet', nn: '/valgloftet/nn' });

/**
 * A campaign's id, as contract/campaign.ts's CAMPAIGN_ID says (a test holds the two the same): this
 * file is plain JavaScript for the browser and cannot import that TypeScript module.
 */
export const CAMPAIGN = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * A campaign's own pledge page in a language: `/valgloftet/<id>`, `/valgloftet/<id>/nn`.
 * @param {string} campaign an id (`CAMPAIGN`)
 * @param {'nb' | 'nn'} lang
 */
export const campaignPagePath = (campaign, lang) => `${PLEDGE_PAGES.nb}/${campaign}${lang === 'nn' ? '/nn' : ''}`;

/**
 * What the embed page posts to its parent (`'*'`) whenever its height changes:
 * `{ type: 'ks-valgloftet:height', height: <CSS pixels, an integer> }`. Inside a WordPress embed
 * (a `#?secret=…` in its URL) it also posts `{ message: 'height', value, secret }` for wp-embed.
 */
export const HEIGHT_MESSAGE = 'ks-valgloftet:height';

/**
 * The iframe height to recommend when the host runs no script: the pledge's lead, the counter and
 * the call to action show without clipping from 320 to 1280 px wide (test/embed.test.ts measures it).
 */
export const EMBED_HEIGHT = 640;

/** A colour an embed takes: `#rrggbb`. */
export const COLOUR = /^#[0-9a-fA-F]{6}$/;

/**
 * A council an embed shows under the national figures: an SSB code, 4 digits for a municipality,
 * 2 for a county (as in `GET /api/municipalities`). A well-formed code the list lacks is passed on:
 * the widget ignores it with a warning.
 */
export const MUNICIPALITY = /^[0-9]{2}([0-9]{2})?$/;

/** The colour options and the custom property each sets on the element. */
export const COLOUR_PROPERTIES = /** @type {const} */ ({
  accent: '--ks-valgloftet-accent',
  background: '--ks-valgloftet-background',
  color: '--ks-valgloftet-color',
});

/**
 * @typedef {object} EmbedOptions
 * @property {'nb' | 'nn'} lang
 * @property {boolean} [noCounter]
 * @property {boolean} [noForm]
 * @property {string} [accent] `#rrggbb`
 * @property {string} [background] `#rrggbb`
 * @property {string} [color] `#rrggbb`
 * @property {string} [municipality] an SSB code (`MUNICIPALITY`): that council's status and count too
 * @property {string} [campaign] a campaign's id (`CAMPAIGN`); absent: the service's current one
 */

/**
 * The options as a query string in one canonical order, without `?`:
 * `lang=nn&campaign=2027&no-counter&municipality=4601&accent=%23…`.
 * Only valid values are written; `lang=nb` is the default and is written too, so a URL says what it shows.
 * @param {EmbedOptions} options
 */
export function embedSearch(options) {
  const parts = [`lang=${options.lang === 'nn' ? 'nn' : 'nb'}`];
  if (options.campaign && CAMPAIGN.test(options.campaign)) parts.push(`campaign=${options.campaign}`);
  if (options.noCounter) parts.push('no-counter');
  if (options.noForm) parts.push('no-form');
  if (options.municipality && MUNICIPALITY.test(options.municipality))
    parts.push(`municipality=${options.municipality}`);
  for (const name of /** @type {(keyof typeof COLOUR_PROPERTIES)[]} */ (Object.keys(COLOUR_PROPERTIES))) {
    const value = options[name];
    if (value && COLOUR.test(value)) parts.push(`${name}=${encodeURIComponent(value.toLowerCase())}`);
  }
  return parts.join('&');
}

/**
 * An embed address's query (without `?`) as parameters, with `&` that an HTML filter wrote as
 * `&amp;` read as `&`: WordPress stores an Embed block's address so for users without
 * `unfiltered_html` (Authors, Contributors) and hands it on so to the oEmbed endpoint. No option's
 * name or value has `&` or `;` in it, so nothing else can be meant.
 * @param {string} query
 */
export function embedParams(query) {
  return new URLSearchParams(query.replace(/&amp;/gi, '&'));
}

/**
 * Reads embed options from a query. Unknown names are ignored (a CMS may add its own); a known name
 * with a bad value is an error, named in `errors`.
 * @param {URLSearchParams} params
 * @returns {{ options: EmbedOptions, errors: string[] }}
 */
export function parseEmbedSearch(params) {
  /** @type {string[]} */
  const errors = [];
  const lang = params.get('lang') ?? 'nb';
  if (lang !== 'nb' && lang !== 'nn') errors.push('lang');
  /** @type {EmbedOptions} */
  const options = { lang: lang === 'nn' ? 'nn' : 'nb' };
  // Well-formed here; whether the service serves it is the service's to say.
  const campaign = params.get('campaign');
  if (campaign !== null) {
    if (CAMPAIGN.test(campaign)) options.campaign = campaign;
    else errors.push('campaign');
  }
  for (const [name, key] of /** @type {const} */ ([
    ['no-counter', 'noCounter'],
    ['no-form', 'noForm'],
  ])) {
    const value = params.get(name);
    if (value === null) continue;
    if (value === '' || value === 'true') options[key] = true;
    else errors.push(name);
  }
  const municipality = params.get('municipality');
  if (municipality !== null) {
    if (MUNICIPALITY.test(municipality)) options.municipality = municipality;
    else errors.push('municipality');
  }
  for (const name of /** @type {(keyof typeof COLOUR_PROPERTIES)[]} */ (Object.keys(COLOUR_PROPERTIES))) {
    const value = params.get(name);
    if (value === null) continue;
    if (COLOUR.test(value)) options[name] = value.toLowerCase();
    else errors.push(name);
  }
  return { options, errors };
}

/**
 * The embed page's address on `service` (an origin, or an origin and a path prefix, no trailing `/`).
 * @param {string} service
 * @param {EmbedOptions} options
 */
export function embedUrl(service, options) {
  return `${service}${EMBED_PATH}?${embedSearch(options)}`;
}

/**
 * The pledge's public page for the options' language on `service`: the address an editor pastes for
 * oEmbed. The campaign, when one is named, is in its path (`/valgloftet/2027/nn`); options besides
 * it and the language travel in its query (`/valgloftet/nn?no-counter&municipality=4601`).
 * @param {string} service
 * @param {EmbedOptions} options
 */
export function pledgePageUrl(service, options) {
  const lang = options.lang === 'nn' ? 'nn' : 'nb';
  const { campaign } = options;
  const named = campaign !== undefined && CAMPAIGN.test(campaign);
  const rest = embedSearch({ ...options, campaign: undefined }).replace(/^lang=n[bn]&?/, '');
  const path = named ? campaignPagePath(campaign, lang) : PLEDGE_PAGES[lang];
  return `${service}${path}${rest ? `?${rest}` : ''}`;
}
