import type { OrderMailbox } from '../services/orders/order-mailbox';
import type { Job } from './job';

/** Reads each store's mailbox for "New order" e-mails (the fallback when webhooks and the API fail). */
export function readOrderMailboxJob({ mailbox }: { mailbox: OrderMailbox }): Job {
  return {
    name: 'read-order-mailbox',
    schedule: '0 */2 * * * *',
    leaseMs: 60_000,
    async run() {
      await mailbox.readAll();
    },
  };
}
