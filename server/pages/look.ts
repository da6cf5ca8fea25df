// The one look of the service's pages: Designsystemet, Norway's public-sector design system (its
// default theme and the components the pages use), then the service's own few rules: the shared
// frame of every page (look.css) and each room's layout (the admin's, the councils page's, the
// builder's), which take every colour, size and font from Designsystemet's tokens. One stylesheet,
// read and compressed once at start, at an address named by its content so it is cached for good.
// The widget keeps its own small styles (src/*.styles.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compressed } from '../http/compressed.js';

const resolve = createRequire(import.meta.url).resolve;

/** Designsystemet's parts the pages use, in its own order (theme, base, then components). */
const DESIGNSYSTEMET = [
  'theme.css',
  'base.css',
  'heading.css',
  'paragraph.css',
  'link.css',
  'list.css',
  'button.css',
  'label.css',
  'field.css',
  'fieldset.css',
  'input.css',
  'validation-message.css',
  'error-summary.css',
  'alert.css',
  'table.css',
  'details.css',
];

/**
 * The service's own rules, after Designsystemet's: the frame of every page, then each room's, whose
 * rules apply under its page's class (`<body class="admin">`: layout.ts's `kind`).
 */
const OWN = ['./look.css', '../councils/councils.css', '../builder/builder.css', '../admin/admin.css'];

const css = [
  ...DESIGNSYSTEMET.map((part) => readFileSync(resolve(`@digdir/designsystemet-css/${part}`), 'utf8')),
  ...OWN.map((file) => readFileSync(new URL(file, import.meta.url), 'utf8')),
].join('\n');

/** The stylesheet, as sent: each form compressed once. */
export const look = compressed(css);

/** Its address: named by its content, so a page always gets the stylesheet it was made with. */
export const LOOK_PATH = `/look-${createHash('sha256').update(css).digest('base64url').slice(0, 12)}.css`;
