// 6. Two instances on one PostgreSQL: the service as `npm start` runs it, twice, each with
// DATABASE_URL pointing at one throwaway PostgreSQL from Debian's binaries (scripts/postgres.mjs),
// mails to each instance's outbox. autocannon loads both instances at once, as a balancer would
// spread the traffic; the figures are the two instances' sums.
import autocannon from 'autocannon';
import { createDatabase, startPostgres } from '../scripts/postgres.mjs';
import { startServiceProcess } from '../test/support/service-process.mjs';
import { signingRequests } from './http.mjs';
import { median } from './stats.mjs';

const fire = (options) =>
  new Promise((resolve, reject) => autocannon(options, (error, result) => (error ? reject(error) : resolve(result))));

/** Runs one autocannon per instance at the same time; their requests per second added up. */
async function both(instances, { path = '', ...options }) {
  const results = await Promise.all(instances.map((s) => fire({ ...options, url: s.url + path })));
  return {
    rps: results.reduce((sum, r) => sum + r.requests.average, 0),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    total: results.reduce((sum, r) => sum + r.requests.total, 0),
    errors: results.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
  };
}

/** undefined when this machine has no PostgreSQL server (apt install postgresql). */
export async function postgresBench({ runs = 3, seconds = 5 } = {}) {
  let pg;
  try {
    pg = await startPostgres();
  } catch (err) {
    process.stderr.write(`  (no PostgreSQL row: ${err.message.split('\n')[0]})\n`);
    return undefined;
  }
  const instances = [];
  try {
    const database = await createDatabase(pg.url);
    const env = { DATABASE_URL: database, RATE_LIMIT_WRITES: '100000000', LOG_LEVEL: 'info' };
    // One after the other, so the first migrates; the second finds the schema in place.
    instances.push(await startServiceProcess(env));
    instances.push(await startServiceProcess(env));

    const count = [];
    for (let i = 0; i < runs; i++) {
      count.push(await both(instances, { path: '/api/count', connections: 25, duration: seconds }));
    }

    const signing = await both(instances, { connections: 10, duration: seconds, requests: signingRequests() });
    return {
      version: pg.version,
      count: {
        rps: median(count.map((r) => r.rps)),
        p99: median(count.map((r) => r.p99)),
        errors: count.reduce((a, r) => a + r.errors, 0),
      },
      signing,
      seconds,
      runs,
    };
  } finally {
    for (const s of instances) await s.stop();
    await pg.stop();
  }
}
