// PostgreSQL's connection pool, its migrations, and the one way its store runs a transaction.
import pg from 'pg';
import type { Changes } from '../changes.js';
import { DataDirError } from '../store.js';
import { loadMigrations, newerSchema } from '../migrations.js';
import type { Decision } from '../writes.js';
import { applyWrites } from './writes.js';

/** Schema versions (migrations.ts); schema_migrations holds those applied. */
export const MIGRATIONS = loadMigrations('postgres');

/** The advisory lock the instances take to migrate, one at a time ("valgløftet" as a number). */
const MIGRATION_LOCK = 2023_0531;

/**
 * How values come back: times as ISO 8601 strings (as SQLite keeps them), dates as written,
 * bigints (ids, counts) as numbers; far below 2^53 here.
 */
const { TIMESTAMPTZ, DATE, INT8 } = pg.types.builtins;
const parseTime = pg.types.getTypeParser(TIMESTAMPTZ) as (value: string) => Date;
export const types = new pg.TypeOverrides();
types.setTypeParser(TIMESTAMPTZ, (value) => parseTime(value).toISOString());
types.setTypeParser(DATE, (value) => value);
types.setTypeParser(INT8, (value) => Number(value));

export type Client = pg.PoolClient;

/** An address without its password, for messages. */
const shown = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
};

/** Connects and migrates under the advisory lock; the versions this call applied come back. */
export async function openPool(url: string): Promise<{ pool: pg.Pool; migrated: number[] }> {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    connectionTimeoutMillis: 10_000,
    // A transaction left open (a mail send that hangs past every timeout) ends after two minutes;
    // its mails are then another's to send.
    options: '-c timezone=UTC -c idle_in_transaction_session_timeout=120000',
    application_name: 'valgloftet',
  });
  try {
    return { pool, migrated: await migrate(pool) };
  } catch (err) {
    await pool.end();
    const code = (err as { code?: string }).code;
    throw new DataDirError(
      `PostgreSQL at ${shown(url)} could not be opened (${code ?? (err as Error).message}). ` +
        'Check DATABASE_URL, that the server runs, and that the role may create tables in the database.',
    );
  }
}

/**
 * Applies the migrations this database lacks, each in its own transaction, holding an advisory
 * lock so that instances starting together migrate one after the other (the second finds nothing
 * to do). Returns the versions this call applied.
 */
async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations',
      );
      const current = rows[0]?.version ?? 0;
      if (current > MIGRATIONS.length) {
        throw new Error(newerSchema(current, MIGRATIONS.length));
      }
      for (let v = current; v < MIGRATIONS.length; v++) {
        await client.query('BEGIN');
        try {
          await client.query(MIGRATIONS[v]);
          await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
        applied.push(v + 1);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
  return applied;
}

/** How the store's modules reach the database. */
export interface Pg {
  pool: pg.Pool;
  /**
   * One transaction on one client: committed when `work` resolves, rolled back when it throws (and
   * the client then closed rather than reused). `snapshot`: every statement reads the same moment
   * (REPEATABLE READ), and a row changed by another transaction meanwhile fails it (40001).
   */
  tx: <T>(work: (c: Client) => Promise<T>, snapshot?: boolean) => Promise<T>;
  /**
   * Runs a rule in one transaction: reads (FOR UPDATE, so that no other instance changes the rows
   * meanwhile), decides, writes, commits; then this instance's memos at once (the notice comes
   * back a moment later) and the forget listeners.
   */
  decided: <T, R>(read: (c: Client) => Promise<T>, decide: (rows: T) => Decision<R>, snapshot?: boolean) => Promise<R>;
  changes: Changes;
  rows: <R extends pg.QueryResultRow>(sql: string, values?: unknown[]) => Promise<R[]>;
  row: <R extends pg.QueryResultRow>(sql: string, values?: unknown[]) => Promise<R | undefined>;
}

/** `readOnly()`: whether this instance's transactions are READ ONLY (the test hooks' refuseWrites). */
export function pgContext(pool: pg.Pool, changes: Changes, readOnly: () => boolean): Pg {
  const tx = async <T>(work: (c: Client) => Promise<T>, snapshot = false): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query(`BEGIN${snapshot ? ' ISOLATION LEVEL REPEATABLE READ' : ''}${readOnly() ? ' READ ONLY' : ''}`);
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(err instanceof Error ? err : true);
      throw err;
    }
  };
  return {
    pool,
    tx,
    changes,
    decided: async (read, decide, snapshot) => {
      const decision = await tx(async (c) => {
        const made = decide(await read(c));
        await applyWrites(c, made.writes);
        return made;
      }, snapshot);
      changes.committed(decision);
      changes.forgotten(decision.forget ?? []);
      return decision.result;
    },
    rows: async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []) =>
      (await pool.query<R>(sql, values)).rows,
    row: async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []) =>
      (await pool.query<R>(sql, values)).rows.at(0),
  };
}
