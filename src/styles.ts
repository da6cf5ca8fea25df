import { unsafeCSS } from 'lit';
import { joinStyles } from './join.styles.js';
import { cardStyles } from './valgloftet.styles.js';

/**
 * The element's sheet: the card's rules and the call to action's, in one. Both are plain strings
 * of our own, minified by the build (minify-literals, which leaves alone the CSS of any file that
 * names `unsafeCSS`, hence this file of its own). Lit's `css` tag would check each value put into
 * it, code and an error message the first script carried for two constant strings.
 */
export const styles = unsafeCSS(cardStyles + joinStyles);
