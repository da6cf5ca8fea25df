// The shared store for several instances: PostgreSQL through a pool (node-postgres). This file
// opens it and puts the store together; the SQL is in the files beside it, by concern, and the
// rules it applies are signing/rules.ts's. Every method is one transaction; `version` follows the
// changes made by every instance, through LISTEN/NOTIFY.
import pg from 'pg';
import { Changes } from '../changes.js';
import type { Store } from '../store.js';
import { TEST_HOOKS, type Testable } from '../testing.js';
import { adminMethods } from './admin.js';
import { councilMethods } from './councils.js';
import { MIGRATIONS, openPool, pgContext, types } from './database.js';
import { mailQueueMethods } from './mail-queue.js';
import { signatureMethods } from './signatures.js';
import { postgresTestHooks } from './test-hooks.js';
import { COUNT_CHANNEL } from './writes.js';

/**
 * Hears every instance's notice that the count changed, on a connection of its own, and moves the
 * version. When the connection drops it connects again: changes may have been missed while deaf,
 * so every memo is stale at once.
 */
async function listen(url: string, changes: Changes): Promise<{ close(): Promise<void> }> {
  let closed = false;
  let listener: pg.Client | undefined;
  const connect = async (): Promise<void> => {
    if (closed) return;
    const client = new pg.Client({ connectionString: url, types });
    client.on('notification', () => {
      changes.version++;
    });
    const again = () => {
      if (closed || listener !== client) return;
      listener = undefined;
      changes.version++;
      setTimeout(() => void connect().catch(() => undefined), 1000).unref();
    };
    client.on('error', again);
    client.on('end', again);
    listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${COUNT_CHANNEL}`);
    } catch {
      again();
    }
  };
  await connect();
  return {
    async close() {
      closed = true;
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}

/** Connects, migrates under the advisory lock, and starts listening for count changes. */
export async function openPostgresStore(url: string): Promise<Store & Testable> {
  const { pool, migrated } = await openPool(url);
  // An idle client whose server went away must not take the process down; the next query fails.
  pool.on('error', () => undefined);
  const changes = new Changes();
  let readOnly = false;
  const db = pgContext(pool, changes, () => readOnly);
  const listener = await listen(url, changes);
  const pruner = setInterval(() => {
    void pool.query('DELETE FROM rate_limits WHERE window_ends < now()').catch(() => undefined);
  }, 600_000);
  pruner.unref();

  return {
    engine: 'postgres',
    get version() {
      return changes.version;
    },
    migrated,
    onForget: (listener) => {
      changes.onForget(listener);
    },
    ...signatureMethods(db),
    ...councilMethods(db),
    ...adminMethods(db),
    ...mailQueueMethods(db),
    async probeWrite(now = new Date()) {
      await db.tx((c) =>
        c.query(
          `INSERT INTO meta (key, value) VALUES ('ready_probe', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          [now.toISOString()],
        ),
      );
    },
    /** Foreign keys and checks are PostgreSQL's to keep; this checks the schema is this code's. */
    async integrity() {
      const row = await db.row<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
      return row?.version === MIGRATIONS.length
        ? 'ok'
        : `schema version ${row?.version} (expected ${MIGRATIONS.length})`;
    },
    async close() {
      clearInterval(pruner);
      await listener.close();
      await pool.end();
    },
    [TEST_HOOKS]: postgresTestHooks(db, (refuse) => {
      readOnly = refuse;
    }),
  };
}
