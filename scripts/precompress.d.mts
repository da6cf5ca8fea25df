export interface ManifestEntry {
  bytes: number;
  gzip: number;
  brotli: number;
  integrity: string;
  path: string;
}
export interface Manifest {
  buildHash: string;
  files: Record<string, ManifestEntry>;
}
export const WIDGET_FILE: RegExp;
export function widgetFiles(dir: string): Promise<string[]>;
export function integrity(bytes: Uint8Array): string;
export function compressForms(bytes: Uint8Array): { br: Buffer; gzip: Buffer };
export function buildHash(files: { name: string; bytes: Uint8Array }[]): string;
export function precompress(dir: string): Promise<Manifest>;
export function table(manifest: Manifest): string;
