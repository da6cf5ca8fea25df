// `npm start` builds the widget only when dist/ is missing or older than its sources.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The manifest is written last (npm run build:compress): without it the service has no widget to serve.
const built = [
  'dist/ks-valgloftet.js',
  'dist/ks-valgloftet.iife.js',
  'dist/ks-valgloftet-form.js',
  'dist/ks-valgloftet-loader.js',
  'dist/ssr/markup.js',
  'dist/manifest.json',
];
const sources = ['src', 'locales', 'vite.config.ts', 'package.json'];

/** @type {(path: string) => number} */
const newest = (path) =>
  statSync(path).isDirectory()
    ? Math.max(
        0,
        ...readdirSync(path)
          .filter((f) => f !== 'generated')
          .map((f) => newest(join(path, f))),
      )
    : statSync(path).mtimeMs;

const stale =
  !built.every(existsSync) || Math.min(...built.map((f) => statSync(f).mtimeMs)) < Math.max(...sources.map(newest));
if (stale) {
  console.log('Building the widget (npm run build)…');
  execSync('npm run build', { stdio: 'inherit' });
}
