// 1. The bundle: raw, gzip (level 9) and brotli (quality 11) bytes of both single files.
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export async function sizes() {
  const rows = [];
  for (const file of ['ks-valgloftet.js', 'ks-valgloftet.iife.js']) {
    const bytes = await readFile(new URL(`../dist/${file}`, import.meta.url));
    rows.push({
      file: `dist/${file}`,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return rows;
}
