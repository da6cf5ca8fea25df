// The embed builder's page script (GET /embed/builder): shows the one way in that the editor's
// answer to "what do you have?" calls for, and keeps the answer in the address; reads the options,
// and updates the code, the preview and the contrast check as they change; copies code and says
// so. Under the page's strict CSP and Trusted Types: no markup from strings, only elements and text.
/* global document, history, location, navigator, setTimeout, URL */
import { CAMPAIGN, COLOUR, COLOUR_PROPERTIES, MUNICIPALITY } from './contract/embed.js';
import { snippets } from './contract/embed-snippets.js';
import { formatRatio } from './contract/number-format.js';
import { DEFAULT_COLOURS, contrastPairs } from './contrast.js';

/**
 * @typedef {{ label: string, heading: string, steps: string, code: string }} AnswerTexts
 * @typedef {{ service: string, campaigns: Record<string, { nb: string, nn: string }>, pairs: Record<string, string>,
 *   pass: string, fail: string, warning: string, copied: string, selected: string, noCode: string,
 *   answers: Record<string, AnswerTexts>, ways: Record<string, string> }} Texts
 * @typedef {import('./contract/embed.js').EmbedOptions} EmbedOptions
 */

/** @type {Texts} */
const texts = JSON.parse(document.getElementById('builder-texts')?.textContent ?? '{}');
/** The service the code is made for (PUBLIC_URL), as the page's data block names it. */
const service = texts.service ?? '';
const form = /** @type {HTMLFormElement} */ (document.getElementById('options'));
const preview = /** @type {HTMLElement} */ (document.getElementById('preview'));
const lang = document.documentElement.lang === 'nn' ? 'nn' : 'nb';
const council = /** @type {HTMLSelectElement} */ (document.getElementById('municipality'));
/** The campaign's choice, where the service serves more than one; its `data-current` is the current one. */
const campaign = /** @type {HTMLSelectElement | null} */ (document.getElementById('campaign'));
const colourNames = /** @type {(keyof typeof COLOUR_PROPERTIES)[]} */ (Object.keys(COLOUR_PROPERTIES));

/** @param {string} id */
const input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/** @param {string} template @param {Record<string, string>} values */
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, key) => values[key] ?? whole);

/**
 * The last valid value of each colour field: a half-typed code changes nothing.
 * @type {Record<keyof typeof COLOUR_PROPERTIES, string>}
 */
const colours = { ...DEFAULT_COLOURS };
/**
 * The colour fields marked invalid (the editor left one, or pressed Enter, with no colour in it).
 * While there is one, no code is offered: not the last valid colour, which the field no longer
 * shows and the contrast check may have refused (issue 24, item 9).
 * @type {Set<string>}
 */
const invalidColours = new Set();

/**
 * The options as chosen. A colour left at the widget's default is not written, so the widget keeps
 * following the page's light or dark mode.
 * @returns {EmbedOptions}
 */
function chosen() {
  /** @type {EmbedOptions} */
  const options = { lang: input('lang-nn').checked ? 'nn' : 'nb' };
  // The current campaign is named by leaving it out, so the code follows the service's next one.
  if (campaign && CAMPAIGN.test(campaign.value) && campaign.value !== campaign.dataset.current) {
    options.campaign = campaign.value;
  }
  if (!input('counter').checked) options.noCounter = true;
  if (!input('form').checked) options.noForm = true;
  if (MUNICIPALITY.test(council.value)) options.municipality = council.value;
  for (const name of colourNames) {
    if (colours[name] !== DEFAULT_COLOURS[name]) options[name] = colours[name];
  }
  return options;
}

/** Sets a live region's text so that a screen reader says it again, even when it is the same. */
/** @param {HTMLElement} region @param {string} text */
function say(region, text) {
  region.textContent = '';
  if (text) setTimeout(() => (region.textContent = text), 50);
}

const warning = /** @type {HTMLElement} */ (document.getElementById('contrast-warning'));
const contrastList = /** @type {HTMLElement} */ (document.getElementById('contrast-list'));

