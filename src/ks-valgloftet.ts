/**
 * The entry point and the only module with a side effect: it registers `<ks-valgloftet>`. The
 * guard makes a second copy of the script on the same page (or a CMS plugin that bundles its
 * own) harmless: the first definition stays, nothing throws.
 */
import { KsValgloftet, type SignedDetail } from './valgloftet-element.js';

export { KsValgloftet };
export type { Lang } from './language.js';
export type { SignedDetail };

if (!customElements.get('ks-valgloftet')) customElements.define('ks-valgloftet', KsValgloftet);

declare global {
  interface HTMLElementTagNameMap {
    'ks-valgloftet': KsValgloftet;
  }
  interface HTMLElementEventMap {
    'ks-valgloftet-signed': CustomEvent<SignedDetail>;
  }
}
