// How the service and the build compress what they send: brotli at quality 11 and gzip at level 9,
// one setting for both. Plain JavaScript (type-checked from its JSDoc), since the build imports it
// with node alone (scripts/precompress.mjs).
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/**
 * Both compressed forms of some text, at their highest levels.
 * @param {Uint8Array} bytes
 * @returns {{ br: Buffer; gzip: Buffer }}
 */
export const compressForms = (bytes) => ({
  br: brotliCompressSync(bytes, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: 11,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }),
  gzip: gzipSync(bytes, { level: 9 }),
});
