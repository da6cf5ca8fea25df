import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { BUILDER_PATH, COLOUR_PROPERTIES, EMBED_HEIGHT, type EmbedOptions } from '../../contract/embed.js';
import { snippets } from '../../contract/embed-snippets.js';
import { fill } from '../../contract/fill.js';
import type { Lang } from '../../contract/signature.js';
import { formatRatio } from '../../contract/number-format.js';
import { DEFAULT_COLOURS, contrastPairs } from '../builder/contrast.js';
import { ANSWERS, KINDS, WAY_OF, answerOf, builderTexts, type Answer, type BuilderTexts } from '../builder/texts.js';
import { escapeHtml } from '../html.js';
import { councilChoices } from '../municipalities.js';
import { PLUGIN_ZIP_PATH } from './files.js';

/**
 * The builder's page lives under the service's strict policy (scripts and styles from itself only,
 * no inline script or style), which the widget in its preview works under too: it reads the count
 * and sends the form with fetch to its own origin, and names its own Trusted Types policy.
 */
export const BUILDER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; " +
  "require-trusted-types-for 'script'; trusted-types ks-valgloftet";

/** Where each file the page loads is served, and where it is read from. */
const FILES = {
  [`${BUILDER_PATH}.js`]: ['../builder/builder.js', 'text/javascript'],
  [`${BUILDER_PATH}.css`]: ['../builder/builder.css', 'text/css'],
  '/embed/contrast.js': ['../builder/contrast.js', 'text/javascript'],
  '/embed/contract/embed.js': ['../../contract/embed.js', 'text/javascript'],
  '/embed/contract/embed-snippets.js': ['../../contract/embed-snippets.js', 'text/javascript'],
  '/embed/contract/number-format.js': ['../../contract/number-format.js', 'text/javascript'],
} as const;

/**
 * Briefly cached: the page (revalidated on each visit) imports them at stable addresses, so a new
 * version reaches editors within minutes.
 */
const FILE_CACHE = 'public, max-age=300';

const langOf = (value: unknown): Lang => (value === 'nn' ? 'nn' : 'nb');

/** The texts the page script needs to speak as the page does; a JSON data block, which no CSP runs. */
const scriptTexts = (t: BuilderTexts) =>
  JSON.stringify({
    pairs: t.pairs,
    pass: t.pass,
    fail: t.fail,
    warning: t.warning,
    copied: t.copied,
    selected: t.selected,
    noCode: t.noCode,
    answers: t.answers,
    ways: WAY_OF,
  })
    // Inside <script>, "</" would end the block; nothing here has it, and nothing ever may.
    .replace(/</g, '\\u003c');

function contrastList(t: BuilderTexts, lang: Lang, options: EmbedOptions): string {
  return contrastPairs(options)
    .map(
      (pair) =>
        `<li data-pair="${pair.id}"${pair.ok ? '' : ' class="fail"'}><span class="pair">${escapeHtml(t.pairs[pair.id])}</span> ` +
        `<span class="result">${escapeHtml(fill(pair.ok ? t.pass : t.fail, { ratio: formatRatio(pair.ratio, lang) }))}</span></li>`,
    )
    .join('\n');
}

/** A colour: its code as text (an editor often has the brand's code at hand) and a picker beside it. */
const colourField = (t: BuilderTexts, name: keyof typeof COLOUR_PROPERTIES) => {
  const label = t[name];
  const value = DEFAULT_COLOURS[name];
  return `<div class="colour">
<label for="${name}">${escapeHtml(label)}</label>
<p class="colour-inputs"><input type="text" id="${name}" name="${name}" value="${value}" size="8" maxlength="7" spellcheck="false" autocomplete="off" autocapitalize="off"> <input type="color" id="${name}-picker" value="${value}" aria-label="${escapeHtml(fill(t.picker, { name: label }))}"></p>
<p class="field-error" id="${name}-error" hidden>${escapeHtml(t.badColour)}</p>
</div>`;
};

/** The councils to choose among, found by typing any of their names (server/municipalities.ts). */
const COUNCIL_OPTIONS = councilChoices
  .map((c) => `<option value="${escapeHtml(c.code)}">${escapeHtml(c.label)}</option>`)
  .join('\n');

/**
 * The question "what do you have?" and the one way in its answer shows: what the editor does, the
 * code and one copy button (none until they answer). Without script the question is a form that
 * asks the page again with `?have=`; with script the page script shows the way at once and keeps
 * the answer in the address, so a shared link opens on it.
 */
