// Debian's Chromium (apt-get install chromium) and the flags it needs here: headless as root, no
// GPU, and no network of its own. The test runner, the end-to-end tests, the benchmark and the
// screenshots all launch it with these.
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The path, or a clear error when Chromium is not installed. */
export function chromiumPath() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM to its path)`);
  }
  return CHROMIUM_PATH;
}
