// The ways into a page that takes no script: the embed page (GET /embed), framed by any site and
// working inside `sandbox="allow-scripts"`; the host helper that resizes its frame (GET /embed.js);
// the pledge's public page per language (GET /valgloftet, /valgloftet/nn), which names the oEmbed
// endpoint (GET /oembed) so that a CMS given the page's address embeds the pledge by itself.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  COLOUR_PROPERTIES,
  EMBED_HEIGHT,
  EMBED_PATH,
  HELPER_PATH,
  OEMBED_PATH,
  PLEDGE_PAGES,
  embedParams,
  embedUrl,
  parseEmbedSearch,
  pledgePageUrl,
  type EmbedOptions,
} from '../../contract/embed.js';
import { DEFAULT_PLEDGE_URL, DEFAULT_PODCAST_URL } from '../../contract/links.js';
import type { Lang } from '../../contract/signature.js';
import { escapeHtml } from '../html.js';
import { COUNCILS_PATH } from '../councils/page.js';
import { isKnownCode } from '../municipalities.js';
import { compressed, precompressed, sendCompressed, type Compressed } from '../compressed.js';
import { WIDGET_CACHE } from './files.js';
import { loadRenderer, styleHashes } from './markup.js';
import { linkPreviewTags } from '../link-preview/tags.js';
import { linkPreviewTexts } from '../link-preview/texts.js';

