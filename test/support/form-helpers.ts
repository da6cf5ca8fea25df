import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { text, widget, type KsValgloftet } from './helpers.js';

/** The real signature service the WTR config started (see test/support/service-process.mjs). */
export const serviceApi = (strict = false): Promise<string> =>
  executeServerCommand(strict ? 'strict-service-api' : 'service-api') as Promise<string>;

/** An address no one else in this run uses. */
export const uniqueEmail = (who = 'kari'): string =>
  `${who}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@kommune.example.no`;

export const shadow = <T extends Element = HTMLElement>(el: KsValgloftet, selector: string): T | null =>
  el.shadowRoot!.querySelector<T>(selector);

export const joinButton = (el: KsValgloftet): HTMLButtonElement => shadow<HTMLButtonElement>(el, '.join > button')!;
export const submitButton = (el: KsValgloftet): HTMLButtonElement =>
  shadow<HTMLButtonElement>(el, 'form [type="submit"]')!;

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
  await waitUntil(() => shadow(el, 'form'), 'the form never opened', { timeout: 10000 });
  return el;
}

/** Types into a field the way a browser reports typing: the value, then an input event. */
export function typeInto(el: KsValgloftet, selector: string, value: string): void {
  const input = shadow<HTMLInputElement>(el, selector)!;
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
  typeInto(el, '#name', name);
  typeInto(el, '#email', email);
  shadow<HTMLInputElement>(el, `[name="role"][value="${role}"]`)!.click();
  typeInto(el, '#place', place);
  await el.updateComplete;
}

export const errorTexts = (el: KsValgloftet): string[] => [...el.shadowRoot!.querySelectorAll('.error')].map(text);
export const summaryLinks = (el: KsValgloftet): HTMLAnchorElement[] => [
  ...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('#summary a'),
];
export const options = (el: KsValgloftet): string[] =>
  [...el.shadowRoot!.querySelectorAll('[role="option"]')].map(text);

/** Waits for the form to reach a state the reader can see. */
export const waitFor = (what: () => unknown, message: string): Promise<void> =>
  waitUntil(what, message, { timeout: 15000 });
