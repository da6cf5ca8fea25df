import type { Manifest } from '../server/widget/manifest.js';
export type { Manifest, ManifestEntry } from '../server/widget/manifest.js';
export function widgetFiles(dir: string): Promise<string[]>;
export function buildHash(files: { name: string; bytes: Uint8Array }[]): string;
export function precompress(dir: string): Promise<Manifest>;
export function table(manifest: Manifest): string;
