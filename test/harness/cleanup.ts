import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Something a test started that must not outlive the test run. Declarative, so that a separate
 * guardian process can release it even when the test process is killed (a CI timeout, Ctrl-C).
 */
export type TrackedResource =
  | { kind: 'process-group'; pgid: number; signal: NodeJS.Signals }
  | { kind: 'dir'; path: string }
  | { kind: 'mariadb-database'; name: string; server: { host: string; port: number; user: string; password: string } };

// Runs in a plain `node` child: `watch <parentPid> <manifest>` waits for the parent to die,
// `now <manifest>` releases at once. Kept dependency-free except mysql2, resolved by absolute path.
const GUARDIAN_SOURCE = `
const fs = require('fs');
const [mode, arg1, arg2] = process.argv.slice(1);
const manifest = mode === 'watch' ? arg2 : arg1;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function groupAlive(pgid) {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync('/proc/' + entry + '/stat', 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[2]) === pgid && f[0] !== 'Z') return true;
    } catch {}
  }
  return false;
}
async function release() {
  let resources = [];
  try { resources = JSON.parse(fs.readFileSync(manifest, 'utf8')); } catch { return; }
  const groups = resources.filter((r) => r.kind === 'process-group');
  for (const g of groups) { try { process.kill(-g.pgid, g.signal); } catch {} }
  const deadline = Date.now() + 5000;
  while (groups.some((g) => groupAlive(g.pgid)) && Date.now() < deadline) await sleep(50);
  for (const g of groups) { try { process.kill(-g.pgid, 'SIGKILL'); } catch {} }
  for (const r of resources) {
    if (r.kind === 'dir') { try { fs.rmSync(r.path, { recursive: true, force: true }); } catch {} }
    if (r.kind === 'mariadb-database') {
      try {
        const mysql = require(MYSQL2_PATH);
        const c = await mysql.createConnection({ ...r.server, connectTimeout: 5000 });
        await c.query('DROP DATABASE IF EXISTS \`' + r.name + '\`');
        await c.end();
      } catch {}
    }
  }
  try { fs.rmSync(require('path').dirname(manifest), { recursive: true, force: true }); } catch {}
}
if (mode === 'now') {
  release().then(() => process.exit(0));
} else {
  const parent = Number(arg1);
  const timer = setInterval(async () => {
    if (!fs.existsSync(manifest)) process.exit(0);
    try { process.kill(parent, 0); } catch { clearInterval(timer); await release(); process.exit(0); }
  }, 500);
}
`.replace('MYSQL2_PATH', JSON.stringify(require.resolve('mysql2/promise')));

const tracked = new Map<string, TrackedResource>();
let manifestPath: string | undefined;

function writeManifest(): void {
  if (!manifestPath) return;
  const temporary = `${manifestPath}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify([...tracked.values()]));
  renameSync(temporary, manifestPath);
}

// Lazily: a guardian per test file (jest) or per process (tsx), only once something is tracked.
function ensureGuardian(): void {
  if (manifestPath) return;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cuadra-guardian-'));
  manifestPath = path.join(dir, 'manifest.json');
  writeFileSync(manifestPath, '[]');
  const guardian = spawn(process.execPath, ['-e', GUARDIAN_SOURCE, 'watch', String(process.pid), manifestPath], {
    detached: true,
    stdio: 'ignore',
  });
  guardian.unref();
  installEndHook();
}

/** Releases everything still tracked, synchronously (used at the end of a test file or process). */
export function releaseAllTracked(): void {
  if (!manifestPath) return;
  if (tracked.size > 0) spawnSync(process.execPath, ['-e', GUARDIAN_SOURCE, 'now', manifestPath], { stdio: 'ignore', timeout: 30000 });
  rmSync(path.dirname(manifestPath), { recursive: true, force: true }); // the watching guardian exits when it is gone
  tracked.clear();
  manifestPath = undefined;
}

let hookInstalled = false;

// Under jest a test file's `process` is a sandbox copy whose 'exit' never fires, so the in-process
// safety net is a file-level afterAll (it runs after every describe-level afterAll).
function installEndHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  if (process.env.JEST_WORKER_ID !== undefined && typeof afterAll === 'function') {
    try {
      afterAll(releaseAllTracked);
    } catch {
      // imported from inside a running test; the guardian still covers it
    }
  }
  process.once('exit', releaseAllTracked);
}

// Register the jest hook while the test file is being collected: hooks cannot be added from inside a test.
if (process.env.JEST_WORKER_ID !== undefined) installEndHook();

/**
 * Tracks a resource until the returned `release` is called (after the owner stopped it normally).
 * If the owner never does, it is released at the end of the test file / process, and if the
 * process is killed, by the guardian process.
 */
export function track(resource: TrackedResource): () => void {
  ensureGuardian();
  const id = randomBytes(8).toString('hex');
  tracked.set(id, resource);
  writeManifest();
  return () => {
    if (tracked.delete(id)) writeManifest();
  };
}

/** A fresh private directory under the OS temp dir, named so leftovers are recognisable; tracked until `release`. */
export async function makeTrackedTempDir(purpose: string): Promise<{ dir: string; release: () => void }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `cuadra-${purpose}-`));
  return { dir, release: track({ kind: 'dir', path: dir }) };
}

/** A fresh temp directory that is removed by itself at the end of the test file (or process). */
export async function makeTempDir(purpose: string): Promise<string> {
  return (await makeTrackedTempDir(purpose)).dir;
}

export function removeDirSync(dir: string): void {
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Resolves after `ms` milliseconds; used by the polling helpers. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value other than undefined, or throws with `describeFailure()`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs, intervalMs = 100, describeFailure }: { timeoutMs: number; intervalMs?: number; describeFailure: () => string },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(describeFailure());
    await delay(intervalMs);
  }
}
