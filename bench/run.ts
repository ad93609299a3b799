// Runs the benchmarks in bench/*.bench.ts (all, or those named on the command line), prints a table
// each, and keeps the numbers in bench/results/<name>-<timestamp>.json (gitignored).
//
//   npm run bench                         every benchmark
//   npx tsx bench/run.ts skeleton         one, by name
//   npx tsx bench/run.ts --duration=5 --warmup=1 --connections=4
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Benchmark } from './lib/benchmark';
import { runProblems, type LoadSettings } from './lib/load';
import { formatReport } from './lib/report';

const BENCH_DIR = __dirname;
const RESULTS_DIR = path.join(BENCH_DIR, 'results');

function parseArguments(argv: string[]): { names: string[]; settings: LoadSettings } {
  const settings: LoadSettings = { durationSec: 10, warmupSec: 2, connections: 8 };
  const names: string[] = [];
  for (const arg of argv) {
    const option = /^--(duration|warmup|connections)=(\d+)$/.exec(arg);
    if (option) {
      const value = Number(option[2]);
      if (option[1] === 'duration') settings.durationSec = value;
      if (option[1] === 'warmup') settings.warmupSec = value;
      if (option[1] === 'connections') settings.connections = value;
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg} (known: --duration=S --warmup=S --connections=N)`);
    } else {
      names.push(arg);
    }
  }
  return { names, settings };
}

async function loadBenchmarks(names: string[]): Promise<Benchmark[]> {
  const available = readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith('.bench.ts'))
    .map((file) => file.slice(0, -'.bench.ts'.length))
    .sort();
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length) throw new Error(`no benchmark named ${unknown.join(', ')}; available: ${available.join(', ')}`);
  const chosen = names.length ? names : available;
  const benchmarks: Benchmark[] = [];
  for (const name of chosen) {
    const module = (await import(path.join(BENCH_DIR, `${name}.bench.ts`))) as { default: Benchmark | { default: Benchmark } };
    // tsx may wrap a CommonJS default export once more.
    const benchmark = 'run' in module.default ? module.default : module.default.default;
    benchmarks.push(benchmark);
  }
  return benchmarks;
}

function timestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/:/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

async function main(): Promise<number> {
  const { names, settings } = parseArguments(process.argv.slice(2));
  const benchmarks = await loadBenchmarks(names);
  const failures: string[] = [];
  for (const benchmark of benchmarks) {
    console.log(`\n${benchmark.name}: ${benchmark.description}`);
    console.log(`(${settings.warmupSec} s warm-up, then ${settings.durationSec} s at ${settings.connections} connections per run)`);
    const startedAt = new Date();
    let report;
    try {
      report = await benchmark.run(settings);
    } catch (error) {
      failures.push(`${benchmark.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      continue;
    }
    console.log(formatReport(benchmark.name, report));
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${benchmark.name}-${timestamp(startedAt)}.json`);
    writeFileSync(file, `${JSON.stringify({ name: benchmark.name, started_at: startedAt.toISOString(), settings, ...report }, null, 2)}\n`);
    console.log(`results: ${path.relative(process.cwd(), file)}`);
    failures.push(...report.runs.flatMap(runProblems));
  }
  if (failures.length) {
    console.error(`\nBENCHMARK FAILED — these numbers are not valid:\n  - ${failures.join('\n  - ')}`);
    return 1;
  }
  return 0;
}

// Ctrl-C: exiting runs the harness's exit cleanup (servers stopped, databases dropped, temp dirs removed).
process.once('SIGINT', () => {
  console.error('interrupted: cleaning up');
  process.exit(130);
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
