// Small statistics for the benchmark: medians over repetitions, and how figures are printed.

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** "12 345" with a thin, unbreakable grouping, as the README prints figures. */
export const int = (n) => Math.round(n).toLocaleString('nb-NO').replace(/\s/g, ' ');
export const ms = (n) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
export const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
