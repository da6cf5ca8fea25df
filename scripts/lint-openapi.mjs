// npm run test:api: builds the service (no port, a throwaway data folder), writes the OpenAPI
// description it serves at /api/openapi.json to a temporary file, and lints it with Redocly CLI
// (redocly.yaml: the recommended rules). Fails on any error or warning. Runs offline.
// Run with `node --import tsx`, since the service is TypeScript.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
/** @import {} from '@fastify/swagger' -- its types add app.swagger() */

const root = new URL('../', import.meta.url);
const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
const dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-openapi-'));
let failed = true;
try {
  const { app } = await buildApp(
    configFromEnv({ DATA_DIR: dir, LOG_LEVEL: 'silent', ADMIN_TOKEN: 'x'.repeat(32), SMTP_URL: '' }),
  );
  await app.ready();
  const file = join(dir, 'openapi.json');
  await writeFile(file, `${JSON.stringify(app.swagger(), null, 2)}\n`);
  await app.close();

  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  /** @param {'json' | 'stylish'} format */
  const lint = (format) =>
    spawnSync(
      process.execPath,
      [cli, 'lint', '--config', 'redocly.yaml', `--format=${format}`, '--max-problems=1000', file],
      {
        cwd: root,
        env,
        encoding: 'utf8',
      },
    );
  const json = lint('json');
  const report = JSON.parse(json.stdout.slice(json.stdout.indexOf('{')));
  const { errors, warnings } = report.totals;
  const operations = Object.values(app.swagger().paths ?? {}).reduce((n, path) => n + Object.keys(path).length, 0);
  if (errors || warnings) {
    process.stdout.write(lint('stylish').stdout);
    console.error(
      `The OpenAPI description has ${errors} errors and ${warnings} warnings (redocly lint, redocly.yaml).`,
    );
  } else {
    console.log(`The OpenAPI description (${operations} operations) passes redocly lint: 0 errors, 0 warnings.`);
    failed = false;
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
