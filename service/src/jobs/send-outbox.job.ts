import type { OutboxService } from '../services/outbox/outbox-service';
import type { Job } from './job';

export function sendOutboxJob({ outbox }: { outbox: OutboxService }): Job {
  return {
    name: 'send-outbox',
    schedule: '*/15 * * * * *',
    leaseMs: 30_000,
    async run() {
      // Drain in batches until nothing due is left, so a backlog clears in one run.
      for (;;) {
        const { sent, failed } = await outbox.deliverDue(50);
        if (sent + failed < 50) return;
      }
    },
  };
}
