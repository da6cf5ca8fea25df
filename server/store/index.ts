// The store: what the service keeps, behind one interface (store.ts) with one engine per database.
// SQLite (sqlite/) is the embedded default; PostgreSQL (postgres/) is chosen by DATABASE_URL, for
// several instances sharing one database. The engines are the only modules that speak SQL; the
// rules they apply are written once, above them (signing/rules.ts).
import { join } from 'node:path';
import type { Store } from './store.js';

export * from './store.js';

/**
 * The store the config asks for: PostgreSQL when `databaseUrl` is set (migrated on start under an
 * advisory lock), else SQLite in the data folder. Each engine is loaded only when chosen.
 */
export async function openStore(config: { dataDir: string; databaseUrl: string | undefined }): Promise<Store> {
  if (config.databaseUrl) {
    const { openPostgresStore } = await import('./postgres/index.js');
    return openPostgresStore(config.databaseUrl);
  }
  const { openSqliteStore } = await import('./sqlite/index.js');
  return openSqliteStore(join(config.dataDir, 'valgloftet.sqlite'));
}
