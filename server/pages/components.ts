// The parts the service's pages share, as Designsystemet draws them: forms that POST, buttons,
// fields with their hints and errors, the error summary, status messages, tables and details.
// Every value is text (template.ts); a part that takes content takes a template.
import type { Lang } from '../../contract/signature.js';
import { html, nothing, type Html } from './template.js';

/**
 * A form that POSTs to `action`, with the language and, on a signed-in page, the CSRF token, and
 * `hidden` fields. The service checks every field and answers in the page's language
 * (`novalidate`: no browser bubbles, which speak the browser's language).
 */
export function postForm(options: {
  action: string;
  lang: Lang;
  csrf?: string;
  hidden?: Readonly<Record<string, string>>;
  content: Html;
  /** The form's own class, for its layout. */
  className?: string;
}): Html {
  const { action, lang, csrf, hidden = {}, content, className } = options;
  return html`<form method="post" action=${action} novalidate class=${className ?? nothing}>
<input type="hidden" name="lang" value=${lang}>
${csrf ? html`<input type="hidden" name="csrf" value=${csrf}>` : nothing}
${Object.entries(hidden).map(([name, value]) => html`<input type="hidden" name=${name} value=${value}>`)}
${content}
</form>`;
}

/** A GET form (a filter, a search): its fields' values end up in the address. */
export const getForm = (action: string, content: Html, className?: string): Html =>
  html`<form method="get" action=${action} class=${className ?? nothing}>${content}</form>`;

export type ButtonVariant = 'primary' | 'secondary' | 'tertiary';

/** A submit button; `danger` for one that deletes. `label` is the words a screen reader says, when they differ. */
export const button = (
  text: Html | string,
  { variant = 'primary', danger = false }: { variant?: ButtonVariant; danger?: boolean } = {},
): Html =>
  html`<button type="submit" class="ds-button" data-variant=${variant} data-color=${danger ? 'danger' : nothing}>${text}</button>`;

export type AlertColor = 'success' | 'info' | 'warning' | 'danger';

/** A status message: role=status, so a screen reader hears it when the page loads; alert for danger. */
export const alert = (text: string, color: AlertColor = 'success'): Html =>
  html`<div class="ds-alert" data-color=${color} role=${color === 'danger' ? 'alert' : 'status'}><p class="ds-paragraph">${text}</p></div>`;

/** One problem of a form, as the summary links it: to its field, by the field's id. */
export interface FieldError {
  href: string;
  text: string;
}

export interface ErrorSummary {
  heading: string;
  list: readonly FieldError[];
}

/** The error summary: its heading, and each problem as a link to its field. */
export const errorSummary = ({ heading, list }: ErrorSummary): Html =>
  html`<div class="ds-error-summary" role="alert"><h2 class="ds-heading" data-size="xs">${heading}</h2><ul class="ds-list">${list.map(
    (error) => html`<li><a class="ds-link" href=${error.href}>${error.text}</a></li>`,
  )}</ul></div>`;

/** The ids a field's input is described by: its hint and its error, where it has them. */
const describedBy = (id: string, hint?: string, error?: string) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || nothing;

/** A field's label, hint and error, as Designsystemet lays them out, around its control. */
export const field = (
  options: { id: string; label: string; hint?: string; error?: string },
  control: Html,
): Html => html`<div class="ds-field">
<label class="ds-label" for=${options.id}>${options.label}</label>
${options.hint ? html`<div class="ds-paragraph" data-field="description" id=${`${options.id}-hint`}>${options.hint}</div>` : nothing}
${options.error ? html`<p class="ds-validation-message" data-field="validation" id=${`${options.id}-error`}>${options.error}</p>` : nothing}
${control}
</div>`;

/** A text field with its label, hint and error tied to it (aria-describedby, aria-invalid). */
export function textField(options: {
  id: string;
  name: string;
  label: string;
  value?: string;
  hint?: string;
  error?: string;
  type?: 'text' | 'email' | 'url' | 'search';
  autocomplete?: string;
  inputmode?: string;
  /** Said to a screen reader as required; the service, not the browser, checks it (novalidate). */
  required?: boolean;
}): Html {
  const { id, name, value = '', hint, error, type = 'text', autocomplete, inputmode, required = false } = options;
  return field(
    options,
    html`<input class="ds-input" id=${id} name=${name} type=${type} value=${value} autocomplete=${autocomplete ?? nothing} inputmode=${inputmode ?? nothing} ?required=${required} aria-describedby=${describedBy(id, hint, error)} aria-invalid=${error ? 'true' : nothing}>`,
  );
}

/** One choice of a native list: its value, its text, whether chosen. */
export interface Choice {
  value: string;
  label: string;
  selected?: boolean;
}

/** A native list with its label, hint and error: accessible and found by typing without script. */
export function selectField(options: {
  id: string;
  name: string;
  label: string;
  choices: readonly Choice[];
  /** The first, empty choice ("Velg …"), if any. */
  placeholder?: string;
  hint?: string;
  error?: string;
}): Html {
  const { id, name, choices, placeholder, hint, error } = options;
  return field(
    options,
    html`<select class="ds-input" id=${id} name=${name} aria-describedby=${describedBy(id, hint, error)} aria-invalid=${error ? 'true' : nothing}>
${placeholder === undefined ? nothing : html`<option value="">${placeholder}</option>`}${choices.map(
      (c) => html`<option value=${c.value} ?selected=${!!c.selected}>${c.label}</option>`,
    )}
</select>`,
  );
}

/**
 * A table with a caption, its head and its rows; the first cell of a row heads it. `numeric`
 * columns align right. A wide table scrolls in its own region, named by the caption.
 */
export function table(options: {
  caption: string;
  head: readonly string[];
  rows: readonly (readonly (Html | string | number)[])[];
  numeric?: readonly number[];
  hideCaption?: boolean;
}): Html {
  const { caption, head, rows, numeric = [], hideCaption = false } = options;
  const cls = (i: number) => (numeric.includes(i) ? 'num' : nothing);
  return html`<div class="table-scroll" role="region" aria-label=${caption} tabindex="0">
<table class="ds-table" data-border>
<caption class=${hideCaption ? 'ds-sr-only' : nothing}>${caption}</caption>
<thead><tr>${head.map((h, i) => html`<th scope="col" class=${cls(i)}>${h}</th>`)}</tr></thead>
<tbody>
${rows.map(
  (r) =>
    html`<tr>${r.map((c, i) => (i === 0 ? html`<th scope="row">${c}</th>` : html`<td class=${cls(i)}>${c}</td>`))}</tr>
`,
)}</tbody>
</table>
</div>`;
}

/** What a page says about one thing, as labels and values. */
export const detailsList = (pairs: readonly (readonly [label: string, value: string])[]): Html =>
  html`<dl class="details">
${pairs.map(
  ([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>
`,
)}</dl>`;

/** Paragraphs of text. */
export const paragraphs = (texts: readonly string[]): Html =>
  texts.map(
    (text) => html`<p class="ds-paragraph">${text}</p>
`,
  );
