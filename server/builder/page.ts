/**
 * The embed builder's page (GET /embed/builder): the question "what do you have?" and the one way
 * in its answer shows, the options, the preview with the real widget, and the code for every other
 * way in. Made from templates in the one layout (server/pages/): every value is text.
 */
import type { CampaignState } from '../../contract/campaign.js';
import { BUILDER_PATH, COLOUR_PROPERTIES, EMBED_HEIGHT, type EmbedOptions } from '../../contract/embed.js';
import { snippets } from '../../contract/embed-snippets.js';
import { fill } from '../../contract/fill.js';
import { formatRatio } from '../../contract/number-format.js';
import type { Lang } from '../../contract/signature.js';
import { councilChoices } from '../councils/municipalities.js';
import { layout } from '../pages/layout.js';
import { html, nothing, trustedHtml, type Html } from '../pages/template.js';
import { PLUGIN_ZIP_PATH } from '../widget/files.js';
import { DEFAULT_COLOURS, contrastPairs } from './contrast.js';
import { builderTexts, type BuilderTexts } from './texts.js';
import { ANSWERS, KINDS, WAY_OF, type Answer, type Kind } from './ways.js';

/**
 * The campaigns the builder offers (issue 27): each with its title in both languages and its state,
 * newest election first; the service's current one, and the one chosen (the current one unless the
 * page's address named another the service serves).
 */
export interface BuilderCampaigns {
  list: { id: string; title: Record<Lang, string>; state: CampaignState }[];
  current: string;
  chosen: string;
}

/** The chosen campaign when it is not the current one: only then does the code name it. */
const namedOf = (campaigns: BuilderCampaigns) =>
  campaigns.chosen === campaigns.current ? undefined : campaigns.chosen;

/**
 * What the page script needs to speak as the page does, and the service it makes code for: a JSON
 * data block, which no CSP runs. Made here from the service's own texts, with every "<" written as
 * \u003c so nothing in it can end the block; a template would escape it as HTML, which a script's
 * text is not.
 */
const scriptData = (t: BuilderTexts, service: string, campaigns: BuilderCampaigns) =>
  trustedHtml(
    `<script type="application/json" id="builder-texts">${JSON.stringify({
      service,
      // Each campaign's title per language, for the code's fallback link and the frame's name.
      campaigns: Object.fromEntries(campaigns.list.map((c) => [c.id, c.title])),
      pairs: t.pairs,
      pass: t.pass,
      fail: t.fail,
      warning: t.warning,
      copied: t.copied,
      selected: t.selected,
      noCode: t.noCode,
      answers: t.answers,
      ways: WAY_OF,
    }).replace(/</g, '\\u003c')}</script>`,
  );

const rowsOf = (kind: Kind) => (kind === 'url' || kind === 'shortcode' ? 1 : 4);

/** A radio button or a checkbox with its label, as Designsystemet lays them out. */
const choice = (
  input: { type: 'radio' | 'checkbox'; id: string; name: string; value?: string; checked: boolean },
  label: Html | string,
  labelLang?: Lang,
) => html`<div class="ds-field choice">
<input class="ds-input" type=${input.type} id=${input.id} name=${input.name} value=${input.value ?? nothing} ?checked=${input.checked}>
<label class="ds-label" data-weight="regular" for=${input.id} lang=${labelLang ?? nothing}>${label}</label>
</div>`;

const copyButton = (t: BuilderTexts, kind: Kind | 'way', named: Html) =>
  html`<p class="actions"><button type="button" class="ds-button copy" data-variant="primary" data-copy=${kind}>${t.copy}${named}</button> <span class="copy-status" role="status" id=${`status-${kind}`}></span></p>`;

function contrastList(t: BuilderTexts, lang: Lang, options: EmbedOptions): Html {
  return contrastPairs(options).map(
    (pair) =>
      html`<li data-pair=${pair.id} class=${pair.ok ? nothing : 'fail'}><span class="pair">${t.pairs[pair.id]}</span> <span class="result">${fill(
        pair.ok ? t.pass : t.fail,
        { ratio: formatRatio(pair.ratio, lang) },
      )}</span></li>
`,
  );
}

