// The three engines, from Debian's packages (see .ci/run and CONTRIBUTING.md). No test tool
// downloads a browser here. BROWSERS=chromium,firefox narrows a run while you work.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { CHROMIUM_FLAGS, chromiumPath } from '../../scripts/chromium.mjs';

const WEBKIT_DRIVER_PORT = 4445;
/** @type {import('node:child_process').ChildProcess[]} */
const children = [];

process.on('exit', () => children.forEach((child) => child.kill()));

/**
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 * @param {import('node:child_process').StdioOptions} [stdio]
 */
function start(command, args, env = {}, stdio = 'ignore') {
  const child = spawn(command, args, { stdio, env: { ...process.env, ...env } });
  child.on('error', (error) => console.error(`Could not start ${command}: ${error.message}`));
  children.push(child);
  return child;
}

/** WebKitGTK's MiniBrowser needs a display and WebKitWebDriver; both are started for this run. */
async function startWebKitDriver() {
  const display = process.env.WEBKIT_DISPLAY ?? ':99';
  // Xvfb writes the display's number to -displayfd once it takes connections; if it exits instead
  // (the display is taken, say by another run's Xvfb), the driver gets that display as before.
  const xvfb = start('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-displayfd', '3'], {}, [
    'ignore',
    'ignore',
    'ignore',
    'pipe',
  ]);
  await new Promise((resolve) => {
    xvfb.stdio[3]?.once('data', resolve);
    xvfb.once('exit', resolve);
    xvfb.once('error', resolve);
  });
  start('WebKitWebDriver', [`--port=${WEBKIT_DRIVER_PORT}`], { DISPLAY: display });
  for (let i = 0; i < 50; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${WEBKIT_DRIVER_PORT}/status`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(200);
  }
  throw new Error(`WebKitWebDriver did not answer on port ${WEBKIT_DRIVER_PORT}`);
}

const engines = {
  chromium: async () =>
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS },
    }),
  firefox: async () =>
    puppeteerLauncher({
      launchOptions: { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true },
    }),
  webkit: async () => {
    await startWebKitDriver();
    return webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port: WEBKIT_DRIVER_PORT,
      // WebKitGTK's own capability, which WebdriverIO's types do not name.
      capabilities: /** @type {Parameters<typeof webdriverLauncher>[0]['capabilities']} */ ({
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': {
          binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
          args: ['--automation'],
        },
      }),
    });
  },
};

export async function browsers() {
  const names = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',').map((s) => s.trim());
  return Promise.all(
    names.map((name) => {
      if (!Object.hasOwn(engines, name)) throw new Error(`Unknown browser "${name}"; use chromium, firefox or webkit`);
      return engines[/** @type {keyof typeof engines} */ (name)]();
    }),
  );
}
