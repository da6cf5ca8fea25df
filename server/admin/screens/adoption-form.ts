// The form that records an adoption, or edits one (the council then stays as it is), with each
// field's problem at the field and in the page's error summary.
import type { Lang } from '../../../contract/signature.js';
import { button, postForm, textField, type ErrorSummary, type FieldError } from '../../pages/components.js';
import { html, nothing, type Html } from '../../pages/template.js';
import { councilOf, labelOf } from '../../councils/municipalities.js';
import { councilSelect } from '../council-select.js';
import { texts } from '../frame.js';

export interface AdoptionForm {
  municipality: string;
  date: string;
  link: string;
  errors: Partial<Record<'municipality' | 'date' | 'link', string>>;
}

export const emptyAdoption: AdoptionForm = { municipality: '', date: '', link: '', errors: {} };

/** An adoption form's problems for the page's error summary, in the order of the fields. */
export const adoptionErrorList = (lang: Lang, { errors }: AdoptionForm): ErrorSummary => ({
  heading: texts(lang).errorSummary,
  list: (['municipality', 'date', 'link'] as const).flatMap((k): FieldError[] =>
    errors[k] ? [{ href: `#${k}`, text: errors[k] }] : [],
  ),
});

/** The council: a list found by typing any of its names, or, editing, shown under its label and sent as it is. */
function municipalityField(lang: Lang, form: AdoptionForm, editing: boolean): Html {
  const t = texts(lang);
  if (editing) {
    return html`<dl class="fixed-field"><dt class="ds-label">${t.municipalityLabel}</dt><dd class="ds-paragraph">${labelOf(form.municipality)}</dd></dl>`;
  }
  return councilSelect({
    id: 'municipality',
    label: t.municipalityLabel,
    placeholder: t.municipalityChoose,
    code: councilOf(form.municipality),
    error: form.errors.municipality,
  });
}

export function adoptionForm(lang: Lang, csrf: string, form: AdoptionForm, editing: boolean): Html {
  const t = texts(lang);
  const { errors } = form;
  return postForm({
    action: '/admin/adoptions',
    lang,
    csrf,
    hidden: editing ? { editing: '1', municipality: form.municipality } : {},
    content: html`${municipalityField(lang, form, editing)}
${textField({ id: 'date', name: 'date', label: t.dateLabel, hint: t.dateHint, value: form.date, error: errors.date, autocomplete: 'off' })}
${textField({ id: 'link', name: 'link', label: t.linkLabel, hint: t.linkHint, value: form.link, error: errors.link, type: 'url', autocomplete: 'off' })}
<div class="actions">${button(t.save)}${editing ? html`<a class="ds-link" href=${`/admin?lang=${lang}`}>${t.cancel}</a>` : nothing}</div>`,
  });
}
