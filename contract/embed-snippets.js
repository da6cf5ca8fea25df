// The code the embed builder gives web editors, one string per way in. The builder's page script
// (in the browser, live) and its route (on the server, for the page without script) both call
// snippets(), so what is shown before and after the script runs is the same code. Plain JavaScript,
// like ./embed.js, so a browser can load it as is.
//
// Nothing typed into the builder reaches the code unchecked: the service base must be a plain
// http(s) address, every colour `#rrggbb`, the council an SSB code and the campaign an id, or
// snippets() throws; every value is escaped for the attribute it lands in as well.
/* global URL -- in browsers and in Node alike */
import {
  CAMPAIGN,
  COLOUR,
  COLOUR_PROPERTIES,
  EMBED_HEIGHT,
  HELPER_PATH,
  MUNICIPALITY,
  embedUrl,
  pledgePageUrl,
} from './embed.js';

/** The fallback link's words: what a reader sees where the script never runs (README, "Without JavaScript"). */
const FALLBACK_TEXT = /** @type {const} */ ({
  nb: 'Les om Valgløftet 2023 hos KS',
  nn: 'Les om Valgløftet 2023 hjå KS',
});

/** The iframe's accessible name: the pledge's proper name, the same in nynorsk (README, "Language"). */
const IFRAME_TITLE = 'Valgløftet 2023';

/**
 * The fallback link's words for a campaign other than the current one, `{title}` its title in the
 * snippet's language; without its title, the words name no campaign.
 */
const CAMPAIGN_FALLBACK_TEXT = /** @type {const} */ ({
  nb: { titled: 'Les om {title} hos KS', untitled: 'Les om løftet hos KS' },
  nn: { titled: 'Les om {title} hjå KS', untitled: 'Les om løftet hjå KS' },
});

/** @param {string} value */
const escapeAttribute = (value) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** @param {string} value */
const escapeText = (value) => value.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);

/**
 * The service's public base as it goes into the code: an absolute http(s) address, optionally with
 * a path prefix, without credentials, query or fragment, and without a trailing `/`.
 * @param {unknown} service
 */
