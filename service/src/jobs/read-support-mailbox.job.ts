import type { SupportMailboxService } from '../services/tickets/support-mailbox-service';
import type { Job } from './job';

const BATCH = 100;

/** Customers' e-mail replies: read the support mailbox by UID and thread each message into its ticket. */
export function readSupportMailboxJob({ mailbox, schedule }: { mailbox: SupportMailboxService; schedule: string }): Job {
  return {
    name: 'read-support-mailbox',
    schedule,
    leaseMs: 60_000,
    async run() {
      // Batches until the folder is caught up, so a backlog clears in one run.
      for (;;) {
        const { read } = await mailbox.readNew(BATCH);
        if (read < BATCH) return;
      }
    },
  };
}
