import type { BenchmarkReport } from './benchmark';

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** The results as an aligned plain-text table, one row per run, then the ratios. */
export function formatReport(name: string, report: BenchmarkReport): string {
  const header = ['run', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors'];
  const rows = report.runs.map((r) => [
    r.label,
    fixed(r.requestsPerSec),
    fixed(r.latencyP50Ms),
    fixed(r.latencyP99Ms),
    String(r.requests),
    String(r.non2xx),
    String(r.errors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const ratios = Object.entries(report.ratios).map(([k, v]) => `  ${k}: ${fixed(v, 3)}`);
  return [
    `== ${name}`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...(ratios.length ? ['ratios:', ...ratios] : []),
  ].join('\n');
}
