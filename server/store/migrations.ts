import { readdirSync, readFileSync } from 'node:fs';

/**
 * What both stores say, and refuse to start on, when a database's schema is newer than this code's
 * migrations: it was made by a later version, whose data this code may misread or lose.
 */
export const newerSchema = (current: number, known: number): string =>
  `the database is at schema version ${current}, newer than this code (${known})`;

/**
 * An engine's schema versions: `migrations/<engine>/NNN-what.sql`, numbered 1, 2, 3… without gaps,
 * in order. Each store applies the ones its database lacks on start, each in one transaction.
 */
export function loadMigrations(engine: 'sqlite' | 'postgres'): string[] {
  const folder = new URL(`./migrations/${engine}/`, import.meta.url);
  const files = readdirSync(folder)
    .filter((name) => /^\d{3}-[\w-]+\.sql$/.test(name))
    .sort();
  files.forEach((name, i) => {
    if (Number(name.slice(0, 3)) !== i + 1) throw new Error(`Migration ${name} is out of sequence: expected ${i + 1}`);
  });
  return files.map((name) => readFileSync(new URL(name, folder), 'utf8'));
}
