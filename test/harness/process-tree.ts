import { readdirSync, readFileSync } from 'node:fs';
import { delay } from './cleanup';

interface ProcStat {
  pid: number;
  ppid: number;
  pgrp: number;
  zombie: boolean;
}

// Linux only: servers we start fork workers (php -S, Dovecot), and all of them must be found to be stopped.
function allProcesses(): ProcStat[] {
  const list: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the ")" that closes the command name: state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      list.push({ pid: Number(entry), ppid: Number(fields[1]), pgrp: Number(fields[2]), zombie: fields[0] === 'Z' });
    } catch {
      // the process ended while we looked
    }
  }
  return list;
}

/** Live PIDs in process group `pgid`. */
export function processGroupMembers(pgid: number): number[] {
  return allProcesses()
    .filter((p) => p.pgrp === pgid && !p.zombie)
    .map((p) => p.pid);
}

/** `pid` and every live process below it. */
export function processTree(pid: number): number[] {
  const processes = allProcesses();
  const tree = new Set<number>();
  const visit = (parent: number) => {
    for (const p of processes) {
      if (p.ppid === parent && !tree.has(p.pid) && !p.zombie) {
        tree.add(p.pid);
        visit(p.pid);
      }
    }
  };
  if (processes.some((p) => p.pid === pid && !p.zombie)) tree.add(pid);
  visit(pid);
  return [...tree];
}

export function signalPids(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits until none of `pids` is alive; false on timeout. */
export async function waitUntilGone(pids: number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(alive)) {
    if (Date.now() > deadline) return false;
    await delay(50);
  }
  return true;
}

/** `signal` to every listed process, SIGKILL to whatever is still there after `graceMs`. */
export async function terminateAll(pids: number[], { graceMs = 5000, signal = 'SIGTERM' as NodeJS.Signals } = {}): Promise<void> {
  signalPids(pids, signal);
  if (!(await waitUntilGone(pids, graceMs))) {
    signalPids(pids, 'SIGKILL');
    await waitUntilGone(pids, 5000);
  }
}
