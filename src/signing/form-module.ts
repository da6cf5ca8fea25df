/**
 * The signing form as a module of its own, loaded when a reader shows intent to join (pointer or
 * focus on the call to action, at the latest its click): nearly every reader is a citizen who
 * never signs, and need not download, parse or run the form. Built to `ks-valgloftet-form.js`
 * beside the script; the first script (`join.ts`) imports it by a URL relative to itself, hands it
 * its Lit (`setKit`) and nynorsk table (`nn`), and `attach`es it to each element that opens it.
 */
import type { MsgFn } from '@lit/localize';
import type { ReactiveControllerHost } from 'lit';
import type { Lang } from '../language.js';
import { formCss } from './form.styles.js';
import { PlaceCombobox } from './place-combobox.js';
import { SigningController } from './signing-controller.js';
import { renderPanel } from './signing-form.js';

export { setKit } from './kit.js';
export { PAIR } from '../pair.js';
export { templates as nn } from '../generated/locales/nn-form.js';
export type { SignedDetail } from '../public-types.js';

let sheet: CSSStyleSheet | undefined;

/** A form for one element: its controllers, its styles adopted into the element's shadow root. */
export function attach(
  host: ReactiveControllerHost & HTMLElement,
  options: { api: () => string; lang: () => Lang; campaign: () => string },
) {
  const root = host.shadowRoot;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(formCss);
  }
  // Adopted, not a <style>: nothing for a host's CSP to block.
  if (root && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const form = new SigningController(host, options);
  const place = new PlaceCombobox(host, form);
  return { form, render: (msg: MsgFn) => renderPanel(form, place, msg) };
}
