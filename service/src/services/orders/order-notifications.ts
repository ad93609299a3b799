// New orders waiting to be invoiced, for the admin bar (GET /notifications/summary).
import { Op } from 'sequelize';
import type { Models } from '../../db/models';
import { formatAmountForPeople } from '../../domain/orders/order-invoice-draft';
import type { NotificationSource } from '../notifications/notification-summary-service';

export function orderNotificationSource({ models }: { models: Models }): NotificationSource {
  return {
    async pending(limit) {
      const stores = await models.Store.findAll({ attributes: ['id', 'invoice_statuses'] });
      if (stores.length === 0) return { count: 0, items: [] };
      const where = {
        invoice_id: null,
        ignored: false,
        [Op.or]: stores.map((s) => ({
          store_id: s.id,
          [Op.or]: [{ status: { [Op.in]: JSON.parse(s.invoice_statuses) as string[] } }, { provisional: true }],
        })),
      };
      const [count, rows] = await Promise.all([
        models.StoreOrder.count({ where }),
        models.StoreOrder.findAll({ where, order: [['id', 'DESC']], limit }),
      ]);
      return {
        count,
        items: rows.map((r) => ({
          type: 'order',
          title:
            `#${r.number} · ${r.customer_name || r.customer_email || '—'} · ${r.currency ? formatAmountForPeople(Number(r.total), r.currency, 'es') : ''}`.trim(),
          url: `admin.php?page=cuadra-orders&order=${r.id}`,
          created_at: new Date(r.order_created_at ?? r.created_at).toISOString(),
        })),
      };
    },
  };
}
