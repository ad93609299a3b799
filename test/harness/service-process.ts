import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { track, waitFor } from './cleanup';
import { freePort } from './ports';
import { REPO_ROOT, SERVICE_ENTRY } from './paths';

export interface ServiceOptions {
  /** `sqlite:/abs/file.sqlite` or `mysql://root@127.0.0.1:3306/db` (see database.ts). */
  databaseUrl: string;
  /** Shared secret; a random 48-character one by default. */
  secret?: string;
  port?: number;
  timezone?: string;
  logLevel?: string;
  /** Extra environment, e.g. feature flags of later issues. */
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

export interface RunningService {
  url: string;
  port: number;
  secret: string;
  pid: number;
  /** SIGTERM and wait: exercises the graceful shutdown. */
  stop(): Promise<void>;
  /** SIGKILL and wait: a crash, for tests of what survives one. */
  kill(): Promise<void>;
  /** Everything the process printed so far (JSON log lines and stray stderr). */
  logs(): string;
  exited: boolean;
  /** "exit code 0, signal null" once the process ended. */
  exitStatus: string | undefined;
}

const MAX_LOG_CHARS = 2_000_000;

/** Runs the built service (`service/dist/boot.js`) as a real process and waits until GET /health and GET /ready answer 200. */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const port = options.port ?? (await freePort());
  const secret = options.secret ?? randomBytes(24).toString('hex');
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [SERVICE_ENTRY], {
    cwd: REPO_ROOT,
    // Its own process group, so the guardian can stop it if the test process is killed.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      CUADRA_SECRET: secret,
      CUADRA_TIMEZONE: options.timezone ?? 'Europe/Madrid',
      LOG_LEVEL: options.logLevel ?? 'warn',
      ...options.env,
    },
  });
  const append = (chunk: Buffer) => {
    // Capped so a chatty benchmark run cannot eat the test process's memory.
    output = (output + chunk.toString('utf8')).slice(-MAX_LOG_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let exitInfo: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = `exit code ${code}, signal ${signal}`;
      resolve();
    });
  });
  const forget = child.pid ? track({ kind: 'process-group', pgid: child.pid, signal: 'SIGTERM' }) : () => undefined;

  const terminate = async (signal: NodeJS.Signals, graceMs: number) => {
    if (exitInfo === undefined) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    forget();
  };

  try {
    await waitFor(
      async () => {
        if (exitInfo !== undefined) throw new Error(`the service exited before it was ready (${exitInfo}). Output:\n${output}`);
        try {
          // /health only says the process runs; /ready also says the database is connected and migrated.
          const health = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
          if (health.status !== 200) return undefined;
          const ready = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2000) });
          return ready.status === 200 ? true : undefined;
        } catch {
          return undefined;
        }
      },
      {
        timeoutMs: options.startTimeoutMs ?? 30000,
        describeFailure: () => `the service did not answer 200 to GET /health and GET /ready within the timeout. Output:\n${output}`,
      },
    );
  } catch (error) {
    await terminate('SIGKILL', 0);
    throw error;
  }

  return {
    url,
    port,
    secret,
    pid: child.pid ?? -1,
    stop: () => terminate('SIGTERM', 10000),
    kill: () => terminate('SIGKILL', 0),
    logs: () => output,
    get exited() {
      return exitInfo !== undefined;
    },
    get exitStatus() {
      return exitInfo;
    },
  };
}
