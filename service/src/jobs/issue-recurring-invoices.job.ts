import type { BillingRun } from '../services/recurring/billing-run';
import type { Job } from './job';

export function issueRecurringInvoicesJob({ billingRun, schedule }: { billingRun: BillingRun; schedule: string }): Job {
  return {
    name: 'issue-recurring-invoices',
    schedule,
    // A long catch-up keeps the lease; if the instance dies, another one takes over after this.
    leaseMs: 15 * 60_000,
    async run() {
      await billingRun.run();
    },
  };
}
