import type { LoadResult, LoadSettings } from './load';

/** What a `bench/<name>.bench.ts` file default-exports; `bench/run.ts` finds and runs it. */
export interface Benchmark {
  name: string;
  description: string;
  run(settings: LoadSettings): Promise<BenchmarkReport>;
}

export interface BenchmarkReport {
  runs: LoadResult[];
  /** Derived comparisons, e.g. { "rps (b)/(c)": 0.42 }. */
  ratios: Record<string, number>;
  /** Facts about the setup worth keeping with the numbers (versions, options). */
  context: Record<string, string | number | boolean>;
}
