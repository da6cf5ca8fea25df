// The store: what the service keeps, behind one interface (store.ts) with one engine per database.
// SQLite (sqlite.ts) is the embedded default; PostgreSQL (postgres.ts) is chosen by DATABASE_URL, for
// several instances sharing one database. These two modules are the only ones that speak SQL.
import { join } from 'node:path';
import type { Store } from './store.js';

export * from './store.js';

/**
 * The store the config asks for: PostgreSQL when `databaseUrl` is set (migrated on start under an
 * advisory lock), else SQLite in the data folder. Each engine is loaded only when chosen.
 */
export async function openStore(config: { dataDir: string; databaseUrl: string | undefined }): Promise<Store> {
  if (config.databaseUrl) {
    const { PostgresStore } = await import('./postgres.js');
    return PostgresStore.open(config.databaseUrl);
  }
  const { SqliteStore } = await import('./sqlite.js');
  return new SqliteStore(join(config.dataDir, 'valgloftet.sqlite'));
}
