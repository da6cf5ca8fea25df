export interface Postgres {
  /** postgres://valgloftet@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  /** The temp dir: the cluster (data/), the socket and postgres.log. Gone after stop(). */
  dir: string;
  /** server_version, e.g. "15.18 (Debian 15.18-0+deb12u1)" */
  version: string;
  stop(): Promise<void>;
}
export function findBinDir(): string;
export function startPostgres(options?: { log?: (line: string) => void; cleanupOnSignal?: boolean }): Promise<Postgres>;
export function createDatabase(adminUrl: string, name?: string): Promise<string>;
export function dropDatabase(url: string): Promise<void>;
