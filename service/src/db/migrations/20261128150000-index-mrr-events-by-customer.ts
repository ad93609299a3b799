import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261128150000-index-mrr-events-by-customer',
  async up({ context: qi }) {
    // Movements compare each customer's MRR before and after a date: one pass over this index, in customer order.
    await qi.addIndex('cuadra_mrr_events', ['currency', 'customer_id', 'occurred_on', 'delta'], { name: 'cuadra_mrr_events_customer' });
  },
  async down({ context: qi }) {
    await qi.removeIndex('cuadra_mrr_events', 'cuadra_mrr_events_customer');
  },
};
