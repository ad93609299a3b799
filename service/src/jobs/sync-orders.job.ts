import type { OrderSync } from '../services/orders/order-sync';
import type { Job } from './job';

/** Resumes queued or interrupted store syncs and polls each store for changed orders (reconciling anything a webhook missed). */
export function syncOrdersJob({ sync }: { sync: OrderSync }): Job {
  return {
    name: 'sync-orders',
    schedule: '*/30 * * * * *',
    // Renewed while a long first import runs; another instance takes over within this if this one dies.
    leaseMs: 60_000,
    async run() {
      await sync.runPending();
    },
  };
}
