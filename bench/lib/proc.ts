// CPU time of processes and of the machine, read from /proc (Linux), for benchmarks that must say
// which process did the work and how busy the machine was.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  pgrp: number;
}

export function listProcesses(): ProcessInfo[] {
  const list: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z') list.push({ pid: Number(entry), pgrp: Number(fields[2]) });
    } catch {
      // ended while we looked
    }
  }
  return list;
}

const CLOCK_TICKS_PER_SEC = 100; // USER_HZ on Linux

/**
 * CPU time of a process group in ms: user + system of every member, plus that of children already
 * reaped (multi-process Chromium starts a print compositor per PDF; its time lands in the zygote's cutime/cstime).
 */
export function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // ended while we looked
    }
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SEC;
}

/** CPU time the machine's first `cpus` CPUs spent busy, from /proc/stat; steal (taken by the host) counts as busy. */
export function cpusBusyMs(cpus: number): number {
  let ticks = 0;
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const match = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!match || Number(match[1]) >= cpus) continue;
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = match[2]!.split(/\s+/).map(Number);
    ticks += user + nice + system + irq + softirq + steal;
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SEC;
}

/** CPU time of this process and of its children already reaped (the PHP processes, a browser that exited). */
export function selfAndReapedCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_SEC;
}

/** The process group of the first process whose command line contains `needle`, or null. */
export function processGroupOf(needle: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').includes(needle)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    } catch {
      // ended while we looked
    }
  }
  return null;
}
