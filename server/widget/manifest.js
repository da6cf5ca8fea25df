// What the build writes beside the widget's files (dist/manifest.json, scripts/precompress.mjs) and
// the service reads back (widget/files.ts): which files are the widget's, and each one's sizes and
// Subresource Integrity hash. Plain JavaScript (type-checked from its JSDoc), since the build
// imports it with node alone.
import { createHash } from 'node:crypto';

/**
 * @typedef {object} ManifestEntry
 * @property {number} bytes Size uncompressed.
 * @property {number} gzip Size with gzip.
 * @property {number} brotli Size with brotli.
 * @property {string} integrity `sha384-…`, as a script tag's `integrity` attribute takes it.
 * @property {string} path The versioned path: `/v/<build hash>/<name>`.
 */

/**
 * @typedef {object} Manifest
 * @property {string} buildHash One hash over every file of the build.
 * @property {Record<string, ManifestEntry>} files Each widget file by name.
 */

/** The files a host's page may load: the entry scripts and the modules they import. */
export const WIDGET_FILE = /^ks-valgloftet[\w.-]*\.js$/;

/**
 * `sha384-…`, as a script tag's `integrity` attribute takes it.
 * @param {Uint8Array} bytes
 */
export const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
