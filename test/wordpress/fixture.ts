// What every WordPress test starts from: the real signature service with its SMTP sink, a
// throwaway WordPress that trusts the service's origin, and Chromium. `stop()` ends them all, in
// the reverse order, including whatever had started when a step failed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { launchers } from '../e2e/browsers.js';
import { MailCatcher, startService, type Service } from '../../server/test/harness.js';
import { startWordPress, type WordPress } from './wordpress.js';

export interface PledgeSite {
  wp: WordPress;
  service: Service;
  mail: MailCatcher;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startPledgeSite(name: string): Promise<PledgeSite> {
  const cleanups: (() => unknown)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const dataDir = await mkdtemp(join(tmpdir(), `ks-valgloftet-${name}-`));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const mail = await new MailCatcher().start();
    cleanups.push(() => mail.close());
    const service = await startService({ RATE_LIMIT_WRITES: '1000' }, { dataDir, mail });
    cleanups.push(() => service.stop());
    const launched = launchers.chromium();
    cleanups.push(async () => (await launched).close());
    const wp = await startWordPress({ trustedOrigins: [service.url] });
    cleanups.push(() => wp.stop());
    return { wp, service, mail, browser: await launched, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