function wayIn(
  t: BuilderTexts,
  lang: Lang,
  code: ReturnType<typeof snippets>,
  answer: Answer | undefined,
  otherWays: string,
): string {
  const shown = answer && t.answers[answer];
  const kind = answer ? WAY_OF[answer] : 'url';
  const radios = ANSWERS.map(
    (a) =>
      `<p class="choice"><input type="radio" id="have-${a}" name="have" value="${a}"${a === answer ? ' checked' : ''}> <label for="have-${a}">${escapeHtml(t.answers[a].label)}</label></p>`,
  ).join('\n');
  const hidden = (yes: boolean) => (yes ? ' hidden' : '');
  return `<section class="way" aria-labelledby="way-title">
<h2 id="way-title">${escapeHtml(t.way)}</h2>
<form id="ask" action="${BUILDER_PATH}" method="get">
<input type="hidden" name="lang" value="${lang}">
<fieldset aria-describedby="ask-hint">
<legend>${escapeHtml(t.ask)}</legend>
<p class="hint" id="ask-hint">${escapeHtml(t.askHint)}</p>
${radios}
</fieldset>
<p class="ask-send"><button type="submit">${escapeHtml(t.show)}</button></p>
</form>
<p class="no-answer" id="no-answer"${hidden(!!answer)}>${escapeHtml(t.noAnswer)}</p>
<div class="shown" id="way" data-answer="${answer ?? ''}"${hidden(!answer)}>
<h3 id="way-heading">${escapeHtml(shown ? shown.heading : '')}</h3>
<p id="way-steps">${escapeHtml(shown ? shown.steps : '')}</p>
<p id="way-download"${hidden(answer !== 'wp-admin')}><a href="${PLUGIN_ZIP_PATH}" download>${escapeHtml(t.pluginDownload)}</a></p>
<textarea id="code-way" data-kind="${kind}" readonly rows="${kind === 'url' || kind === 'shortcode' ? 1 : 4}" spellcheck="false" autocapitalize="off" aria-labelledby="way-heading" aria-describedby="way-steps">${escapeHtml(code[kind])}</textarea>
<p class="actions"><button type="button" class="copy" data-copy="way">${escapeHtml(t.copy)}<span class="vh" id="way-code"> ${escapeHtml(shown ? shown.code : '')}</span></button> <span class="copy-status" role="status" id="status-way"></span></p>
</div>
<p class="vh" role="status" id="way-status"></p>
<details class="other-ways" id="other-ways">
<summary>${escapeHtml(t.otherWays)}</summary>
<p>${escapeHtml(t.codeIntro)}</p>
${otherWays}
</details>
</section>`;
}