/** A colour: its code as text (an editor often has the brand's code at hand) and a picker beside it. */
function colourField(t: BuilderTexts, name: keyof typeof COLOUR_PROPERTIES): Html {
  const label = t[name];
  const value = DEFAULT_COLOURS[name];
  return html`<div class="ds-field colour">
<label class="ds-label" for=${name}>${label}</label>
<div class="colour-inputs"><input class="ds-input" type="text" id=${name} name=${name} value=${value} size="8" maxlength="7" spellcheck="false" autocomplete="off" autocapitalize="off"> <input type="color" id=${`${name}-picker`} value=${value} aria-label=${fill(t.picker, { name: label })}></div>
<p class="ds-validation-message" data-field="validation" id=${`${name}-error`} hidden>${t.badColour}</p>
</div>`;
}

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
  otherWays: Html,
): Html {
  const shown = answer && t.answers[answer];
  const kind = answer ? WAY_OF[answer] : 'url';
  return html`<section class="way" aria-labelledby="way-title">
<h2 class="ds-heading" data-size="sm" id="way-title">${t.way}</h2>
<form id="ask" action=${BUILDER_PATH} method="get">
<input type="hidden" name="lang" value=${lang}>
<fieldset class="ds-fieldset" aria-describedby="ask-hint">
<legend class="ds-label">${t.ask}</legend>
<p class="ds-paragraph" data-field="description" id="ask-hint">${t.askHint}</p>
${ANSWERS.map((a) => choice({ type: 'radio', id: `have-${a}`, name: 'have', value: a, checked: a === answer }, t.answers[a].label))}
</fieldset>
<p class="ask-send"><button type="submit" class="ds-button" data-variant="secondary">${t.show}</button></p>
</form>
<p class="ds-paragraph no-answer" id="no-answer" ?hidden=${!!answer}>${t.noAnswer}</p>
<div class="shown" id="way" data-answer=${answer ?? ''} ?hidden=${!answer}>
<h3 class="ds-heading" data-size="2xs" id="way-heading">${shown ? shown.heading : ''}</h3>
<p class="ds-paragraph" id="way-steps">${shown ? shown.steps : ''}</p>
<p class="ds-paragraph" id="way-download" ?hidden=${answer !== 'wp-admin'}><a class="ds-link" href=${PLUGIN_ZIP_PATH} download>${t.pluginDownload}</a></p>
<textarea class="ds-input" id="code-way" data-kind=${kind} readonly rows=${rowsOf(kind)} spellcheck="false" autocapitalize="off" aria-labelledby="way-heading" aria-describedby="way-steps">${code[kind]}</textarea>
${copyButton(t, 'way', html`<span class="ds-sr-only" id="way-code"> ${shown ? shown.code : ''}</span>`)}
</div>
<p class="ds-sr-only" role="status" id="way-status"></p>
<details class="other-ways" id="other-ways">
<summary>${t.otherWays}</summary>
<div>
<p class="ds-paragraph">${t.codeIntro}</p>
${otherWays}
</div>
</details>
</section>`;
}

/** Every other way in, each with its code; the one the answer shows above is not shown twice. */
const otherWays = (t: BuilderTexts, code: ReturnType<typeof snippets>, answer: Answer | undefined): Html =>
  KINDS.map((kind) => {
    const { title, when } = t.kinds[kind];
    const shownAbove = answer !== undefined && WAY_OF[answer] === kind;
    return html`<section class="snippet" aria-labelledby=${`title-${kind}`} ?hidden=${shownAbove}>
<h3 class="ds-heading" data-size="2xs" id=${`title-${kind}`}>${title}</h3>
<p class="ds-paragraph" id=${`when-${kind}`}>${fill(when, { height: String(EMBED_HEIGHT) })}</p>
<textarea class="ds-input" id=${`code-${kind}`} data-kind=${kind} readonly rows=${rowsOf(kind)} spellcheck="false" autocapitalize="off" aria-labelledby=${`title-${kind}`} aria-describedby=${`when-${kind}`}>${code[kind]}</textarea>
${copyButton(t, kind, html`<span class="ds-sr-only"> ${title}</span>`)}
${kind === 'shortcode' ? html`<p class="ds-paragraph"><a class="ds-link" href=${PLUGIN_ZIP_PATH} download>${t.pluginDownload}</a></p>` : nothing}
</section>
`;
  });

/**
 * The campaign's choice: every campaign the service serves, by its title in the page's language and
 * its state; the chosen one selected. The current one is marked for the page script, which names a
 * campaign in the code only when another is chosen. A service of one campaign offers no choice.
 */
function campaignField(t: BuilderTexts, lang: Lang, campaigns: BuilderCampaigns): Html {
  if (campaigns.list.length < 2) return nothing;
  return html`<div class="ds-field">
<label class="ds-label" for="campaign">${t.campaign}</label>
<p class="ds-paragraph" data-field="description" id="campaign-hint">${t.campaignHint}</p>
<select class="ds-input" id="campaign" name="campaign" data-current=${campaigns.current} aria-describedby="campaign-hint">
${campaigns.list.map(
  (c) =>
    html`<option value=${c.id} ?selected=${c.id === campaigns.chosen}>${fill(t.campaignChoice, { title: c.title[lang], state: t.states[c.state] })}</option>`,
)}
</select>
</div>`;
}

