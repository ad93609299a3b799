import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261128160100-add-store-push-last-received-at',
  async up({ context: qi }) {
    // When WordPress last pushed the orders of its same-site store (shown next to the store).
    await qi.addColumn('cuadra_stores', 'push_last_received_at', { type: DataTypes.DATE(3), allowNull: true });
  },
  async down({ context: qi }) {
    await qi.removeColumn('cuadra_stores', 'push_last_received_at');
  },
};
