// `npm start`: the signature service, the widget and the demo page on one port.
import { buildApp } from './app.js';
import { configFromEnv } from './config.js';

const config = configFromEnv();
const { app, store } = await buildApp(config);

// Unconfirmed signatures whose link has expired are deleted: at start, then every hour.
const purge = () => {
  const purged = store.purgeUnconfirmed();
  if (purged) app.log.info({ purged }, 'deleted unconfirmed signatures whose link expired');
};
purge();
const timer = setInterval(purge, 3600_000);
timer.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    clearInterval(timer);
    // Requests under way may finish; connections a browser opened ahead and never used would hold
    // the close for Node's 60 s headers timeout, so after a few seconds every connection goes.
    setTimeout(() => app.server.closeAllConnections(), 3000).unref();
    void app.close().then(() => process.exit(0));
  });
}

await app.listen({ port: config.port, host: config.host });
const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}/`;
console.log(`\n  Valgløftet 2023 is running: ${url}\n  Data: ${config.dataDir}  Mail: ${config.smtpUrl ? 'SMTP' : 'outbox (no SMTP_URL)'}\n`);