const FRAME_SCRIPT = readFileSync(new URL('../../embed/frame.js', import.meta.url), 'utf8');
const HELPER = readFileSync(new URL('../../embed/embed.js', import.meta.url));

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The page's own few rules: no margin, so the frame is the card's size; and the page's heading,
 * for screen readers only (the card's own heading is what the eye reads).
 */
const PAGE_STYLE =
  'html{color-scheme:light}body{margin:0;display:flow-root;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}ks-valgloftet{display:block}' +
  '.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}';

/**
 * The embed page's disclosure of the pledge's text (framedMarkup): it sits in the card's body slot,
 * so it takes the widget's colours and font by inheritance and its rules from here. The summary is
 * a touch target of the card's buttons' height.
 */
const FRAME_STYLE =
  '.pledge{margin:0 0 .75rem}.pledge summary{min-height:2.75rem;line-height:2.75rem;cursor:pointer;color:var(--_accent);font-weight:600}' +
  '.pledge p{margin:0 0 .75rem}.pledge h3{margin:1.5rem 0 .5rem;color:var(--_accent);font-size:1.15em}' +
  '.pledge :focus-visible{outline:3px solid var(--_accent);outline-offset:2px}';

const TEXT = {
  nb: {
    title: 'Valgløftet 2023 – KS',
    /** The page's h1, heard before the card's own heading. */
    heading: 'Valgløftet 2023 fra KS',
    description:
      'Folkevalgte og kandidater som slutter seg til Valgløftet 2023 fra KS, lover en saklig og respektfull debatt, uten hets og trusler. Se hvor mange som har sluttet seg til.',
    other: 'Les på nynorsk',
    builder: 'Vis Valgløftet på nettstedet ditt',
    link: 'Valgløftet 2023 hos KS',
    badQuery: 'Denne adressen har en innstilling som ikke finnes eller ikke er gyldig:',
    /** The disclosure of the pledge's text in the embed page. */
    more: 'Les mer om løftet',
  },
  nn: {
    title: 'Valgløftet 2023 – KS',
    heading: 'Valgløftet 2023 frå KS',
    description:
      'Folkevalde og kandidatar som sluttar seg til Valgløftet 2023 frå KS, lovar ein sakleg og respektfull debatt, utan hets og truslar. Sjå kor mange som har slutta seg til.',
    other: 'Les på bokmål',
    builder: 'Vis Valgløftet på nettstaden din',
    link: 'Valgløftet 2023 hjå KS',
    badQuery: 'Denne adressa har ei innstilling som ikkje finst eller ikkje er gyldig:',
    more: 'Les meir om løftet',
  },
} as const;

/** The oEmbed answer's frame: what a host shows when it has no script of ours. */
const DEFAULT_WIDTH = 640;
const CACHE_AGE = 3600;

/**
 * The query of a request as the browser sent it (Fastify's parser would fold `?no-form`), `&amp;`
 * read as `&` (embedParams).
 */
const searchOf = (request: FastifyRequest) => embedParams(request.url.split('?')[1] ?? '');

/**
 * The rendered element with the council an embed was given: the renderer draws the widget's first
 * state, which has no local figures, so only the start tag changes (`municipality="4601"`, a code
 * already checked against `MUNICIPALITY`). Lit escapes `>` in attribute values, so the first `>` ends
 * the start tag.
 */
export const withMunicipality = (markup: string, municipality: string | undefined): string =>
  municipality ? markup.replace(/^(<ks-valgloftet\b[^>]*)>/, `$1 municipality="${escapeHtml(municipality)}">`) : markup;

/**
 * The rendered element as the embed page frames it. WordPress caps a frame at 1,000 px, and the
 * pledge's text makes the card 1,600 to 3,000 px tall, so a reader would scroll inside the frame,
 * on a phone even to reach the form's send button. Here the text goes behind a disclosure: the
 * renderer's text (the body slot's fallback) moves into the light DOM as a closed `<details>` in
 * that slot, and `data-frame` tells the form's styles to take the place of the rest of the card
 * while it is open (src/signing/form.styles.ts). The script renders the card afresh over the
 * server's shadow root (it does not hydrate it), so emptying the fallback there is safe; the slot
 * keeps showing the disclosure.
 */
export function framedMarkup(markup: string, lang: Lang): string {
  const fallback = /(<slot name="body">)([\s\S]*?)(<\/slot>)/.exec(markup);
  if (!fallback) return markup;
  const text = fallback[2].replace(/<!--[^>]*-->/g, '');
  const details = `<details class="pledge" slot="body"><summary>${TEXT[lang].more}</summary>${text}</details>`;
  return markup
    .replace(fallback[0], () => fallback[1] + fallback[3])
    .replace(/^<ks-valgloftet\b/, '$& data-frame')
    .replace(/<\/ks-valgloftet>\s*$/, () => `${details}</ks-valgloftet>`);
}

/** `:root`-free rules for the colours an embed was given. */
const colourRules = (options: EmbedOptions) => {
  const declarations = (Object.keys(COLOUR_PROPERTIES) as (keyof typeof COLOUR_PROPERTIES)[])
    .filter((name) => options[name])
    .map((name) => `${COLOUR_PROPERTIES[name]}:${options[name]}`);
  return declarations.length ? `ks-valgloftet{${declarations.join(';')}}` : '';
};

export function embedRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  // Read at each request: a service started on port 0 learns its address once it listens.
  const here = () => ({ publicUrl: app.config.publicUrl, origin: new URL(app.config.publicUrl).origin });
  const hide = { hide: true };

  // The widget's markup depends on the language and the two switches alone: 8 renderings, kept.
  // A page without colours or council is kept compressed (16 at most). A page for a council of the
  // list is kept too, the first COUNCIL_PAGES of them, never pushed out (a council's own embed is
  // served often). Any other page (colours, an unknown code, a full list: one of millions) is put
  // together from the kept markup and sent as it is, so no request can make the service render or
  // compress at will, nor push the common pages out.
  const markups = new Map<string, string>();
  const pages = new Map<string, Compressed & { csp: string }>();
  const councilPages = new Map<string, Compressed & { csp: string }>();
  const COUNCIL_PAGES = 512;

  /** The page for `options`, or undefined while the widget is not built. */
  async function render(
    kind: 'embed' | 'page',
    options: EmbedOptions,
    build: (markup: string) => { html: string; scripts: string[]; styles: string[]; frameable: boolean },
  ) {
    const { publicUrl, origin } = here();
    const coloured = Object.keys(COLOUR_PROPERTIES).some((name) => options[name as keyof typeof COLOUR_PROPERTIES]);
    const switches = `${publicUrl} ${options.lang} ${String(!!options.noCounter)} ${String(!!options.noForm)}`;
    const { municipality } = options;
    const key = `${kind} ${switches}${municipality ? ` ${municipality}` : ''}`;
    const kept = municipality ? councilPages : pages;
    const keep =
      !coloured && (!municipality || (isKnownCode(municipality) && (kept.has(key) || kept.size < COUNCIL_PAGES)));
    const cached = keep ? kept.get(key) : undefined;
    if (cached) return cached;
    let markup = markups.get(switches);
    if (markup === undefined) {
      const renderer = await loadRenderer();
      if (!renderer) return undefined;
      markup = renderer.renderMarkup({
        lang: options.lang,
        api: `${publicUrl}/api`,
        noCounter: options.noCounter,
        noForm: options.noForm,
      });
      if (markups.size >= 32) markups.clear(); // only if PUBLIC_URL changed under a running service
      markups.set(switches, markup);
    }
    const { html, scripts, styles, frameable } = build(withMunicipality(markup, municipality));
    const csp = [
      "default-src 'none'",
      // The service's origin by name, not 'self': a frame sandboxed without allow-same-origin has
      // an opaque origin, which 'self' may not match in every engine.
      `script-src ${[origin, ...scripts.map(sha256)].join(' ')}`,
      `style-src ${[origin, ...styleHashes(markup), ...styles.map(sha256)].join(' ')}`,
      `connect-src ${origin}`,
      `img-src ${origin}`,
      "base-uri 'none'",
      "form-action 'none'",
      "object-src 'none'",
      "require-trusted-types-for 'script'",
      'trusted-types ks-valgloftet',
      // Made to be framed by any site: nothing counts until the signer confirms from the mail.
      ...(frameable ? ['frame-ancestors *'] : []),
    ].join('; ');
    if (!keep) {
      const body = Buffer.from(html);
      return { ...precompressed(body, {}, createHash('sha1').update(body).digest('base64url').slice(0, 16)), csp };
    }
    const entry = { ...compressed(html), csp };
    if (!municipality && pages.size >= 64) pages.clear();
    kept.set(key, entry);
    return entry;
  }

  const notBuilt = (reply: FastifyReply) =>
    reply.code(503).type('text/plain; charset=utf-8').send('The widget is not built yet: npm run build');

  /** A 400 page that names the bad options; framable only as the embed page's own answer. */
  const badQuery = (reply: FastifyReply, lang: Lang, errors: string[], frameable = false) =>
    reply
      .code(400)
      .header('cache-control', 'no-store')
      .header('content-security-policy', `default-src 'none'${frameable ? '; frame-ancestors *' : ''}`)
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${TEXT[lang].title}</title>` +
          `<p>${escapeHtml(TEXT[lang].badQuery)} ${errors.map((e) => `<code>${escapeHtml(e)}</code>`).join(', ')}.</p>` +
          `<p><a href="${escapeHtml(pledgePageUrl(here().publicUrl, { lang }))}" target="_top">${TEXT[lang].link}</a></p></html>`,
      );

  const send = (request: FastifyRequest, reply: FastifyReply, entry: Compressed & { csp: string }) => {
    reply.header('content-security-policy', entry.csp).header('cache-control', WIDGET_CACHE);
    return sendCompressed(request, reply, entry, 'text/html');
  };

  app.get(EMBED_PATH, { schema: hide, config: { embeddable: true } }, async (request, reply) => {
    const { publicUrl } = here();
    const { options, errors } = parseEmbedSearch(searchOf(request));
    if (errors.length) return badQuery(reply, options.lang, errors, true);
    const colours = colourRules(options);
    const style = PAGE_STYLE + FRAME_STYLE + colours;
    const entry = await render('embed', options, (rendered) => {
      const markup = framedMarkup(rendered, options.lang);
      return {
        frameable: true,
        scripts: [FRAME_SCRIPT],
        styles: [style],
        html:
          `<!doctype html>\n<html lang="${options.lang}">\n<head>\n<meta charset="utf-8">\n` +
          `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
          `<title>${TEXT[options.lang].title}</title>\n<meta name="robots" content="noindex">\n` +
          // Links open outside the frame (in a frame sandboxed without allow-popups, frame.js hands
          // them to wp-embed instead), not in a 640 px box that the linked site may refuse.
          `<base target="_blank">\n` +
          `<link rel="canonical" href="${escapeHtml(pledgePageUrl(publicUrl, options))}">\n` +
          `<style>${style}</style>\n` +
          `<script src="${escapeHtml(publicUrl)}/ks-valgloftet-loader.js" defer></script>\n` +
          `</head>\n<body>\n<main>\n<h1 class="vh">${TEXT[options.lang].heading}</h1>\n${markup}\n</main>\n` +
          `<script>${FRAME_SCRIPT}</script>\n</body>\n</html>\n`,
      };
    });
    return entry ? send(request, reply, entry) : notBuilt(reply);
  });

  // Where a link clicked in a WordPress embed goes (embed/frame.js): the widget's own links only,
  // so that this is no open redirect. Those are the pledge's and the podcast's, the privacy
  // statement, the pledge pages, the councils page in both languages (a council's lines link it),
  // and the decisions KS has recorded (its "Les vedtaket"), read from the store at each request, so
  // a link goes as soon as its adoption is removed or changed.
  const goes = async () => {
    const { publicUrl } = here();
    const decisions = (await app.store.adoptions()).flatMap((a) => (a.link ? [a.link] : []));
    const links = [
      DEFAULT_PLEDGE_URL,
      DEFAULT_PODCAST_URL,
      app.config.privacyUrl,
      ...Object.values(PLEDGE_PAGES),
      COUNCILS_PATH,
      `${COUNCILS_PATH}?lang=nn`,
      ...decisions,
    ];
    return new Set(links.flatMap((link) => (URL.canParse(link, publicUrl) ? [new URL(link, publicUrl).href] : [])));
  };
  app.get<{ Querystring: { to?: string } }>(`${EMBED_PATH}/go`, { schema: hide }, async (request, reply) => {
    const to = request.query.to;
    if (typeof to !== 'string' || !URL.canParse(to) || !(await goes()).has(new URL(to).href)) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not a link of the pledge.');
    }
    return reply.code(303).header('cache-control', 'no-store').redirect(new URL(to).href);
  });

  const helper = compressed(HELPER);
  app.get(HELPER_PATH, { schema: hide }, async (request, reply) => {
    reply.header('access-control-allow-origin', '*').header('cache-control', WIDGET_CACHE);
    return sendCompressed(request, reply, helper, 'text/javascript');
  });

  // The pledge's own page, per language: what an editor pastes, and what a reader sees who opens it.
  for (const lang of ['nb', 'nn'] as const) {
    const other: Lang = lang === 'nb' ? 'nn' : 'nb';
    app.get(PLEDGE_PAGES[lang], { schema: hide }, async (request, reply) => {
      const { publicUrl } = here();
      const { options: asked, errors } = parseEmbedSearch(searchOf(request));
      if (errors.length || searchOf(request).has('lang'))
        return badQuery(reply, lang, errors.length ? errors : ['lang']);
      const options = { ...asked, lang };
      const self = pledgePageUrl(publicUrl, options);
      const oembed = `${publicUrl}${OEMBED_PATH}?${new URLSearchParams({ url: self, format: 'json' }).toString()}`;
      const t = TEXT[lang];
      const style = `${PAGE_STYLE.replace('margin:0;', 'margin:0 auto;max-width:60rem;padding:1rem;')}${colourRules(options)}footer{font-family:system-ui,sans-serif;margin:1.5rem 0}footer a{margin-inline-end:1.5rem}`;
      const entry = await render('page', options, (markup) => ({
        frameable: false,
        scripts: [],
        styles: [style],
        html:
          `<!doctype html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n` +
          `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
          `<title>${t.title}</title>\n<meta name="description" content="${t.description}">\n` +
          `<link rel="canonical" href="${escapeHtml(self)}">\n` +
          linkPreviewTags({
            publicUrl,
            lang,
            url: self,
            title: linkPreviewTexts[lang].title,
            description: t.description,
          }) +
          `<link rel="alternate" hreflang="${other}" href="${escapeHtml(pledgePageUrl(publicUrl, { ...options, lang: other }))}">\n` +
          // `&amp;`, not the numeric `&#38;`: WordPress decodes the address with htmlspecialchars_decode.
          `<link rel="alternate" type="application/json+oembed" href="${escapeHtml(oembed).replace(/&#38;/g, '&amp;')}" title="${t.title}">\n` +
          `<style>${style}</style>\n` +
          `<script src="${escapeHtml(publicUrl)}/ks-valgloftet-loader.js" defer></script>\n` +
          `</head>\n<body>\n<main>\n<h1 class="vh">${t.heading}</h1>\n${markup}\n</main>\n<footer>\n` +
          `<a href="${escapeHtml(pledgePageUrl(publicUrl, { ...options, lang: other }))}" hreflang="${other}" lang="${other}">${t.other}</a>\n` +
          `<a href="${escapeHtml(publicUrl)}/embed/builder${lang === 'nn' ? '?lang=nn' : ''}">${t.builder}</a>\n` +
          `</footer>\n</body>\n</html>\n`,
      }));
      return entry ? send(request, reply, entry) : notBuilt(reply);
    });
  }

  // oEmbed (oembed.com, 2.2): the frame of the embed page, for an address of a pledge page.
  const pagePaths = new Map<string, Lang>(
    (Object.entries(PLEDGE_PAGES) as [Lang, string][]).map(([lang, path]) => [path, lang]),
  );
  // 0 is what some consumers send for "no limit": taken as absent.
  const positive = { type: 'string', pattern: '^[0-9]{1,5}$' } as const;
  app.get<{ Querystring: { url: string; format?: string; maxwidth?: string; maxheight?: string } }>(
    OEMBED_PATH,
    {
      schema: {
        summary: 'oEmbed: the pledge as a frame, for the address of a pledge page',
        description:
          'The oEmbed provider (https://oembed.com/): for the address of a pledge page (`/valgloftet`, ' +
          "`/valgloftet/nn`, with the embed page's options in its query), a `rich` answer whose `html` is " +
          'the embed page in an iframe. 404 for an address this service does not serve; 501 for a format ' +
          'other than `json`.',
        querystring: {
          type: 'object',
          required: ['url'],
          properties: {
            url: { type: 'string', maxLength: 2000, description: 'The address of a pledge page' },
            format: { type: 'string', maxLength: 20, description: '`json` (the only format offered)' },
            maxwidth: { ...positive, description: 'The widest the frame may be, in pixels' },
            maxheight: { ...positive, description: 'The tallest the frame may be, in pixels' },
          },
        },
        response: {
          200: {
            description: 'The oEmbed answer (type `rich`): `html` is the frame, every value in it escaped',
            type: 'object',
            required: ['version', 'type', 'provider_name', 'provider_url', 'title', 'html', 'width', 'height'],
            properties: {
              version: { type: 'string' },
              type: { type: 'string' },
              provider_name: { type: 'string' },
              provider_url: { type: 'string' },
              title: { type: 'string' },
              html: { type: 'string' },
              width: { type: 'integer' },
              height: { type: 'integer' },
              cache_age: { type: 'integer' },
            },
          },
          404: {
            description:
              '`not_found`: not the address of a pledge page on this service, or an option given a value it does not take (an option it does not know is ignored)',
            type: 'object',
            properties: { error: { type: 'string' } },
          },
          501: {
            description: '`format_not_supported`: a format other than `json`',
            type: 'object',
            properties: { error: { type: 'string' } },
          },
        },
      },
    },
    async (request, reply) => {
      const { publicUrl, origin } = here();
      const { url, format = 'json', maxwidth, maxheight } = request.query;
      reply.header('access-control-allow-origin', '*');
      if (format !== 'json') return reply.code(501).send({ error: 'format_not_supported' });
      const asked = URL.canParse(url) ? new URL(url) : undefined;
      const lang = asked?.origin === origin ? pagePaths.get(asked.pathname) : undefined;
      // The address as WordPress may hand it on for an Author: `&` written `&amp;` (embedParams).
      const params = embedParams(asked?.search.slice(1) ?? '');
      const { options, errors } = parseEmbedSearch(params);
      if (!asked || !lang || errors.length || params.has('lang')) {
        return reply.code(404).send({ error: 'not_found' });
      }
      options.lang = lang;
      const width = Math.min(DEFAULT_WIDTH, Number(maxwidth) || DEFAULT_WIDTH);
      const height = Math.min(EMBED_HEIGHT, Number(maxheight) || EMBED_HEIGHT);
      const t = TEXT[lang];
      const page = escapeHtml(pledgePageUrl(publicUrl, options));
      // WordPress's own embed shape (a blockquote, then the frame): WordPress loads its resizing
      // script only for that shape, and shows the blockquote's link until the frame has spoken.
      // The frame fills its column (`width="100%"`, which WordPress keeps), never wider than the
      // consumer's own box: a fixed width would be WordPress's 500 px even on a 320 px phone.
      // `width` in the answer says the most it needs, within `maxwidth`.
      const html =
        `<blockquote class="wp-embedded-content"><a href="${page}">${escapeHtml(t.link)}</a></blockquote>` +
        `<iframe class="wp-embedded-content" src="${escapeHtml(embedUrl(publicUrl, options))}" ` +
        `width="100%" height="${height}" title="${escapeHtml(t.title)}" frameborder="0" ` +
        `marginwidth="0" marginheight="0" data-ks-valgloftet></iframe>`;
      return reply.header('cache-control', `public, max-age=${CACHE_AGE}`).send({
        version: '1.0',
        type: 'rich',
        provider_name: 'KS',
        provider_url: `${publicUrl}/`,
        title: t.title,
        html,
        width,
        height,
        cache_age: CACHE_AGE,
      });
    },
  );
  done();
}
