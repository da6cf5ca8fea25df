export const DEFAULT_COLOURS: { readonly accent: '#0f5b8c'; readonly background: '#f3f7fa'; readonly color: '#1c2329' };
export const MINIMUM_CONTRAST: number;
export function mix(a: string, p: number, b: string): string;
export function contrastRatio(a: string, b: string): number;
export interface Pair {
  id: 'text' | 'accent' | 'counter' | 'muted' | 'field' | 'error';
  foreground: string;
  background: string;
  ratio: number;
  ok: boolean;
}
export function contrastPairs(options: {
  accent?: string;
  background?: string;
  color?: string;
  noCounter?: boolean;
  noForm?: boolean;
}): Pair[];
