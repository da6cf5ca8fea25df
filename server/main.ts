// `npm start`: the signature service, the widget and the demo page on one port.
import { join } from 'node:path';
import { buildApp } from './app.js';
import { configFromEnv } from './config.js';
import { checkMailSetup } from './mail/mailer.js';
import { DataDirError } from './store/index.js';
import { hourly } from './campaigns/retention.js';
import { CampaignError } from './campaigns/campaigns.js';

const config = configFromEnv();
checkMailSetup(config);
const { app, store } = await buildApp(config).catch((err: unknown) => {
  if (!(err instanceof DataDirError || err instanceof CampaignError)) throw err;
  console.error(`\n  The service did not start: ${err.message}\n`);
  process.exit(1);
});

// Unconfirmed signatures whose link has expired, and a closed campaign's signers' data after its
// retention, are deleted: at start, then every hour.
const purge = async () => {
  try {
    await hourly(store, app.campaigns, app.log);
  } catch (err) {
    app.log.error({ err }, 'the hourly deletions failed; will try again in an hour');
  }
};
await purge();
const timer = setInterval(() => void purge(), 3600_000);
timer.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    clearInterval(timer);
    // Requests under way may finish; connections a browser opened ahead and never used would hold
    // the close for Node's 60 s headers timeout, so after a few seconds every connection goes.
    setTimeout(() => {
      app.server.closeAllConnections();
    }, 3000).unref();
    void app.close().then(() => process.exit(0));
  });
}

await app.listen({ port: config.port, host: config.host });
const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}/`;
const mail = config.smtpUrl
  ? 'SMTP'
  : `not sent. No SMTP_URL, so this is for local use only: mails are written to ${join(config.dataDir, 'outbox.txt')}`;
console.log(`\n  Valgløftet 2023 is running: ${url}\n  Data: ${config.dataDir}\n  Mail: ${mail}\n`);
