import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { within } from './dom.js';
import { shadowOf, text, view, widget, type KsValgloftet } from './helpers.js';

/** The real signature service the WTR config started (see test/support/service-process.mjs). */
export const serviceApi = (strict = false): Promise<string> =>
  executeServerCommand<string, undefined>(strict ? 'strict-service-api' : 'service-api');

/** An address no one else in this run uses. */
export const uniqueEmail = (who = 'kari'): string =>
  `${who}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@kommune.example.no`;

/** A selector query in the widget's shadow root, for what a person does not find by role or name. */
export const shadow = (el: KsValgloftet, selector: string): HTMLElement | null =>
  el.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;

function isA<T extends Element>(kind: abstract new () => T, node: Element): T {
  if (!(node instanceof kind)) throw new Error(`Expected a ${kind.name}, found <${node.localName}>`);
  return node;
}

// The form's parts as a person finds them: by role and accessible name, in bokmål and nynorsk.
export const joinButton = (el: KsValgloftet): HTMLButtonElement =>
  isA(HTMLButtonElement, view(el).getByRole('button', { name: 'Slutt deg til løftet' }));
/** The form, or null while it is closed or loading. */
export const formOf = (el: KsValgloftet): HTMLFormElement | null => {
  const form = view(el).queryByRole('form', { name: 'Slutt deg til løftet' });
  return form && isA(HTMLFormElement, form);
};
export const theForm = (el: KsValgloftet): HTMLFormElement =>
  isA(HTMLFormElement, view(el).getByRole('form', { name: 'Slutt deg til løftet' }));
/** The send button, whatever it says (send, sending, try again). */
export const submitButton = (el: KsValgloftet): HTMLButtonElement =>
  isA(
    HTMLButtonElement,
    within(theForm(el)).getByRole('button', { name: /^(Slutt meg til løftet|Sender …|Prøv igjen)$/ }),
  );
export const nameField = (el: KsValgloftet): HTMLInputElement =>
  isA(HTMLInputElement, view(el).getByRole('textbox', { name: /^Na[vm]n$/ }));
export const emailField = (el: KsValgloftet): HTMLInputElement =>
  isA(HTMLInputElement, view(el).getByRole('textbox', { name: 'E-postadresse' }));
export const placeField = (el: KsValgloftet): HTMLInputElement =>
  isA(HTMLInputElement, view(el).getByRole('combobox', { name: 'Kommune eller fylkeskommune' }));
export const roleRadio = (el: KsValgloftet, role: 'elected' | 'candidate'): HTMLInputElement =>
  isA(
    HTMLInputElement,
    view(el).getByRole('radio', { name: role === 'elected' ? /^Folkeval(gt|d)$/ : /^Kandidat ved val(g?et)$/ }),
  );
/** The error summary (a group named by its heading, the same in both languages), or null. */
export const errorSummary = (el: KsValgloftet): HTMLElement | null =>
  view(el).queryByRole('group', { name: 'Rett opp dette før du sender:' });
/** "Back to the form", after sending. */
export const backButton = (el: KsValgloftet): HTMLButtonElement =>
  isA(HTMLButtonElement, view(el).getByRole('button', { name: 'Gå tilbake til skjemaet' }));

/** The element that has focus, looking through shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** A widget on the real service with its form open and ready to fill in. */
export async function openForm(attrs: Record<string, string | true> = {}): Promise<KsValgloftet> {
  const el = await widget({ api: await serviceApi(), 'no-counter': true, ...attrs });
  joinButton(el).click();
  await waitUntil(() => formOf(el), 'the form never opened', { timeout: 10000 });
  return el;
}

/** Types into a field the way a browser reports typing: the value, then an input event. */
export function typeInto(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

export interface Filled {
  name?: string;
  email?: string;
  role?: 'elected' | 'candidate';
  place?: string;
}

/** Fills in the form (by events, not keys: the keyboard has its own tests). */
export async function fillForm(el: KsValgloftet, values: Filled = {}): Promise<void> {
  const { name = 'Kari Nordmann', email = uniqueEmail(), role = 'elected', place = 'Bodø' } = values;
  typeInto(nameField(el), name);
  typeInto(emailField(el), email);
  roleRadio(el, role).click();
  typeInto(placeField(el), place);
  await el.updateComplete;
}

export const errorTexts = (el: KsValgloftet): string[] => [...shadowOf(el).querySelectorAll('.error')].map(text);
export const summaryLinks = (el: KsValgloftet): HTMLAnchorElement[] => [
  ...shadowOf(el).querySelectorAll<HTMLAnchorElement>('#summary a'),
];
export const options = (el: KsValgloftet): string[] => [...shadowOf(el).querySelectorAll('[role="option"]')].map(text);

/** Waits for the form to reach a state the reader can see. */
export const waitFor = (what: () => unknown, message: string): Promise<void> =>
  waitUntil(what, message, { timeout: 15000 });