/** @param {EmbedOptions} options */
function showContrast(options) {
  const pairs = contrastPairs(options);
  contrastList.replaceChildren(
    ...pairs.map((pair) => {
      const item = document.createElement('li');
      item.dataset.pair = pair.id;
      if (!pair.ok) item.className = 'fail';
      const name = document.createElement('span');
      name.className = 'pair';
      name.textContent = texts.pairs[pair.id] ?? pair.id;
      const result = document.createElement('span');
      result.className = 'result';
      result.textContent = fill(pair.ok ? texts.pass : texts.fail, { ratio: formatRatio(pair.ratio, lang) });
      item.append(name, ' ', result);
      return item;
    }),
  );
  const failing = pairs.filter((pair) => !pair.ok).map((pair) => texts.pairs[pair.id] ?? pair.id);
  const message = failing.length ? fill(texts.warning, { pairs: failing.join(', ') }) : '';
  // Said once when the set of failing pairs changes, not on every step of a colour picker.
  if (message !== warning.dataset.message) {
    warning.dataset.message = message;
    say(warning, message);
  }
}

/** @param {EmbedOptions} options */
function showPreview(options) {
  preview.setAttribute('lang', options.lang);
  preview.toggleAttribute('no-counter', !!options.noCounter);
  preview.toggleAttribute('no-form', !!options.noForm);
  if (options.campaign) preview.setAttribute('campaign', options.campaign);
  else preview.removeAttribute('campaign');
  if (options.municipality) preview.setAttribute('municipality', options.municipality);
  else preview.removeAttribute('municipality');
  // Set through the CSSOM, which the page's CSP allows (a style attribute it would refuse).
  for (const name of colourNames) {
    const value = options[name];
    if (value) preview.style.setProperty(COLOUR_PROPERTIES[name], value);
    else preview.style.removeProperty(COLOUR_PROPERTIES[name]);
  }
}

/** @param {EmbedOptions} options */
function showCode(options) {
  const title = options.campaign ? texts.campaigns[options.campaign]?.[options.lang] : undefined;
  const code = invalidColours.size ? undefined : snippets(service, options, title);
  for (const area of document.querySelectorAll('textarea[data-kind]')) {
    const kind = /** @type {keyof NonNullable<typeof code>} */ (/** @type {HTMLTextAreaElement} */ (area).dataset.kind);
    /** @type {HTMLTextAreaElement} */ (area).value = code ? code[kind] : texts.noCode;
  }
  for (const status of document.querySelectorAll('.copy-status')) status.textContent = '';
}

/** The editor's answer to "what do you have?", if they gave one the page knows. */
function answer() {
  const checked = /** @type {HTMLInputElement | null} */ (document.querySelector('input[name="have"]:checked'));
  return checked && texts.ways[checked.value] ? checked.value : undefined;
}

/** @param {string} id */
const element = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * Shows the way in the answer calls for, where the question is: what to do, its code, one copy
 * button; every other way stays under "Andre måter", this one leaves it. Said politely when it
 * changes; the answer goes into the address (and the link to the other language), so a shared link
 * opens on it.
 * @returns {string | undefined} what to say: the way's heading, when the way has changed
 */
function showWay() {
  const have = answer();
  const way = element('way');
  const area = /** @type {HTMLTextAreaElement} */ (element('code-way'));
  const kind = have ? texts.ways[have] : '';
  element('no-answer').hidden = !!have;
  way.hidden = !have;
  for (const section of document.querySelectorAll('.other-ways .snippet')) {
    /** @type {HTMLElement} */ (section).hidden = section.getAttribute('aria-labelledby') === `title-${kind}`;
  }
  if (!have || way.dataset.answer === have) return;
  const words = texts.answers[have];
  way.dataset.answer = have;
  area.dataset.kind = kind;
  area.rows = kind === 'url' || kind === 'shortcode' ? 1 : 4;
  element('way-heading').textContent = words.heading;
  element('way-steps').textContent = words.steps;
  element('way-code').textContent = ` ${words.code}`;
  element('way-download').hidden = have !== 'wp-admin';
  element('status-way').textContent = '';
  const address = new URL(location.href);
  address.searchParams.set('have', have);
  history.replaceState(null, '', address);
  const other = /** @type {HTMLAnchorElement} */ (element('other-language'));
  const otherAddress = new URL(other.href);
  otherAddress.searchParams.set('have', have);
  other.href = otherAddress.href;
  return words.heading;
}

/**
 * Keeps a campaign other than the current one in the address and in the link to the other
 * language, so a shared link (or the other language) opens on it.
 * @param {EmbedOptions} options
 */
