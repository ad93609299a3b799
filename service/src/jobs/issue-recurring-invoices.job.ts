import type { BillingRun } from '../services/recurring/billing-run';
import type { Job } from './job';

export function issueRecurringInvoicesJob({ billingRun, schedule }: { billingRun: BillingRun; schedule: string }): Job {
  return {
    name: 'issue-recurring-invoices',
    schedule,
    // Renewed during a long catch-up; if the instance dies, another one takes over within this.
    leaseMs: 20_000,
    async run() {
      await billingRun.run();
    },
  };
}
