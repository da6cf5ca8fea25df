// 1. The built files: raw, gzip (level 9) and brotli (quality 11) bytes of each, with its budget.
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { BUDGETS } from '../scripts/budgets.mjs';

export async function sizes() {
  const rows = [];
  for (const [file, budget] of Object.entries(BUDGETS)) {
    const bytes = await readFile(new URL(`../dist/${file}`, import.meta.url));
    rows.push({
      file: `dist/${file}`,
      budget,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return rows;
}
