import autocannon from 'autocannon';

/** How hard and how long every measured run of a benchmark pushes. */
export interface LoadSettings {
  durationSec: number;
  warmupSec: number;
  connections: number;
}

export interface LoadTarget {
  /** Short label printed in the table, e.g. "(a) service GET /settings/company". */
  label: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  /** Called before every request; return the headers to add (e.g. a fresh signature: the service rejects replays). */
  headersPerRequest?: () => Record<string, string>;
}

export interface LoadResult {
  label: string;
  url: string;
  requestsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyAvgMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationSec: number;
  connections: number;
}

async function runOnce(target: LoadTarget, durationSec: number, connections: number) {
  const url = new URL(target.url);
  const instance = autocannon({
    url: url.origin,
    connections,
    duration: durationSec,
    timeout: 30,
    requests: [
      {
        method: target.method ?? 'GET',
        path: `${url.pathname}${url.search}`,
        headers: target.headers ?? {},
        // autocannon rejects a present-but-undefined setupRequest, so the key is added only when used.
        ...(target.headersPerRequest
          ? { setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...target.headersPerRequest!() } }) }
          : {}),
      },
    ],
  });
  return instance;
}

/** A warm-up (results thrown away: opcode caches, connection pools, JIT), then the measured run. */
export async function measure(target: LoadTarget, settings: LoadSettings): Promise<LoadResult> {
  if (settings.warmupSec > 0) await runOnce(target, settings.warmupSec, settings.connections);
  const result = await runOnce(target, settings.durationSec, settings.connections);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, Number(count)]));
  return {
    label: target.label,
    url: target.url,
    requestsPerSec: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyAvgMs: result.latency.average,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    durationSec: result.duration,
    connections: settings.connections,
  };
}

/** Problems that make a run's numbers meaningless (a fast 401 is not a fast endpoint). */
export function runProblems(result: LoadResult): string[] {
  const problems: string[] = [];
  if (result.requests === 0) problems.push(`${result.label}: no request completed`);
  if (result.non2xx > 0) problems.push(`${result.label}: ${result.non2xx} non-2xx responses ${JSON.stringify(result.statusCodes)}`);
  if (result.errors > 0) problems.push(`${result.label}: ${result.errors} connection errors (${result.timeouts} timeouts)`);
  return problems;
}