/** The page, bokmål or nynorsk, with the code for the default options of its language. */
function builderPage(lang: Lang, service: string, answer: Answer | undefined): string {
  const t = builderTexts[lang];
  const options: EmbedOptions = { lang };
  const code = snippets(service, options);
  const other = t.otherLanguage;
  const otherHref = `${other.href}${answer ? `&have=${answer}` : ''}`;
  const checked = (value: Lang) => (value === lang ? ' checked' : '');
  const blocks = KINDS.map((kind) => {
    const { title, when } = t.kinds[kind];
    // The way the answer shows is not shown twice.
    const shownAbove = answer !== undefined && WAY_OF[answer] === kind;
    return `<section class="snippet" aria-labelledby="title-${kind}"${shownAbove ? ' hidden' : ''}>
<h3 id="title-${kind}">${escapeHtml(title)}</h3>
<p id="when-${kind}">${escapeHtml(fill(when, { height: String(EMBED_HEIGHT) }))}</p>
<textarea id="code-${kind}" data-kind="${kind}" readonly rows="${kind === 'url' || kind === 'shortcode' ? 1 : 4}" spellcheck="false" autocapitalize="off" aria-labelledby="title-${kind}" aria-describedby="when-${kind}">${escapeHtml(code[kind])}</textarea>
<p class="actions"><button type="button" class="copy" data-copy="${kind}">${escapeHtml(t.copy)}<span class="vh"> ${escapeHtml(title)}</span></button> <span class="copy-status" role="status" id="status-${kind}"></span></p>${
      kind === 'shortcode' ? `\n<p><a href="${PLUGIN_ZIP_PATH}" download>${escapeHtml(t.pluginDownload)}</a></p>` : ''
    }
</section>`;
  }).join('\n');

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(t.title)} – Valgløftet 2023</title>
<meta name="description" content="${escapeHtml(t.description)}">
<link rel="stylesheet" href="${BUILDER_PATH}.css">
<link rel="alternate" hreflang="${other.lang}" href="${escapeHtml(`${service}${BUILDER_PATH}${other.href}`)}">
<script type="application/json" id="builder-texts">${scriptTexts(t)}</script>
<script type="module" src="${BUILDER_PATH}.js"></script>
<script type="module" src="/ks-valgloftet.js"></script>
</head>
<body>
<header>
<p class="brand">Valgløftet 2023</p>
<p class="other-language"><a id="other-language" href="${BUILDER_PATH}${escapeHtml(otherHref)}" hreflang="${other.lang}" lang="${other.lang}">${escapeHtml(other.text)}</a></p>
</header>
<main id="builder" data-service="${escapeHtml(service)}">
<h1>${escapeHtml(t.title)}</h1>
<p class="lead">${escapeHtml(t.lead)}</p>
<p class="no-script" id="no-script">${escapeHtml(t.noScript)}</p>
<div class="workbench">
${wayIn(t, lang, code, answer, blocks)}
<section class="settings" aria-labelledby="settings-title" hidden>
<h2 id="settings-title">${escapeHtml(t.settings)}</h2>
<form id="options" action="${BUILDER_PATH}" method="get">
<fieldset>
<legend>${escapeHtml(t.language)}</legend>
<p class="choice"><input type="radio" id="lang-nb" name="lang" value="nb"${checked('nb')}> <label for="lang-nb" lang="nb">Bokmål</label></p>
<p class="choice"><input type="radio" id="lang-nn" name="lang" value="nn"${checked('nn')}> <label for="lang-nn" lang="nn">Nynorsk</label></p>
</fieldset>
<fieldset>
<legend>${escapeHtml(t.content)}</legend>
<p class="choice"><input type="checkbox" id="counter" name="counter" checked> <label for="counter">${escapeHtml(t.showCounter)}</label></p>
<p class="choice"><input type="checkbox" id="form" name="form" checked> <label for="form">${escapeHtml(t.showForm)}</label></p>
</fieldset>
<fieldset>
<legend>${escapeHtml(t.local)}</legend>
<p class="field"><label for="municipality">${escapeHtml(t.council)}</label>
<select id="municipality" name="municipality" aria-describedby="municipality-hint">
<option value="" selected>${escapeHtml(t.noCouncil)}</option>
${COUNCIL_OPTIONS}
</select></p>
<p class="hint" id="municipality-hint">${escapeHtml(t.councilHint)}</p>
</fieldset>
<fieldset aria-describedby="colours-hint">
<legend>${escapeHtml(t.colours)}</legend>
<p class="hint" id="colours-hint">${escapeHtml(t.coloursHint)}</p>
${colourField(t, 'accent')}
${colourField(t, 'background')}
${colourField(t, 'color')}
<p><button type="button" id="reset-colours">${escapeHtml(t.resetColours)}</button></p>
</fieldset>
</form>
<section class="contrast" aria-labelledby="contrast-title">
<h3 id="contrast-title">${escapeHtml(t.contrast)}</h3>
<p>${escapeHtml(t.contrastIntro)}</p>
<p id="contrast-warning" class="warning" role="status"></p>
<ul id="contrast-list">
${contrastList(t, lang, options)}
</ul>
</section>
</section>
<section class="preview" aria-labelledby="preview-title" hidden>
<h2 id="preview-title">${escapeHtml(t.preview)}</h2>
<p>${escapeHtml(t.previewNote)}</p>
<div class="stage"><ks-valgloftet id="preview" lang="${lang}"></ks-valgloftet></div>
</section>
</div>
</main>
</body>
</html>
`;
}

/**
 * The embed builder for web editors (GET /embed/builder, `?lang=nn` in nynorsk, `&have=` the
 * editor's answer): what they have and the one way in it shows, the options, a preview with the real
 * widget, and the code for every other way in under "Andre måter". Without script the page shows the
 * code for its language's defaults, made by the same snippets() the page script calls.
 */
export function builderRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  const hide = { hide: true };
  app.get<{ Querystring: { lang?: unknown; have?: unknown } | undefined }>(
    BUILDER_PATH,
    { schema: hide },
    async (request, reply) =>
      reply
        .header('content-security-policy', BUILDER_CSP)
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(builderPage(langOf(request.query?.lang), app.config.publicUrl, answerOf(request.query?.have))),
  );
  for (const [path, [file, type]] of Object.entries(FILES)) {
    const body = readFileSync(new URL(file, import.meta.url), 'utf8');
    app.get(path, { schema: hide }, async (_request, reply) =>
      reply.type(`${type}; charset=utf-8`).header('cache-control', FILE_CACHE).send(body),
    );
  }
  done();
}
