// Order statistics over raw timings from the page. Nearest-rank percentiles: with 200 samples
// p95 is the 190th fastest, an actual measured value rather than an interpolation.

/** The p-th percentile (0 < p ≤ 1) by nearest rank. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1];
}

export const median = (values) => percentile(values, 0.5);

/** Reduces several runs' summaries to their per-field medians. */
export function medianOfRuns(runs) {
  const out = {};
  for (const field of Object.keys(runs[0] ?? {})) {
    const values = runs.map((r) => r[field]);
    out[field] = typeof values[0] === 'number' ? median(values) : values[0];
  }
  return out;
}

/** Rounds for display: 2 decimals under 10, 1 under 100, none above. */
export function fmt(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return '–';
  const digits = ms < 10 ? 2 : ms < 100 ? 1 : 0;
  return ms.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A Markdown table with aligned columns: readable in a terminal, pasteable into a README. */
export function table(headers, rows, align) {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, i) => Math.max(3, ...cells.map((r) => r[i].length)));
  const pad = (s, i) => (align?.[i] === 'r' ? s.padStart(widths[i]) : s.padEnd(widths[i]));
  const line = (r) => `| ${r.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (align?.[i] === 'r' ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}
