// Types for service-process.mjs, for the TypeScript tests that start the service as a process.
export interface ServiceProcess {
  url: string;
  api: string;
  port: number;
  pid: number;
  dataDir: string;
  outbox(): Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<unknown>;
  stop(): Promise<void>;
}
export function startServiceProcess(
  env?: Record<string, string>,
  reuse?: { dataDir?: string; port?: number },
): Promise<ServiceProcess>;