/** The options, the contrast check and the preview: shown by the page script, which they need. */
function settings(t: BuilderTexts, lang: Lang, campaigns: BuilderCampaigns): Html {
  const options: EmbedOptions = { lang };
  return html`<section class="settings" aria-labelledby="settings-title" hidden>
<h2 class="ds-heading" data-size="sm" id="settings-title">${t.settings}</h2>
<form id="options" action=${BUILDER_PATH} method="get">
${campaignField(t, lang, campaigns)}
<fieldset class="ds-fieldset">
<legend class="ds-label">${t.language}</legend>
${choice({ type: 'radio', id: 'lang-nb', name: 'lang', value: 'nb', checked: lang === 'nb' }, 'Bokmål', 'nb')}
${choice({ type: 'radio', id: 'lang-nn', name: 'lang', value: 'nn', checked: lang === 'nn' }, 'Nynorsk', 'nn')}
</fieldset>
<fieldset class="ds-fieldset">
<legend class="ds-label">${t.content}</legend>
${choice({ type: 'checkbox', id: 'counter', name: 'counter', checked: true }, t.showCounter)}
${choice({ type: 'checkbox', id: 'form', name: 'form', checked: true }, t.showForm)}
</fieldset>
<fieldset class="ds-fieldset">
<legend class="ds-label">${t.local}</legend>
<div class="ds-field">
<label class="ds-label" for="municipality">${t.council}</label>
<p class="ds-paragraph" data-field="description" id="municipality-hint">${t.councilHint}</p>
<select class="ds-input" id="municipality" name="municipality" aria-describedby="municipality-hint">
<option value="" selected>${t.noCouncil}</option>
${councilChoices.map((c) => html`<option value=${c.code}>${c.label}</option>`)}
</select>
</div>
</fieldset>
<fieldset class="ds-fieldset" aria-describedby="colours-hint">
<legend class="ds-label">${t.colours}</legend>
<p class="ds-paragraph" data-field="description" id="colours-hint">${t.coloursHint}</p>
${colourField(t, 'accent')}
${colourField(t, 'background')}
${colourField(t, 'color')}
<p><button type="button" class="ds-button" data-variant="secondary" id="reset-colours">${t.resetColours}</button></p>
</fieldset>
</form>
<section class="contrast" aria-labelledby="contrast-title">
<h3 class="ds-heading" data-size="2xs" id="contrast-title">${t.contrast}</h3>
<p class="ds-paragraph">${t.contrastIntro}</p>
<p id="contrast-warning" class="ds-paragraph warning" role="status"></p>
<ul id="contrast-list">
${contrastList(t, lang, options)}</ul>
</section>
</section>
<section class="preview" aria-labelledby="preview-title" hidden>
<h2 class="ds-heading" data-size="sm" id="preview-title">${t.preview}</h2>
<p class="ds-paragraph">${t.previewNote}</p>
<div class="stage"><ks-valgloftet id="preview" lang=${lang} campaign=${namedOf(campaigns) ?? nothing}></ks-valgloftet></div>
</section>`;
}

/**
 * The page, bokmål or nynorsk, with the code for the default options of its language and the
 * campaign chosen.
 */
export function builderPage(
  lang: Lang,
  service: string,
  answer: Answer | undefined,
  campaigns: BuilderCampaigns,
): Html {
  const t = builderTexts[lang];
  const named = namedOf(campaigns);
  const title = campaigns.list.find((c) => c.id === named)?.title[lang];
  const code = snippets(service, { lang, campaign: named }, title);
  const other = t.otherLanguage;
  const otherHref = `${BUILDER_PATH}${other.href}${answer ? `&have=${answer}` : ''}${named ? `&campaign=${named}` : ''}`;
  return layout({
    kind: 'builder',
    lang,
    title: t.title,
    description: t.description,
    alternate: { lang: other.lang, href: `${service}${BUILDER_PATH}${other.href}` },
    head: html`${scriptData(t, service, campaigns)}`,
    scripts: [
      { src: `${BUILDER_PATH}.js`, module: true },
      { src: '/ks-valgloftet.js', module: true },
    ],
    otherLanguage: { lang: other.lang, href: otherHref, text: other.text, id: 'other-language' },
    width: 'wide',
    mainId: 'builder',
    main: html`<h1 class="ds-heading" data-size="md">${t.title}</h1>
<p class="ds-paragraph lead">${t.lead}</p>
<p class="ds-paragraph no-script" id="no-script">${t.noScript}</p>
<div class="workbench" data-size="sm">
${wayIn(t, lang, code, answer, otherWays(t, code, answer))}
${settings(t, lang, campaigns)}
</div>`,
  });
}