function serviceBase(service) {
  // Only characters an address may hold as written; quotes, angle brackets, spaces and controls are
  // refused here rather than silently percent-encoded into something the editor did not type.
  if (typeof service !== 'string' || !/^https?:\/\/[^\s"'<>`\\^{}|]+$/i.test(service)) {
    throw new TypeError(`The service address must be an http(s) address such as https://valgloftet.example.no`);
  }
  const url = new URL(service);
  if (url.username || url.password || url.search || url.hash || service.includes('?') || service.includes('#')) {
    throw new TypeError('The service address must have no user name, password, query (?…) or fragment (#…)');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The options with each value checked: the language `nb` or `nn`, the switches as booleans, the
 * colours `#rrggbb` in lower case (an unset or empty colour is left out; any other value throws), the
 * council an SSB code of 2 or 4 digits (unset or empty: none; any other value throws), the campaign
 * an id (`CAMPAIGN`; unset or empty: the current one; any other value throws).
 * @param {import('./embed.js').EmbedOptions} options
 * @returns {import('./embed.js').EmbedOptions}
 */
function checkedOptions(options) {
  if (options.lang !== 'nb' && options.lang !== 'nn') throw new TypeError('lang must be "nb" or "nn"');
  /** @type {import('./embed.js').EmbedOptions} */
  const checked = { lang: options.lang };
  if (options.noCounter) checked.noCounter = true;
  if (options.noForm) checked.noForm = true;
  const { municipality } = options;
  if (municipality !== undefined && municipality !== '') {
    if (typeof municipality !== 'string' || !MUNICIPALITY.test(municipality)) {
      throw new TypeError('municipality must be an SSB code of 4 digits (a municipality) or 2 (a county)');
    }
    checked.municipality = municipality;
  }
  const { campaign } = options;
  if (campaign !== undefined && campaign !== '') {
    if (typeof campaign !== 'string' || !CAMPAIGN.test(campaign)) {
      throw new TypeError('campaign must be an id: lower-case letters, digits and hyphens');
    }
    checked.campaign = campaign;
  }
  for (const name of /** @type {(keyof typeof COLOUR_PROPERTIES)[]} */ (Object.keys(COLOUR_PROPERTIES))) {
    const value = options[name];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string' || !COLOUR.test(value)) throw new TypeError(`${name} must be a colour #rrggbb`);
    checked[name] = value.toLowerCase();
  }
  return checked;
}

/**
 * The element with its attributes and the fallback link inside, on one line: WordPress's classic
 * editor (wpautop) splits markup at blank lines and line breaks, so there are none.
 * @param {string} base
 * @param {import('./embed.js').EmbedOptions} options
 * @param {string} [title] the campaign's title, when a campaign is named
 */
function element(base, options, title) {
  const attributes = [`lang="${options.lang}"`];
  if (options.campaign) attributes.push(`campaign="${escapeAttribute(options.campaign)}"`);
  if (options.noCounter) attributes.push('no-counter');
  if (options.noForm) attributes.push('no-form');
  if (options.municipality) attributes.push(`municipality="${escapeAttribute(options.municipality)}"`);
  const properties = /** @type {(keyof typeof COLOUR_PROPERTIES)[]} */ (Object.keys(COLOUR_PROPERTIES))
    .filter((name) => options[name])
    .map((name) => `${COLOUR_PROPERTIES[name]}:${String(options[name])}`);
  if (properties.length) attributes.push(`style="${escapeAttribute(properties.join(';'))}"`);
  const href = escapeAttribute(pledgePageUrl(base, { lang: options.lang, campaign: options.campaign }));
  const words = CAMPAIGN_FALLBACK_TEXT[options.lang];
  const text = !options.campaign
    ? FALLBACK_TEXT[options.lang]
    : title
      ? words.titled.replace('{title}', title)
      : words.untitled;
  return `<ks-valgloftet ${attributes.join(' ')}><a href="${href}">${escapeText(text)}</a></ks-valgloftet>`;
}

/**
 * The iframe for the embed page. No `sandbox` from us: the frame is on the service's own origin,
 * so the browser already keeps it apart from the host page, and a sandbox would only take from the
 * reader what the page needs (opening the pledge's links in a new tab needs `allow-popups`). A host
 * that wants one may add `sandbox="allow-scripts"`: the embed page works inside it.
 * @param {string} base
 * @param {import('./embed.js').EmbedOptions} options
 * @param {string} [title] the campaign's title, when a campaign is named
 */
function iframe(base, options, title) {
  const name = options.campaign && title ? title : IFRAME_TITLE;
  return (
    `<iframe src="${escapeAttribute(embedUrl(base, options))}" title="${escapeAttribute(name)}" ` +
    `width="100%" height="${String(EMBED_HEIGHT)}" style="border:0;max-width:100%" loading="lazy" data-ks-valgloftet></iframe>`
  );
}

/**
 * @typedef {object} Snippets
 * @property {string} module `<script type="module" …>` and the element with its fallback link, one line each.
 * @property {string} classic The same with the classic script (`defer`).
 * @property {string} iframe The embed page in an iframe of the recommended height.
 * @property {string} iframeWithHelper The iframe and the host helper script that fits its height to the content.
 * @property {string} url The pledge page's address, for oEmbed.
 * @property {string} shortcode The WordPress plugin's shortcode.
 */

/**
 * Copy-ready code for every way in, for the service at `service` (its public base, such as
 * `https://valgloftet.example.no`) and the chosen options:
 * - `module`: the ES module script and the element (for editors allowed raw HTML);
 * - `classic`: the same with the classic script, `defer` (for a CMS that refuses `type="module"`);
 * - `iframe`: the embed page in an iframe of the recommended height;
 * - `iframeWithHelper`: the iframe and the host helper that fits its height to the content;
 * - `url`: the pledge page's address, for oEmbed (pasted on its own line);
 * - `shortcode`: the WordPress plugin's `[valgloftet …]` (integrations/wordpress), which takes the
 *   service from its settings; only what differs from its defaults besides the language.
 * A campaign named in the options (one other than the service's current: the current one is named
 * by leaving it out, so that the code keeps following the service) goes into every one of them;
 * `title`, its title in the options' language, names it in the fallback link and the iframe.
 * Throws a TypeError for a service base or an option that is not valid.
 * @param {string} service
 * @param {import('./embed.js').EmbedOptions} options
 * @param {string} [title]
 * @returns {Snippets}
 */
export function snippets(service, options, title) {
  const base = serviceBase(service);
  const checked = checkedOptions(options);
  const tag = element(base, checked, title);
  const frame = iframe(base, checked, title);
  return {
    module: `<script type="module" src="${escapeAttribute(`${base}/ks-valgloftet.js`)}"></script>\n${tag}`,
    classic: `<script src="${escapeAttribute(`${base}/ks-valgloftet.iife.js`)}" defer></script>\n${tag}`,
    iframe: frame,
    iframeWithHelper: `${frame}\n<script src="${escapeAttribute(`${base}${HELPER_PATH}`)}" async></script>`,
    url: pledgePageUrl(base, checked),
    shortcode: shortcode(checked),
  };
}

/**
 * The plugin's shortcode for checked options: every value is `nb`/`nn`, a campaign id, `no`, digits
 * or `#rrggbb`, so nothing needs escaping, and nothing typed can close the shortcode.
 * @param {import('./embed.js').EmbedOptions} checked
 */
function shortcode(checked) {
  const parts = [`lang="${checked.lang}"`];
  if (checked.campaign) parts.push(`campaign="${checked.campaign}"`);
  if (checked.noCounter) parts.push('counter="no"');
  if (checked.noForm) parts.push('form="no"');
  if (checked.municipality) parts.push(`municipality="${checked.municipality}"`);
  for (const name of /** @type {(keyof typeof COLOUR_PROPERTIES)[]} */ (Object.keys(COLOUR_PROPERTIES))) {
    const value = checked[name];
    if (value) parts.push(`${name}="${value}"`);
  }
  return `[valgloftet ${parts.join(' ')}]`;
}
