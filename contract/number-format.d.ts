export function numberLocales(lang: string): string[];
export function formatRatio(ratio: number, lang: string): string;
