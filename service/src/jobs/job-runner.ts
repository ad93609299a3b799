import { randomUUID } from 'node:crypto';
import schedule from 'node-schedule';
import type { JobLeases } from '../db/job-leases';
import type { Logger } from '../logger';
import type { Job } from './job';

/**
 * Runs jobs on their schedules. Each run first takes the job's lease row in the database, so with
 * several service instances only one works at a time; a small jitter spreads the instances out.
 */
export function startJobs({
  jobs,
  leases,
  logger,
  jitterMs = 1000,
}: {
  jobs: Job[];
  leases: JobLeases;
  logger: Logger;
  jitterMs?: number;
}) {
  const holder = randomUUID();
  const running = new Map<string, Promise<void>>();

  async function runOnce(job: Job): Promise<void> {
    if (running.has(job.name)) return; // still busy with the previous tick
    const work = (async () => {
      if (!(await leases.acquire(job.name, holder, job.leaseMs))) return;
      // Renewed while the run lasts, so the lease can be short: a crashed holder's run is taken over soon.
      const heartbeat = setInterval(() => {
        leases.acquire(job.name, holder, job.leaseMs).catch(() => undefined);
      }, job.leaseMs / 3);
      try {
        await job.run();
      } finally {
        clearInterval(heartbeat);
        await leases.release(job.name, holder);
      }
    })()
      .catch((err) => logger.warn({ job: job.name, err: { name: (err as Error).name, message: (err as Error).message } }, 'job run failed'))
      .finally(() => running.delete(job.name));
    running.set(job.name, work);
    await work;
  }

  const scheduled = jobs.map((job) =>
    schedule.scheduleJob(job.schedule, () => {
      setTimeout(() => void runOnce(job), Math.random() * jitterMs);
    }),
  );

  return {
    /** Runs a job now (after an enqueue, at start) without waiting for its schedule. */
    trigger(name: string): Promise<void> {
      const job = jobs.find((j) => j.name === name);
      return job ? runOnce(job) : Promise.resolve();
    },
    async stop(): Promise<void> {
      for (const s of scheduled) s?.cancel();
      await Promise.allSettled([...running.values()]);
    },
  };
}

export type JobRunner = ReturnType<typeof startJobs>;