function keepCampaign(options) {
  const other = /** @type {HTMLAnchorElement} */ (element('other-language'));
  for (const [url, set] of /** @type {const} */ ([
    [new URL(location.href), (/** @type {URL} */ u) => history.replaceState(null, '', u)],
    [new URL(other.href), (/** @type {URL} */ u) => (other.href = u.href)],
  ])) {
    if ((url.searchParams.get('campaign') ?? undefined) === options.campaign) continue;
    if (options.campaign) url.searchParams.set('campaign', options.campaign);
    else url.searchParams.delete('campaign');
    set(url);
  }
}

function update() {
  const said = showWay();
  const options = chosen();
  keepCampaign(options);
  showCode(options);
  showPreview(options);
  showContrast(options);
  if (said) say(element('way-status'), said);
}

/**
 * A colour field's text: a valid code is taken (and the picker follows) and any error goes; an
 * invalid one changes nothing. It is marked invalid only when `report` (the editor has left the
 * field or pressed Enter), not at every key of a code still being typed.
 * @param {keyof typeof COLOUR_PROPERTIES} name
 * @param {boolean} [report]
 */
function readColourText(name, report = false) {
  const field = input(name);
  const error = /** @type {HTMLElement} */ (document.getElementById(`${name}-error`));
  const value = field.value.trim();
  if (COLOUR.test(value)) {
    invalidColours.delete(name);
    error.hidden = true;
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
    colours[name] = value.toLowerCase();
    input(`${name}-picker`).value = colours[name];
  } else if (report) {
    invalidColours.add(name);
    error.hidden = false;
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', error.id);
  }
}

/** @param {keyof typeof COLOUR_PROPERTIES} name @param {string} value */
function setColour(name, value) {
  colours[name] = value.toLowerCase();
  input(name).value = colours[name];
  input(`${name}-picker`).value = colours[name];
  readColourText(name);
}

form.addEventListener('input', (event) => {
  const target = /** @type {HTMLInputElement} */ (event.target);
  for (const name of colourNames) {
    if (target.id === name) readColourText(name);
    if (target.id === `${name}-picker`) setColour(name, target.value);
  }
  update();
});
form.addEventListener('change', (event) => {
  const target = /** @type {HTMLInputElement} */ (event.target);
  for (const name of colourNames) if (target.id === name) readColourText(name, true);
  update();
});
form.addEventListener('keydown', (event) => {
  const target = /** @type {HTMLInputElement} */ (event.target);
  if (event.key !== 'Enter') return;
  for (const name of colourNames) if (target.id === name) readColourText(name, true);
  update();
});
// Nothing to send: the code is made here.
form.addEventListener('submit', (event) => event.preventDefault());

// The question answers itself here, as it is answered; its button is for the page without script.
const ask = /** @type {HTMLFormElement} */ (document.getElementById('ask'));
ask.addEventListener('change', update);
ask.addEventListener('submit', (event) => event.preventDefault());
for (const button of ask.querySelectorAll('button[type="submit"]')) /** @type {HTMLElement} */ (button).hidden = true;

document.getElementById('reset-colours')?.addEventListener('click', () => {
  for (const name of colourNames) setColour(name, DEFAULT_COLOURS[name]);
  update();
});

/**
 * Copies a snippet: with the Clipboard API where the browser allows it; otherwise the code is
 * selected (and copied, where the old command still works), and the editor is told what to press.
 * @param {HTMLButtonElement} button
 */
async function copy(button) {
  const kind = button.dataset.copy ?? '';
  const area = /** @type {HTMLTextAreaElement} */ (document.getElementById(`code-${kind}`));
  const status = /** @type {HTMLElement} */ (document.getElementById(`status-${kind}`));
  for (const other of document.querySelectorAll('.copy-status')) other.textContent = '';
  // No code to copy while a colour is not valid: the editor hears why.
  if (invalidColours.size) {
    say(status, texts.noCode);
    return;
  }
  try {
    await navigator.clipboard.writeText(area.value);
    say(status, texts.copied);
    return;
  } catch {
    // No Clipboard API here, or no permission: select the code instead.
  }
  area.focus();
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    // The old command is gone in this browser: the selection stays for the editor to copy.
  }
  say(status, copied ? texts.copied : texts.selected);
}

for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', () => void copy(/** @type {HTMLButtonElement} */ (button)));
}

// The page works: show the controls and the preview, and drop the note for the page without script.
for (const hidden of document.querySelectorAll('.settings, .preview')) hidden.removeAttribute('hidden');
document.getElementById('no-script')?.remove();
// The browser may have kept the controls' state across a reload; show what they say.
for (const name of colourNames) readColourText(name, true);
update();
